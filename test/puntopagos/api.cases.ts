/**
 * PuntoPagos API behaviour, written once and run over two transports (real HTTP on a
 * free port, and MSW on the real hosts) by `api.http.test.ts` and `api.msw.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { PuntoPagos } from '../../clients/puntopagos/index.ts';
import { httpDate, signatureMessage } from '../../clients/puntopagos/signature.ts';
import { validate } from '../../contracts/index.ts';
import type { Sandbox } from '../../emulators/index.ts';
import { KEY, nextTrxId, SECRET, signedHeaders, type SignedInit } from './signed.ts';

export interface Target {
  base(): string;
  sandbox(): Sandbox;
}

type Json = Record<string, unknown>;

/** Merchants the cases rely on, beside the default one. */
export const caseMerchants = {
  puntopagos: [
    // The manual's example credentials; no Fecha check, so its 2009 request can be replayed verbatim.
    { key: '0PN5J17HBGZHT7ZZ3X82', secret: 'uV3F4YluFJax1cKnvbcGwgjvx4QpvB+leU8dUj2o', fechaWindowSeconds: 0 },
    { key: 'ip-locked', secret: 's', allowedIps: ['10.9.8.7'] },
    { key: 'ip-open', secret: 's', allowedIps: ['10.9.8.7', '127.0.0.1'] },
    { key: 'sha512-key', secret: 's512', algorithm: 'sha512' },
    { key: 'webpay-only', secret: 's', paymentMethods: [3] },
    { key: 'other-key', secret: 'other-secret' },
    // The manual's rules, which the 2018 sandbox did not apply: a 2-minute Fecha window, one trx_id once.
    { key: 'strict-fecha', secret: 'strict-secret', fechaWindowSeconds: 120 },
    { key: 'unique-trx', secret: 'unique-secret', uniqueTrxId: true },
    { key: 'code-4', secret: 'code-4-secret', unknownToken: 'respuesta-4' },
  ],
};

export function puntopagosApiCases(t: Target) {
  const now = () => t.sandbox().clock.now();
  const client = (o: Partial<ConstructorParameters<typeof PuntoPagos>[0]> = {}) =>
    new PuntoPagos({ key: KEY, secret: SECRET, baseUrl: t.base(), validate: true, now, ...o });

  /** POST /transaccion/crear with an exact body text, signed over `fields` unless told otherwise. */
  const create = (body: Json | string, fields: { trx_id: string | number; monto: string | number }, o: SignedInit & { path?: string } = {}) =>
    fetch(`${t.base()}${o.path ?? '/transaccion/crear'}`, {
      method: 'POST',
      headers: signedHeaders('create', fields, now(), o),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const status = (token: string, fields: { trx_id: string | number; monto: string | number }, o: SignedInit & { method?: string } = {}) =>
    fetch(`${t.base()}/transaccion/${token}`, { method: o.method ?? 'GET', headers: signedHeaders('status', { token, ...fields }, now(), o) });
  const admin = (path: string, body: unknown) =>
    fetch(`${t.base()}/__admin/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  /** A created transaction: its token, trx_id and monto. */
  const created = async (monto = '1000.00', extra: Json = {}, o: SignedInit = {}) => {
    const trx_id = nextTrxId();
    const res = await create({ trx_id, monto, ...extra }, { trx_id, monto }, o);
    const body = (await res.json()) as Json;
    expect(body.respuesta).toBe('00');
    return { token: body.token as string, trx_id, monto };
  };

  /** A create answer: HTTP 200, the create contract, the given code and message. */
  async function expectCreate(res: Response, respuesta: string, error: string | null): Promise<Json> {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as Json;
    expect(validate('puntopagos', 'create.response', body).errors).toEqual([]);
    expect(body).toMatchObject({ respuesta, error });
    return body;
  }

  async function expectStatus(res: Response, respuesta: string, error: string | null): Promise<Json> {
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(validate('puntopagos', 'status.response', body).errors).toEqual([]);
    expect(body).toMatchObject({ respuesta, error });
    return body;
  }

  const pay = async (token: string, body: Json) => {
    const res = await admin('complete', { id: token, ...body });
    expect(res.status).toBe(200);
    return ((await res.json()) as { result: Json }).result;
  };

  describe('create', () => {
    it('answers the recorded body byte for byte: sorted keys, "monto":100.00, trx_id a string', async () => {
      const trx_id = nextTrxId();
      const res = await create({ trx_id: String(trx_id), monto: '100.00', medio_pago: 10 }, { trx_id, monto: '100.00' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('server')).toBe('Microsoft-IIS/7.0');
      expect(await res.text()).toMatch(new RegExp(`^\\{"error":null,"monto":100\\.00,"respuesta":"00","token":"[A-Z0-9]{16}","trx_id":"${trx_id}"\\}$`));
    });

    it("replays the manual's example request verbatim (2009 Fecha, signature AVrD3e9…)", async () => {
      // Another run of the same sandbox may have used this trx_id: only the first may be 00.
      const res = await fetch(`${t.base()}/transaccion/crear`, {
        method: 'POST',
        headers: {
          Fecha: 'Mon, 15 Jun 2009 20:45:30 GMT',
          Autorizacion: 'PP 0PN5J17HBGZHT7ZZ3X82:AVrD3e9idIqAxRSH+15Yqz7qQkc=',
          'Content-Type': 'application/json; charset=utf-8',
        },
        body: '{"trx_id":9787415132,"medio_pago":"999","monto":1000000.00}',
      });
      expect(await res.text()).toMatch(/^\{"error":null,"monto":1000000\.00,"respuesta":"00","token":"[A-Z0-9]{16}","trx_id":"9787415132"\}$/);
    });

    const quirks: [string, (id: number) => string, (id: number) => { trx_id: string | number; monto: string | number }][] = [
      ['trx_id and monto as numbers (100.0)', (id) => `{"trx_id":${id},"monto":100.0}`, (id) => ({ trx_id: id, monto: 100 })],
      ['trx_id and monto as strings', (id) => `{"trx_id":"${id}","monto":"100.00"}`, (id) => ({ trx_id: id, monto: '100.00' })],
      ['zero-padded medio_pago "003"', (id) => `{"monto":123456.00,"trx_id":${id},"medio_pago":"003"}`, (id) => ({ trx_id: id, monto: 123456 })],
      ['extra keys (fecha, detalle, unknown)', (id) => `{"trx_id":${id},"medio_pago":3,"monto":100.01,"detalle":"Foo bar","fecha":"x","otro":{"a":[1]}}`, (id) => ({ trx_id: id, monto: '100.01' })],
      ['medio_pago 999 (the manual placeholder)', (id) => `{"trx_id":"${id}","monto":"1000.00","medio_pago":"999"}`, (id) => ({ trx_id: id, monto: '1000.00' })],
      ['monto with more decimals, signed rounded (10.005 → 10.01)', (id) => `{"trx_id":${id},"monto":"10.005"}`, (id) => ({ trx_id: id, monto: '10.01' })],
    ];
    it.each(quirks)('accepts client quirk: %s', async (_name, body, fields) => {
      const id = nextTrxId();
      const res = await create(body(id), fields(id));
      const answer = await expectCreate(res, '00', null);
      expect(answer.trx_id).toBe(String(id));
    });

    it('verifies a 19-digit trx_id sent as a JSON number with the digits the client signed', async () => {
      const id = `9${String(nextTrxId()).padStart(18, '0')}`.slice(0, 19);
      const res = await create(`{"trx_id":${id},"monto":5000}`, { trx_id: id, monto: '5000.00' });
      expect((await expectCreate(res, '00', null)).trx_id).toBe(id);
    });

    it('serves a path with a doubled slash (base URL with a trailing "/")', async () => {
      const trx_id = nextTrxId();
      await expectCreate(await create({ trx_id, monto: 50 }, { trx_id, monto: 50 }, { path: '//transaccion/crear' }), '00', null);
    });

    it('the client creates with string or number amounts and reads the answer', async () => {
      const a = await client().create({ trx_id: nextTrxId(), monto: '2000', medio_pago: '3', detalle: 'Foo bar product' });
      const b = await client().create({ trx_id: String(nextTrxId()), monto: 2000.5 });
      expect(a).toMatchObject({ complete: true, status: 200, data: { respuesta: '00', monto: 2000 } });
      expect(b.body).toContain('"monto":2000.50');
    });

    it('SHA-512 merchants sign with HMAC-SHA512; SHA-1 is refused for them', async () => {
      const ok = await client({ key: 'sha512-key', secret: 's512', algorithm: 'sha512' }).create({ trx_id: nextTrxId(), monto: 100 });
      expect(ok.data?.respuesta).toBe('00');
      const sha1 = await client({ key: 'sha512-key', secret: 's512' }).create({ trx_id: nextTrxId(), monto: 100 });
      expect(sha1.data).toMatchObject({ respuesta: '99', error: 'Firma no válida' });
    });
  });

  describe('malformed signatures: respuesta 99 "Firma no válida"', () => {
    const fecha = () => httpDate(now());
    const cases: [string, (id: number) => SignedInit][] = [
      ['amount not re-formatted ("10" instead of "10.00")', (id) => ({ fecha: fecha(), message: `transaccion/crear\n${id}\n10\n${fecha()}` })],
      ['no newline before the date', (id) => ({ fecha: fecha(), message: `transaccion/crear\n${id}\n10.00${fecha()}` })],
      ['a trailing newline', (id) => ({ fecha: fecha(), message: `transaccion/crear\n${id}\n10.00\n${fecha()}\n` })],
      ['signed as transaccion/traer', (id) => ({ fecha: fecha(), message: `transaccion/traer\n${id}\n10.00\n${fecha()}` })],
      ['the wrong secret', () => ({ secret: 'not-the-secret' })],
      ['HMAC-SHA512 for a SHA-1 merchant', () => ({ algorithm: 'sha512' })],
      ['a date other than the Fecha header', (id) => ({ message: `transaccion/crear\n${id}\n10.00\n${httpDate(new Date(now().getTime() - 1000))}` })],
      ['an empty signature', () => ({ headers: { Autorizacion: `PP ${KEY}:` } })],
      ['a signature that is not base64', () => ({ headers: { Autorizacion: `PP ${KEY}:***` } })],
    ];
    it.each(cases)('%s', async (_name, init) => {
      const trx_id = nextTrxId();
      const res = await create({ trx_id, monto: '10' }, { trx_id, monto: '10.00' }, init(trx_id));
      await expectCreate(res, '99', 'Firma no válida');
      expect(res.headers.get('x-pasarela-detail')).toBeTruthy();
    });
  });

  describe('credentials, IP and Fecha', () => {
    const send = (o: SignedInit) => {
      const trx_id = nextTrxId();
      return create({ trx_id, monto: 100 }, { trx_id, monto: 100 }, o);
    };
    it.each([
      ['an unknown key id', { key: 'nobody' }],
      ['no Autorizacion header', { headers: { Autorizacion: undefined } }],
      ['Autorizacion without "PP "', { headers: { Autorizacion: `${KEY}:abc=` } }],
      ['a Basic scheme', { headers: { Autorizacion: 'Basic c2FuZGJveC1rZXk6c2FuZGJveC1zZWNyZXQ=' } }],
    ] as [string, SignedInit][])('%s → 99 "La llave no existe"', async (_name, o) => {
      await expectCreate(await send(o), '99', 'La llave no existe');
    });

    it.each([
      ['Fecha missing', () => ({ headers: { Fecha: undefined } })],
      ['Fecha three minutes old', (n: number) => ({ fecha: httpDate(new Date(n - 180_000)) })],
      ['Fecha three minutes ahead', (n: number) => ({ fecha: httpDate(new Date(n + 180_000)) })],
      ['Fecha in ISO 8601', (n: number) => ({ fecha: new Date(n).toISOString() })],
      ['Fecha from local time with "GMT" appended (UTC-3)', (n: number) => ({ fecha: httpDate(new Date(n - 3 * 3600_000)) })],
    ] as [string, (n: number) => SignedInit][])('with fechaWindowSeconds 120: %s → 99 "Fecha no válida"', async (_name, o) => {
      await expectCreate(await send({ key: 'strict-fecha', secret: 'strict-secret', ...o(now().getTime()) }), '99', 'Fecha no válida');
    });

    it('with fechaWindowSeconds 120 a Fecha one minute old is inside the window', async () => {
      await expectCreate(await send({ key: 'strict-fecha', secret: 'strict-secret', fecha: httpDate(new Date(now().getTime() - 60_000)) }), '00', null);
    });

    // Recorded: the 2018 sandbox answered 00 to a Fecha of 1 March on 9 March (conformance pp-am-create-ripley-stale-fecha).
    it.each([
      ['eight days old, as the 2018 recording', () => 'Thu, 01 Mar 2018 00:00:00 GMT'],
      ['from local time with "GMT" appended (UTC-3)', (n: number) => httpDate(new Date(n - 3 * 3600_000))],
      ['missing', () => undefined],
    ] as [string, (n: number) => string | undefined][])('by default, as the sandbox, a Fecha %s is accepted: the signature is over it as sent', async (_name, fecha) => {
      const f = fecha(now().getTime());
      await expectCreate(await send(f === undefined ? { fecha: '', headers: { Fecha: undefined } } : { fecha: f }), '00', null);
    });

    it('a caller outside allowedIps gets 9; one inside is served', async () => {
      await expectCreate(await send({ key: 'ip-locked', secret: 's' }), '9', 'IP no autorizada para realizar esta accion');
      await expectCreate(await send({ key: 'ip-open', secret: 's' }), '00', null);
    });
  });

  describe('bad input: respuesta 99, never a 500, nothing stored', () => {
    const raw = (body: string) => {
      const trx_id = nextTrxId();
      return create(body, { trx_id, monto: 100 });
    };
    it.each([
      ['malformed JSON', '{"trx_id": 1,'],
      ['an empty body', ''],
      ['a JSON array', '[1,2]'],
      ['a JSON string', '"hola"'],
      ['no trx_id', '{"monto":100}'],
      ['an empty trx_id (recorded: 99 Input string…)', '{"trx_id":"","monto":"100.00","medio_pago":10}'],
      ['a non-numeric trx_id', '{"trx_id":"ABC-1","monto":100}'],
      ['a fractional trx_id', '{"trx_id":10.5,"monto":100}'],
      ['a trx_id in exponent notation', '{"trx_id":1e3,"monto":100}'],
      ['a negative trx_id', '{"trx_id":-5,"monto":100}'],
      ['no monto', '{"trx_id":1}'],
      ['a non-numeric monto', '{"trx_id":1,"monto":"mil"}'],
      ['a monto with a comma', '{"trx_id":1,"monto":"1.000,00"}'],
      ['a negative monto', '{"trx_id":1,"monto":-100}'],
      ['a zero monto', '{"trx_id":1,"monto":0}'],
      ['a non-numeric medio_pago', '{"trx_id":1,"monto":100,"medio_pago":"webpay"}'],
      ['a boolean medio_pago', '{"trx_id":1,"monto":100,"medio_pago":true}'],
      ['an object detalle', '{"trx_id":1,"monto":100,"detalle":{"a":1}}'],
      ['binary garbage', '\u0000\u0001\u00ff{'],
    ])('%s', async (_name, body) => {
      await expectCreate(await raw(body), '99', 'Input string was not in a correct format.');
    });

    // Both recorded: ActiveMerchant's input error has "monto":"0", witoi's Financiador one "monto":0.
    it('an input error writes "monto":"0" (a string), a refused medio_pago "monto":0 (a number), as recorded', async () => {
      expect(await (await raw('{"trx_id":"","monto":"100.00"}')).text()).toBe('{"error":"Input string was not in a correct format.","monto":"0","respuesta":"99","token":null,"trx_id":null}');
      const trx_id = nextTrxId();
      const refused = await create({ trx_id, monto: 1, medio_pago: 5 }, { trx_id, monto: 1 }, { key: 'webpay-only', secret: 's' });
      expect(await refused.text()).toBe('{"error":"Financiador no válido","monto":0,"respuesta":"99","token":null,"trx_id":null}');
    });

    it('a trx_id beyond 64 bits → 99 with the .NET overflow message', async () => {
      const id = '99999999999999999999';
      await expectCreate(await create(`{"trx_id":"${id}","monto":1}`, { trx_id: id, monto: 1 }), '99', 'Value was either too large or too small for an Int64.');
    });

    it('a monto beyond a .NET decimal (1e300) → 99 with the .NET overflow message, nothing stored', async () => {
      const trx_id = nextTrxId();
      await expectCreate(await create(`{"trx_id":${trx_id},"monto":1e300}`, { trx_id, monto: '1e300' }), '99', 'Value was either too large or too small for a Decimal.');
      expect(t.sandbox().provider('puntopagos').transactions().some((x) => x.reference === String(trx_id))).toBe(false);
    });

    it('an oversized body → 99 "Maximum request length exceeded."', async () => {
      const trx_id = nextTrxId();
      const res = await create(JSON.stringify({ trx_id, monto: 1, detalle: 'x'.repeat(600 * 1024) }), { trx_id, monto: 1 });
      await expectCreate(res, '99', 'Maximum request length exceeded.');
    });

    it('an unsupported medio_pago → 99 "Financiador no válido" (unknown id, or not enabled for the merchant)', async () => {
      let trx_id = nextTrxId();
      await expectCreate(await create({ trx_id, monto: 1, medio_pago: 42 }, { trx_id, monto: 1 }), '99', 'Financiador no válido');
      trx_id = nextTrxId();
      await expectCreate(await create({ trx_id, monto: 1, medio_pago: 5 }, { trx_id, monto: 1 }, { key: 'webpay-only', secret: 's' }), '99', 'Financiador no válido');
    });

    it('a token with a malformed escape (%ff) is answered as the provider does (99 in the status shape, or 400), not a 500', async () => {
      for (const init of [{}, { method: 'POST' }, { headers: { fecha: 'garbage', autorizacion: 'PP sandbox-key:x' } }]) {
        const res = await fetch(`${t.base()}/transaccion/%ff`, init);
        const text = await res.text();
        if (res.status === 400) expect(text).toContain('Bad Request');
        else expect([res.status, (JSON.parse(text) as Json).respuesta]).toEqual([200, '99']);
      }
    });

    it('an unknown route answers 404 in the same shape', async () => {
      const res = await fetch(`${t.base()}/transaccion/crear/extra/segment`, { method: 'POST' });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ respuesta: '99', token: null });
    });

    it('garbage and refused requests leave a stored, approved transaction as it was', async () => {
      const tx = await created('3000.00');
      await pay(tx.token, { card: '4051885600446623' });
      const before = await (await status(tx.token, tx)).text();
      const responses = await Promise.all([
        create('{{{', tx),
        create({ trx_id: tx.trx_id, monto: '1.00' }, { trx_id: tx.trx_id, monto: '1.00' }),
        create({ trx_id: tx.trx_id, monto: '3000.00' }, tx, { secret: 'bad' }),
        status(tx.token, { trx_id: tx.trx_id, monto: '1.00' }),
        status(tx.token, tx, { key: 'other-key', secret: 'other-secret' }),
        admin('complete', { id: tx.token, outcome: 'rejected' }),
        fetch(`${t.base()}/transaccion/procesar/${tx.token}`, { method: 'POST', body: 'accion=pagar&outcome=rejected', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      ]);
      for (const res of responses) expect(res.status).toBeLessThan(500);
      expect(await (await status(tx.token, tx)).text()).toBe(before);
    });
  });

  describe('duplicate trx_id', () => {
    // Recorded: ActiveMerchant's remote suite creates trx_id 10 four times per run, every one 00 (pp-am-create-duplicate-trx-id).
    it('by default, as the sandbox, a trx_id may be used again: a new token, each transaction its own status', async () => {
      const trx_id = nextTrxId();
      const first = await expectCreate(await create({ trx_id, monto: 10 }, { trx_id, monto: 10 }), '00', null);
      const again = await expectCreate(await create({ trx_id: String(trx_id), monto: 99 }, { trx_id, monto: 99 }), '00', null);
      expect(again.token).not.toBe(first.token);
      await pay(first.token as string, { card: '4051885600446623' });
      expect(await (await status(first.token as string, { trx_id, monto: 10 })).json()).toMatchObject({ respuesta: '00', trx_id: String(trx_id), monto: 10 });
      expect(await (await status(again.token as string, { trx_id, monto: 99 })).json()).toMatchObject({ respuesta: '6' });
    });

    const unique = { key: 'unique-trx', secret: 'unique-secret' };
    it('with uniqueTrxId a second create with the same trx_id answers 3; another merchant may use it', async () => {
      const trx_id = nextTrxId();
      await expectCreate(await create({ trx_id, monto: 10 }, { trx_id, monto: 10 }, unique), '00', null);
      await expectCreate(await create({ trx_id: String(trx_id), monto: 99 }, { trx_id, monto: 99 }, unique), '3', 'Transaccion ya existe');
      await expectCreate(await create({ trx_id, monto: 10 }, { trx_id, monto: 10 }, { key: 'other-key', secret: 'other-secret' }), '00', null);
    });

    it('with uniqueTrxId, concurrent creates with one trx_id: exactly one 00, the rest 3', async () => {
      const trx_id = nextTrxId();
      const answers = await Promise.all(Array.from({ length: 12 }, () => create({ trx_id, monto: 10 }, { trx_id, monto: 10 }, unique).then((r) => r.json() as Promise<Json>)));
      const codes = answers.map((a) => a.respuesta).sort();
      expect(codes).toEqual(['00', ...Array(11).fill('3')]);
    });
  });

  describe('status', () => {
    it('a fresh transaction answers 6 "Transaccion incompleta" with every key, trx_id null, monto 0', async () => {
      const tx = await created();
      const res = await status(tx.token, tx);
      const text = await res.clone().text();
      expect(text).toBe(
        `{"codigo_autorizacion":null,"error":"Transaccion incompleta","fecha_aprobacion":null,"medio_pago":null,"medio_pago_descripcion":null,"monto":0,"num_cuotas":0,"numero_operacion":null,"numero_tarjeta":null,"primer_vencimiento":null,"respuesta":"6","tipo_cuotas":null,"tipo_pago":null,"token":"${tx.token}","trx_id":null,"valor_cuota":0}`,
      );
      await expectStatus(res, '6', 'Transaccion incompleta');
    });

    it('the tolerated POST variant answers the same', async () => {
      const tx = await created();
      await expectStatus(await status(tx.token, tx, { method: 'POST' }), '6', 'Transaccion incompleta');
    });

    it('after the Visa test card: 00 with the sandbox payment fields and "monto":1000.00', async () => {
      const tx = await created('1000.00', { medio_pago: 3 });
      await pay(tx.token, { card: '4051885600446623', cvv: '123', expiry: '12/30' });
      const res = await status(tx.token, { trx_id: tx.trx_id, monto: 1000 });
      expect(await res.clone().text()).toContain('"monto":1000.00');
      const body = await expectStatus(res, '00', null);
      expect(body).toMatchObject({
        token: tx.token,
        trx_id: String(tx.trx_id),
        medio_pago: '3',
        medio_pago_descripcion: 'WebPay Transbank',
        numero_tarjeta: '6623',
        codigo_autorizacion: '281172',
        tipo_cuotas: 'Sin Cuotas',
        num_cuotas: 0,
        valor_cuota: 0,
        tipo_pago: null,
      });
      expect(body.fecha_aprobacion).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      expect(body.numero_operacion).toMatch(/^\d{10}$/);
    });

    it('installments: num_cuotas, "Cuotas normales", valor_cuota and the first due date', async () => {
      const tx = await created('12000.00', { medio_pago: 3 });
      await pay(tx.token, { card: '4051885600446623', cuotas: 3 });
      const body = await expectStatus(await status(tx.token, tx), '00', null);
      expect(body).toMatchObject({ num_cuotas: 3, tipo_cuotas: 'Cuotas normales', valor_cuota: 4000 });
      expect(body.primer_vencimiento).toMatch(/^\d{4}-\d\d-\d\d$/);
    });

    it('the client reads status with complete/data, and httpError 400 on a mismatch', async () => {
      const tx = await created('1500.00');
      expect(await client().status({ token: tx.token, trx_id: String(tx.trx_id), monto: 1500 })).toMatchObject({ complete: true, data: { respuesta: '6' } });
      const wrong = await client().status({ token: tx.token, trx_id: tx.trx_id, monto: '1500.01' });
      expect(wrong).toMatchObject({ complete: false, httpError: 400, status: 400 });
      expect(wrong.data).toBeUndefined();
    });

    it.each([
      ['another monto', (tx: { trx_id: number }) => ({ trx_id: tx.trx_id, monto: '999.00' })],
      ['another trx_id', () => ({ trx_id: 1, monto: '1000.00' })],
      ['the wrong secret', (tx: { trx_id: number }) => ({ trx_id: tx.trx_id, monto: '1000.00', secret: 'nope' })],
      ['no newline before the date (a C# SDK bug)', (tx: { trx_id: number; token?: string }) => ({ trx_id: tx.trx_id, monto: '1000.00', noNewline: true })],
    ] as const)('a signature over %s → HTTP 400 with an HTML body', async (_name, make) => {
      const tx = await created('1000.00');
      const f = make(tx) as { trx_id: number; monto: string; secret?: string; noNewline?: boolean };
      const fecha = httpDate(now());
      const message = f.noNewline ? signatureMessage('status', { token: tx.token, trx_id: f.trx_id, monto: f.monto }, fecha).replace(/\n([^\n]*)$/, '$1') : undefined;
      const res = await status(tx.token, f, { secret: f.secret, fecha, message });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('Bad Request');
    });

    // Seed 000 (the Python client's doc): status(token='ABF56SDCL2345', ...) with a wrong combination → 400 Bad Request.
    it('an unknown token, or another merchant\'s, → HTTP 400 like any wrong combination', async () => {
      const unknown = await status('ABF56SDCL2345', { trx_id: '123', monto: '2000' });
      expect(unknown.status).toBe(400);
      expect(await unknown.text()).toContain('Bad Request');
      const tx = await created();
      expect((await status(tx.token, tx, { key: 'other-key', secret: 'other-secret' })).status).toBe(400);
    });

    it('with unknownToken "respuesta-4" an unknown token → 4 "Transaccion no existe" in the status shape', async () => {
      const body = await expectStatus(await status('NOSUCHTOKEN00000', { trx_id: 1, monto: 1 }, { key: 'code-4', secret: 'code-4-secret' }), '4', 'Transaccion no existe');
      expect(body.token).toBe('NOSUCHTOKEN00000');
    });

    it('credentials, IP and Fecha are checked on status too', async () => {
      const tx = await created();
      await expectStatus(await status(tx.token, tx, { key: 'nobody' }), '99', 'La llave no existe');
      await expectStatus(await status(tx.token, tx, { key: 'ip-locked', secret: 's' }), '9', 'IP no autorizada para realizar esta accion');
    });

    it('with fechaWindowSeconds 120 Fecha is checked on status too', async () => {
      const strict = { key: 'strict-fecha', secret: 'strict-secret' };
      const tx = await created('1000.00', {}, strict);
      await expectStatus(await status(tx.token, tx, { ...strict, fecha: httpDate(new Date(now().getTime() - 600_000)) }), '99', 'Fecha no válida');
      await expectStatus(await status(tx.token, tx, strict), '6', 'Transaccion incompleta');
    });
  });

  describe('every respuesta code over this transport', () => {
    const paidWith = async (body: Json) => {
      const tx = await created('5000.00');
      await pay(tx.token, body);
      return { tx, res: await status(tx.token, tx) };
    };
    const header = (id: string) => ({ headers: { 'X-Pasarela-Scenario': id } });

    it('00 created, 00 approved', async () => {
      const { res } = await paidWith({ outcome: 'approved' });
      await expectStatus(res, '00', null);
    });
    it('1 rejected (Mastercard test card)', async () => {
      const { res } = await paidWith({ card: '5186059559590568' });
      await expectStatus(res, '1', 'Transaccion rechazada');
    });
    it('2 voided', async () => {
      await expectStatus((await paidWith({ outcome: 'voided' })).res, '2', 'Transaccion anulada');
    });
    it('3 duplicate trx_id, and by scenario', async () => {
      const trx_id = nextTrxId();
      await expectCreate(await create({ trx_id, monto: 1 }, { trx_id, monto: 1 }, header('duplicate-trx-id')), '3', 'Transaccion ya existe');
    });
    it('4 unknown token, and by scenario on a known one', async () => {
      const tx = await created();
      await expectStatus(await status(tx.token, tx, header('unknown-token')), '4', 'Transaccion no existe');
    });
    it('5 already processed, on create and on status', async () => {
      const tx = await created();
      await expectStatus(await status(tx.token, tx, header('already-processed')), '5', 'Transaccion ya procesada');
      const trx_id = nextTrxId();
      await expectCreate(await create({ trx_id, monto: 1 }, { trx_id, monto: 1 }, header('already-processed')), '5', 'Transaccion ya procesada');
    });
    it('6 incomplete: the buyer left without paying', async () => {
      await expectStatus((await paidWith({ outcome: 'abandoned' })).res, '6', 'Transaccion incompleta');
    });
    it('7 issuer error', async () => {
      await expectStatus((await paidWith({ outcome: 'issuer-error' })).res, '7', 'Error del financiador');
    });
    it('8 system error, on create and on status', async () => {
      const trx_id = nextTrxId();
      await expectCreate(await create({ trx_id, monto: 1 }, { trx_id, monto: 1 }, header('system-error')), '8', 'Error del sistema');
      const tx = await created();
      await expectStatus(await status(tx.token, tx, header('system-error')), '8', 'Error del sistema');
    });
    it('9 IP not allowed, by scenario', async () => {
      const tx = await created();
      await expectStatus(await status(tx.token, tx, header('ip-not-allowed')), '9', 'IP no autorizada para realizar esta accion');
    });
    it('11 charged with problems, with the payment fields', async () => {
      const body = await expectStatus((await paidWith({ outcome: 'charged-with-problems' })).res, '11', 'Cargo realizado con problemas, revise su estado de cuenta');
      expect(body.numero_tarjeta).toBe('6623');
    });
    it.each([
      ['invalid-key', 'La llave no existe'],
      ['invalid-input', 'Input string was not in a correct format.'],
      ['invalid-payment-method', 'Financiador no válido'],
    ])('99 by scenario %s', async (id, error) => {
      const trx_id = nextTrxId();
      await expectCreate(await create({ trx_id, monto: 1 }, { trx_id, monto: 1 }, header(id)), '99', error);
    });
  });

  describe('scenarios', () => {
    it('a payment scenario sent on create decides the payment, even with the approving test card', async () => {
      const trx_id = nextTrxId();
      const answer = await expectCreate(await create({ trx_id, monto: 10 }, { trx_id, monto: 10 }, { headers: { 'X-Pasarela-Scenario': 'issuer-error' } }), '00', null);
      const result = await pay(answer.token as string, { card: '4051885600446623' });
      expect(result).toMatchObject({ respuesta: '7', scenario: 'issuer-error' });
    });

    it('a queued request scenario answers the next matching call only', async () => {
      const queued = await admin('scenarios/next', { scenario: 'system-error', path: '/transaccion/crear' });
      expect(queued.status).toBe(201);
      let trx_id = nextTrxId();
      await expectCreate(await create({ trx_id, monto: 1 }, { trx_id, monto: 1 }), '8', 'Error del sistema');
      trx_id = nextTrxId();
      await expectCreate(await create({ trx_id, monto: 1 }, { trx_id, monto: 1 }), '00', null);
    });

    it('a queued payment scenario decides the next payment of the hosted page', async () => {
      const tx = await created();
      await admin('scenarios/next', { scenario: 'charged-with-problems', path: `/transaccion/procesar/${tx.token}` });
      expect(await pay(tx.token, { card: '4051885600446623' })).toMatchObject({ respuesta: '11' });
    });

    it('an unknown X-Pasarela-Scenario is a 400 that names it', async () => {
      const trx_id = nextTrxId();
      const res = await create({ trx_id, monto: 1 }, { trx_id, monto: 1 }, { headers: { 'X-Pasarela-Scenario': 'no-such-scenario' } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Json).error).toMatch(/no-such-scenario/);
    });
  });

  describe('admin complete', () => {
    it('refuses a second payment (409, respuesta 5), unknown ids (404), bad cards and non-payment outcomes (400)', async () => {
      const tx = await created();
      await pay(tx.token, { outcome: 'approved' });
      const again = await admin('complete', { id: tx.token, card: '4051885600446623' });
      expect(again.status).toBe(409);
      expect(JSON.stringify(await again.json())).toMatch(/respuesta 5/);
      expect((await admin('complete', { id: 'NOPE', outcome: 'approved' })).status).toBe(404);
      const fresh = await created();
      expect((await admin('complete', { id: fresh.token, card: '4051885600446624' })).status).toBe(400);
      expect((await admin('complete', { id: fresh.token, outcome: 'system-error' })).status).toBe(400);
      await expectStatus(await status(fresh.token, fresh), '6', 'Transaccion incompleta');
    });

    it('makes fresh merchants with their own key and secret, isolated from the others', async () => {
      const res = await admin('merchants', { provider: 'puntopagos', fresh: true, fechaWindowSeconds: 0 });
      expect(res.status).toBe(201);
      const { merchant } = (await res.json()) as { merchant: { key: string; secret: string } };
      expect(merchant.key).toMatch(/^key-[0-9a-z]{16}$/);
      const tx = await created('10.00', {}, { key: merchant.key, secret: merchant.secret, fecha: 'Thu, 01 Mar 2018 00:00:00 GMT' });
      await expectStatus(await status(tx.token, tx, { key: merchant.key, secret: merchant.secret }), '6', 'Transaccion incompleta');
      expect((await status(tx.token, tx)).status).toBe(400);
    });

    it('lists transactions with their state, code and no card number', async () => {
      const tx = await created('777.00');
      await pay(tx.token, { card: '4051885600446623' });
      const res = await fetch(`${t.base()}/__admin/transactions`);
      const list = ((await res.json()) as { transactions: Json[] }).transactions;
      const view = list.find((v) => v.id === tx.token)!;
      expect(view).toMatchObject({ provider: 'puntopagos', merchant: KEY, status: 'APPROVED', reason: '00', amount: 777, reference: String(tx.trx_id), completable: false });
      expect(JSON.stringify(list)).not.toContain('4051885600446623');
    });
  });
}
