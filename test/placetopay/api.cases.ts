/**
 * PlacetoPay API behaviour, written once and run over two transports (real HTTP on a
 * free port, and MSW on the real host) by `api.http.test.ts` and `api.msw.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { createAuth, tranKey } from '../../clients/placetopay/auth.ts';
import { PlacetoPay, PlacetoPayError } from '../../clients/placetopay/index.ts';
import { validate } from '../../contracts/index.ts';
import type { Sandbox } from '../../emulators/index.ts';

export interface Target {
  base(): string;
  sandbox(): Sandbox;
}

const LOGIN = 'sandbox-login';
const SECRET = 'sandbox-secret-key';

export function placetopayApiCases(t: Target) {
  const client = (o: Partial<ConstructorParameters<typeof PlacetoPay>[0]> = {}) =>
    new PlacetoPay({ login: LOGIN, secretKey: SECRET, baseUrl: t.base(), validate: true, now: () => t.sandbox().clock.now(), ...o });
  const auth = (o: Parameters<typeof createAuth>[0] extends infer A ? Partial<A> : never = {}) =>
    createAuth({ login: LOGIN, secretKey: SECRET, now: t.sandbox().clock.now(), ...o });
  const post = (path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${t.base()}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  let seq = 0;
  const sessionBody = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    auth: auth(),
    locale: 'en_US',
    payment: { reference: `R-${++seq}`, description: 'Cases', amount: { currency: 'COP', total: 10000 } },
    ipAddress: '127.0.0.1',
    userAgent: 'cases',
    returnUrl: 'https://shop.example/return',
    ...extra,
  });
  /** A FAILED answer in PlacetoPay's envelope, nothing else at the top level. */
  async function expectFailed(res: Response, http: number, reason: string | number) {
    const body = (await res.json()) as { status: { status: string; reason: unknown; message: string } };
    expect(res.status).toBe(http);
    expect(Object.keys(body)).toEqual(['status']);
    expect(body.status.status).toBe('FAILED');
    expect(body.status.reason).toBe(reason);
    expect(validate('placetopay', 'error.response', body).valid).toBe(true);
    return body.status;
  }
  const createOne = async () => (await (await post('/api/session', sessionBody())).json()) as { requestId: number; processUrl: string };

  describe('create session', () => {
    it('answers OK/PC with exactly status, requestId and processUrl', async () => {
      const res = await post('/api/session', sessionBody());
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['processUrl', 'requestId', 'status']);
      expect(body.status).toMatchObject({ status: 'OK', reason: 'PC', message: 'The request has been processed successfully' });
      expect((body.status as { date: string }).date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-05:00$/);
      // checkout-test answers /spa/session/… (2023-2026 recordings).
      expect(body.processUrl).toBe(`${t.base()}/spa/session/${body.requestId}/${(body.processUrl as string).split('/').pop()}`);
    });

    it('accepts a hand-made SHA-1 tranKey with a binary raw nonce and a toISOString seed', async () => {
      const raw = Buffer.from('00ff10ee20dd30cc40bb50aa60997088', 'hex');
      const seed = t.sandbox().clock.now().toISOString();
      const body = sessionBody({ auth: { login: LOGIN, nonce: raw.toString('base64'), seed, tranKey: tranKey(raw, seed, SECRET, 'sha1'), additional: [] } });
      expect((await post('/api/session', body)).status).toBe(200);
    });

    it('tolerates the fields PHP clients always send (captureAddress, skipResult, auth.additional, unknown keys)', async () => {
      const res = await post('/api/session', sessionBody({ captureAddress: false, skipResult: false, noBuyerFill: false, somethingNew: 1 }));
      expect(res.status).toBe(200);
    });

    it('answers in Spanish without a locale (site default es_CO)', async () => {
      const { locale: _l, ...body } = sessionBody();
      expect(((await (await post('/api/session', body)).json()) as { status: { message: string } }).status.message).toBe('La petición se ha procesado correctamente');
    });

    it('rounds the amount to the currency (USD 576.9875 → 576.99, CLP → 577) and echoes the recorded defaults', async () => {
      const usd = await client().createSession({ ...sessionBody(), auth: undefined, payment: { reference: 'ROUND', amount: { currency: 'USD', total: 576.9875 } } } as never);
      const clp = await client().createSession({ ...sessionBody(), auth: undefined, payment: { reference: 'ROUND', amount: { currency: 'CLP', total: 576.9875 } } } as never);
      const q = await client().query(usd.requestId);
      expect(q.request.payment!.amount.total).toBe(576.99);
      expect((await client().query(clp.requestId)).request.payment!.amount.total).toBe(577);
      expect(q.request).toMatchObject({ payment: { allowPartial: false, subscribe: false } });
      // No live answer since 2021 echoes these three flags unless they were set.
      for (const flag of ['captureAddress', 'skipResult', 'noBuyerFill']) expect(q.request).not.toHaveProperty(flag);
      expect(q.request.expiration).toMatch(/-05:00$/);
      expect(q.request).not.toHaveProperty('auth');
    });
  });

  describe('authentication failures: HTTP 401, reason 401, code in the message', () => {
    const cases: [string, () => Promise<Response>, number][] = [
      ['no auth object', () => post('/api/session', { ...sessionBody(), auth: undefined }), 100],
      ['auth.seed missing', () => post('/api/session', sessionBody({ auth: { ...auth(), seed: undefined } })), 100],
      ['malformed JSON', () => post('/api/session', '{"auth": {'), 100],
      ['no JSON Content-Type', () => post('/api/session', JSON.stringify(sessionBody()), { 'content-type': 'text/plain' }), 100],
      ['nonce not Base64', () => post('/api/session', sessionBody({ auth: { ...auth(), nonce: 'not base64!' } })), 107],
      ['unknown login', () => post('/api/session', sessionBody({ auth: auth({ login: 'nobody' }) })), 101],
      ['wrong secret', () => post('/api/session', sessionBody({ auth: auth({ secretKey: 'wrong' }) })), 102],
      ['Base64 nonce hashed instead of the raw one', () => {
        const a = auth({ rawNonce: 'abc123' });
        return post('/api/session', sessionBody({ auth: { ...a, tranKey: tranKey(a.nonce, a.seed, SECRET) } }));
      }, 102],
      ['seed 6 minutes old', () => post('/api/session', sessionBody({ auth: auth({ now: new Date(t.sandbox().clock.nowMs() - 6 * 60_000) }) })), 103],
      ['seed 6 minutes ahead', () => post('/api/session', sessionBody({ auth: auth({ now: new Date(t.sandbox().clock.nowMs() + 6 * 60_000) }) })), 103],
      ['seed not a date', () => post('/api/session', sessionBody({ auth: { ...auth(), seed: 'yesterday' } })), 100],
      ['inactive site', () => post('/api/session', sessionBody({ auth: auth({ login: 'inactive-site', secretKey: 's' }) })), 104],
      ['expired site', () => post('/api/session', sessionBody({ auth: auth({ login: 'expired-site', secretKey: 's' }) })), 105],
      ['expired credentials', () => post('/api/session', sessionBody({ auth: auth({ login: 'expired-creds', secretKey: 's' }) })), 106],
    ];
    it.each(cases)('%s', async (_name, send, code) => {
      const status = await expectFailed(await send(), 401, 401);
      expect(status.message).toMatch(new RegExp(`(Authentication failed|Autenticación fallida) ${code}$`));
    });

    it('a seed 4 minutes old is still inside the window', async () => {
      expect((await post('/api/session', sessionBody({ auth: auth({ now: new Date(t.sandbox().clock.nowMs() - 4 * 60_000) }) }))).status).toBe(200);
    });

    it('X-Pasarela-Scenario: auth-inactive-site forces 104 on a valid request', async () => {
      const res = await fetch(`${t.base()}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pasarela-scenario': 'auth-inactive-site' },
        body: JSON.stringify(sessionBody()),
      });
      expect((await expectFailed(res, 401, 401)).message).toMatch(/104$/);
    });
  });

  describe('request validation: HTTP 400, FAILED, a reason and a message naming the field', () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['returnUrl missing', { returnUrl: undefined }, 'request_not_valid', /returnUrl/],
      ['neither payment nor subscription', { payment: undefined }, 'request_not_valid', /payment, a subscription/],
      ['reference longer than 32', { payment: { reference: 'x'.repeat(33), amount: { currency: 'COP', total: 1 } } }, 'request_not_valid', /payment\.reference/],
      ['total not numeric', { payment: { reference: 'A', amount: { currency: 'COP', total: 'abc' } } }, 'request_not_valid', /payment\.amount\.total/],
      ['unsupported currency', { payment: { reference: 'A', amount: { currency: 'XYZ', total: 1 } } }, 'request_not_valid', /XYZ/],
      ['expiration in 2 minutes', { expiration: 'SOON' }, 'request_not_valid', /too short/],
      ['allowPartial with recurring', { payment: { reference: 'A', allowPartial: true, recurring: { periodicity: 'M', interval: 1 }, amount: { currency: 'COP', total: 1 } } }, 'request_not_valid', /recurring/],
      ['payer email over 80 characters', { payer: { name: 'A', email: `${'a'.repeat(75)}@example.com` } }, 'payer_data_not_valid', /80/],
      ['payer name with a card number', { payer: { name: 'Pay 4111111111111111', email: 'a@b.co' } }, 'payer_data_not_valid', /card number/],
      ['four dispersions (limit 3)', {
        payment: { reference: 'A', amount: { currency: 'COP', total: 4 }, dispersion: [1, 2, 3, 4].map((i) => ({ agreement: i, agreementType: 'MERCHANT', amount: { currency: 'COP', total: 1 } })) },
      }, 'max_dispersion_error', /3/],
      ['returnUrl not a URL', { returnUrl: 'not a url' }, 'request_not_valid', /returnUrl/],
      ['payment.amount.currency of the wrong type', { payment: { reference: 'A', amount: { currency: 7, total: 1 } } }, 'request_not_valid', /currency/],
    ];
    it.each(cases)('%s', async (_name, patch, reason, message) => {
      const body = sessionBody(patch);
      if (patch.expiration === 'SOON') body.expiration = new Date(t.sandbox().clock.nowMs() + 2 * 60_000).toISOString();
      const status = await expectFailed(await post('/api/session', body), 400, reason);
      expect(status.message).toMatch(message);
    });

    it('buyer fields that would fail for a payer are dropped silently', async () => {
      const created = await client().createSession({ ...sessionBody(), auth: undefined, buyer: { name: 'Card 4111111111111111', email: `${'b'.repeat(81)}@x.co`, surname: 'Ok' } } as never);
      const q = await client().query(created.requestId);
      expect(q.request.buyer).toEqual({ surname: 'Ok' });
    });
  });

  describe('bad input never breaks stored sessions', () => {
    it('garbage, wrong types, unknown routes and oversize bodies leave an existing session as it was', async () => {
      const created = await createOne();
      const before = await client().query(created.requestId);
      const responses = await Promise.all([
        post('/api/session', '\u0000\u0001garbage'),
        post('/api/session', '[1,2,3]'),
        post(`/api/session/${created.requestId}`, { auth: 'not an object' }),
        post(`/api/session/${created.requestId}/cancel`, '{'),
        post('/api/transaction', { auth: auth(), action: 'explode', internalReference: created.requestId }),
        post('/api/session', JSON.stringify({ ...sessionBody(), pad: 'x'.repeat(600 * 1024) })),
        fetch(`${t.base()}/api/nothing-here`, { method: 'POST' }),
      ]);
      for (const res of responses) expect(res.status).toBeLessThan(500);
      const after = await client().query(created.requestId);
      expect(after).toEqual(before);
    });

    it('an unknown route is 404 FAILED NA "Page not found"', async () => {
      const status = await expectFailed(await fetch(`${t.base()}/api/unknown`, { method: 'POST', headers: { 'accept-language': 'en' } }), 404, 'NA');
      expect(['Page not found', 'Página no encontrada']).toContain(status.message);
    });

    it('GET on a POST-only endpoint is an unknown route', async () => {
      await expectFailed(await fetch(`${t.base()}/api/session`), 404, 'NA');
    });

    it('a body over the limit is 413 in the FAILED envelope', async () => {
      await expectFailed(await post('/api/session', JSON.stringify({ ...sessionBody(), pad: 'x'.repeat(600 * 1024) })), 413, 'request_not_valid');
    });

    it('an unknown X-Pasarela-Scenario is a 400 that names it', async () => {
      const res = await fetch(`${t.base()}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pasarela-scenario': 'no-such-thing' },
        body: JSON.stringify(sessionBody()),
      });
      expect((await expectFailed(res, 400, 'request_not_valid')).message).toMatch(/no-such-thing/);
    });
  });

  describe('query and cancel', () => {
    it('an unknown session is 404 request_not_valid', async () => {
      await expectFailed(await post('/api/session/424242', { auth: auth() }), 404, 'request_not_valid');
    });

    it('another site cannot see or cancel a session', async () => {
      const created = await createOne();
      const other = { auth: auth({ login: 'second-site', secretKey: 'second-secret' }) };
      await expectFailed(await post(`/api/session/${created.requestId}`, other), 404, 'request_not_valid');
      await expectFailed(await post(`/api/session/${created.requestId}/cancel`, other), 404, 'request_not_valid');
    });

    it('cancel answers OK/00 with the session REJECTED MC, and only once', async () => {
      const created = await createOne();
      const res = await post(`/api/session/${created.requestId}/cancel`, { auth: auth() });
      const body = (await res.json()) as { status: { status: string; reason: string }; session: { status: { reason: string } } };
      expect(res.status).toBe(200);
      expect(body.status).toMatchObject({ status: 'OK', reason: '00' });
      expect(body.session.status.reason).toBe('MC');
      expect(validate('placetopay', 'session-cancel.response', body).valid).toBe(true);
      await expectFailed(await post(`/api/session/${created.requestId}/cancel`, { auth: auth() }), 400, 'action_not_allowed');
    });

    it('an approved session cannot be cancelled', async () => {
      const created = await createOne();
      await t.sandbox().complete({ id: String(created.requestId), card: '4110760000000081' });
      await expectFailed(await post(`/api/session/${created.requestId}/cancel`, { auth: auth() }), 400, 'action_not_allowed');
    });
  });

  describe('client errors carry the envelope', () => {
    it('PlacetoPayError has httpStatus, reason and body', async () => {
      const error = (await client({ secretKey: 'bad' }).query(1).then(() => undefined, (e: unknown) => e)) as PlacetoPayError;
      expect(error).toBeInstanceOf(PlacetoPayError);
      expect(error.httpStatus).toBe(401);
      expect(error.reason).toBe(401);
    });
  });
}

/** Merchants the cases above rely on, beside the default site. */
export const caseMerchants = {
  placetopay: [
    { login: 'second-site', secretKey: 'second-secret' },
    { login: 'inactive-site', secretKey: 's', state: 'inactive' },
    { login: 'expired-site', secretKey: 's', state: 'expired' },
    { login: 'expired-creds', secretKey: 's', state: 'credentials-expired' },
  ],
};
