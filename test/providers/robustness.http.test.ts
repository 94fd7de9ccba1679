// Bad input on every route of every provider, over real HTTP.
import { afterAll, beforeAll } from 'vitest';
import { createSandbox, providers, type Sandbox } from '../../emulators/index.ts';
import { robustnessCases } from './robustness.cases.ts';

const errors: string[] = [];
let sandbox: Sandbox;
let urls: Record<string, string> = {};
beforeAll(async () => {
  sandbox = createSandbox({ logError: (m) => errors.push(m) });
  urls = (await sandbox.start({ port: 0 })).urls;
});
afterAll(() => sandbox.stop());
robustnessCases({ sandbox: () => sandbox, base: (p) => urls[p]!, errors: () => errors }, providers.map((p) => p.id));
