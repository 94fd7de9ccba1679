// The published package: `npm pack`, installed in a plain-JavaScript project with msw,
// works without TypeScript or tsx (MSW handlers, createSandbox, client, contracts, bin).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEnv as env, npm, packInto } from '../helpers/packed.ts';

const consumer = `
import { createHash, randomBytes } from 'node:crypto';
import { setupServer } from 'msw/node';
import { handlers } from 'pasarela/msw';
import { createSandbox } from 'pasarela';
import { PlacetoPay } from 'pasarela/clients/placetopay';
import { validate } from 'pasarela/contracts';

const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });
const raw = randomBytes(16).toString('hex');
const seed = new Date().toISOString();
const tranKey = createHash('sha256').update(raw + seed + 'sandbox-secret-key').digest('base64');
const res = await fetch('https://checkout-test.placetopay.com/api/session', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    auth: { login: 'sandbox-login', tranKey, nonce: Buffer.from(raw).toString('base64'), seed },
    payment: { reference: 'PACKED', amount: { currency: 'USD', total: 10 } },
    ipAddress: '127.0.0.1', userAgent: 'consumer', returnUrl: 'https://shop.example/r',
  }),
});
const created = await res.json();
server.close();

const sandbox = createSandbox();
const { urls } = await sandbox.start({ port: 0 });
const client = new PlacetoPay({ login: 'sandbox-login', secretKey: 'sandbox-secret-key', baseUrl: urls.placetopay, validate: true });
const viaHttp = await client.createSession({ payment: { reference: 'HTTP', amount: { currency: 'USD', total: 5 } }, ipAddress: '1.1.1.1', userAgent: 'consumer', returnUrl: 'https://shop.example/r' });
await sandbox.stop();
console.log(JSON.stringify({ status: res.status, requestId: created.requestId, valid: validate('placetopay', 'session-create.response', created).valid, http: viaHttp.status.status }));
`;

const vitestSuite = `
import { expect, inject, it } from 'vitest';
import { connect } from 'pasarela/vitest';
import { PlacetoPay } from 'pasarela/clients/placetopay';

const pasarela = connect(inject('pasarela').urls);

it('pays a PlacetoPay session and finds the call in the journal', async () => {
  const site = await pasarela.freshMerchant('placetopay');
  const client = new PlacetoPay({ login: site.login, secretKey: site.secretKey, baseUrl: site.baseUrl });
  const { requestId } = await client.createSession({ payment: { reference: 'SHOP-1', amount: { currency: 'USD', total: 5 } }, ipAddress: '1.1.1.1', userAgent: 'shop', returnUrl: 'https://shop.example/r' });
  await pasarela.complete('placetopay', requestId, { outcome: 'approved' });
  expect((await client.query(requestId)).status.status).toBe('APPROVED');
  await pasarela.expectCalled('placetopay', 'POST /api/session', { merchant: site.key, body: { payment: { reference: 'SHOP-1' } } });
});

it('another test has its own merchant and sees none of the calls of the first', async () => {
  const site = await pasarela.freshMerchant('placetopay');
  await pasarela.expectNotCalled('placetopay', 'POST /api/session', { merchant: site.key });
});
`;

describe('npm pack', () => {
  it('installs into a plain JavaScript project and works without TypeScript, vitest setup included', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasarela-pack-'));
    const tarball = basename(await packInto(dir));
    expect(tarball).toMatch(/^pasarela-\d+\.\d+\.\d+\.tgz$/);
    const listing = execFileSync('tar', ['-tzf', join(dir, tarball)], { encoding: 'utf8' });
    expect(listing).toContain('package/dist/emulators/index.js');
    expect(listing).toContain('package/dist/emulators/index.d.ts');
    expect(listing).toContain('package/dist/contracts/placetopay/common.json');
    expect(listing).not.toMatch(/package\/(emulators|test|bench)\/.*\.ts$/);

    const project = join(dir, 'consumer');
    execFileSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    npm(['install', '--prefer-offline', join(dir, tarball), 'msw@2.15.0', 'vitest@4.1.12'], project);
    writeFileSync(join(project, 'check.mjs'), consumer);
    const out = JSON.parse(execFileSync(process.execPath, ['check.mjs'], { cwd: project, env, encoding: 'utf8' }).trim()) as Record<string, unknown>;
    expect(out).toEqual({ status: 200, requestId: 1, valid: true, http: 'OK' });
    expect(execFileSync(join(project, 'node_modules/.bin/pasarela'), ['--version'], { env, encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(execFileSync(join(project, 'node_modules/.bin/pasarela'), ['scenarios', '--provider', 'placetopay', '--format', 'json'], { env, encoding: 'utf8' })).toContain('visa-approved');

    // A vitest suite in this other project: one line of config starts the sandbox.
    writeFileSync(join(project, 'vitest.config.mjs'), `import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { globalSetup: ['pasarela/vitest'] } });\n`);
    writeFileSync(join(project, 'payments.test.mjs'), vitestSuite);
    const run = execFileSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run'], { cwd: project, env, encoding: 'utf8' });
    expect(run).toMatch(/2 passed/);
  });
});
