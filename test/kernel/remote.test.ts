// The admin-API client tests use (pasarela/vitest, pasarela/remote): isolation by fresh
// credentials and readable assertions on the journal.
import { describe, expect, it } from 'vitest';
import { PlacetoPay } from '../../clients/placetopay/index.ts';
import { connect, partialMatch } from '../../emulators/remote.ts';
import { useSandbox } from '../helpers/sandbox.ts';

describe('remote sandbox client', () => {
  const ref = useSandbox({ providers: ['placetopay', 'tpaga', 'payture'] });
  const pasarela = () => connect(ref.urls);
  const createWith = (site: { baseUrl: string; login: string; secretKey: string }, reference: string) =>
    new PlacetoPay({ login: site.login, secretKey: site.secretKey, baseUrl: site.baseUrl }).createSession({
      payment: { reference, amount: { currency: 'USD', total: 10 } }, ipAddress: '1.1.1.1', userAgent: 'remote', returnUrl: 'https://s.example/r',
    });

  it('fresh merchants are isolated: one cannot see the other\'s sessions', async () => {
    const a = await pasarela().freshMerchant('placetopay');
    const b = await pasarela().freshMerchant('placetopay');
    expect(a.key).not.toBe(b.key);
    expect(a).toMatchObject({ provider: 'placetopay', baseUrl: ref.urls.placetopay, login: a.key });
    const created = await createWith(a, 'ISO-1');
    const other = new PlacetoPay({ login: b.login, secretKey: b.secretKey, baseUrl: b.baseUrl });
    await expect(other.query(created.requestId)).rejects.toThrow(/does not exist|no existe/);
    expect((await pasarela().freshMerchant('tpaga')).privateKey).toMatch(/^private-/);
    expect((await pasarela().freshMerchant('payture')).key).toMatch(/^terminal-/);
  });

  it('expectCalled finds a call by merchant and body, and explains what it saw when it cannot', async () => {
    const site = await pasarela().freshMerchant('placetopay');
    await createWith(site, 'ORDER-7');
    const call = await pasarela().expectCalled('placetopay', 'POST /api/session', { merchant: site.key, body: { payment: { reference: 'ORDER-7' } }, times: 1 });
    expect(call.response.status).toBe(200);
    expect(call.request.body).toMatchObject({ auth: { tranKey: '[redacted]' } });
    const error = await pasarela().expectCalled('placetopay', 'POST /api/session', { merchant: site.key, body: { payment: { reference: 'NOPE' } } }).catch((e: Error) => e);
    expect(String(error)).toMatch(/expected at least one call to placetopay POST \/api\/session with body matching/);
    expect(String(error)).toMatch(/POST \/api\/session → 200/);
    await pasarela().expectNotCalled('placetopay', 'POST /api/collect', { merchant: site.key });
    expect(await pasarela().calls('placetopay', 'POST /api/session*', { merchant: site.key })).toHaveLength(1);
  });

  it('drives clock, scenarios, faults, webhooks, snapshots and completion', async () => {
    const p = pasarela();
    const site = await p.freshMerchant('placetopay');
    const { requestId } = await createWith(site, 'DRIVE');
    await p.scenarios.next('placetopay', 'rejected-51', { merchant: site.key });
    await p.complete('placetopay', requestId, { card: '4110760000000081' });
    const info = await new PlacetoPay({ login: site.login, secretKey: site.secretKey, baseUrl: site.baseUrl }).query(requestId);
    expect(info.payment?.[0]?.status.reason).toBe('51');
    const before = await p.clock.now();
    await p.clock.advance(3600);
    expect((await p.clock.now()).getTime() - before.getTime()).toBeGreaterThanOrEqual(3600_000);
    await p.clock.reset();
    const fault = await p.faults.add({ provider: 'placetopay', path: '/api/session', action: { type: 'status', status: 502 }, times: 1 });
    expect(fault.id).toMatch(/^fault-/);
    await expect(createWith(site, 'FAULTED')).rejects.toThrow(/502/);
    await p.faults.clear();
    expect(await p.webhooks.flush()).toEqual(expect.any(Array));
    await p.snapshot('t');
    await p.reset('placetopay');
    await p.restore('t');
    // Typed settings refuse it at compile time; the sandbox refuses it at run time too.
    await expect(p.freshMerchant('placetopay', { bogus: 1 } as never)).rejects.toThrow(/400/);
    const notified = await p.freshMerchant('placetopay', { notificationUrl: 'http://127.0.0.1:9/hook', notificationSignature: 'sha256' });
    expect(notified.notificationUrl).toBe('http://127.0.0.1:9/hook');
  });

  it('partialMatch: objects by key, arrays by element, RegExp on strings', () => {
    expect(partialMatch({ a: 1, b: { c: 'x', d: [1, 2] } }, { b: { d: [1, 2] } })).toBe(true);
    expect(partialMatch({ a: 'ORDER-12' }, { a: /^ORDER-\d+$/ })).toBe(true);
    expect(partialMatch({ a: [1, 2, 3] }, { a: [1, 2] })).toBe(false);
    expect(partialMatch({ a: null }, { a: {} })).toBe(false);
  });
});
