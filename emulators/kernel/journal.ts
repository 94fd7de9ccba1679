/**
 * Bounded log of the exchanges each provider served, already redacted, for test
 * assertions (`sandbox.journal.entries()`), `GET /__admin/journal` and the inspector.
 * Memory stays flat: the oldest entries fall off past `limit`, and bodies are cut at
 * `bodyLimit` characters.
 */
import type { MiddlewareHandler } from 'hono';
import type { Clock } from './clock.ts';
import { hasBody } from './body.ts';
import { pathMatches, splitHref } from './paths.ts';
import { isNetworkError } from './faults.ts';
import type { Redactor } from './redact.ts';
import type { PasarelaEnv, ScenarioChoice } from './types.ts';

export interface JournalEntry {
  id: number;
  at: string;
  provider: string;
  merchant?: string;
  transport: string;
  method: string;
  path: string;
  query: string;
  request: { headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
  durationMs: number;
  scenario?: ScenarioChoice;
  fault?: string;
  /** A call to the admin API that changed the sandbox (complete, clock, faults, reset…): what the test itself did. */
  admin?: true;
}

export interface JournalFilter {
  provider?: string;
  merchant?: string;
  method?: string;
  /** Exact path, or a pattern where `*` matches anything. */
  path?: string;
  status?: number;
  sinceId?: number;
  limit?: number;
  /** Admin entries: left out by default; `true` includes them, `'only'` lists just them. */
  admin?: boolean | 'only';
}

type Listener = (entry: JournalEntry) => void;

/** What is kept: bodies as redacted text, parsed only when someone reads the journal. */
interface StoredEntry extends Omit<JournalEntry, 'request' | 'response'> {
  request: { headers: Record<string, string>; text: string; type: string | null; body?: unknown };
  response: { status: number; headers: Record<string, string>; text: string; type: string | null; body?: unknown };
}

export class Journal {
  #entries: StoredEntry[] = [];
  #nextId = 1;
  #listeners = new Set<Listener>();

  constructor(
    readonly limit = 1000,
    readonly bodyLimit = 16_384,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Stores an exchange whose bodies are already redacted text (see `Redactor.body`). */
  add(entry: Omit<StoredEntry, 'id'>): void {
    const stored = { id: this.#nextId++, ...entry } as StoredEntry;
    stored.request.text = this.#cut(stored.request.text);
    stored.response.text = this.#cut(stored.response.text);
    this.#entries.push(stored);
    // Trim in batches: shifting a full array on every request costs more than the request.
    if (this.#entries.length > this.limit + Math.max(16, this.limit >> 3)) this.#entries.splice(0, this.#entries.length - this.limit);
    if (this.#listeners.size) {
      const view = this.#view(stored);
      for (const listener of this.#listeners) listener(view);
    }
    this.onChange();
  }

  entries(filter: JournalFilter = {}): JournalEntry[] {
    const kept = this.#entries.length > this.limit ? this.#entries.slice(-this.limit) : this.#entries;
    const match = (e: StoredEntry) =>
      (!filter.provider || e.provider === filter.provider) &&
      (!filter.merchant || e.merchant === filter.merchant) &&
      (!filter.method || e.method === filter.method.toUpperCase()) &&
      (!filter.path || pathMatches(filter.path, e.path)) &&
      (filter.status === undefined || e.response.status === filter.status) &&
      (filter.sinceId === undefined || e.id > filter.sinceId) &&
      (filter.admin === 'only' ? e.admin === true : filter.admin === true || e.admin !== true);
    const found = kept.filter(match);
    return (filter.limit ? found.slice(-filter.limit) : found).map((e) => this.#view(e));
  }

  #view(e: StoredEntry): JournalEntry {
    e.request.body ??= decodeBody(e.request.text, e.request.type);
    e.response.body ??= decodeBody(e.response.text, e.response.type);
    return {
      ...e,
      request: { headers: e.request.headers, body: e.request.body },
      response: { status: e.response.status, headers: e.response.headers, body: e.response.body },
    };
  }

  #cut(text: string): string {
    return text.length > this.bodyLimit ? `${text.slice(0, this.bodyLimit)}… [${text.length - this.bodyLimit} more characters]` : text;
  }

  clear(provider?: string): void {
    this.#entries = provider ? this.#entries.filter((e) => e.provider !== provider) : [];
    this.onChange();
  }

  onEntry(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** Parses a stored (already redacted) body: JSON, form fields, or the text itself. */
export function decodeBody(text: string, contentType: string | null): unknown {
  if (text === '') return null;
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      /* not JSON after all: keep as text */
    }
  }
  if (type.includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return text;
}

/**
 * The response body as text without teeing its stream. @hono/node-server's Response
 * keeps a string body in a cache (its fast write path); peek at it when it is there.
 * Otherwise read the body and hand back an equivalent Response to send instead.
 */
let cacheSymbol: symbol | undefined;

async function readResponse(res: Response): Promise<{ text: string; headers: Headers | Record<string, string>; replacement?: Response }> {
  if (!cacheSymbol || !(cacheSymbol in res)) cacheSymbol = Object.getOwnPropertySymbols(res).find((s) => s.description === 'cache') ?? cacheSymbol;
  const cached = cacheSymbol ? (res as unknown as Record<symbol, unknown>)[cacheSymbol] : undefined;
  if (Array.isArray(cached) && (typeof cached[1] === 'string' || cached[1] === null)) {
    // A plain header record stays plain: reading res.headers would turn it into a Headers
    // object and move the answer off the adapter's quickest write path.
    const plain = cached[2] === undefined || (typeof cached[2] === 'object' && cached[2] !== null && !(cached[2] instanceof Headers) && !Array.isArray(cached[2]));
    return { text: cached[1] ?? '', headers: plain ? ((cached[2] as Record<string, string> | undefined) ?? {}) : res.headers };
  }
  if (!res.body) return { text: '', headers: res.headers };
  try {
    const text = await res.text();
    return { text, headers: res.headers, replacement: new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers }) };
  } catch {
    return { text: '[body not readable]', headers: res.headers, replacement: new Response(null, { status: res.status, headers: res.headers }) };
  }
}

const headerOf = (headers: Headers | Record<string, string>, name: string): string | null =>
  headers instanceof Headers ? headers.get(name) : (Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? null);

/** Records every exchange that reaches a provider app (admin routes are not journaled). */
export function journalMiddleware(opts: {
  provider: string;
  journal: Journal;
  clock: Clock;
  redactor: Redactor;
}): MiddlewareHandler<PasarelaEnv> {
  const { provider, journal, clock, redactor } = opts;
  return async function journalExchange(c, next) {
    const started = performance.now();
    const at = clock.now().toISOString();
    await next();
    const url = splitHref(c.req.url);
    // limitBody() cached the text before the route ran; an oversized body was never read.
    let requestText = '';
    if (c.get('bodyTooLarge')) requestText = `[body over the size limit: ${c.req.header('content-length') ?? 'unknown'} bytes]`;
    else if (c.env?.getBody !== undefined) requestText = c.env.getBody;
    else if (hasBody(c)) {
      try {
        requestText = await c.req.text();
      } catch {
        requestText = '[body not readable]';
      }
    }
    let responseText = '';
    let responseHeaders: Headers | Record<string, string> = {};
    const res = c.res;
    const dropped = isNetworkError(res);
    if (!dropped && !c.get('fault')?.startsWith('hang')) {
      const read = await readResponse(res);
      responseText = read.text;
      responseHeaders = read.headers;
      if (read.replacement) c.res = read.replacement;
    }
    const requestType = c.req.header('content-type') ?? null;
    const responseType = headerOf(responseHeaders, 'content-type');
    journal.add({
      at,
      provider,
      merchant: c.get('merchant'),
      transport: c.env?.transport ?? 'direct',
      method: c.req.method,
      path: url.pathname,
      // Query strings carry card data too (GET clients of form APIs): redacted like bodies.
      query: redactor.text(url.search),
      request: { headers: redactor.headers(c.env?.rawHeaders ?? c.req.raw.headers), text: redactor.body(requestText, requestType), type: requestType },
      response: {
        status: dropped ? 0 : res.status,
        headers: redactor.headers(responseHeaders),
        text: redactor.body(responseText, responseType),
        type: responseType,
      },
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      scenario: c.get('scenario'),
      fault: c.get('fault'),
    });
  };
}
