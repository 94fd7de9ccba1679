#!/usr/bin/env node
// Runs the built CLI (published package) or, in a source checkout, the TypeScript
// source through tsx, so `npm start` works right after `npm install`.
import { existsSync } from 'node:fs';

const source = new URL('../emulators/cli.ts', import.meta.url);
let cli;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(source.href);
} else {
  cli = await import(new URL('../dist/emulators/cli.js', import.meta.url).href);
}
process.exitCode = await cli.main(process.argv.slice(2));
