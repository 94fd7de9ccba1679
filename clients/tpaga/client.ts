/**
 * Tpaga v2 client: the seed's operations (createCustomer, associateCard, chargeCard,
 * refundCharge) plus tokenize, get and delete. The private key signs server calls; the
 * public key only tokenizes. Non-2xx answers are thrown as typed errors (errors.ts): a
 * decline is `TpagaDeclinedError` with the charge, a 422 `TpagaValidationError` with the
 * field errors. `validate: true` checks each body against `pasarela/contracts`.
 */
import { assertValid } from '../../contracts/index.ts';
import { basicAuthorization } from './auth.ts';
import { errorFor, TpagaGatewayError } from './errors.ts';
import type { CardCreateInput, CardInput, ChargeInput, CreditCard, CreditCardCharge, Customer, CustomerInput, Token } from './types.ts';

export const SANDBOX_URL = 'https://sandbox.tpaga.co/api';
export const PRODUCTION_URL = 'https://api.tpaga.co/api';

export interface TpagaOptions {
  privateKey: string;
  /** Needed only for `tokenize` (normally called from the browser). */
  publicKey?: string;
  /** API base including `/api`; default the sandbox. */
  baseUrl?: string;
  fetch?: typeof fetch;
  validate?: boolean;
  timeoutMs?: number;
  /** Extra headers on every call (e.g. `X-Pasarela-Scenario` against the emulator). */
  headers?: Record<string, string>;
}

type Key = 'private' | 'public';

/** Which contract an error body of this status must match. */
const ERROR_CONTRACTS: Record<number, string> = {
  401: 'unauthorized.response',
  402: 'charge-declined.response',
  406: 'refund-refused.response',
  422: 'validation-error.response',
};

export class Tpaga {
  readonly baseUrl: string;
  readonly #opts: TpagaOptions;

  constructor(opts: TpagaOptions) {
    this.#opts = opts;
    this.baseUrl = (opts.baseUrl ?? SANDBOX_URL).replace(/\/+$/, '');
  }

  createCustomer(customer: CustomerInput = {}): Promise<Customer> {
    return this.#call('POST', '/customer', customer, 'customer.response');
  }

  getCustomer(id: string): Promise<Customer> {
    return this.#call('GET', `/customer/${enc(id)}`, undefined, 'customer.response');
  }

  deleteCustomer(id: string): Promise<void> {
    return this.#call('DELETE', `/customer/${enc(id)}`);
  }

  /** Card data → single-use token, with the public key (what the browser does). */
  tokenize(card: CardInput): Promise<Token> {
    return this.#call('POST', '/tokenize/credit_card', card, 'tokenize.response', 'public');
  }

  /** Attaches a token to a customer; the card id is what `chargeCard` charges. */
  associateCard(customerId: string, token: string, opts: { skipLegalIdCheck?: boolean } = {}): Promise<CreditCard> {
    return this.#call('POST', `/customer/${enc(customerId)}/credit_card_token`, { token, ...opts }, 'credit-card.response');
  }

  /** Legacy server-side card creation (raw card data through your server: PCI scope). */
  addCreditCard(customerId: string, card: CardCreateInput): Promise<CreditCard> {
    return this.#call('POST', `/customer/${enc(customerId)}/credit_card`, card, 'credit-card.response');
  }

  getCard(customerId: string, cardId: string): Promise<CreditCard> {
    return this.#call('GET', `/customer/${enc(customerId)}/credit_card/${enc(cardId)}`, undefined, 'credit-card.response');
  }

  deleteCard(customerId: string, cardId: string): Promise<void> {
    return this.#call('DELETE', `/customer/${enc(customerId)}/credit_card/${enc(cardId)}`);
  }

  /** 201 → the charge; 402 → `TpagaDeclinedError` (its `charge` has errorCode/errorMessage). */
  chargeCard(charge: ChargeInput): Promise<CreditCardCharge> {
    return this.#call('POST', '/charge/credit_card', { currency: 'COP', installments: 1, taxAmount: 0, ...charge }, 'charge.response');
  }

  getCharge(id: string): Promise<CreditCardCharge> {
    return this.#call('GET', `/charge/credit_card/${enc(id)}`, undefined, 'charge.response');
  }

  /** Same-day full refund: 202 → the voided charge; 406 → `TpagaRefundRefusedError`. */
  refundCharge(id: string): Promise<CreditCardCharge> {
    return this.#call('POST', '/refund/credit_card', { id }, 'refund.response');
  }

  async #call<T>(method: string, path: string, payload?: unknown, contract?: string, key: Key = 'private'): Promise<T> {
    const apiKey = key === 'public' ? this.#opts.publicKey : this.#opts.privateKey;
    if (!apiKey) throw new Error(`Tpaga ${path}: this call needs the ${key} key (TpagaOptions.${key}Key)`);
    const doFetch = this.#opts.fetch ?? globalThis.fetch;
    const res = await doFetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: basicAuthorization(apiKey),
        accept: 'application/json',
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...this.#opts.headers,
      },
      body: payload === undefined ? undefined : JSON.stringify(payload),
      signal: AbortSignal.timeout(this.#opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown = null;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        // A gateway page (HTML 502/504) or a garbled answer: the outcome of the call is unknown.
        if (res.status >= 500) throw errorFor(res.status, text, `${method} ${path}`);
        throw new TpagaGatewayError(`Tpaga ${method} ${path}: HTTP ${res.status} with a body that is not JSON`, res.status, text);
      }
    }
    if (!res.ok) {
      const errorContract = ERROR_CONTRACTS[res.status] ?? (res.status < 500 ? 'error.response' : undefined);
      if (this.#opts.validate && errorContract) assertValid('tpaga', errorContract, body);
      throw errorFor(res.status, body, `${method} ${path}`);
    }
    if (this.#opts.validate && contract) assertValid('tpaga', contract, body);
    return body as T;
  }
}

const enc = encodeURIComponent;
