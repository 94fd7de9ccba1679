/**
 * PuntoPagos client, modelled on the Python client the project began from
 * (`PuntopagosRequest.create/status`, a response with `complete`, `http_error` and the
 * data): `create`, `status`, `processUrl(token)` and `verifyNotification(headers, body)`.
 *
 * Amounts may be numbers or numeric strings; they are signed as two-decimal text and
 * sent as a JSON number with two decimals (`"monto":1000.00`, as the manual shows).
 */
import { validate as validateContract } from '../../contracts/index.ts';
import { formatAmount } from './amount.ts';
import { RawNumber, stringifyFlat, topLevelNumbers } from './json.ts';
import { parseAuthorization, signatureMatches, signatureMessage, signedHeaders, type SignatureAlgorithm } from './signature.ts';
import type { CreateRequest, CreateResponse, PuntoPagosResponse, StatusRequest, StatusResponse } from './types.ts';

export const SANDBOX_URL = 'https://sandbox.puntopagos.com';
export const PRODUCTION_URL = 'https://www.puntopagos.com';

export interface PuntoPagosOptions {
  /** Key id ("LlaveID"). */
  key: string;
  /** Secret key ("LlaveSecreta"). */
  secret: string;
  /** Default: the sandbox. */
  baseUrl?: string;
  algorithm?: SignatureAlgorithm;
  fetch?: typeof fetch;
  /** Clock for `Fecha` (e.g. the emulator's virtual clock). */
  now?: () => Date;
  timeoutMs?: number;
  /** Check each response against `pasarela/contracts`; a mismatch makes `complete` false. */
  validate?: boolean;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export class PuntoPagos {
  readonly baseUrl: string;
  readonly #opts: PuntoPagosOptions;

  constructor(opts: PuntoPagosOptions) {
    this.#opts = opts;
    this.baseUrl = (opts.baseUrl ?? SANDBOX_URL).replace(/\/+$/, '');
  }

  /** `POST /transaccion/crear`. */
  create(request: CreateRequest): Promise<PuntoPagosResponse<CreateResponse>> {
    const { trx_id, monto, ...rest } = request;
    const body = stringifyFlat(
      {
        trx_id: typeof trx_id === 'bigint' ? new RawNumber(trx_id.toString()) : trx_id,
        monto: new RawNumber(formatAmount(monto)),
        ...rest,
      },
      { sortKeys: false },
    );
    return this.#call('POST', '/transaccion/crear', this.#headers('create', { trx_id, monto }), body, 'create.response');
  }

  /** `GET /transaccion/{token}`, signed over `transaccion/traer`. HTTP 400 when trx_id/monto/token do not match. */
  status(request: StatusRequest): Promise<PuntoPagosResponse<StatusResponse>> {
    const path = `/transaccion/${encodeURIComponent(request.token)}`;
    return this.#call('GET', path, this.#headers('status', request), undefined, 'status.response');
  }

  /** Where to send the buyer's browser after a successful create. */
  processUrl(token: string): string {
    return `${this.baseUrl}/transaccion/procesar/${encodeURIComponent(token)}`;
  }

  /**
   * True when a notification POST was signed with this merchant's key: `Autorizacion`
   * names this key id and signs `transaccion/notificacion`, token, trx_id, monto and `Fecha`.
   * `body` is the raw text (preferred: big trx_ids stay exact) or the parsed object.
   */
  verifyNotification(headers: HeaderSource, body: string | Record<string, unknown>): boolean {
    const fecha = header(headers, 'fecha');
    const auth = parseAuthorization(header(headers, 'autorizacion'));
    if (!fecha || !auth || auth.keyId !== this.#opts.key) return false;
    let data: Record<string, unknown>;
    let raw: Record<string, string> = {};
    try {
      data = typeof body === 'string' ? (JSON.parse(body) as Record<string, unknown>) : body;
      if (typeof body === 'string') raw = topLevelNumbers(body);
    } catch {
      return false;
    }
    const { token, trx_id, monto } = data ?? {};
    if (typeof token !== 'string' || (typeof trx_id !== 'string' && typeof trx_id !== 'number') || (typeof monto !== 'string' && typeof monto !== 'number')) {
      return false;
    }
    try {
      const message = signatureMessage('notification', { token, trx_id: raw.trx_id ?? trx_id, monto: raw.monto ?? monto }, fecha);
      return signatureMatches(auth.signature, message, this.#opts.secret, this.#opts.algorithm);
    } catch {
      return false;
    }
  }

  #headers(operation: 'create' | 'status', fields: { token?: string; trx_id: CreateRequest['trx_id']; monto: CreateRequest['monto'] }) {
    return signedHeaders(operation, fields, this.#opts, this.#opts.now?.() ?? new Date());
  }

  async #call<T>(method: string, path: string, signed: Record<string, string>, body: string | undefined, contract: string): Promise<PuntoPagosResponse<T>> {
    const doFetch = this.#opts.fetch ?? globalThis.fetch;
    const res = await doFetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...signed, Accept: 'application/json', 'Content-Type': 'application/json; charset=utf-8' },
      body,
      signal: AbortSignal.timeout(this.#opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    if (!res.ok) return { complete: false, httpError: res.status, status: res.status, body: text };
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { complete: false, status: res.status, body: text, problem: 'The body is not JSON' };
    }
    if (this.#opts.validate) {
      const result = validateContract('puntopagos', contract, data);
      if (!result.valid) {
        const problem = `Does not match puntopagos ${contract}: ${result.errors.map((e) => `${e.path || '(root)'} ${e.message}`).join('; ')}`;
        return { complete: false, status: res.status, body: text, data: data as T, problem };
      }
    }
    return { complete: true, status: res.status, body: text, data: data as T };
  }
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(found) ? found[0] : found;
}

