// PlacetoPay state through the admin API over real HTTP: a full snapshot round-trips, and a
// malformed one is refused with 400 naming the problem while the state stays as it was.
import { beforeAll, describe, expect, it } from 'vitest';
import { PlacetoPay } from '../../clients/placetopay/index.ts';
import { useSandbox } from '../helpers/sandbox.ts';

type Json = Record<string, any>;

describe('PlacetoPay snapshots over admin HTTP', () => {
  const ref = useSandbox({ providers: ['placetopay'] });
  const base = () => ref.urls.placetopay!;
  const client = () => new PlacetoPay({ login: 'sandbox-login', secretKey: 'sandbox-secret-key', baseUrl: base(), locale: 'en_US', now: () => ref.sandbox.clock.now() });
  const admin = (path: string, body?: unknown) =>
    fetch(`${base()}/__admin/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const create = (extra: Json = {}) =>
    client().createSession({
      payment: { reference: `S-${Math.random().toString(36).slice(2, 8)}`, amount: { currency: 'USD', total: 100 } },
      ipAddress: '127.0.0.1',
      userAgent: 'snapshot',
      returnUrl: 'https://shop.example/return',
      ...extra,
    } as never);
  const complete = (requestId: number, body: Json) => ref.sandbox.complete({ id: String(requestId), ...body } as { id: string });

  let snapshot: Json;
  let paid: number;
  beforeAll(async () => {
    // Every kind of record: an approved and refunded payment, a pending one, a partial one,
    // a stored token and a collect with it, and a session cancelled by the buyer.
    paid = (await create()).requestId;
    await complete(paid, { card: '4110760000000081' });
    const tx = (await client().query(paid)).payment![0]!.internalReference;
    await client().reverse(tx);
    await complete((await create()).requestId, { outcome: 'pending-approved' });
    const partial = (await create({ payment: { reference: 'PART', amount: { currency: 'USD', total: 100 }, allowPartial: true } })).requestId;
    await complete(partial, { card: '4110760000000081', amount: 40 });
    const sub = (await create({ payment: undefined, subscription: { reference: 'SUB', description: 'card' } })).requestId;
    await complete(sub, { card: '4110760000000081' });
    const token = (await client().query(sub)).subscription!.instrument[0]!.value as string;
    await client().collect({ payer: { name: 'A', surname: 'B', email: 'a@example.com' }, payment: { reference: 'COL', amount: { currency: 'USD', total: 10 } }, instrument: { token: { token } }, ipAddress: '1.1.1.1', userAgent: 'x' } as never);
    await complete((await create()).requestId, { outcome: 'session-cancelled-by-user' });
    snapshot = (await (await admin('snapshot')).json()) as Json;
  });

  const state = () => snapshot.providers.placetopay;
  const merchantState = () => state().merchants['sandbox-login'];
  const firstOf = (table: Json) => table[Object.keys(table)[0]!];

  it('a snapshot of every kind of record restores (schema accepts what the emulator writes)', async () => {
    expect(Object.keys(merchantState().sessions).length).toBeGreaterThanOrEqual(6);
    const res = await admin('restore', snapshot);
    expect(res.status).toBe(200);
    expect((await client().query(paid)).status.status).toBe('APPROVED');
  });

  const broken: [string, (s: Json) => void, RegExp][] = [
    ['a session without its processKey', (s) => delete firstOf(s.providers.placetopay.merchants['sandbox-login'].sessions).processKey, /processKey/],
    ['a session keyed by something that is not a requestId', (s) => (s.providers.placetopay.merchants['sandbox-login'].sessions.abc = firstOf(s.providers.placetopay.merchants['sandbox-login'].sessions)), /sessions/],
    ['a transaction whose status date is not a date', (s) => (firstOf(s.providers.placetopay.merchants['sandbox-login'].transactions).status.date = 'yesterday'), /date/],
    ['a token replaying an unknown scenario', (s) => (firstOf(s.providers.placetopay.merchants['sandbox-login'].tokens).scenario = 'no-such-scenario'), /scenario/],
    ['a card of an unknown brand', (s) => (firstOf(s.providers.placetopay.merchants['sandbox-login'].transactions).card.brand = 'klingon'), /brand/],
    ['tables missing from a merchant', (s) => delete s.providers.placetopay.merchants['sandbox-login'].tokens, /tokens/],
    ['a shared nextDueMs that is not a number', (s) => (s.providers.placetopay.shared.nextDueMs = 'soon'), /nextDueMs/],
  ];
  for (const [what, breakIt, named] of broken) {
    it(`refuses ${what} with 400 naming it; nothing is replaced`, async () => {
      const before = (await client().query(paid)).status;
      const bad = structuredClone(snapshot);
      breakIt(bad);
      const extra = (await create()).requestId; // made after the snapshot: a restore would remove it
      const res = await admin('restore', bad);
      expect(res.status).toBe(400);
      const message = ((await res.json()) as { error: { message: string } }).error.message;
      expect(message).toMatch(/^Not a valid Pasarela snapshot/);
      expect(message).toMatch(named);
      expect((await client().query(paid)).status).toEqual(before);
      expect((await client().query(extra)).status.status).toBe('PENDING');
    });
  }

  it('a session that lists a transaction the state lacks still answers queries (no 500)', async () => {
    const bad = structuredClone(snapshot);
    bad.providers.placetopay.merchants['sandbox-login'].sessions[String(paid)].transactions.push(999999);
    expect((await admin('restore', bad)).status).toBe(200);
    expect((await client().query(paid)).status.status).toBe('APPROVED');
  });
});
