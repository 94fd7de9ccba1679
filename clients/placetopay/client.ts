/**
 * PlacetoPay WebCheckout client: every endpoint the emulator serves, `auth` generated per
 * call, FAILED answers raised as `PlacetoPayError` whatever their HTTP status (the API
 * uses 200, 400, 401 and 404 for them), optional contract validation of each response.
 */
import { assertValid } from '../../contracts/index.ts';
import { createAuth, type Auth, type TranKeyAlgorithm } from './auth.ts';
import { verifyNotification } from './signature.ts';
import type {
  AmountBase,
  CancelResponse,
  CollectRequest,
  CreateSessionRequest,
  CreateSessionResponse,
  Notification,
  RedirectInformation,
  Status,
  TransactionRequest,
  TransactionResponse,
} from './types.ts';

export const TEST_URL = 'https://checkout-test.placetopay.com';

export interface PlacetoPayOptions {
  login: string;
  secretKey: string;
  /** Default: the test environment. */
  baseUrl?: string;
  /** tranKey hash; SHA-256 as the current docs say, SHA-1 as older SDKs do. */
  algorithm?: TranKeyAlgorithm;
  fetch?: typeof fetch;
  /** Validate every response against `pasarela/contracts` and throw on mismatch. */
  validate?: boolean;
  /** Sent as `locale` with every call that has none (language of `status.message`). */
  locale?: string;
  /** Clock for the seed (e.g. the emulator's virtual clock). */
  now?: () => Date;
  timeoutMs?: number;
}

export class PlacetoPayError extends Error {
  constructor(
    message: string,
    /** HTTP status of the answer. */
    readonly httpStatus: number,
    /** The `status` object, when the body had one. */
    readonly status: Status | undefined,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'PlacetoPayError';
  }

  get reason() {
    return this.status?.reason;
  }
}

export class PlacetoPay {
  readonly baseUrl: string;
  readonly #opts: PlacetoPayOptions;

  constructor(opts: PlacetoPayOptions) {
    this.#opts = opts;
    this.baseUrl = (opts.baseUrl ?? TEST_URL).replace(/\/+$/, '');
  }

  auth(): Auth {
    return createAuth({ login: this.#opts.login, secretKey: this.#opts.secretKey, algorithm: this.#opts.algorithm, now: this.#opts.now?.() });
  }

  createSession(request: CreateSessionRequest): Promise<CreateSessionResponse> {
    return this.#call('/api/session', request, 'session-create');
  }

  query(requestId: number | string): Promise<RedirectInformation> {
    return this.#call(`/api/session/${requestId}`, {}, 'session-query');
  }

  cancel(requestId: number | string): Promise<CancelResponse> {
    return this.#call(`/api/session/${requestId}/cancel`, {}, 'session-cancel');
  }

  collect(request: CollectRequest): Promise<RedirectInformation> {
    return this.#call('/api/collect', request, 'collect');
  }

  transaction(request: TransactionRequest): Promise<TransactionResponse> {
    return this.#call('/api/transaction', request, 'transaction');
  }

  checkout(internalReference: number | string, amount: AmountBase) {
    return this.transaction({ internalReference, action: 'checkout', amount });
  }

  reauthorize(internalReference: number | string, amount: AmountBase) {
    return this.transaction({ internalReference, action: 'reauthorization', amount });
  }

  /** Refund through `/api/transaction` (full when `amount` is omitted). */
  refund(internalReference: number | string, amount?: AmountBase) {
    return this.transaction({ internalReference, action: 'reverse', ...(amount ? { amount } : {}) });
  }

  confirm(internalReference: number | string) {
    return this.transaction({ internalReference, action: 'confirm' });
  }

  cancelTransaction(internalReference: number | string) {
    return this.transaction({ internalReference, action: 'cancel' });
  }

  /** Legacy refund endpoint `/api/reverse`. */
  reverse(internalReference: number | string, amount?: AmountBase): Promise<TransactionResponse> {
    return this.#call('/api/reverse', { internalReference, ...(amount ? { amount } : {}) }, 'reverse');
  }

  invalidate(instrument: { token: string } | { subtoken: string }, locale?: string): Promise<{ status: Status }> {
    return this.#call('/api/instrument/invalidate', { instrument: { token: instrument }, ...(locale ? { locale } : {}) }, 'instrument-invalidate');
  }

  /** True when a notification was signed with this site's secret key. */
  verifyNotification(notification: Notification): boolean {
    return verifyNotification(notification, this.#opts.secretKey);
  }

  async #call<T>(path: string, payload: object, operation: string): Promise<T> {
    const doFetch = this.#opts.fetch ?? globalThis.fetch;
    const res = await doFetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      // The client always authenticates itself: an `auth` in the payload is ignored.
      body: JSON.stringify({ auth: this.auth(), ...(this.#opts.locale ? { locale: this.#opts.locale } : {}), ...withoutAuth(payload) }),
      signal: AbortSignal.timeout(this.#opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new PlacetoPayError(`PlacetoPay answered HTTP ${res.status} with a body that is not JSON`, res.status, undefined, text);
    }
    const status = (body as { status?: Status })?.status;
    if (status?.status === 'FAILED') {
      if (this.#opts.validate) assertValid('placetopay', 'error.response', body);
      throw new PlacetoPayError(`PlacetoPay ${path}: ${status.message ?? 'FAILED'} (reason ${String(status.reason)}, HTTP ${res.status})`, res.status, status, body);
    }
    if (!res.ok) throw new PlacetoPayError(`PlacetoPay ${path}: HTTP ${res.status}`, res.status, status, body);
    if (this.#opts.validate) assertValid('placetopay', `${operation}.response`, body);
    return body as T;
  }
}

function withoutAuth(payload: object): object {
  const { auth: _ignored, ...rest } = payload as { auth?: unknown };
  return rest;
}
