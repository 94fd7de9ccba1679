#!/usr/bin/env node
// Runs the built CLI when dist/ is current (the published package; a checkout after
// `npm install`, which builds it), otherwise the TypeScript source through tsx, so an
// edited checkout never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const built = new URL('dist/emulators/cli.js', root);
const source = new URL('emulators/cli.ts', root);

/** Newest modification time under the source folders (a few hundred files: a few ms). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['emulators', 'clients', 'contracts', 'scenarios']) walk(new URL(dir, root).pathname);
  return newest;
}

const stamp = new URL('dist/.built', root);
const useBuilt = !existsSync(source) || (existsSync(built) && existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource());

async function fromSource() {
  const { register } = await import('tsx/esm/api');
  register();
  return import(source.href);
}

let cli;
if (useBuilt) {
  // dist/ can vanish under us while a build rewrites it: then the source still works.
  cli = await import(built.href).catch((e) => (existsSync(source) ? fromSource() : Promise.reject(e)));
} else {
  cli = await fromSource();
}
process.exitCode = await cli.main(process.argv.slice(2));
