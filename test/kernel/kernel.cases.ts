/**
 * Kernel behaviour through a transport: journal, faults, scenario resolution, tick,
 * admin API. Run over real HTTP and over MSW with identical expectations.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../emulators/kernel/sandbox.ts';

export interface KernelTarget {
  base(): string;
  sandbox(): Sandbox;
}

export function kernelCases(t: KernelTarget) {
  const headers = { authorization: 'Bearer fixture-key', 'content-type': 'application/json' };
  const pay = (card = '4242424242424242', extra: Record<string, string> = {}) =>
    fetch(`${t.base()}/pay`, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify({ card, amount: 10, cvv: '321' }) });
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${t.base()}/__admin/${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  const addFault = async (rule: unknown) => {
    const res = await admin('faults', { method: 'POST', body: JSON.stringify(rule) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { fault: { id: string } }).fault;
  };

  beforeEach(() => {
    t.sandbox().reset();
  });

  describe('journal', () => {
    it('records each exchange with merchant, scenario, status and redacted bodies; admin calls are not recorded', async () => {
      await pay('4000000000000002');
      await admin('health');
      const entries = t.sandbox().journal.entries({ provider: 'fixture' });
      expect(entries).toHaveLength(1);
      const e = entries[0]!;
      expect(e).toMatchObject({ method: 'POST', path: '/pay', merchant: 'fixture-key', scenario: { id: 'declined', source: 'magic' }, response: { status: 201 } });
      expect(e.request.body).toEqual({ card: '400000******0002', amount: 10, cvv: '[redacted]' });
      expect(e.request.headers.authorization).toBe('Bearer [redacted]');
      expect(JSON.stringify(e)).not.toContain('4000000000000002');
      expect(JSON.stringify(e)).not.toContain('321');
    });

    it('GET /__admin/journal filters by path and method, DELETE clears it', async () => {
      await pay();
      await fetch(`${t.base()}/pay/pay_1`, { headers });
      const listed = (await (await admin('journal?path=/pay&method=POST')).json()) as { entries: unknown[] };
      expect(listed.entries).toHaveLength(1);
      expect((await admin('journal', { method: 'DELETE' })).status).toBe(204);
      expect(((await (await admin('journal')).json()) as { entries: unknown[] }).entries).toHaveLength(0);
    });

    it('records errors in the provider format, including unexpected exceptions (no stack trace)', async () => {
      const res = await fetch(`${t.base()}/boom`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
      expect(t.sandbox().journal.entries({ path: '/boom' })[0]!.response.status).toBe(500);
    });

    it('a path with a malformed percent-escape is the provider 404, not a crash', async () => {
      const res = await fetch(`${t.base()}/pay/%ff`, { headers });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    });

    it('an unknown route is the provider 404, journaled', async () => {
      const res = await fetch(`${t.base()}/nowhere`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not-found');
    });
  });

  describe('scenarios', () => {
    it('header beats queue beats magic value', async () => {
      await admin('scenarios/next', { method: 'POST', body: JSON.stringify({ scenario: 'pending', times: 1 }) });
      expect(((await (await pay('4000000000000002', { 'x-pasarela-scenario': 'approved' })).json()) as { status: string }).status).toBe('approved');
      expect(((await (await pay('4000000000000002')).json()) as { status: string }).status).toBe('pending');
      expect(((await (await pay('4000000000000002')).json()) as { status: string }).status).toBe('declined');
    });

    it('a queued scenario can be limited to a merchant and a path, and used several times', async () => {
      await admin('scenarios/next', { method: 'POST', body: JSON.stringify({ scenario: 'declined', merchant: 'other-merchant' }) });
      await admin('scenarios/next', { method: 'POST', body: JSON.stringify({ scenario: 'pending', path: '/pay', times: 2 }) });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(((await (await pay()).json()) as { status: string }).status);
      expect(statuses).toEqual(['pending', 'pending', 'approved']);
      expect(((await (await admin('scenarios/queue')).json()) as { queue: unknown[] }).queue).toHaveLength(1);
    });

    it('queueing an unknown scenario is a 404 that names it; GET scenarios lists the catalog', async () => {
      const res = await admin('scenarios/next', { method: 'POST', body: JSON.stringify({ scenario: 'nope' }) });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/nope/);
      const list = (await (await admin('scenarios')).json()) as { scenarios: { id: string; live: boolean }[] };
      expect(list.scenarios.map((s) => s.id)).toEqual(['approved', 'declined', 'pending']);
    });
  });

  describe('faults', () => {
    it('status without a body answers in the provider format; with a body, exactly that body', async () => {
      await addFault({ path: '/pay', action: { type: 'status', status: 503 }, times: 1 });
      const first = await pay();
      expect(first.status).toBe(503);
      expect(((await first.json()) as { error: { code: string } }).error.code).toBe('fault');
      expect((await pay()).status).toBe(201);
      await addFault({ method: 'POST', action: { type: 'status', status: 502, body: '<html>bad gateway</html>', contentType: 'text/html' }, times: 1 });
      const second = await pay();
      expect(second.status).toBe(502);
      expect(await second.text()).toBe('<html>bad gateway</html>');
    });

    it('network-error makes the fetch fail, then the rule retires after `times`', async () => {
      await addFault({ path: '/pay', action: { type: 'network-error' }, times: 1 });
      await expect(pay()).rejects.toThrow();
      expect((await pay()).status).toBe(201);
      expect(t.sandbox().journal.entries({ path: '/pay' })[0]!.fault).toMatch(/network-error/);
    });

    it('hang: the client gives up first', async () => {
      await addFault({ path: '/slow', action: { type: 'hang', ms: 5_000 }, times: 1 });
      await expect(fetch(`${t.base()}/slow`, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    });

    it('latency delays the real answer by at least the given time', async () => {
      await addFault({ path: '/slow', action: { type: 'latency', ms: 120 }, times: 1 });
      const started = performance.now();
      const res = await fetch(`${t.base()}/slow`);
      expect(await res.json()).toEqual({ ok: true });
      expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    });

    it('garble keeps the status and breaks the body', async () => {
      await addFault({ path: '/slow', action: { type: 'garble' }, times: 1 });
      const res = await fetch(`${t.base()}/slow`);
      expect(res.status).toBe(200);
      await expect(res.clone().json()).rejects.toThrow();
    });

    it('scope by method: a GET rule leaves POSTs alone', async () => {
      await addFault({ method: 'GET', action: { type: 'status', status: 500 } });
      expect((await pay()).status).toBe(201);
      expect((await fetch(`${t.base()}/slow`)).status).toBe(500);
    });

    it('seeded probability gives the same pattern on every run', async () => {
      const pattern = async () => {
        await admin('faults', { method: 'DELETE' });
        await addFault({ path: '/slow', action: { type: 'status', status: 500 }, probability: 0.5, seed: 42 });
        const out: number[] = [];
        for (let i = 0; i < 16; i++) out.push((await fetch(`${t.base()}/slow`)).status);
        return out;
      };
      const a = await pattern();
      const b = await pattern();
      expect(a).toEqual(b);
      expect(a).toContain(500);
      expect(a).toContain(200);
    });

    it('invalid rules are refused with a message; rules can be listed and removed', async () => {
      const bad = await admin('faults', { method: 'POST', body: JSON.stringify({ action: { type: 'explode' } }) });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/action.type/);
      const rule = await addFault({ id: 'mine', action: { type: 'latency', ms: 1 } });
      expect(((await (await admin('faults')).json()) as { faults: { id: string }[] }).faults.map((f) => f.id)).toEqual(['mine']);
      expect((await admin(`faults/${rule.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await admin('faults/mine', { method: 'DELETE' })).status).toBe(404);
    });
  });

  describe('clock and tick', () => {
    it('advancing the clock through the admin API runs the provider tick (a pending payment expires)', async () => {
      const created = (await (await pay('4242424242424242', { 'x-pasarela-scenario': 'pending' })).json()) as { id: string };
      const before = (await (await fetch(`${t.base()}/pay/${created.id}`, { headers })).json()) as { status: string };
      expect(before.status).toBe('pending');
      const clock = (await (await admin('clock', { method: 'POST', body: JSON.stringify({ advanceSeconds: 61 }) })).json()) as { offsetSeconds: number };
      expect(clock.offsetSeconds).toBeGreaterThanOrEqual(61);
      expect(((await (await fetch(`${t.base()}/pay/${created.id}`, { headers })).json()) as { status: string }).status).toBe('expired');
    });

    it('freezeAt stops time; a bad date is a 400', async () => {
      const frozen = (await (await admin('clock', { method: 'POST', body: JSON.stringify({ freezeAt: '2030-01-01T00:00:00Z' }) })).json()) as { now: string; frozen: boolean };
      expect(frozen).toMatchObject({ now: '2030-01-01T00:00:00.000Z', frozen: true });
      expect((await admin('clock', { method: 'POST', body: JSON.stringify({ freezeAt: 'tomorrow' }) })).status).toBe(400);
      await admin('clock', { method: 'POST', body: JSON.stringify({ reset: true }) });
    });
  });

  describe('admin API', () => {
    it('complete finishes a pending payment; an unknown id is 404, a finished one 409', async () => {
      const created = (await (await pay('4242424242424242', { 'x-pasarela-scenario': 'pending' })).json()) as { id: string };
      const done = await admin('complete', { method: 'POST', body: JSON.stringify({ id: created.id, outcome: 'approved' }) });
      expect(done.status).toBe(200);
      expect(await done.json()).toMatchObject({ provider: 'fixture', result: { status: 'approved' } });
      expect((await admin('complete', { method: 'POST', body: JSON.stringify({ id: created.id, outcome: 'approved' }) })).status).toBe(409);
      expect((await admin('complete', { method: 'POST', body: JSON.stringify({ id: 'nope', card: '4242424242424242' }) })).status).toBe(404);
      expect((await admin('complete', { method: 'POST', body: JSON.stringify({ id: created.id }) })).status).toBe(400);
    });

    it('transactions lists records; merchants can be added at run time and work at once', async () => {
      await pay();
      const tx = (await (await admin('transactions')).json()) as { transactions: { provider: string; status: string }[] };
      expect(tx.transactions).toEqual([expect.objectContaining({ provider: 'fixture', status: 'approved' })]);
      const added = await admin('merchants', { method: 'POST', body: JSON.stringify({ key: 'per-test-key' }) });
      expect(added.status).toBe(201);
      const res = await fetch(`${t.base()}/pay`, { method: 'POST', headers: { ...headers, authorization: 'Bearer per-test-key' }, body: JSON.stringify({ card: '4242424242424242', amount: 1 }) });
      expect(res.status).toBe(201);
      expect((await admin('merchants', { method: 'POST', body: JSON.stringify({ key: 7 }) })).status).toBe(400);
    });

    it('reset empties state, journal and queue', async () => {
      const created = (await (await pay()).json()) as { id: string };
      await admin('scenarios/next', { method: 'POST', body: JSON.stringify({ scenario: 'declined' }) });
      expect((await admin('reset', { method: 'POST' })).status).toBe(200);
      expect((await fetch(`${t.base()}/pay/${created.id}`, { headers })).status).toBe(404);
      expect(((await (await admin('scenarios/queue')).json()) as { queue: unknown[] }).queue).toHaveLength(0);
      expect(t.sandbox().journal.entries({ path: '/pay' })).toHaveLength(0);
    });

    it('bad JSON, unknown routes and wrong types are JSON errors, never 500', async () => {
      expect((await admin('clock', { method: 'POST', body: '{' })).status).toBe(400);
      expect((await admin('nothing')).status).toBe(404);
      expect((await admin('clock', { method: 'POST', body: JSON.stringify({ advanceSeconds: 'ten' }) })).status).toBe(400);
      expect((await admin('scenarios/next', { method: 'POST', body: JSON.stringify({ scenario: 'approved', times: 0 }) })).status).toBe(400);
      expect((await admin('health')).status).toBe(200);
    });
  });
}
