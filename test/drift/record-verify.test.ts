// Drift detection as a user runs it: `pasarela record` in front of a second emulator (in
// its own process, with its own credentials) standing in for the live sandbox, then
// `pasarela verify` against a fresh emulator; then the stand-in changes one answer.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tpaga, TpagaError } from '../../clients/tpaga/index.ts';
import { BIN, exited, randomBase, run, useStart } from '../helpers/cli.ts';

const start = useStart();
const recorders: ChildProcess[] = [];
afterAll(() => {
  for (const c of recorders) if (c.exitCode === null) c.kill('SIGKILL');
});

// The "live" account: credentials the stand-in knows and the emulator under test does not.
const PRIVATE = 'live-private-Zq81xKp0vR7';
const PUBLIC = 'live-public-Hm3Tn9wLc52';
const PAN = '4111111111111111';
const CVC = '837';
const b64 = (s: string) => Buffer.from(s).toString('base64').replace(/=+$/, '');

let base: number;
let standIn: string;
const env = () => ({ TPAGA_BASE_URL: `${standIn}/api`, TPAGA_PRIVATE_KEY: PRIVATE, TPAGA_PUBLIC_KEY: PUBLIC });

/** Starts `pasarela record` for Tpaga; resolves with its URL (the client's base) and its output so far. */
function record(out: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'record', '--provider', 'tpaga', '--target', 'live', '--port', '0', '--out', out], { env: { ...process.env, ...env() }, stdio: ['ignore', 'pipe', 'pipe'] });
  recorders.push(child);
  let text = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      const url = /Recording Tpaga: (\S+)/.exec(text)?.[1];
      if (url && text.includes('Press Ctrl+C')) resolve({ child, url, output: () => text });
    });
    child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
    child.on('exit', (code) => reject(new Error(`record exited ${code}: ${text}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGINT');
  expect(await exited(child)).toBe(0);
}

const files = (dir: string) => readdirSync(join(dir, 'tpaga')).map((f) => join(dir, 'tpaga', f));
const everything = (dir: string) => files(dir).map((f) => readFileSync(f, 'utf8')).join('\n');

/** Nothing the user sent that must stay private is in `text`. */
function expectRedacted(text: string) {
  for (const secret of [PRIVATE, PUBLIC, b64(`${PRIVATE}:`), b64(`${PUBLIC}:`), PAN, '4111 1111 1111 1111']) expect(text, secret).not.toContain(secret);
  expect(text).not.toMatch(new RegExp(`"cvc"\\s*:\\s*"${CVC}"`));
}

beforeAll(async () => {
  base = randomBase();
  const dir = mkdtempSync(join(tmpdir(), 'pasarela-drift-'));
  const config = join(dir, 'live.json');
  writeFileSync(config, JSON.stringify({ tpaga: [{ privateKey: PRIVATE, publicKey: PUBLIC }] }));
  await start(['--port', String(base), '--providers', 'tpaga', '--config', config]);
  standIn = `http://127.0.0.1:${base + 2}`;
}, 60_000);

describe('pasarela record → pasarela verify', () => {
  let recorded: string;

  it('records a session through the proxy: real answers unchanged, one line and one case per exchange, nothing secret on disk', { timeout: 60_000 }, async () => {
    recorded = mkdtempSync(join(tmpdir(), 'pasarela-rec-'));
    const { child, url, output } = await record(recorded);
    const client = new Tpaga({ privateKey: PRIVATE, publicKey: PUBLIC, baseUrl: url });
    const customer = await client.createCustomer({ firstName: 'Ana', lastName: 'Drift', email: 'ana@example.com', phone: '3001234567' });
    const { token } = await client.tokenize({ primaryAccountNumber: PAN, cardHolderName: 'Ana Drift', expirationMonth: '12', expirationYear: String(new Date().getUTCFullYear() + 3), cvc: CVC });
    const card = await client.associateCard(customer.id, token);
    const charge = await client.chargeCard({ creditCard: card.id, amount: 4500, orderId: `DRIFT-${Date.now()}`, description: 'drift test' });
    expect(charge).toMatchObject({ paid: true, transactionInfo: { status: 'authorized' } });
    expect((await client.getCharge(charge.id)).id).toBe(charge.id);
    expect((await client.getCustomer(customer.id)).id).toBe(customer.id);
    const missing = await client.getCustomer('no-such-customer').catch((e: unknown) => e);
    expect((missing as TpagaError).status).toBe(404);
    const wrongKey = await new Tpaga({ privateKey: `${PRIVATE}x`, publicKey: PUBLIC, baseUrl: url }).createCustomer({}).catch((e: unknown) => e);
    expect((wrongKey as TpagaError).status).toBe(401);
    // The proxy answers exactly what the stand-in answers.
    const direct = await fetch(`${standIn}/api/customer/${customer.id}`, { headers: { authorization: `Basic ${Buffer.from(`${PRIVATE}:`).toString('base64')}` } });
    const proxied = await fetch(`${url}/customer/${customer.id}`, { headers: { authorization: `Basic ${Buffer.from(`${PRIVATE}:`).toString('base64')}` } });
    expect(proxied.status).toBe(direct.status);
    expect(await proxied.text()).toBe(await direct.text());
    await stop(child);

    const lines = output().split('\n').filter((l) => / → \d{3} /.test(l));
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/^POST \/api\/customer → 201 {2}tpaga-rec-\S+\.json$/);
    expect(output()).toContain('recorded 9 exchanges');
    expect(files(recorded)).toHaveLength(9);
    const text = everything(recorded);
    expectRedacted(text);
    const cases = files(recorded).map((f) => JSON.parse(readFileSync(f, 'utf8')));
    for (const c of cases) expect(c).toMatchObject({ provider: 'tpaga', grade: 'recorded', source: { kind: 'pasarela-record' }, lastVerified: new Date().toISOString().slice(0, 10) });
    // Ids the gateway made are captured, not copied: the charge replays the customer, token and card before it.
    const chargeCase = cases.find((c) => c.request.method === 'POST' && c.request.path === '/api/charge/credit_card')!;
    expect(chargeCase.setup.steps.map((s: { request: { path: string } }) => s.request.path)).toEqual(['/api/customer', '/api/tokenize/credit_card', '/api/customer/{{id1}}/credit_card_token']);
    expect(chargeCase.request.body).toContain('"creditCard":"{{id');
    expect(chargeCase.request.body).toContain('"orderId":"DRIFT-');
    expect(chargeCase.expect.values).toEqual(expect.arrayContaining(['paid', 'transactionInfo.status']));
    expect(text).toContain('411111******1111');
  });

  it('verify: every recorded case matches a fresh emulator with its stock credentials', { timeout: 60_000 }, async () => {
    const r = await run(['verify', recorded]);
    expect(r.stdout).toContain('9 cases: 9 match, 0 differ');
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('when the stand-in changes one answer (a fault rule), verify reports exactly that difference, exit 1, and in JUnit', { timeout: 60_000 }, async () => {
    const probe = await fetch(`${standIn}/api/customer/no-such-customer`, { headers: { authorization: `Basic ${Buffer.from(`${PRIVATE}:`).toString('base64')}` } });
    const body = await probe.text();
    const fault = await fetch(`http://127.0.0.1:${base}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'tpaga', method: 'GET', path: '/api/customer/no-such-customer', action: { type: 'status', status: 410, body, contentType: probe.headers.get('content-type') } }),
    });
    expect(fault.status).toBeLessThan(300);
    const drifted = mkdtempSync(join(tmpdir(), 'pasarela-rec-'));
    const { child, url } = await record(drifted);
    const missing = await new Tpaga({ privateKey: PRIVATE, publicKey: PUBLIC, baseUrl: url }).getCustomer('no-such-customer').catch((e: unknown) => e);
    expect((missing as TpagaError).status).toBe(410);
    await stop(child);
    const junit = join(drifted, 'verify.xml');
    const r = await run(['verify', drifted, '--reporter', 'junit', '--output', junit]);
    expect(r.code).toBe(1);
    // One difference, the status: the body, its keys and types are as recorded.
    expect(r.stdout).toMatch(/^✗ tpaga-rec-\S+-001-get-api-customer-no-such-customer {2}\(.*\)\n {4}differs from the recording:\n {6}status: expected 410, got 404\n1 case: 0 match, 1 differ\n/m);
    expect(r.stdout).toContain('1 case: 0 match, 1 differ');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/failures="1"/);
    expect(xml).toContain('status: expected 410, got 404');
  });

  it('contract --target live --record DIR records the suite\'s exchanges, and verify matches them all', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasarela-rec-'));
    // The fault rule of the test above stays on the stand-in for one unknown customer only; the suite never asks for it.
    const r = await run(['contract', '--target', 'live', '--provider', 'tpaga', '--record', dir], env());
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const count = Number(/recorded (\d+) exchanges under /.exec(r.stdout)?.[1]);
    expect(count).toBeGreaterThan(10);
    expect(files(dir)).toHaveLength(count);
    expectRedacted(everything(dir));
    const v = await run(['verify', dir]);
    expect(v.stdout).toContain(`${count} cases: ${count} match, 0 differ`);
    expect(v.code).toBe(0);
  });
});
