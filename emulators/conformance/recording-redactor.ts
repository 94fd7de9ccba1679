/**
 * Redaction of a recorded exchange before it is kept anywhere (memory included): the
 * kernel's `Redactor` (card numbers to first 6 / last 4, CVVs, passwords, secrets,
 * tranKeys, the proof of an `Authorization`/`Autorizacion`), plus what only a recording
 * needs: the user's own sandbox credentials, known from the environment, are replaced
 * wherever they appear (raw, percent-encoded, inside HTTP Basic) by the emulator's default
 * credentials of the same name, so that the recording replays against a stock emulator
 * and names nobody's account.
 */
import { Redactor, REDACTED } from '../kernel/redact.ts';
import type { ProviderModule } from '../kernel/types.ts';

/** An exchange as seen on the wire, bodies as text. */
export interface WireExchange {
  method: string;
  /** Path and query as sent. */
  path: string;
  /** Lower-case names. */
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
  at: Date;
}

/** A redacted exchange: only what a case keeps. */
export interface RedactedExchange extends WireExchange {
  /** The request's signature (tranKey, `Autorizacion`) was removed: the replay must re-sign. */
  resign: boolean;
}

/** Headers of the transport, not of the exchange: never recorded. */
const TRANSPORT = new Set([
  'host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'accept-encoding',
  'proxy-connection', 'proxy-authorization', 'cookie', 'user-agent', 'via', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'expect',
]);
/** Answer headers a case keeps (as prefixes): the media type. */
const ANSWER_HEADERS = ['content-type'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class RecordingRedactor {
  readonly #redactor: Redactor;
  /** [what the user's traffic carries, what the recording says instead], longest first. */
  readonly #swaps: [RegExp, string][] = [];
  readonly #secrets: string[] = [];
  /** Default credential values that redaction then hid (a password sent in clear). */
  readonly #hidden = new Set<string>();
  readonly #defaults: Record<string, string> = {};

  /** `credentials`: the user's own, field → value, as `liveCredentials()` finds them. */
  constructor(
    readonly module: ProviderModule,
    credentials: Record<string, string> = {},
  ) {
    this.#redactor = new Redactor(module.sensitiveKeys ?? []);
    const merchant = (module.defaultMerchants[0] ?? {}) as Record<string, unknown>;
    const pairs: [string, string][] = [];
    for (const [field, real] of Object.entries(credentials)) {
      const stock = merchant[field];
      if (typeof stock !== 'string' || real.length < 3) continue;
      this.#defaults[field] = stock;
      this.#secrets.push(real);
      pairs.push([real, stock]);
      const encoded = encodeURIComponent(real);
      if (encoded !== real) pairs.push([encoded, encodeURIComponent(stock)], [encodeURIComponent(encoded), encodeURIComponent(encodeURIComponent(stock))]);
      const b64 = Buffer.from(real).toString('base64').replace(/=+$/, '');
      if (b64.length >= 8) this.#secrets.push(b64);
    }
    pairs.sort(([a], [b]) => b.length - a.length);
    for (const [real, stock] of pairs) this.#swaps.push([new RegExp(escape(real), 'g'), stock]);
  }

  /** The user's credentials replaced by the emulator's. */
  #swap(text: string): string {
    for (const [pattern, stock] of this.#swaps) text = text.replace(pattern, stock);
    return text;
  }

  /** Notes default credentials that redaction removed from `before` (see `setupMerchants`). */
  #noteHidden(before: string, after: string): void {
    for (const value of Object.values(this.#defaults)) if (before.includes(value) && before.split(value).length > after.split(value).length) this.#hidden.add(value);
  }

  #basic(value: string): string | undefined {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value);
    if (!m) return undefined;
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const swapped = this.#swap(decoded);
    // Kept only when it named the user's own credentials, now the emulator's; anything else is hidden.
    return swapped !== decoded ? `Basic ${Buffer.from(swapped).toString('base64')}` : undefined;
  }

  exchange(x: WireExchange): RedactedExchange {
    let resign = false;
    const requestHeaders: Record<string, string> = {};
    for (const [name, raw] of Object.entries(x.requestHeaders)) {
      if (TRANSPORT.has(name) || name.startsWith('sec-fetch-')) continue;
      const basic = name === 'authorization' ? this.#basic(raw) : undefined;
      if (basic !== undefined) {
        requestHeaders[name] = basic;
        continue;
      }
      const swapped = this.#swap(raw);
      const hidden = this.#redactor.headers({ [name]: swapped })[name]!;
      // Only a provider that can re-sign gets a replayable request back; elsewhere the proof stays hidden.
      if ((name === 'autorizacion' || name === 'authorization') && hidden.includes(REDACTED) && this.module.resign) resign = true;
      this.#noteHidden(swapped, hidden);
      requestHeaders[name] = hidden;
    }
    const path = this.#swap(x.path);
    const redactedPath = this.#redactor.text(path);
    this.#noteHidden(path, redactedPath);
    let requestBody: string | null = null;
    if (x.requestBody !== null) {
      const swapped = this.#swap(x.requestBody);
      requestBody = this.#redactor.body(swapped, x.requestHeaders['content-type'] ?? null);
      this.#noteHidden(swapped, requestBody);
      if (/"tranKey"\s*:\s*"\[redacted\]"/i.test(requestBody) && this.module.resign) resign = true;
    }
    const responseHeaders: Record<string, string> = {};
    for (const name of ANSWER_HEADERS) if (x.responseHeaders[name] !== undefined) responseHeaders[name] = this.#redactor.text(this.#swap(x.responseHeaders[name]!));
    const responseBody = this.#redactor.body(this.#swap(x.responseBody), x.responseHeaders['content-type'] ?? null);
    // A refused signature (a test of a wrong secret) must stay wrong: re-signing would make it right.
    if (x.status === 401 || x.status === 403) resign = false;
    return { ...x, path: redactedPath, requestHeaders, requestBody, responseHeaders, responseBody, resign };
  }

  /**
   * Merchants a replay needs beyond the defaults: where a default credential travelled in
   * clear and redaction hid it (a Payture `Password=`), the stock merchant with that field
   * set to what the recording now carries.
   */
  setupMerchants(): Record<string, unknown>[] | undefined {
    const fields = Object.entries(this.#defaults).filter(([, v]) => this.#hidden.has(v));
    if (fields.length === 0) return undefined;
    const merchant = { ...(this.module.defaultMerchants[0] as Record<string, unknown>) };
    for (const [field] of fields) merchant[field] = REDACTED;
    return [merchant];
  }

  /** The stock merchant's values: every exchange may carry them, so they link no two exchanges. */
  commonValues(): string[] {
    return Object.values(this.module.defaultMerchants[0] ?? {}).filter((v): v is string => typeof v === 'string');
  }

  /** The user's credentials (or their base64) still present in `text`: must be none. */
  leaks(text: string): string[] {
    return this.#secrets.filter((s) => text.includes(s));
  }
}
