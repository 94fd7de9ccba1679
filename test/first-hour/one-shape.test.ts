// Issue 16, "one shape per concept": the in-process sandbox, the MSW sandbox and connect()
// take the same arguments for complete, scenarios.next, snapshot/restore, reset, faults, clock.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth, PlacetoPay } from '../../clients/placetopay/index.ts';
import { createSandbox, type Sandbox } from '../../emulators/index.ts';
import { createHandlers } from '../../emulators/msw.ts';
import { connect, type RemoteSandbox } from '../../emulators/remote.ts';
import type { CompleteRequest } from '../../emulators/kernel/types.ts';
import { fixtureProvider } from '../kernel/fixture-provider.ts';
import { useSandbox } from '../helpers/sandbox.ts';

const session = { payment: { reference: 'ONE-SHAPE', amount: { currency: 'USD', total: 10 } }, ipAddress: '1.1.1.1', userAgent: 'test', returnUrl: 'https://shop.example/r' };
const APPROVE = '4110760000000081';

describe('createHandlers()', () => {
  const { handlers, sandbox } = createHandlers({ providers: ['placetopay'] });
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('returns { handlers, sandbox }, like the module exports, and the handlers answer the real host', async () => {
    expect(Array.isArray(handlers)).toBe(true);
    const res = await fetch('https://checkout-test.placetopay.com/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...session, auth: createAuth({ login: 'sandbox-login', secretKey: 'sandbox-secret-key' }) }),
    });
    const { requestId } = (await res.json()) as { requestId: number };
    const done = await sandbox.complete({ id: String(requestId), card: APPROVE });
    expect(done.provider).toBe('placetopay');
    expect(sandbox.journal.entries({ provider: 'placetopay', path: '/api/session' })).toHaveLength(1);
  });
});

describe('the same calls in process and over connect()', () => {
  const ref = useSandbox({ providers: ['placetopay', 'tpaga'] });
  const inProcess = (): Sandbox => ref.sandbox;
  const remote = (): RemoteSandbox => connect(ref.urls);
  const client = () => new PlacetoPay({ login: 'sandbox-login', secretKey: 'sandbox-secret-key', baseUrl: ref.urls.placetopay! });
  // A declined attempt leaves the session PENDING (the buyer may retry): the transaction says REJECTED.
  const lastTransaction = async (requestId: number) => (await client().query(requestId)).payment?.at(-1)?.status.status;

  for (const way of ['in process', 'connect()'] as const) {
    const api = () => (way === 'in process' ? inProcess() : remote());

    it(`${way}: complete({ id, card }) finds the provider from the id; complete({ provider, id, outcome }) too`, async () => {
      const a = await client().createSession(session);
      const b = await client().createSession(session);
      const byCard: CompleteRequest = { id: String(a.requestId), card: APPROVE };
      expect((await api().complete(byCard)).provider).toBe('placetopay');
      expect((await client().query(a.requestId)).status.status).toBe('APPROVED');
      await api().complete({ provider: 'placetopay', id: String(b.requestId), outcome: 'rejected-05' });
      expect(await lastTransaction(b.requestId)).toBe('REJECTED');
      await expect(api().complete({ provider: 'tpaga', id: String(b.requestId), outcome: 'approved' })).rejects.toThrow(/No hosted payment/);
    });

    it(`${way}: scenarios.next({ provider, scenario }) queues an outcome; an unknown scenario is refused`, async () => {
      await api().scenarios.next({ provider: 'placetopay', scenario: 'rejected-51' });
      const { requestId } = await client().createSession(session);
      await api().complete({ id: String(requestId), card: APPROVE });
      expect(await lastTransaction(requestId)).toBe('REJECTED');
      await expect(Promise.resolve().then(async () => { await api().scenarios.next({ provider: 'placetopay', scenario: 'no-such' }); })).rejects.toThrow(/Unknown scenario "no-such"/);
    });

    it(`${way}: snapshot(name) then restore(name), and reset(provider)`, async () => {
      const before = await client().createSession(session);
      await api().snapshot('one-shape');
      await api().reset('placetopay');
      await expect(client().query(before.requestId)).rejects.toThrow();
      await api().restore('one-shape');
      expect((await client().query(before.requestId)).status.status).toBe('PENDING');
      await expect(Promise.resolve().then(async () => { await api().restore('never-taken'); })).rejects.toThrow(/No snapshot named "never-taken"/);
    });

    it(`${way}: faults.add / list / remove / clear and clock.advance / now`, async () => {
      const rule = await api().faults.add({ provider: 'placetopay', path: '/api/session/*', action: { type: 'status', status: 503 } });
      expect((await api().faults.list()).map((f) => f.id)).toContain(rule.id);
      await api().faults.remove(rule.id);
      expect(await api().faults.list()).toEqual([]);
      await api().faults.clear();
      const t0 = (await api().clock.now()).getTime();
      await api().clock.advance(60);
      expect((await api().clock.now()).getTime() - t0).toBeGreaterThanOrEqual(60_000);
      // The same ISO 8601 string in process and over the admin API.
      await api().clock.freeze('2030-01-01T00:00:00Z');
      expect((await api().clock.now()).toISOString()).toBe('2030-01-01T00:00:00.000Z');
      await api().clock.set('2030-01-02T00:00:00Z');
      expect((await api().clock.now()).toISOString()).toBe('2030-01-02T00:00:00.000Z');
      await api().clock.reset();
    });
  }

  it('named snapshots are one store: taken in process, restored over the admin API', async () => {
    const kept = await client().createSession(session);
    inProcess().snapshot('shared-name');
    inProcess().reset();
    await remote().restore('shared-name');
    expect((await client().query(kept.requestId)).status.status).toBe('PENDING');
  });

  it('the old remote forms still work (deprecated overloads)', async () => {
    const { requestId } = await client().createSession(session);
    await remote().scenarios.next('placetopay', 'rejected-51');
    await remote().complete('placetopay', requestId, { card: APPROVE });
    expect(await lastTransaction(requestId)).toBe('REJECTED');
  });
});

describe('complete() without a provider', () => {
  const twin = { ...fixtureProvider, id: 'twin', hosts: ['https://api.twin.test'] };
  let sandbox: Sandbox;
  beforeAll(() => {
    sandbox = createSandbox({ modules: [fixtureProvider, twin], logError: () => {} });
  });
  afterAll(() => sandbox.stop());
  const pay = (provider: string) =>
    sandbox.fetch(provider, '/pay', {
      method: 'POST',
      headers: { authorization: 'Bearer fixture-key', 'content-type': 'application/json', 'x-pasarela-scenario': 'pending' },
      body: JSON.stringify({ card: '4242424242424242', amount: 1 }),
    });

  it('refuses an id that two providers hold as pending, and takes it once the provider is named', async () => {
    expect((await pay('fixture')).status).toBe(201);
    expect((await pay('twin')).status).toBe(201);
    await expect(sandbox.complete({ id: 'pay_1', outcome: 'approved' })).rejects.toThrow(/pending payment of fixture and twin: name the provider/);
    expect(await sandbox.complete({ provider: 'twin', id: 'pay_1', outcome: 'approved' })).toMatchObject({ provider: 'twin', result: { status: 'approved' } });
    // `merchant` passes over a provider that holds the id for another merchant.
    await expect(sandbox.complete({ id: 'pay_1', merchant: 'someone-else', outcome: 'declined' })).rejects.toThrow(/No hosted payment "pay_1"/);
    // Now only fixture's is pending: the id is no longer ambiguous.
    expect((await sandbox.complete({ id: 'pay_1', outcome: 'declined' })).provider).toBe('fixture');
  });
});
