// Ids named like Object.prototype members on every route, over real HTTP.
import '../helpers/freeze-prototype.ts';
import { afterAll, beforeAll } from 'vitest';
import { createSandbox, type Sandbox } from '../../emulators/index.ts';
import { prototypeIdCases } from './prototype-ids.cases.ts';

const errors: string[] = [];
let sandbox: Sandbox;
let urls: Record<string, string> = {};
beforeAll(async () => {
  sandbox = createSandbox({ logError: (m, e) => errors.push(`${m}: ${String(e)}`), webhooks: { delayMs: 60_000 } });
  urls = (await sandbox.start({ port: 0 })).urls;
});
afterAll(() => sandbox.stop());
prototypeIdCases({ sandbox: () => sandbox, base: (p) => urls[p]!, errors: () => errors });
