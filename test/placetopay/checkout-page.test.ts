// The hosted checkout at processUrl, driven as a browser would (GET the page, POST its forms).
import { describe, expect, it } from 'vitest';
import { PlacetoPay } from '../../clients/placetopay/index.ts';
import { useSandbox } from '../helpers/sandbox.ts';

describe('PlacetoPay hosted checkout', () => {
  const ref = useSandbox({ providers: ['placetopay'] });
  const client = () => new PlacetoPay({ login: 'sandbox-login', secretKey: 'sandbox-secret-key', baseUrl: ref.urls.placetopay!, locale: 'en_US' });
  const create = (extra: Record<string, unknown> = {}) =>
    client().createSession({
      locale: 'en_US',
      payment: { reference: 'PAGE-1', description: 'Two coffees', amount: { currency: 'COP', total: 12500 } },
      ipAddress: '127.0.0.1',
      userAgent: 'page-test',
      returnUrl: 'https://shop.example/return?order=1',
      cancelUrl: 'https://shop.example/cancel',
      ...extra,
    });
  const submit = (url: string, fields: Record<string, string>) =>
    fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });

  it('shows the order and a card form, with no external scripts, styles or fonts', async () => {
    const { processUrl } = await create();
    const res = await fetch(processUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('PAGE-1');
    expect(html).toContain('Two coffees');
    expect(html).toContain('COP 12,500.00');
    for (const name of ['cardNumber', 'expiry', 'cvv', 'installments', 'outcome']) expect(html).toContain(`name="${name}"`);
    expect(html).not.toMatch(/<script|<link|@import|src="http/);
    expect(html).toContain('.row>div{'); // CSS is not HTML-escaped
  });

  it('paying with an approving test card redirects back to the page, which shows the result and the return link', async () => {
    const { requestId, processUrl } = await create();
    const res = await submit(`${processUrl}/pay`, { cardNumber: '4110 7600 0000 0081', expiry: '12/29', cvv: '123', installments: '3' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(new URL(processUrl).pathname);
    const page = await (await fetch(processUrl)).text();
    expect(page).toContain('data-status="APPROVED"');
    expect(page).toContain('href="https://shop.example/return?order=1"');
    const info = await client().query(requestId);
    expect(info.payment![0]!.processorFields).toContainEqual({ keyword: 'installments', value: 3, displayOn: 'none' });
  });

  it('skipResult sends the buyer straight to returnUrl', async () => {
    const { processUrl } = await create({ skipResult: true });
    const res = await submit(`${processUrl}/pay`, { cardNumber: '4110760000000081' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://shop.example/return?order=1');
  });

  it('a rejected card shows the reason and the form again; the buyer retries and pays', async () => {
    const { requestId, processUrl } = await create();
    await submit(`${processUrl}/pay`, { cardNumber: '4110760000000016' });
    const page = await (await fetch(processUrl)).text();
    expect(page).toContain('data-testid="last-attempt"');
    expect(page).toContain('name="cardNumber"');
    await submit(`${processUrl}/pay`, { outcome: 'approved' });
    expect((await client().query(requestId)).status.status).toBe('APPROVED');
  });

  it('an invalid card number or expiry is refused on the page (422) without an attempt', async () => {
    const { requestId, processUrl } = await create();
    const bad = await submit(`${processUrl}/pay`, { cardNumber: '4111111111111112' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('The card number is not valid');
    expect((await submit(`${processUrl}/pay`, { cardNumber: '4110760000000081', expiry: '01/20' })).status).toBe(422);
    expect((await client().query(requestId)).payment).toBeNull();
  });

  it('a 3-D Secure challenge card asks for the OTP: 12345 approves, anything else rejects', async () => {
    const ok = await create();
    const challenge = await submit(`${ok.processUrl}/pay`, { cardNumber: '4110760000000008', expiry: '12/29', cvv: '123' });
    expect(challenge.status).toBe(200);
    const html = await challenge.text();
    expect(html).toContain('name="otp"');
    expect(html).not.toContain('4110760000000008');
    expect(html).not.toContain('value="123"');
    const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    await submit(`${ok.processUrl}/pay`, { ...hidden, otp: '12345' });
    expect((await client().query(ok.requestId)).status.status).toBe('APPROVED');

    const wrong = await create();
    const second = await (await submit(`${wrong.processUrl}/pay`, { cardNumber: '4110760000000008' })).text();
    const hidden2 = Object.fromEntries([...second.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    await submit(`${wrong.processUrl}/pay`, { ...hidden2, otp: '00000' });
    const info = await client().query(wrong.requestId);
    expect(info.status.status).toBe('PENDING');
    expect(info.payment![0]!.status.status).toBe('REJECTED');
  });

  it('challenge fields edited in the browser are refused (422); installments are capped, so the state stays restorable', async () => {
    const s = await create();
    const html = await (await submit(`${s.processUrl}/pay`, { cardNumber: '4110760000000008' })).text();
    const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const edits: [string, string][] = [['bin', '<b>x</b>'], ['lastDigits', '4111111111111111'], ['expiration', '12/2029']];
    for (const [k, v] of edits) {
      expect((await submit(`${s.processUrl}/pay`, { ...hidden, [k]: v, otp: '12345' })).status).toBe(422);
    }
    expect((await client().query(s.requestId)).payment).toBeNull();
    await submit(`${s.processUrl}/pay`, { ...hidden, installments: '1e9', otp: '12345' });
    const fields = (await client().query(s.requestId)).payment![0]!.processorFields as { keyword: string; value: unknown }[];
    expect(fields.find((f) => f.keyword === 'installments')!.value).toBe(99);
    const snapshot = await (await fetch(`${ref.urls.placetopay}/__admin/snapshot`, { method: 'POST' })).json();
    expect((await fetch(`${ref.urls.placetopay}/__admin/restore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(snapshot) })).status).toBe(200);
  });

  it('"I don\'t want to continue" cancels (REJECTED ?C) and goes to cancelUrl; then the page shows the end', async () => {
    const { requestId, processUrl } = await create();
    const res = await submit(`${processUrl}/cancel`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://shop.example/cancel');
    expect((await client().query(requestId)).status).toMatchObject({ status: 'REJECTED', reason: '?C' });
    const page = await (await fetch(processUrl)).text();
    expect(page).toContain('data-status="REJECTED"');
    expect(page).not.toContain('name="cardNumber"');
  });

  it('a partial session lets the buyer choose the amount', async () => {
    const { requestId, processUrl } = await create({ payment: { reference: 'P', amount: { currency: 'USD', total: 100 }, allowPartial: true } });
    const amountField = (html: string) => /<input[^>]*name="amount"[^>]*value="([^"]*)"/.exec(html)?.[1];
    expect(amountField(await (await fetch(processUrl)).text())).toBe('100');
    await submit(`${processUrl}/pay`, { outcome: 'approved', amount: '30.50' });
    expect((await client().query(requestId)).status.status).toBe('APPROVED_PARTIAL');
    expect(amountField(await (await fetch(processUrl)).text())).toBe('69.5');
  });

  it('a wrong key or unknown session is "not available" (404), never another site\'s session', async () => {
    const { requestId, processUrl } = await create();
    expect((await fetch(`${ref.urls.placetopay}/session/${requestId}/${'0'.repeat(32)}`)).status).toBe(404);
    expect((await fetch(`${ref.urls.placetopay}/session/999999/abc`)).status).toBe(404);
    expect((await submit(`${ref.urls.placetopay}/session/${requestId}/nope/pay`, { outcome: 'approved' })).status).toBe(404);
    expect((await fetch(processUrl)).status).toBe(200);
  });

  it('the journal never holds the full card number or the CVV typed on the page', async () => {
    const { processUrl } = await create();
    await submit(`${processUrl}/pay`, { cardNumber: '5367680000000005', expiry: '12/29', cvv: '987' });
    const text = JSON.stringify(ref.sandbox.journal.entries());
    expect(text).not.toContain('5367680000000005');
    expect(text).toContain('536768******0005');
    expect(text).not.toMatch(/"cvv":"987"/);
  });
});
