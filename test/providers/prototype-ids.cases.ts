/**
 * Ids and keys named like Object.prototype members, on every route of every provider and
 * every admin route. The oracle is differential: each request is sent once with a
 * prototype name and once with an ordinary name of the same shape (same length and
 * character classes, so validation treats both alike), each on a fresh merchant; the two
 * answers must be the same (same status and the provider's own code). A create answers
 * the same and its object is read back the same; a lookup answers "unknown" for both.
 * Never a 5xx, never an error logged, nothing written to Object.prototype (frozen in this
 * process by `freeze-prototype.ts`), every port healthy afterwards.
 */
import { describe, expect, it } from 'vitest';
import { createAuth } from '../../clients/placetopay/auth.ts';
import { authorizationHeader, httpDate, sign, signatureMessage } from '../../clients/puntopagos/signature.ts';
import { basicAuthorization } from '../../clients/tpaga/auth.ts';
import { operations } from '../../contracts/index.ts';
import type { Sandbox } from '../../emulators/index.ts';
import { testPayToken } from '../../scenarios/payture.ts';
import { FROZEN } from '../helpers/freeze-prototype.ts';

export interface Target {
  sandbox(): Sandbox;
  /** Origin that reaches a provider (a listener's URL, or its real host under MSW). */
  base(provider: string): string;
  /** Unexpected errors the sandbox logged so far. */
  errors(): string[];
}

/** Every own name of Object.prototype, `__proto__` included. */
export const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype);

/** An ordinary name of the same shape: letters swapped for other letters of the same case. */
export function lookalike(name: string, salt: number): string {
  let i = salt;
  return name.replace(/[a-z]/g, () => 'qxzjkvw'[i++ % 7]!).replace(/[A-Z]/g, () => 'QXZJKVW'[i++ % 7]!);
}

interface Merchant {
  [field: string]: string;
}

interface Call {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Probe {
  /** `METHOD /route` of the provider's router (or a Payture command), for the coverage check. */
  route: string;
  /** What stands for the id: an object of this merchant set up first, or nothing. */
  setup?: (m: Merchant, api: Api) => Promise<Record<string, string>>;
  request: (id: string, m: Merchant, made: Record<string, string>, api: Api) => Call;
  /** A create: the object is read back with this request, and must be found like any other. */
  readBack?: (id: string, m: Merchant, made: Record<string, string>, api: Api) => Call;
}

interface Api {
  send(call: Call): Promise<{ status: number; text: string }>;
  now(): Date;
}

type Signature = (status: number, text: string) => string;

const json = (o: unknown) => JSON.stringify(o);
const form = (o: Record<string, string | number>) => new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)])).toString();
const list = (o: Record<string, string | number>) => Object.entries(o).map(([k, v]) => `${k}=${v}`).join(';');
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };
const enc = encodeURIComponent;

function parsed(text: string): Record<string, any> {
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return {};
  }
}

// ---- PuntoPagos ----------------------------------------------------------------------

const puntopagosSign: Signature = (status, text) => `${status} ${parsed(text).respuesta ?? ''}`;

function puntopagosProbes(): Probe[] {
  const signed = (api: Api, m: Merchant, op: 'create' | 'status', fields: { token?: string; trx_id: string; monto: string }) => {
    const fecha = httpDate(api.now());
    return { Fecha: fecha, Autorizacion: authorizationHeader(m.key!, sign(signatureMessage(op, fields, fecha), m.secret!)), ...JSON_TYPE };
  };
  const status = (method: string) => (id: string, m: Merchant, _made: Record<string, string>, api: Api): Call => ({
    method,
    path: `/transaccion/${enc(id)}`,
    headers: signed(api, m, 'status', { token: id, trx_id: '1', monto: '100.00' }),
  });
  return [
    {
      // Keys of the body only: trx_id is digits.
      route: 'POST /transaccion/crear',
      request: (id, m, _made, api) => ({
        method: 'POST',
        path: '/transaccion/crear',
        headers: signed(api, m, 'create', { trx_id: '77', monto: '100.00' }),
        body: `{"trx_id":"77","monto":"100.00","${id}":{"deleted":true}}`,
      }),
    },
    { route: 'GET /transaccion/:token', request: status('GET') },
    { route: 'POST /transaccion/:token', request: status('POST') },
    { route: 'GET /transaccion/procesar/:token', request: (id) => ({ method: 'GET', path: `/transaccion/procesar/${enc(id)}` }) },
    {
      route: 'POST /transaccion/procesar/:token',
      request: (id) => ({ method: 'POST', path: `/transaccion/procesar/${enc(id)}`, headers: FORM, body: form({ card: '4051885600446623', [id]: 'x' }) }),
    },
  ];
}

// ---- Tpaga ---------------------------------------------------------------------------

const tpagaSign: Signature = (status, text) => {
  const b = parsed(text);
  const fields = Array.isArray(b.errors) ? b.errors.map((e: { field?: string }) => e.field).join(',') : '';
  return `${status} ${b.errorCode ?? ''} ${fields}`;
};

function tpagaProbes(): Probe[] {
  const priv = (m: Merchant) => ({ authorization: basicAuthorization(m.privateKey!), ...JSON_TYPE });
  const pub = (m: Merchant) => ({ authorization: basicAuthorization(m.publicKey!), ...JSON_TYPE });
  const cardBody = { primaryAccountNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2031', cvc: '123', cardHolderName: 'Ana Prueba' };
  const customer = async (m: Merchant, api: Api) => parsed((await api.send({ method: 'POST', path: '/api/customer', headers: priv(m), body: '{}' })).text).id as string;
  const token = async (m: Merchant, api: Api) =>
    parsed((await api.send({ method: 'POST', path: '/api/tokenize/credit_card', headers: pub(m), body: json(cardBody) })).text).token as string;
  const withCard = async (m: Merchant, api: Api) => {
    const c = await customer(m, api);
    const t = await token(m, api);
    const card = parsed((await api.send({ method: 'POST', path: `/api/customer/${c}/credit_card_token`, headers: priv(m), body: json({ token: t }) })).text).id as string;
    return { customer: c, card };
  };
  const withCharge = async (m: Merchant, api: Api) => {
    const made = await withCard(m, api);
    const res = await api.send({ method: 'POST', path: '/api/charge/credit_card', headers: priv(m), body: json({ amount: 1000, taxAmount: 0, currency: 'COP', creditCard: made.card, installments: 1, orderId: 'o-1' }) });
    return { ...made, charge: parsed(res.text).id as string };
  };
  const charge = (creditCard: string) => json({ amount: 1000, taxAmount: 0, currency: 'COP', creditCard, installments: 1, orderId: 'o-1' });
  return [
    { route: 'POST /api/customer', request: (id, m) => ({ method: 'POST', path: '/api/customer', headers: priv(m), body: `{"firstName":"Ana","${id}":{"deleted":true}}` }) },
    { route: 'GET /api/customer/:id', request: (id, m) => ({ method: 'GET', path: `/api/customer/${enc(id)}`, headers: priv(m) }) },
    { route: 'DELETE /api/customer/:id', request: (id, m) => ({ method: 'DELETE', path: `/api/customer/${enc(id)}`, headers: priv(m) }) },
    {
      route: 'POST /api/tokenize/credit_card',
      request: (id, m) => ({ method: 'POST', path: '/api/tokenize/credit_card', headers: pub(m), body: json({ ...cardBody, [id]: { used: true } }) }),
    },
    {
      route: 'POST /api/customer/:customerId/credit_card_token',
      setup: async (m, api) => ({ customer: await customer(m, api) }),
      request: (id, m, made) => ({ method: 'POST', path: `/api/customer/${made.customer}/credit_card_token`, headers: priv(m), body: json({ token: id }) }),
    },
    {
      route: 'POST /api/customer/:customerId/credit_card_token',
      setup: async (m, api) => ({ token: await token(m, api) }),
      request: (id, m, made) => ({ method: 'POST', path: `/api/customer/${enc(id)}/credit_card_token`, headers: priv(m), body: json({ token: made.token }) }),
    },
    {
      route: 'POST /api/customer/:customerId/credit_card',
      request: (id, m) => ({ method: 'POST', path: `/api/customer/${enc(id)}/credit_card`, headers: priv(m), body: json({ ...cardBody, cvc: undefined, cardVerificationCode: '123' }) }),
    },
    {
      route: 'GET /api/customer/:customerId/credit_card/:cardId',
      setup: async (m, api) => withCard(m, api),
      request: (id, m, made) => ({ method: 'GET', path: `/api/customer/${made.customer}/credit_card/${enc(id)}`, headers: priv(m) }),
    },
    {
      route: 'GET /api/customer/:customerId/credit_card/:cardId',
      setup: async (m, api) => withCard(m, api),
      request: (id, m, made) => ({ method: 'GET', path: `/api/customer/${enc(id)}/credit_card/${made.card}`, headers: priv(m) }),
    },
    {
      route: 'DELETE /api/customer/:customerId/credit_card/:cardId',
      setup: async (m, api) => withCard(m, api),
      request: (id, m, made) => ({ method: 'DELETE', path: `/api/customer/${made.customer}/credit_card/${enc(id)}`, headers: priv(m) }),
    },
    { route: 'POST /api/charge/credit_card', request: (id, m) => ({ method: 'POST', path: '/api/charge/credit_card', headers: priv(m), body: charge(id) }) },
    { route: 'GET /api/charge/credit_card/:id', request: (id, m) => ({ method: 'GET', path: `/api/charge/credit_card/${enc(id)}`, headers: priv(m) }) },
    { route: 'POST /api/refund/credit_card', request: (id, m) => ({ method: 'POST', path: '/api/refund/credit_card', headers: priv(m), body: json({ id }) }) },
    {
      route: 'POST /api/refund/credit_card',
      setup: withCharge,
      request: (id, m, made) => ({ method: 'POST', path: '/api/refund/credit_card', headers: priv(m), body: `{"id":"${made.charge}","${id}":{"status":"voided"}}` }),
    },
  ];
}

// ---- Payture -------------------------------------------------------------------------

const paytureSign: Signature = (status, text) => {
  const root = /^<(\w+)/.exec(text)?.[1] ?? '';
  const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(text)?.[1] ?? '';
  return text.startsWith('<') && !/^<!doctype|^<html/i.test(text) ? `${status} ${root} ${attr('Success')} ${attr('ErrCode')}` : `${status}`;
};

function paytureProbes(): Probe[] {
  const PAN = '4111111111100031';
  const payInfo = (orderId: string, amount = 100) => list({ PAN, EMonth: 12, EYear: 30, CardHolder: 'Ivan Ivanov', SecureCode: 123, OrderId: orderId, Amount: amount });
  const api = (command: string, params: (id: string, m: Merchant, made: Record<string, string>) => Record<string, string | number>) => (id: string, m: Merchant, made: Record<string, string>): Call => ({
    method: 'POST',
    path: `/api/${command}`,
    headers: FORM,
    body: form({ Key: m.key!, ...params(id, m, made) }),
  });
  const inpay = (command: string, params: (id: string, m: Merchant, made: Record<string, string>) => Record<string, string | number>) => (id: string, m: Merchant, made: Record<string, string>): Call => ({
    method: 'POST',
    path: `/apim/${command}`,
    headers: FORM,
    body: form({ Key: m.key!, ...params(id, m, made) }),
  });
  const vw = (command: string, data: (id: string, m: Merchant, made: Record<string, string>) => Record<string, string | number>, top: (id: string, m: Merchant) => Record<string, string | number> = () => ({})) => (id: string, m: Merchant, made: Record<string, string>): Call => ({
    method: 'POST',
    path: `/vwapi/${command}`,
    headers: FORM,
    body: form({ VWID: m.key!, DATA: list(data(id, m, made)), ...top(id, m) }),
  });
  const send = (a: Api, call: Call) => a.send(call);
  const attr = (text: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(text)?.[1] ?? '';
  const register = async (m: Merchant, a: Api) => {
    await send(a, vw('Register', () => ({ VWUserLgn: 'ivan@example.com', VWUserPsw: 'pw1', PhoneNumber: '79001234567' }))('', m, {}));
    const added = await send(a, vw('Add', () => ({ VWUserLgn: 'ivan@example.com', VWUserPsw: 'pw1', CardNumber: PAN, EMonth: 12, EYear: 30, CardHolder: 'Ivan Ivanov', SecureCode: 123 }))('', m, {}));
    const cardId = attr(added.text, 'CardId');
    return { login: 'ivan@example.com', cardId };
  };
  const paid = async (m: Merchant, a: Api) => {
    await send(a, api('Block', () => ({ OrderId: 'made-1', Amount: 100, PayInfo: payInfo('made-1') }))('', m, {}));
    return { order: 'made-1' };
  };
  const who = { VWUserLgn: 'ivan@example.com', VWUserPsw: 'pw1' };
  const orderRead = (id: string, m: Merchant): Call => api('GetState', () => ({ OrderId: id }))(id, m, {});
  const pages = (family: string, command: string) => (id: string): Call => ({ method: 'GET', path: `/${family}/${command}?SessionId=${enc(id)}` });

  return [
    // PaytureAPI
    { route: 'api Pay', request: api('Pay', (id) => ({ OrderId: id, Amount: 100, PayInfo: payInfo(id) })), readBack: orderRead },
    { route: 'api Block', request: api('Block', (id) => ({ OrderId: id, Amount: 100, PayInfo: payInfo(id) })), readBack: orderRead },
    { route: 'api Pay', request: api('Pay', (id) => ({ OrderId: 'o-1', Amount: 100, PayInfo: payInfo('o-1'), CustomFields: list({ [id]: 'x', IP: '1.2.3.4' }) })) },
    { route: 'api Pay3DS', request: api('Pay3DS', (id) => ({ OrderId: id, PaRes: 'x', MD: id })) },
    { route: 'api Block3DS', request: api('Block3DS', (id) => ({ OrderId: id, PaRes: 'x', MD: id })) },
    { route: 'api Charge', request: api('Charge', (id) => ({ OrderId: id, Amount: 100 })) },
    { route: 'api Unblock', request: api('Unblock', (id) => ({ OrderId: id, Amount: 100 })) },
    { route: 'api Refund', request: api('Refund', (id, m) => ({ OrderId: id, Amount: 100, Password: m.password! })) },
    { route: 'api GetState', request: api('GetState', (id) => ({ OrderId: id })) },
    { route: 'api Charge', setup: paid, request: api('Charge', (id, _m, made) => ({ OrderId: made.order!, Amount: 100, [id]: 'x' })) },
    { route: 'api MobilePay', request: api('MobilePay', (id) => ({ OrderId: id, PayToken: testPayToken({ amount: 100 }) })), readBack: orderRead },
    { route: 'api MobileBlock', request: api('MobileBlock', (id) => ({ OrderId: id, Amount: 100, PayToken: testPayToken({ amount: 100 }) })), readBack: orderRead },
    { route: 'api ApplePay', request: api('ApplePay', (id) => ({ OrderId: id, Amount: 100, PayToken: testPayToken({ amount: 100 }), Method: 'PAY' })), readBack: orderRead },
    { route: 'api AndroidPay', request: api('AndroidPay', (id) => ({ OrderId: id, Amount: 100, PayToken: testPayToken({ amount: 100 }), Method: 'BLOCK' })), readBack: orderRead },
    { route: 'api MPPay', request: api('MPPay', (id) => ({ OrderId: id, Amount: 100, Token: 'mp-token', CVC2: 123 })), readBack: orderRead },
    { route: 'api MPBlock', request: api('MPBlock', (id) => ({ OrderId: id, Amount: 100, Token: 'mp-token', CVC2: 123 })), readBack: orderRead },
    // PaytureInPay
    {
      route: 'inpay Init',
      request: inpay('Init', (id) => ({ Data: list({ SessionType: 'Pay', OrderId: id, Amount: 100, IP: '1.2.3.4', Url: 'https://shop.example/return' }) })),
      readBack: (id, m) => inpay('PayStatus', () => ({ OrderId: id }))(id, m, {}),
    },
    { route: 'inpay Init', request: inpay('Init', (id) => ({ Data: list({ SessionType: 'Pay', OrderId: 'o-2', Amount: 100, IP: '1.2.3.4', [id]: 'shown' }) })) },
    { route: 'inpay PayStatus', request: inpay('PayStatus', (id) => ({ OrderId: id })) },
    { route: 'inpay GetState', request: inpay('GetState', (id) => ({ OrderId: id })) },
    { route: 'inpay Charge', request: inpay('Charge', (id, m) => ({ OrderId: id, Amount: 100, Password: m.password! })) },
    { route: 'inpay Unblock', request: inpay('Unblock', (id, m) => ({ OrderId: id, Amount: 100, Password: m.password! })) },
    { route: 'inpay Refund', request: inpay('Refund', (id, m) => ({ OrderId: id, Amount: 100, Password: m.password! })) },
    { route: 'inpay Pay (page)', request: pages('apim', 'Pay') },
    // PaytureEWallet
    {
      route: 'ewallet Register',
      request: vw('Register', (id) => ({ VWUserLgn: id, VWUserPsw: 'pw1', PhoneNumber: '79001234567' })),
      readBack: (id, m) => vw('Check', () => ({ VWUserLgn: id, VWUserPsw: 'pw1' }))(id, m, {}),
    },
    { route: 'ewallet Update', request: vw('Update', (id) => ({ VWUserLgn: id, VWUserPsw: 'pw1', Email: 'a@b.c' })) },
    { route: 'ewallet Check', request: vw('Check', (id) => ({ VWUserLgn: id, VWUserPsw: 'pw1' })) },
    { route: 'ewallet Delete', request: vw('Delete', (id, m) => ({ VWUserLgn: id, Password: m.password! })) },
    { route: 'ewallet GetList', request: vw('GetList', (id) => ({ VWUserLgn: id, VWUserPsw: 'pw1' })) },
    { route: 'ewallet Add', request: vw('Add', (id) => ({ VWUserLgn: id, VWUserPsw: 'pw1', CardNumber: PAN, EMonth: 12, EYear: 30, CardHolder: 'Ivan Ivanov', SecureCode: 123 })) },
    { route: 'ewallet Activate', setup: register, request: vw('Activate', (id) => ({ ...who, CardId: id, Amount: 101 })) },
    { route: 'ewallet Activate', request: vw('Activate', (id) => ({ VWUserLgn: id, VWUserPsw: 'pw1', CardId: id, Amount: 101 })) },
    { route: 'ewallet Remove', setup: register, request: vw('Remove', (id) => ({ ...who, CardId: id })) },
    { route: 'ewallet Init', request: vw('Init', (id) => ({ VWUserLgn: id, VWUserPsw: 'pw1', SessionType: 'Pay', OrderId: 'o-3', Amount: 100, IP: '1.2.3.4' })) },
    {
      route: 'ewallet Init',
      setup: register,
      request: vw('Init', (id) => ({ ...who, SessionType: 'Pay', OrderId: id, Amount: 100, IP: '1.2.3.4' })),
      readBack: (id, m) => vw('PayStatus', () => ({ OrderId: id }))(id, m, {}),
    },
    {
      route: 'ewallet Pay',
      setup: register,
      // A merchant-side Pay with a card typed in (CardId=FreePay) creates the order.
      request: vw('Pay', (id) => ({ ...who, CardId: 'FreePay', CardNumber: PAN, EMonth: 12, EYear: 30, CardHolder: 'Ivan Ivanov', SecureCode: 123, OrderId: id, Amount: 100, IP: '1.2.3.4' })),
      readBack: (id, m) => vw('PayStatus', () => ({ OrderId: id }))(id, m, {}),
    },
    { route: 'ewallet Pay', setup: register, request: vw('Pay', (id) => ({ ...who, CardId: id, OrderId: 'o-4', Amount: 100, IP: '1.2.3.4', SecureCode: 123 })) },
    { route: 'ewallet SendCode', setup: register, request: vw('SendCode', (id) => ({ ...who, CardId: id, OrderId: 'o-5', Amount: 100 })) },
    { route: 'ewallet PayStatus', request: vw('PayStatus', (id) => ({ OrderId: id })) },
    { route: 'ewallet Charge', request: vw('Charge', () => ({}), (id, m) => ({ OrderId: id, Amount: 100, Password: m.password! })) },
    { route: 'ewallet Unblock', request: vw('Unblock', () => ({}), (id, m) => ({ OrderId: id, Amount: 100, Password: m.password! })) },
    { route: 'ewallet Refund', request: vw('Refund', (id, m) => ({ OrderId: id, Amount: 100, Password: m.password! })) },
    { route: 'ewallet GetState', request: (id, m) => ({ method: 'POST', path: '/vwapi/GetState', headers: FORM, body: form({ Key: m.key!, OrderId: id }) }) },
    { route: 'ewallet PaySubmit3DS', request: (id) => ({ method: 'POST', path: '/vwapi/PaySubmit3DS', headers: FORM, body: form({ MD: id, PaRes: 'x' }) }) },
    { route: 'ewallet AddSubmit3DS', request: (id) => ({ method: 'POST', path: '/vwapi/AddSubmit3DS', headers: FORM, body: form({ MD: id, PaRes: 'x' }) }) },
    { route: 'ewallet Pay (page)', request: pages('vwapi', 'Pay') },
    { route: 'ewallet Add (page)', request: pages('vwapi', 'Add') },
    // The 3-D Secure simulator.
    { route: 'GET /simulp3ds/ACS/', request: (id) => ({ method: 'GET', path: `/simulp3ds/ACS/?MD=${enc(id)}&PaReq=x&TermUrl=${enc('https://shop.example/3ds')}` }) },
    { route: 'POST /simulp3ds/ACS/', request: (id) => ({ method: 'POST', path: '/simulp3ds/ACS/', headers: FORM, body: form({ MD: id, PaReq: 'x', TermUrl: 'https://shop.example/3ds' }) }) },
    { route: 'POST /simulp3ds/ACS/answer', request: (id) => ({ method: 'POST', path: '/simulp3ds/ACS/answer', headers: FORM, body: form({ MD: id, Result: 'Y', TermUrl: 'https://shop.example/3ds' }) }) },
  ];
}

// ---- PlacetoPay ----------------------------------------------------------------------

const placetopaySign: Signature = (status, text) => {
  const b = parsed(text);
  return `${status} ${b.status?.status ?? ''} ${b.status?.reason ?? ''}`;
};

function placetopayProbes(): Probe[] {
  const auth = (m: Merchant, a: Api) => createAuth({ login: m.login!, secretKey: m.secretKey!, now: a.now() });
  const call = (path: string, body: (id: string, m: Merchant, made: Record<string, string>, a: Api) => Record<string, unknown>) => (id: string, m: Merchant, made: Record<string, string>, a: Api): Call => ({
    method: 'POST',
    path,
    headers: JSON_TYPE,
    body: json({ auth: auth(m, a), ...body(id, m, made, a) }),
  });
  const session = (extra: Record<string, unknown> = {}) => ({
    payment: { reference: 'R-1', description: 'probe', amount: { currency: 'COP', total: 10000 } },
    ipAddress: '127.0.0.1',
    userAgent: 'probe',
    returnUrl: 'https://shop.example/return',
    expiration: new Date(Date.now() + 3600_000).toISOString(),
    ...extra,
  });
  const created = async (m: Merchant, a: Api) => {
    const res = await a.send(call('/api/session', () => session())('', m, {}, a));
    const b = parsed(res.text);
    const url = new URL(b.processUrl as string);
    return { requestId: String(b.requestId), key: url.pathname.split('/').pop()! };
  };
  const page = (prefix: string, suffix: string, method: string) => [
    { route: `${method} ${prefix}/session/:id/:key${suffix}`, request: (id: string): Call => ({ method, path: `${prefix}/session/${enc(id)}/${enc(id)}${suffix}`, headers: FORM, body: method === 'POST' ? form({ card: '4110760000000081' }) : undefined }) },
    {
      route: `${method} ${prefix}/session/:id/:key${suffix}`,
      setup: created,
      request: (id: string, _m: Merchant, made: Record<string, string>): Call => ({ method, path: `${prefix}/session/${made.requestId}/${enc(id)}${suffix}`, headers: FORM, body: method === 'POST' ? form({ card: '4110760000000081', [id]: 'x' }) : undefined }),
    },
  ];
  return [
    { route: 'POST /api/session', request: call('/api/session', (id) => ({ ...session(), [id]: { polluted: true }, buyer: { name: 'Ana', [id]: 'x' } })) },
    { route: 'POST /api/session/:requestId', request: call('/api/session/ID', () => ({})) },
    { route: 'POST /api/session/:requestId/cancel', request: call('/api/session/ID/cancel', () => ({})) },
    { route: 'POST /api/collect', request: call('/api/collect', (id) => ({ payment: { reference: 'C-1', description: 'collect', amount: { currency: 'COP', total: 1000 } }, instrument: { token: { token: id } }, ipAddress: '127.0.0.1', userAgent: 'probe', payer: { name: 'Ana', surname: 'Prueba', email: 'ana@example.com', document: '1040035000', documentType: 'CC' } })) },
    { route: 'POST /api/collect', request: call('/api/collect', (id) => ({ payment: { reference: 'C-2', description: 'collect', amount: { currency: 'COP', total: 1000 } }, instrument: { token: { subtoken: id } }, ipAddress: '127.0.0.1', userAgent: 'probe', payer: { name: 'Ana', surname: 'Prueba', email: 'ana@example.com', document: '1040035000', documentType: 'CC' } })) },
    { route: 'POST /api/transaction', request: call('/api/transaction', (id) => ({ internalReference: id, action: 'refund' })) },
    { route: 'POST /api/reverse', request: call('/api/reverse', (id) => ({ internalReference: id })) },
    { route: 'POST /api/instrument/invalidate', request: call('/api/instrument/invalidate', (id) => ({ instrument: { token: { token: id } } })) },
    { route: 'POST /api/instrument/invalidate', request: call('/api/instrument/invalidate', (id) => ({ instrument: { token: { subtoken: id } } })) },
    ...page('', '', 'GET'),
    ...page('', '/pay', 'POST'),
    ...page('', '/cancel', 'POST'),
    ...page('/spa', '', 'GET'),
    ...page('/spa', '/pay', 'POST'),
    ...page('/spa', '/cancel', 'POST'),
  ].map((p) => {
    // Path ids: the requestId goes in the path itself.
    if (!p.route.includes(':requestId')) return p as Probe;
    const inner = p.request as (id: string, m: Merchant, made: Record<string, string>, a: Api) => Call;
    return { ...p, request: (id: string, m: Merchant, made: Record<string, string>, a: Api) => ({ ...inner(id, m, made, a), path: inner(id, m, made, a).path.replace('ID', enc(id)) }) } as Probe;
  });
}

// ---- the run -------------------------------------------------------------------------

const PROVIDERS: Record<string, { probes: () => Probe[]; signature: Signature }> = {
  puntopagos: { probes: puntopagosProbes, signature: puntopagosSign },
  tpaga: { probes: tpagaProbes, signature: tpagaSign },
  payture: { probes: paytureProbes, signature: paytureSign },
  placetopay: { probes: placetopayProbes, signature: placetopaySign },
};

/** What the coverage check expects, lower-cased: every route, and Payture's commands one by one. */
function routesOf(sandbox: Sandbox, provider: string): string[] {
  const routes = sandbox.provider(provider).routes().map((r) => `${r.method} ${r.path}`);
  if (provider !== 'payture') return routes.map((r) => r.toLowerCase());
  const commands = operations('payture')
    .filter((op) => op.endsWith('.request') && op.includes('-'))
    .map((op) => op.replace(/\.request$/, '').replace('-', ' '));
  return [...routes.filter((r) => !r.includes(':command')), ...commands, 'inpay Pay (page)', 'ewallet Pay (page)', 'ewallet Add (page)'].map((r) => r.toLowerCase());
}

export function prototypeIdCases(t: Target) {
  it('runs with Object.prototype frozen', () => {
    expect(FROZEN).toBe(true);
  });

  describe.each(Object.keys(PROVIDERS).map((p) => [p]))('%s: ids named like Object.prototype members', (provider) => {
    const { probes, signature } = PROVIDERS[provider]!;

    it('has a probe for every route', () => {
      const covered = new Set(probes().map((p) => p.route.toLowerCase()));
      expect(routesOf(t.sandbox(), provider).filter((r) => !covered.has(r))).toEqual([]);
    });

    it('answers each prototype name as it answers an ordinary name of the same shape', { timeout: 120_000 }, async () => {
      const sandbox = t.sandbox();
      const api: Api = {
        async send(call) {
          const res = await fetch(`${t.base(provider)}${call.path}`, { method: call.method, headers: call.headers, body: call.body, redirect: 'manual' });
          return { status: res.status, text: await res.text() };
        },
        now: () => sandbox.clock.now(),
      };
      const fresh = async (): Promise<Merchant> => {
        const res = await sandbox.admin('merchants', { method: 'POST', headers: JSON_TYPE, body: json({ provider, fresh: true }) });
        const { merchant } = (await res.json()) as { merchant: Merchant };
        return merchant;
      };
      const errorsBefore = t.errors().length;
      const differences: string[] = [];
      let n = 0;
      for (const probe of probes()) {
        for (const name of PROTO_NAMES) {
          const outcome = async (id: string) => {
            const m = await fresh();
            const made = probe.setup ? await probe.setup(m, api) : {};
            const first = await api.send(probe.request(id, m, made, api));
            const back = probe.readBack ? await api.send(probe.readBack(id, m, made, api)) : undefined;
            return { first, back, sig: `${signature(first.status, first.text)}${back ? ` | read back: ${signature(back.status, back.text)}` : ''}` };
          };
          const control = await outcome(lookalike(name, n++));
          const subject = await outcome(name);
          for (const r of [control.first, control.back, subject.first, subject.back]) {
            if (r && r.status >= 500) differences.push(`${probe.route} [${name}]: ${r.status} ${r.text.slice(0, 200)}`);
          }
          if (subject.sig !== control.sig) differences.push(`${probe.route} [${name}]: ${subject.sig} (an ordinary name: ${control.sig})`);
        }
      }
      expect(differences).toEqual([]);
      expect(t.errors().slice(errorsBefore)).toEqual([]);
    });
  });

  describe('the admin API', () => {
    it('answers prototype names in ids, names and filters without a 5xx, and keeps working', { timeout: 60_000 }, async () => {
      const sandbox = t.sandbox();
      const admin = async (path: string, init: RequestInit = {}) => {
        const res = await sandbox.admin(path, { ...init, headers: { ...JSON_TYPE, ...(init.headers as Record<string, string> | undefined) } });
        return { status: res.status, text: await res.text() };
      };
      const problems: string[] = [];
      for (const name of PROTO_NAMES) {
        const e = enc(name);
        const calls: [string, RequestInit?][] = [
          [`journal?provider=${e}`],
          [`journal?merchant=${e}&path=${e}&method=${e}`],
          [`transactions?provider=${e}`],
          [`transactions?merchant=${e}&status=${e}`],
          [`scenarios?provider=${e}`],
          [`webhooks?provider=${e}&state=${e}&subject=${e}&merchant=${e}`],
          [`webhooks/${e}`],
          [`webhooks/${e}/redeliver`, { method: 'POST', body: '{}' }],
          [`faults/${e}`, { method: 'DELETE' }],
          [`merchants?provider=${e}`],
          ['reset', { method: 'POST', body: json({ provider: name }) }],
          ['scenarios/next', { method: 'POST', body: json({ provider: 'placetopay', scenario: name }) }],
          ['scenarios/next', { method: 'POST', body: json({ provider: name, scenario: 'approved' }) }],
          ['complete', { method: 'POST', body: json({ id: name, outcome: 'approved' }) }],
          ['complete', { method: 'POST', body: json({ id: name, card: '4110760000000081', provider: name }) }],
          ['snapshot', { method: 'POST', body: json({ name }) }],
          ['restore', { method: 'POST', body: json({ name }) }],
          ['faults', { method: 'POST', body: json({ provider: 'tpaga', id: name, path: `/${name}`, action: { type: 'latency', ms: 0 } }) }],
          [`faults/${e}`, { method: 'DELETE' }],
          ['merchants', { method: 'POST', body: json({ provider: 'payture', key: name, password: name }) }],
          ['clock', { method: 'POST', body: `{"${name}":1,"advanceSeconds":0}` }],
          ['webhooks/chaos', { method: 'POST', body: `{"${name}":1}` }],
        ];
        for (const [path, init] of calls) {
          const r = await admin(path, init);
          if (r.status >= 500) problems.push(`${init?.method ?? 'GET'} /__admin/${path}: ${r.status} ${r.text.slice(0, 160)}`);
        }
      }
      expect(problems).toEqual([]);
      // A terminal named like a prototype member is a terminal like any other.
      const pay = await fetch(`${t.base('payture')}/api/Pay`, {
        method: 'POST',
        headers: FORM,
        body: form({ Key: 'constructor', OrderId: 'admin-1', Amount: 100, PayInfo: list({ PAN: '4111111111100031', EMonth: 12, EYear: 30, CardHolder: 'Ivan Ivanov', SecureCode: 123, OrderId: 'admin-1', Amount: 100 }) }),
      });
      expect(paytureSign(pay.status, await pay.text())).toBe('200 Pay True ');
    });

    it('leaves Object.prototype untouched and every port healthy', async () => {
      expect(({} as Record<string, unknown>).deleted).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual([...PROTO_NAMES].sort());
      for (const provider of Object.keys(PROVIDERS)) {
        const res = await fetch(`${t.base(provider)}/__admin/health`);
        expect(res.status, provider).toBe(200);
      }
      expect((await t.sandbox().admin('health')).status).toBe(200);
    });
  });
}
