/**
 * Bounded log of the exchanges each provider served, already redacted, for test
 * assertions (`sandbox.journal.entries()`), `GET /__admin/journal` and the inspector.
 * Memory stays flat: the oldest entries fall off past `limit`, and bodies are cut at
 * `bodyLimit` characters.
 */
import type { MiddlewareHandler } from 'hono';
import type { Clock } from './clock.ts';
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
}

export interface JournalFilter {
  provider?: string;
  merchant?: string;
  method?: string;
  /** Exact path, or a prefix when it ends with `*`. */
  path?: string;
  status?: number;
  sinceId?: number;
  limit?: number;
}

type Listener = (entry: JournalEntry) => void;

export class Journal {
  #entries: JournalEntry[] = [];
  #nextId = 1;
  #listeners = new Set<Listener>();

  constructor(
    readonly limit = 1000,
    readonly bodyLimit = 16_384,
  ) {}

  add(entry: Omit<JournalEntry, 'id'>): JournalEntry {
    const full = { id: this.#nextId++, ...entry };
    this.#entries.push(full);
    if (this.#entries.length > this.limit) this.#entries.splice(0, this.#entries.length - this.limit);
    for (const listener of this.#listeners) listener(full);
    return full;
  }

  entries(filter: JournalFilter = {}): JournalEntry[] {
    const match = (e: JournalEntry) =>
      (!filter.provider || e.provider === filter.provider) &&
      (!filter.merchant || e.merchant === filter.merchant) &&
      (!filter.method || e.method === filter.method.toUpperCase()) &&
      (!filter.path || (filter.path.endsWith('*') ? e.path.startsWith(filter.path.slice(0, -1)) : e.path === filter.path)) &&
      (filter.status === undefined || e.response.status === filter.status) &&
      (filter.sinceId === undefined || e.id > filter.sinceId);
    const found = this.#entries.filter(match);
    return filter.limit ? found.slice(-filter.limit) : found;
  }

  clear(provider?: string): void {
    this.#entries = provider ? this.#entries.filter((e) => e.provider !== provider) : [];
  }

  onEntry(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Parses JSON or form bodies so that entries are easy to assert on; cuts long text. */
  decodeBody(text: string, contentType: string | null, redactor: Redactor): unknown {
    if (text === '') return null;
    const type = (contentType ?? '').toLowerCase();
    if (type.includes('json') || /^\s*[[{]/.test(text)) {
      try {
        return redactor.value(JSON.parse(text));
      } catch {
        /* not JSON after all: keep as text */
      }
    }
    if (type.includes('x-www-form-urlencoded')) {
      const fields: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(text)) fields[k] = v;
      return redactor.value(fields);
    }
    const safe = redactor.text(text);
    return safe.length > this.bodyLimit ? `${safe.slice(0, this.bodyLimit)}… [${safe.length - this.bodyLimit} more characters]` : safe;
  }
}

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
    const url = new URL(c.req.url);
    // bufferBody() cached the text before the route ran; an oversized body was never read.
    let requestText = '';
    if (c.get('bodyTooLarge')) requestText = `[body over the size limit: ${c.req.header('content-length') ?? 'unknown'} bytes]`;
    else if (c.req.raw.body || Object.keys(c.req.bodyCache).length > 0) {
      try {
        requestText = await c.req.text();
      } catch {
        requestText = '[body not readable]';
      }
    }
    let responseText = '';
    const res = c.res;
    if (res.type !== 'error' && res.body && !c.get('fault')?.startsWith('hang')) {
      try {
        responseText = await res.clone().text();
      } catch {
        responseText = '[body not readable]';
      }
    }
    journal.add({
      at,
      provider,
      merchant: c.get('merchant'),
      transport: c.env?.transport ?? 'direct',
      method: c.req.method,
      path: url.pathname,
      // Query strings carry card data too (GET clients of form APIs): redacted like bodies.
      query: redactor.text(url.search),
      request: {
        headers: redactor.headers(c.req.raw.headers),
        body: journal.decodeBody(requestText, c.req.header('content-type') ?? null, redactor),
      },
      response: {
        status: res.type === 'error' ? 0 : res.status,
        headers: redactor.headers(res.headers),
        body: journal.decodeBody(responseText, res.headers.get('content-type'), redactor),
      },
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      scenario: c.get('scenario'),
      fault: c.get('fault'),
    });
  };
}
