/**
 * The measured routes as ready-made wire requests. Each request is produced by the
 * project's own client through a capturing `fetch`, so method, path, headers and body are
 * exactly what a client sends; all of them are made before a run, so the load generator
 * only writes bytes. Unique ids (PlacetoPay reference and nonce, PuntoPagos trx_id,
 * Payture OrderId, Tpaga orderId) come from one counter per bench process.
 *
 * A workload's `prepare` does the one-time setup against the server (a Tpaga card, the
 * PlacetoPay sessions to query) with the real client over the real transport, and
 * returns the generator. `ok` is the cheap per-answer check the load run applies to
 * every answer: a bench that measures error paths is worthless.
 */
import { PlacetoPay } from '../clients/placetopay/client.ts';
import { PuntoPagos } from '../clients/puntopagos/client.ts';
import { Tpaga } from '../clients/tpaga/client.ts';
import { Payture } from '../clients/payture/client.ts';

export interface WireRequest {
  method: string;
  /** Path and query, as on the request line. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Where a workload's clients send their setup calls: a listener's origin, or a sandbox in process. */
export interface Target {
  /** Origin of the provider, e.g. `http://127.0.0.1:4104`, or a real host for in-process fetch. */
  origin: string;
  fetch: typeof fetch;
}

export type RouteId = 'placetopay-create' | 'placetopay-query' | 'puntopagos-crear' | 'tpaga-charge' | 'payture-pay';

export interface Workload {
  id: RouteId;
  /** Label in reports. */
  title: string;
  provider: 'placetopay' | 'puntopagos' | 'tpaga' | 'payture';
  /** One-time setup against the target; returns a generator of `n` fresh requests. */
  prepare(target: Target): Promise<(n: number) => Promise<WireRequest[]>>;
  /** Whether an answer is the provider's success answer (cheap: it runs on every answer under load). */
  ok(status: number, body: string): boolean;
}

export const CREDENTIALS = {
  placetopay: { login: 'sandbox-login', secretKey: 'sandbox-secret-key' },
  puntopagos: { key: 'sandbox-key', secret: 'sandbox-secret' },
  tpaga: { privateKey: 'sandbox-private-key', publicKey: 'sandbox-public-key' },
  payture: { key: 'sandbox-merchant', password: 'sandbox-password' },
} as const;

/** Ids unique within this process and across runs of the bench against one server. */
const runTag = Date.now().toString(36);
let seq = 0;
const nextId = () => `${runTag}-${++seq}`;
/** PuntoPagos trx_id: digits, below 2^63 (seconds since epoch × 10^6 + counter). */
const trxBase = BigInt(Math.floor(Date.now() / 1000)) * 1_000_000n;
const nextTrxId = () => String(trxBase + BigInt(++seq));

/** What the capturing fetch answers: just what the clients read of a Response. */
interface Answer {
  status: number;
  body: string;
  contentType: string;
}

/**
 * A `fetch` that records the request and answers without any network, so a client can be
 * driven to produce its wire request. The answer is a stand-in with what the clients read
 * (status, ok, headers, text()): a real Response costs a stream per call.
 */
function capturing(answer: Answer) {
  const res = {
    status: answer.status,
    ok: answer.status >= 200 && answer.status < 300,
    headers: new Headers({ 'content-type': answer.contentType }),
    text: async () => answer.body,
  } as unknown as Response;
  let last: WireRequest | undefined;
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== 'string') throw new Error('bench: the client sent a body that is not a string');
    last = { method: init?.method ?? 'GET', path: `${url.pathname}${url.search}`, headers, body: body ?? '' };
    return res;
  }) as typeof fetch;
  return {
    fetch: fetchFn,
    take(): WireRequest {
      if (!last) throw new Error('bench: the client made no request');
      const r = last;
      last = undefined;
      return r;
    },
  };
}

const never = new AbortController().signal;

/**
 * Drives `call` n times through the capturing fetch and collects the wire requests.
 * The clients' per-call `AbortSignal.timeout` is not part of the request; here it would
 * be half the cost of making one and leave a timer per request pending in the load
 * generator, so while the pool is made it returns a signal that never aborts.
 */
async function collect(n: number, take: () => WireRequest, call: (i: number) => Promise<unknown>): Promise<WireRequest[]> {
  const out: WireRequest[] = new Array(n);
  const timeout = AbortSignal.timeout;
  AbortSignal.timeout = () => never;
  try {
    for (let i = 0; i < n; i++) {
      await call(i);
      out[i] = take();
    }
  } finally {
    AbortSignal.timeout = timeout;
  }
  return out;
}

const json = (body: unknown, status = 200): Answer => ({ status, body: JSON.stringify(body), contentType: 'application/json' });

const placetopay = (origin: string, fetchFn: typeof fetch) =>
  new PlacetoPay({ ...CREDENTIALS.placetopay, baseUrl: origin, fetch: fetchFn });

const sessionRequest = (reference: string) => ({
  payment: { reference, description: 'Pasarela benchmark', amount: { currency: 'COP', total: 10000 } },
  ipAddress: '127.0.0.1',
  userAgent: 'pasarela-bench',
  returnUrl: 'https://shop.example/return',
});

/** A JSON answer whose top-level `status.status` is one of `states` (read without parsing the whole body). */
const statusIs = (states: readonly string[]) => {
  const needles = states.map((s) => `"status":{"status":"${s}"`);
  return (status: number, body: string) => status === 200 && needles.some((n) => body.includes(n));
};

export const createSession: Workload = {
  id: 'placetopay-create',
  title: 'PlacetoPay create-session',
  provider: 'placetopay',
  async prepare(target) {
    const cap = capturing(json({ status: { status: 'OK', reason: 'PC' }, requestId: 1, processUrl: 'http://x' }));
    const client = placetopay(target.origin, cap.fetch);
    return (n) => collect(n, cap.take, () => client.createSession(sessionRequest(`BENCH-${nextId()}`)));
  },
  ok: statusIs(['OK']),
};

/** How many sessions the query workload spreads its reads over. */
const QUERIED_SESSIONS = 1000;

export const querySession: Workload = {
  id: 'placetopay-query',
  title: 'PlacetoPay query',
  provider: 'placetopay',
  async prepare(target) {
    // Real sessions, made through the real client over the real transport.
    const real = new PlacetoPay({ ...CREDENTIALS.placetopay, baseUrl: target.origin, fetch: target.fetch });
    const ids: number[] = [];
    for (let i = 0; i < QUERIED_SESSIONS; i++) ids.push((await real.createSession(sessionRequest(`BENCH-Q-${nextId()}`))).requestId);
    const cap = capturing(json({ status: { status: 'PENDING', reason: 'PT' }, requestId: 1 }));
    const client = placetopay(target.origin, cap.fetch);
    return (n) => collect(n, cap.take, (i) => client.query(ids[i % ids.length]!));
  },
  // A fresh session is pending: the query answers its state (status PENDING, reason PT).
  ok: statusIs(['PENDING', 'OK', 'APPROVED']),
};

export const puntopagosCreate: Workload = {
  id: 'puntopagos-crear',
  title: 'PuntoPagos crear',
  provider: 'puntopagos',
  async prepare(target) {
    const cap = capturing(json({ respuesta: '00', token: 'T', trx_id: '1', monto: 1000, error: null }));
    const client = new PuntoPagos({ ...CREDENTIALS.puntopagos, baseUrl: target.origin, fetch: cap.fetch });
    return (n) => collect(n, cap.take, () => client.create({ trx_id: nextTrxId(), monto: 1000, detalle: 'Pasarela benchmark' }));
  },
  ok: (status, body) => status === 200 && body.includes('"respuesta":"00"') && body.includes('"token":"'),
};

/** Tpaga's test card that is approved (test/tpaga/helpers.ts). */
const TPAGA_CARD = { primaryAccountNumber: '4111111111111111', cardHolderName: 'Numa Nigerio', expirationMonth: '03', expirationYear: '2030', cvc: '123' };

export const tpagaCharge: Workload = {
  id: 'tpaga-charge',
  title: 'Tpaga charge',
  provider: 'tpaga',
  async prepare(target) {
    const real = new Tpaga({ ...CREDENTIALS.tpaga, baseUrl: `${target.origin}/api`, fetch: target.fetch });
    const customer = await real.createCustomer({});
    const { token } = await real.tokenize(TPAGA_CARD);
    const card = await real.associateCard(customer.id, token);
    const cap = capturing(json({ id: 'c' }, 201));
    const client = new Tpaga({ ...CREDENTIALS.tpaga, baseUrl: `${target.origin}/api`, fetch: cap.fetch });
    return (n) => collect(n, cap.take, () => client.chargeCard({ creditCard: card.id, amount: 1000, orderId: `BENCH-${nextId()}`, description: 'Pasarela benchmark' }));
  },
  ok: (status, body) => status === 201 && body.includes('"paid":true'),
};

/** Payture's test card that is charged without 3-D Secure (test/payture/api.cases.ts). */
const PAYTURE_CARD = { pan: '4111111111100031', eMonth: 12, eYear: 30, cardHolder: 'Ivan Ivanov', secureCode: 123 };

export const paytureApiPay: Workload = {
  id: 'payture-pay',
  title: 'Payture api/Pay',
  provider: 'payture',
  async prepare(target) {
    const cap = capturing({ status: 200, body: '<Pay OrderId="x" Key="k" Success="True" Amount="1000" />', contentType: 'text/xml; charset=utf-8' });
    const client = new Payture({ ...CREDENTIALS.payture, baseUrl: target.origin, fetch: cap.fetch });
    return (n) => collect(n, cap.take, () => client.api.pay({ orderId: `BENCH-${nextId()}`, amount: 1000, card: PAYTURE_CARD }));
  },
  ok: (status, body) => status === 200 && body.includes('Success="True"'),
};

export const workloads: readonly Workload[] = [createSession, querySession, puntopagosCreate, tpagaCharge, paytureApiPay];
