/**
 * How the Payture client talks to the gateway: form parameters by POST (or all in the
 * query string by GET), an XML answer read into a typed result, optional contract
 * validation. A transport problem (not HTTP 200, not XML) throws `PaytureTransportError`;
 * business errors and 3-D Secure are results.
 */
import { assertValid } from '../../contracts/index.ts';
import { encodeList, formEncode, type ListValue } from './encoding.ts';
import { toResult, type PaytureResult } from './results.ts';
import type { Card, Customer, HostedPage, SessionData, WalletSessionData } from './types.ts';

export const SANDBOX_URL = 'https://sandbox3.payture.com';

export interface PaytureOptions {
  /** Terminal (Key) for /api and /apim. */
  key: string;
  password: string;
  /** eWallet terminal (VWID); default: `key`. */
  vwid?: string;
  /** Default: the current sandbox. */
  baseUrl?: string;
  /** POST with a form body (default) or GET with everything in the query string. */
  method?: 'POST' | 'GET';
  fetch?: typeof fetch;
  /** Validate every answer against `pasarela/contracts` and throw on mismatch. */
  validate?: boolean;
  timeoutMs?: number;
}

export class PaytureTransportError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number,
    readonly body: string,
  ) {
    super(message);
    this.name = 'PaytureTransportError';
  }
}

export type Iface = 'api' | 'apim' | 'vwapi';
export type Params = Record<string, ListValue>;

export class Transport {
  readonly baseUrl: string;
  constructor(readonly opts: PaytureOptions) {
    this.baseUrl = (opts.baseUrl ?? SANDBOX_URL).replace(/\/+$/, '');
  }

  async call(iface: Iface, command: string, params: Params, contract: string): Promise<PaytureResult> {
    const doFetch = this.opts.fetch ?? globalThis.fetch;
    const form = formEncode(params);
    const get = this.opts.method === 'GET';
    const url = `${this.baseUrl}/${iface}/${command}${get ? `?${form}` : ''}`;
    const res = await doFetch(url, {
      method: get ? 'GET' : 'POST',
      ...(get ? {} : { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 60_000),
    });
    const text = await res.text();
    if (res.status !== 200) throw new PaytureTransportError(`Payture ${iface}/${command}: HTTP ${res.status}`, res.status, text);
    let result: PaytureResult;
    try {
      result = toResult(text);
    } catch (e) {
      throw new PaytureTransportError(`Payture ${iface}/${command}: ${(e as Error).message}`, res.status, text);
    }
    if (this.opts.validate) assertValid('payture', `${contract}.response`, result.xml);
    return result;
  }

  pageUrl(iface: Iface, page: 'Pay' | 'Add', sessionId: string): string {
    return `${this.baseUrl}/${iface}/${page}?SessionId=${encodeURIComponent(sessionId)}`;
  }

  async page(url: string): Promise<HostedPage> {
    const res = await (this.opts.fetch ?? globalThis.fetch)(url, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 60_000) });
    return { url, status: res.status, html: await res.text() };
  }
}

export const payInfo = (card: Card, extra: Params = {}) =>
  encodeList({ PAN: card.pan, EMonth: card.eMonth, EYear: card.eYear, CardHolder: card.cardHolder, SecureCode: card.secureCode, ...extra });
export const cardFields = (card: Card): Params => ({ CardNumber: card.pan, EMonth: card.eMonth, EYear: card.eYear, CardHolder: card.cardHolder, SecureCode: card.secureCode });
export const customerFields = (c: Customer): Params => ({ VWUserLgn: c.login, VWUserPsw: c.password });

export const sessionFields = (d: SessionData | WalletSessionData): Params => ({
  SessionType: d.sessionType,
  OrderId: d.orderId,
  Amount: d.amount,
  IP: d.ip,
  Url: d.url,
  Product: d.product,
  Total: d.total,
  Description: d.description,
  TemplateTag: d.templateTag,
  Language: d.language,
  Cheque: d.cheque,
  ...d.extra,
});

