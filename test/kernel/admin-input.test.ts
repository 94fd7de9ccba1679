// Admin input is validated like provider input: out-of-range clocks, bad snapshots, deep
// and huge bodies and adversarial fault patterns get a 4xx, and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../clients/tpaga/auth.ts';
import { createSandbox, type Sandbox } from '../../emulators/index.ts';
import { CLOCK_RANGE } from '../../emulators/kernel/clock.ts';

let sandbox: Sandbox;
let urls: Record<string, string> = {};
const errors: string[] = [];
beforeAll(async () => {
  sandbox = createSandbox({ logError: (m) => errors.push(m) });
  urls = (await sandbox.start({ port: 0 })).urls;
});
afterAll(() => sandbox.stop());

const admin = async (path: string, body?: unknown, base = urls.control) => {
  const res = await fetch(`${base}/__admin/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as { error?: { message: string } } & Record<string, unknown> };
};
const tpagaCustomer = () =>
  fetch(`${urls.tpaga}/api/customer`, { method: 'POST', headers: { authorization: basicAuthorization('sandbox-private-key'), 'content-type': 'application/json' }, body: '{}' });

describe('the clock', () => {
  it.each([1e308, -1e308, 8.64e12, -8.64e12])('advanceSeconds %s is a 400 naming the range; the clock and every port are unchanged', async (advanceSeconds) => {
    const before = await admin('clock');
    const res = await admin('clock', { advanceSeconds });
    expect(res.status).toBe(400);
    expect(res.json.error!.message).toMatch(/advanceSeconds/);
    const after = await admin('clock');
    expect(Math.abs(Date.parse(after.json.now as string) - Date.parse(before.json.now as string))).toBeLessThan(5_000);
    expect((await tpagaCustomer()).status).toBe(201);
  });

  it('freezeAt and set outside 1970 … 9999 are 400 with the range; a failing part leaves the clock as it was', async () => {
    for (const body of [{ freezeAt: '+275760-09-13T00:00:00Z' }, { set: '1969-12-31T23:59:59Z' }, { freezeAt: 8.64e15 }]) {
      const res = await admin('clock', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const res = await admin('clock', { freezeAt: '9999-12-31T00:00:00Z', advanceSeconds: 2 * 86400 });
    expect(res.status).toBe(400);
    expect(res.json.error!.message).toContain(CLOCK_RANGE.max);
    expect((await admin('clock')).json.frozen).toBe(false);
  });

  it('unknown or mistyped fields are named', async () => {
    expect((await admin('clock', { advance: 10 })).json.error!.message).toMatch(/Unknown field "advance"/);
    expect((await admin('clock', { advanceSeconds: '10' })).json.error!.message).toMatch(/advanceSeconds must be number/);
  });
});

describe('snapshots', () => {
  it.each([
    ['a merchant state that is not an object', { version: 1, providers: { tpaga: { merchants: { 'sandbox-public-key': 5 } } } }, /tpaga\.merchants\.sandbox-public-key/],
    ['no providers', { version: 1 }, /providers/],
    ['merchants null', { version: 1, providers: { tpaga: { merchants: null } } }, /tpaga\.merchants/],
    ['a bad clock', { version: 1, providers: {}, clock: { offsetMs: 'soon', frozenAt: null } }, /clock\.offsetMs/],
  ])('restore of %s is a 400 naming the problem; nothing is replaced', async (_what, snapshot, problem) => {
    const made = (await (await tpagaCustomer()).json()) as { id: string };
    const res = await admin('restore', snapshot);
    expect(res.status).toBe(400);
    expect(res.json.error!.message).toMatch(problem);
    const got = await fetch(`${urls.tpaga}/api/customer/${made.id}`, { headers: { authorization: basicAuthorization('sandbox-private-key') } });
    expect(got.status).toBe(200);
  });

  it('a snapshot taken here restores, and ids keep going forward', async () => {
    const snap = await admin('snapshot', {});
    expect(snap.status).toBe(201);
    expect((await admin('restore', snap.json)).status).toBe(200);
    expect(errors).toEqual([]);
  });
});

describe('bodies', () => {
  it('a body nested 10,000 deep is a 400, not a 500', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    for (const path of ['merchants', 'faults', 'clock', 'complete', 'restore']) {
      const res = await admin(path, `{"provider":"tpaga","x":${deep}}`);
      expect(res.status, path).toBe(400);
      expect(res.json.error!.message, path).toMatch(/deeper than|JSON/);
    }
  });

  it('an admin body over 16 MiB is a 413', async () => {
    const res = await admin('restore', `{"name":"${'x'.repeat(17 * 1024 * 1024)}"}`);
    expect(res.status).toBe(413);
  });
});

describe('fault patterns', () => {
  it('a backtracking-shaped glob and a long path are matched at once, and the port keeps answering', { timeout: 10_000 }, async () => {
    const rule = await admin('faults', { provider: 'tpaga', path: '/*a*a*a*a*a*a*a*a*a*a*a*a*!', action: { type: 'latency', ms: 1 } });
    expect(rule.status).toBe(201);
    for (const n of [40, 1000, 100_000]) {
      const res = await fetch(`${urls.tpaga}/${'a'.repeat(n)}`);
      expect(res.status).toBeLessThan(500);
    }
    expect((await fetch(`${urls.placetopay}/__admin/health`)).status).toBe(200);
    await fetch(`${urls.control}/__admin/faults`, { method: 'DELETE' });
  });
});
