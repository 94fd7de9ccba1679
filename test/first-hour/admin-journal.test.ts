// Issue 16: what a test does to the sandbox through the admin API (complete, clock, faults,
// reset) is in the journal, marked admin, left out of calls/expectCalled unless asked for,
// and shown in the inspector's activity. The inspector has an icon.
import { describe, expect, it } from 'vitest';
import { PlacetoPay } from '../../clients/placetopay/index.ts';
import { connect } from '../../emulators/remote.ts';
import { useSandbox } from '../helpers/sandbox.ts';

describe('admin calls in the journal', () => {
  const ref = useSandbox({ providers: ['placetopay', 'tpaga'] });
  const pasarela = () => connect(ref.urls);

  it('records complete (card masked), clock, faults and reset as admin entries, each under its provider', async () => {
    const site = await pasarela().freshMerchant('placetopay');
    const client = new PlacetoPay({ login: site.login, secretKey: site.secretKey, baseUrl: site.baseUrl });
    const { requestId } = await client.createSession({
      payment: { reference: 'ADMIN-J', amount: { currency: 'USD', total: 3 } }, ipAddress: '1.1.1.1', userAgent: 't', returnUrl: 'https://shop.example/r',
    });
    await pasarela().complete({ id: String(requestId), card: '4110760000000081' });
    await pasarela().clock.advance(5);
    await pasarela().faults.add({ provider: 'tpaga', path: '/nothing', action: { type: 'status', status: 500 } });
    await pasarela().reset('tpaga');

    const admin = await pasarela().journal({ admin: 'only' });
    expect(admin.map((e) => `${e.provider} ${e.method} ${e.path}`)).toEqual([
      'placetopay POST /__admin/merchants',
      'placetopay POST /__admin/complete',
      'pasarela POST /__admin/clock',
      // The fault rule's entry went with tpaga's journal on reset; the reset itself stays.
      'tpaga POST /__admin/reset',
    ]);
    expect(admin.every((e) => e.admin === true)).toBe(true);
    const complete = admin[1]!;
    expect(complete.response.status).toBe(200);
    expect(complete.request.body).toMatchObject({ card: '411076******0081' });
    expect(JSON.stringify(admin)).not.toContain('4110760000000081');
    // The fresh merchant's secret is no more in the journal than in provider traffic.
    expect(JSON.stringify(admin)).not.toContain(site.secretKey);

    // A provider's story includes the cross-provider clock change.
    expect((await pasarela().journal({ provider: 'placetopay', admin: 'only' })).map((e) => e.path)).toEqual(['/__admin/merchants', '/__admin/complete', '/__admin/clock']);
    // Reads are not recorded.
    await pasarela().faults.list();
    expect(await pasarela().journal({ admin: 'only' })).toHaveLength(4);
  });

  it('calls() and expectCalled leave admin entries out unless asked, and a failure lists them, marked', async () => {
    const site = await pasarela().freshMerchant('placetopay');
    expect(await pasarela().calls('placetopay', 'POST /__admin/*')).toEqual([]);
    expect((await pasarela().calls('placetopay', 'POST /__admin/merchants', { admin: true })).length).toBeGreaterThan(0);
    const error = await pasarela().expectCalled('placetopay', 'POST /api/session', { merchant: site.key }).catch((e: Error) => e);
    expect(String(error)).toMatch(/\[admin\] POST \/__admin\/merchants → 201/);
    // In process, the journal leaves them out by default as well.
    expect(ref.sandbox.journal.entries({ path: '/__admin/*' })).toEqual([]);
    expect(ref.sandbox.journal.entries({ path: '/__admin/*', admin: true }).length).toBeGreaterThan(0);
  });

  it('the inspector shows admin entries in the journal, marked, and serves its icon', async () => {
    await pasarela().clock.advance(1);
    const section = await (await fetch(`${ref.urls.control}/__inspector/section/journal`)).text();
    expect(section).toMatch(/<tr data-journal="\d+" class="admin">/);
    expect(section).toContain('/__admin/clock');
    const page = await (await fetch(`${ref.urls.control}/`)).text();
    expect(page).toContain('<link rel="icon" type="image/svg+xml" href="/favicon.svg"/>');
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const icon = await fetch(`${ref.urls.control}${path}`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      expect(await icon.text()).toMatch(/^<svg /);
    }
  });
});
