/**
 * What the recordings and real clients showed (docs/placetopay.md, "What real clients send"):
 * hand-built bodies the way those clients build them, answers checked against the recorded
 * shapes. Run over real HTTP and through MSW by `fidelity.http.test.ts` / `fidelity.msw.test.ts`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { tranKey } from '../../clients/placetopay/auth.ts';
import type { Sandbox } from '../../emulators/index.ts';

export interface FidelityTarget {
  base(): string;
  sandbox(): Sandbox;
}

type Json = Record<string, any>;
const SECRET = 'sandbox-secret-key';

export function fidelityCases(t: FidelityTarget) {
  /** A seed in the style a client writes it: `iso` (toISOString), `z` (no millis), or an offset in minutes. */
  const seedAt = (style: 'iso' | 'z' | number): string => {
    const now = t.sandbox().clock.nowMs();
    if (style === 'iso') return new Date(now).toISOString();
    if (style === 'z') return new Date(now).toISOString().slice(0, 19) + 'Z';
    const sign = style < 0 ? '-' : '+';
    const abs = Math.abs(style);
    const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    return new Date(now + style * 60_000).toISOString().slice(0, 19) + offset;
  };
  const auth = (style: 'iso' | 'z' | number = 'iso') => {
    const seed = seedAt(style);
    const raw = String(Math.floor(Math.random() * 1e6));
    return { login: 'sandbox-login', tranKey: tranKey(raw, seed, SECRET), nonce: Buffer.from(raw).toString('base64'), seed };
  };
  const post = (path: string, body: Json) =>
    fetch(`${t.base()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
  let seq = 0;
  /** The body the Andrew-Shal Node client builds: `paymentMethod: ""` and `cancelUrl: ""` always, locale en_US. */
  const nodeClientBody = (extra: Json = {}): Json => ({
    locale: 'en_US',
    payment: { reference: `F-${++seq}`, description: 'Fidelity', amount: { currency: 'COP', total: 10000 } },
    expiration: new Date(t.sandbox().clock.nowMs() + 30 * 60_000).toISOString(),
    returnUrl: 'https://shop.example/return',
    ipAddress: '127.0.0.1',
    userAgent: 'fidelity',
    paymentMethod: '',
    cancelUrl: '',
    ...extra,
    auth: auth(),
  });
  const create = async (extra: Json = {}) => {
    const res = await json(await post('/api/session', nodeClientBody(extra)));
    expect(res.status).toBe(200);
    return res.body as { requestId: number; processUrl: string };
  };
  const query = async (requestId: number, locale?: string) => (await json(await post(`/api/session/${requestId}`, { auth: auth(), ...(locale ? { locale } : {}) }))).body;
  const complete = (requestId: number, body: Json) => t.sandbox().complete({ id: String(requestId), ...body } as { id: string });

  beforeEach(() => {
    t.sandbox().clock.reset();
  });

  describe('empty and null optional fields are absent (the real service turns "" into null)', () => {
    it('the Node client body with cancelUrl "" and paymentMethod "" creates a session; neither is echoed', async () => {
      const { requestId } = await create();
      const q = await query(requestId);
      expect(q.request).not.toHaveProperty('cancelUrl');
      expect(q.request).not.toHaveProperty('paymentMethod');
    });

    it('null payer, buyer and fields and an empty locale are absent too, at every level', async () => {
      const { requestId } = await create({ payer: null, fields: null, buyer: { name: 'Ana', surname: '', email: null }, locale: '' });
      const q = await query(requestId);
      expect(q.request).not.toHaveProperty('payer');
      expect(q.request.buyer).toEqual({ name: 'Ana' });
      expect(q.request.fields.map((f: Json) => f.keyword)).toEqual(['_processUrl_', '_session_']);
    });

    it('a required field sent as "" is reported as missing, in the provider envelope', async () => {
      const res = await json(await post('/api/session', nodeClientBody({ ipAddress: '' })));
      expect(res.status).toBe(400);
      expect(res.body.status).toMatchObject({ status: 'FAILED', reason: 'request_not_valid', message: 'The ipAddress field is required.' });
    });

    it('numbers sent as strings where the real API takes them (2017 PHP SDK amounts, numeric mobile and reference)', async () => {
      const { requestId } = await create({
        payment: { reference: 800166551, description: 'strings', amount: { currency: 'COP', total: '178', taxes: [{ kind: 'valueAddedTax', amount: '28.42', base: '149.58' }] } },
        buyer: { name: 'Ana', mobile: 3006108300 },
      });
      const q = await query(requestId);
      expect(q.request.payment.amount.total).toBe(178);
      expect(q.request.payment.amount.taxes[0]).toMatchObject({ amount: 28.42, base: 149.58 });
      expect(q.request.buyer.mobile).toBe(3006108300);
      const bad = await json(await post('/api/session', nodeClientBody({ payment: { reference: 'X', amount: { currency: 'COP', total: '1,000' } } })));
      expect(bad.status).toBe(400);
      expect(bad.body.status.reason).toBe('request_not_valid');
    });

    it('a name/value field keeps an empty value as sent', async () => {
      const { requestId } = await create({ fields: [{ keyword: 'note', value: '' }] });
      expect((await query(requestId)).request.fields[0]).toEqual({ keyword: 'note', value: '', displayOn: 'none' });
    });
  });

  describe('seeds and expirations in every format real clients use', () => {
    const styles: ['iso' | 'z' | number, string][] = [
      ['iso', 'toISOString() (Node, Postman)'],
      ['z', 'Z without millis (Java)'],
      [-300, "-05:00 (PHP date('c') in Bogotá)"],
      [0, "+00:00 (PHP date('c') on a UTC server)"],
    ];
    for (const [style, label] of styles) {
      it(`a seed written as ${label} authenticates`, async () => {
        const res = await post('/api/session', { ...nodeClientBody(), auth: auth(style) });
        expect(res.status).toBe(200);
      });
    }

    it('an expiration less than 5 minutes away is 400 "El tiempo para realizar el pago es muy poco" (2020 sandbox text)', async () => {
      const expiration = new Date(t.sandbox().clock.nowMs() + 4 * 60_000).toISOString();
      const res = await json(await post('/api/session', nodeClientBody({ expiration, locale: 'es_CO' })));
      expect(res.status).toBe(400);
      expect(res.body.status).toMatchObject({ status: 'FAILED', reason: 'request_not_valid', message: 'El tiempo para realizar el pago es muy poco' });
    });

    it('expiration is echoed exactly as sent (+00:00 as a PHP client on UTC writes it)', async () => {
      const expiration = new Date(t.sandbox().clock.nowMs() + 40 * 60_000).toISOString().slice(0, 19) + '+00:00';
      const { requestId } = await create({ expiration });
      expect((await query(requestId)).request.expiration).toBe(expiration);
    });
  });

  describe('returnUrl as the real service reads it', () => {
    it('a Windows dirname() backslash URL is accepted and echoed as sent (2026 recording)', async () => {
      const { requestId } = await create({ returnUrl: 'http://localhost:8000\\/resultado.php', ipAddress: '::1' });
      const q = await query(requestId);
      expect(q.request.returnUrl).toBe('http://localhost:8000\\/resultado.php');
      expect(q.request.ipAddress).toBe('::1');
    });

    it('a returnUrl that is not an absolute URL is 400 "The returnUrl format is invalid."', async () => {
      const res = await json(await post('/api/session', nodeClientBody({ returnUrl: 'shop.example/return' })));
      expect(res.status).toBe(400);
      expect(res.body.status).toMatchObject({ status: 'FAILED', reason: 'request_not_valid', message: 'The returnUrl format is invalid.' });
    });
  });

  describe('session status and messages as the recordings show them', () => {
    it('a session with no attempt is PENDING PC "La petición se encuentra activa"; after a declined attempt PT', async () => {
      const { requestId } = await create();
      expect((await query(requestId, 'es_CO')).status).toMatchObject({ status: 'PENDING', reason: 'PC', message: 'La petición se encuentra activa' });
      expect((await query(requestId)).status).toMatchObject({ status: 'PENDING', reason: 'PC', message: 'The request is active' });
      await complete(requestId, { card: '4110760000000016' });
      expect((await query(requestId, 'es_CO')).status).toMatchObject({ status: 'PENDING', reason: 'PT', message: 'La petición se encuentra pendiente' });
    });

    it('a buyer cancel is REJECTED ?C "La petición ha sido cancelada por el usuario"', async () => {
      const { requestId } = await create();
      await complete(requestId, { outcome: 'session-cancelled-by-user' });
      expect((await query(requestId, 'es_CO')).status).toMatchObject({ status: 'REJECTED', reason: '?C', message: 'La petición ha sido cancelada por el usuario' });
    });
  });

  describe('the request echo', () => {
    it('has no captureAddress / skipResult / noBuyerFill sent as false (PHP SDK), keeps one sent as true', async () => {
      const { requestId } = await create({ captureAddress: false, skipResult: true, noBuyerFill: false });
      const q = await query(requestId);
      expect(q.request).not.toHaveProperty('captureAddress');
      expect(q.request).not.toHaveProperty('noBuyerFill');
      expect(q.request.skipResult).toBe(true);
    });

    it('lists _processUrl_ then _session_ (the requestId, a number)', async () => {
      const { requestId, processUrl } = await create();
      expect((await query(requestId)).request.fields).toEqual([
        { keyword: '_processUrl_', value: processUrl, displayOn: 'none' },
        { keyword: '_session_', value: requestId, displayOn: 'none' },
      ]);
    });

    it('gains the payer typed on the hosted page: the given one, else the buyer, else a test payer', async () => {
      const given = await create();
      await complete(given.requestId, { card: '4110760000000081', payer: { name: 'Jonathan', email: 'j@example.com', document: '1000123123', documentType: 'CC' } });
      expect((await query(given.requestId)).request.payer).toEqual({ name: 'Jonathan', email: 'j@example.com', document: '1000123123', documentType: 'CC' });

      const buyer = { name: 'Ana', surname: 'Ríos', email: 'ana@example.com' };
      const fromBuyer = await create({ buyer });
      await complete(fromBuyer.requestId, { card: '4110760000000081' });
      expect((await query(fromBuyer.requestId)).request.payer).toEqual(buyer);

      const plain = await create();
      expect((await query(plain.requestId)).request).not.toHaveProperty('payer');
      await complete(plain.requestId, { card: '4110760000000081' });
      expect(Object.keys((await query(plain.requestId)).request.payer).sort()).toEqual(['document', 'documentType', 'email', 'mobile', 'name', 'surname']);

      const sent = await create({ payer: { name: 'Merchant', surname: 'Sent' } });
      await complete(sent.requestId, { card: '4110760000000081', payer: { name: 'Other' } });
      expect((await query(sent.requestId)).request.payer).toEqual({ name: 'Merchant', surname: 'Sent' });
    });

    it('an admin payer that is not payer fields is refused with 400, and nothing is paid', async () => {
      const { requestId } = await create();
      await expect(complete(requestId, { card: '4110760000000081', payer: { name: 'x', cardNumber: '4110760000000081' } })).rejects.toThrow(/not a payer field/);
      await expect(complete(requestId, { card: '4110760000000081', payer: 'Ana' })).rejects.toThrow(/must be an object/);
      expect((await query(requestId)).payment).toBeNull();
    });
  });

  describe('collect and the legacy reverse', () => {
    const tokenize = async () => {
      const { requestId } = await create({ payment: undefined, subscription: { reference: `T-${++seq}`, description: 'token' } });
      await complete(requestId, { card: '4110760000000081' });
      const q = await query(requestId);
      expect(q.request).not.toHaveProperty('fields');
      return q.subscription.instrument[0].value as string;
    };
    const collectBody = (token: string): Json => ({
      auth: auth(),
      locale: 'es_CO',
      payer: { name: 'Nakia', surname: 'Walker', email: 'n@example.com', document: '1040035000', documentType: 'CC' },
      payment: { reference: `C-${++seq}`, description: 'collect', amount: { currency: 'COP', total: 3809000 } },
      instrument: { token: { token } },
      ipAddress: '181.58.38.54',
      userAgent: 'PostmanRuntime/7.28.4',
    });

    it('the collect answer never echoes the token back and has no fields', async () => {
      const token = await tokenize();
      const res = await json(await post('/api/collect', collectBody(token)));
      expect(res.status).toBe(200);
      expect(res.body.status.status).toBe('APPROVED');
      expect(res.body.request).not.toHaveProperty('instrument');
      expect(res.body.request).not.toHaveProperty('fields');
      expect(JSON.stringify(res.body)).not.toContain(token);
    });

    it('a collect without ipAddress, userAgent and returnUrl is charged; the echo has them from the connection (2023 answers)', async () => {
      const token = await tokenize();
      const { ipAddress: _ip, userAgent: _ua, ...body } = collectBody(token);
      const res = await fetch(`${t.base()}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'GuzzleHttp/6.5.5 curl/7.47.0 PHP/7.4.9' },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as Json;
      expect(res.status).toBe(200);
      expect(answer.status.status).toBe('APPROVED');
      expect(answer.request).toMatchObject({ ipAddress: '127.0.0.1', userAgent: 'GuzzleHttp/6.5.5 curl/7.47.0 PHP/7.4.9', returnUrl: `${new URL(t.base()).origin}/home` });
      expect(Date.parse(answer.request.expiration) - t.sandbox().clock.nowMs()).toBeGreaterThan(29 * 60_000);
    });

    it('a collect with a card instead of a token is refused in the provider format (was a 500)', async () => {
      const { instrument: _i, ...body } = collectBody('unused');
      const res = await json(await post('/api/collect', { ...body, instrument: { card: { number: '4110760000000081', expiration: '12/30', cvv: '123' } } }));
      expect(res.status).toBe(400);
      expect(res.body.status).toMatchObject({ status: 'FAILED', reason: 'XN' });
    });

    it('a collect left pending answers payment: null; a later query lists the pending transaction', async () => {
      const token = await tokenize();
      const res = await fetch(`${t.base()}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pasarela-scenario': 'pending-approved' },
        body: JSON.stringify(collectBody(token)),
      });
      const body = (await res.json()) as Json;
      expect(body.status).toMatchObject({ status: 'PENDING', reason: 'PT' });
      expect(body.payment).toBeNull();
      expect((await query(body.requestId)).payment[0].status.status).toBe('PENDING');
    });

    it('legacy /api/reverse answers totals as decimal strings and no processorFields (2021 fixture)', async () => {
      const { requestId } = await create();
      await complete(requestId, { card: '4110760000000081' });
      const internalReference = (await query(requestId)).payment[0].internalReference;
      const res = await json(await post('/api/reverse', { auth: auth(), internalReference: String(internalReference) }));
      expect(res.status).toBe(200);
      expect(res.body.payment.amount).toEqual({ from: { currency: 'COP', total: '10000.00' }, to: { currency: 'COP', total: '10000.00' }, factor: 1 });
      expect(res.body.payment).not.toHaveProperty('processorFields');
    });
  });

  describe('returnUrl and cancelUrl that are not http(s) never become a link, a redirect or a form action', () => {
    const hostile = ['javascript:alert(1)//', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd'];
    const page = async (processUrl: string) => (await fetch(processUrl)).text();

    for (const url of hostile) {
      it(`${url.slice(0, 16)}… is accepted on create (a URI), shown only as text`, async () => {
        const { requestId, processUrl } = await create({ returnUrl: url, cancelUrl: url });
        expect((await query(requestId)).request.returnUrl).toBe(url);
        await complete(requestId, { card: '4110760000000081' });
        const html = await page(processUrl);
        expect(html).toContain('data-testid="return-text"');
        expect(html).not.toMatch(/(href|action|formaction)="\s*(javascript|data|file):/i);
        expect(html).not.toContain('<script>alert');
      });
    }

    it('"I don\'t want to continue" with a javascript: cancelUrl and returnUrl redirects to the result page', async () => {
      const { processUrl } = await create({ returnUrl: hostile[0], cancelUrl: hostile[0] });
      const res = await fetch(`${processUrl}/cancel`, { method: 'POST', redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(new URL(processUrl).pathname);
    });

    it('a javascript: cancelUrl falls back to an http(s) returnUrl', async () => {
      const { processUrl } = await create({ cancelUrl: hostile[0] });
      const res = await fetch(`${processUrl}/cancel`, { method: 'POST', redirect: 'manual' });
      expect(res.headers.get('location')).toBe('https://shop.example/return');
    });

    it('skipResult with a javascript: returnUrl stays on the result page after paying', async () => {
      const { processUrl } = await create({ returnUrl: hostile[0], skipResult: true });
      const res = await fetch(`${processUrl}/pay`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ cardNumber: '4110760000000081', expiry: '12/30', cvv: '123' }),
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(new URL(processUrl).pathname);
    });
  });
}
