/**
 * Turns a recorded session (redacted exchanges, in order) into conformance cases, one per
 * exchange. An id the gateway made and a later request uses (a customer id, a session
 * token) becomes a capture: the case replays the earlier exchanges that touched the same
 * ids as `setup.steps`, captures the emulator's own ids and puts them where the client put
 * the recorded ones. Ids the client chose itself are never captured.
 */
import type { CaseExpect, CaseFormat, CaseRequest, CaseStep, ConformanceCase } from './case.ts';
import { normaliseBody } from './compare.ts';
import type { RedactedExchange } from './recording-redactor.ts';

/** Answer keys whose values are ids the gateway made (compared as captures, not values). */
const ID_KEY = /(id|token|reference)$/i;
/** Answer keys whose values are the outcome: compared by value, not only by type. */
const VALUE_KEY = /^@?(status|state|success|errcode|errorcode|error_code|code|reason|paid|respuesta|error|type)$/i;
/** Shorter ids (PlacetoPay's small request ids on a fresh emulator) are replaced as whole path segments only. */
const MIN_ID_LENGTH = 4;
/** Values the client chose (an OrderId, a wallet login) that link exchanges: at least this long. */
const MIN_TOKEN_LENGTH = 6;
/** Bound on what a session keeps in memory and per case. */
const MAX_EXCHANGES = 2_000;

export interface SessionOptions {
  provider: string;
  source: ConformanceCase['source'];
  /** `YYYY-MM-DD`, or null. */
  recorded: string | null;
  lastVerified: string | null;
  /** Start of every case id, e.g. `tpaga-rec-20261204t2130`. */
  idPrefix: string;
  notes?: string;
  /** Values every exchange may carry (the merchant's own key): they link nothing. */
  common?: readonly string[];
  /** Merchants the replay needs (see `RecordingRedactor.setupMerchants`), asked at each case. */
  merchants?: () => Record<string, unknown>[] | undefined;
}

interface Entry {
  request: CaseRequest;
  expect: CaseExpect;
  at: Date;
  /** Captures this exchange's answer offers: variable → path. */
  offers: Map<string, string>;
  uses: Set<string>;
  /** Values the client sent that may name an object (an OrderId, a login): they link exchanges too. */
  tokens: Set<string>;
}

/** Values of `key=value` lists (forms, queries, Payture's `;`-lists, percent-encoded once or twice) and JSON leaves. */
function tokensOf(text: string, out: Set<string>, depth = 0): void {
  if (depth > 2 || out.size > 500) return;
  const t = text.trim();
  if (depth === 0 && (t.startsWith('{') || t.startsWith('['))) {
    try {
      const found: [string, unknown][] = [];
      leaves(JSON.parse(t), '', found);
      for (const [, v] of found) if (typeof v === 'string' || typeof v === 'number') out.add(String(v));
      return;
    } catch {
      // not JSON: read it as a list
    }
  }
  for (const part of t.split(/[&;?]/)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const value = part.slice(eq + 1);
    out.add(value);
    if (value.includes('%') || value.includes('=')) {
      let decoded = value;
      try {
        decoded = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        // keep it as it is
      }
      tokensOf(decoded, out, depth + 1);
    }
  }
}

/** Media type → how the case compares the body. */
export function formatOf(contentType: string | undefined, body: string): CaseFormat {
  if (body === '') return 'empty';
  const type = (contentType ?? '').toLowerCase();
  const t = body.trimStart();
  const tryFormat = (f: CaseFormat): boolean => {
    try {
      normaliseBody(f, body);
      return true;
    } catch {
      return false;
    }
  };
  if ((type.includes('json') || (!type && (t.startsWith('{') || t.startsWith('[')))) && tryFormat('json')) return 'json';
  if ((type.includes('xml') || (!type && t.startsWith('<?xml'))) && tryFormat('xml')) return 'xml';
  if (type.includes('x-www-form-urlencoded')) return 'form';
  return 'text';
}

/** Leaf paths of a parsed body (first array element only, as the comparison does). */
function leaves(value: unknown, path: string, out: [string, unknown][]): void {
  if (out.length > 5_000) return;
  if (Array.isArray(value)) {
    if (value.length) leaves(value[0], path ? `${path}.0` : '0', out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!k.includes('.')) leaves(v, path ? `${path}.${k}` : k, out);
  } else if (path) out.push([path, value]);
}

const lastKey = (path: string) => path.slice(path.lastIndexOf('.') + 1);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const slug = (s: string) => s.toLowerCase().replace(/\{\{[^}]*\}\}/g, 'id').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

export class RecordingSession {
  readonly #entries: Entry[] = [];
  /** Id value → variable name, longest values first when replacing. */
  readonly #vars = new Map<string, string>();
  /** Everything the client sent so far: a value found here is the client's, not the gateway's. */
  #sent = '';
  /** The same as values (`key=value`, JSON leaves), for ids too short to look for in text. */
  readonly #sentTokens = new Set<string>();

  constructor(readonly options: SessionOptions) {}

  get size(): number {
    return this.#entries.length;
  }

  #useVars(text: string, uses: Set<string>, isPath = false): string {
    const values = [...this.#vars.keys()].sort((a, b) => b.length - a.length);
    // An id may sit in a percent-encoded list (`CardId%3D…%3B`): an escape before it is a boundary.
    for (const value of values) {
      const short = value.length < MIN_ID_LENGTH;
      if (short && !isPath) continue;
      const pattern = short ? new RegExp(`(?<=^/(?:[^?]*/)?)${escape(value)}(?=/|\\?|$)`, 'g') : new RegExp(`(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f]{2}))${escape(value)}(?![A-Za-z0-9])`, 'g');
      if (!pattern.test(text)) continue;
      const name = this.#vars.get(value)!;
      uses.add(name);
      text = text.replace(pattern, `{{${name}}}`);
    }
    return text;
  }

  /** Adds the next exchange and returns its case. */
  add(x: RedactedExchange): ConformanceCase {
    if (this.#entries.length >= MAX_EXCHANGES) throw new Error(`a recording session keeps at most ${MAX_EXCHANGES} exchanges: start another`);
    const uses = new Set<string>();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(x.requestHeaders)) headers[k] = this.#useVars(v, uses);
    const request: CaseRequest = { method: x.method.toUpperCase(), path: this.#useVars(x.path, uses, true), headers, body: x.requestBody === null ? null : this.#useVars(x.requestBody, uses), resign: x.resign };
    this.#sent += `\n${x.path}\n${Object.values(x.requestHeaders).join('\n')}\n${x.requestBody ?? ''}`;

    const contentType = x.responseHeaders['content-type'];
    const format = formatOf(contentType, x.responseBody);
    const parsed = format === 'json' || format === 'xml' || format === 'form' ? normaliseBody(format, x.responseBody) : undefined;
    const expect: CaseExpect = { status: x.status, format };
    if (format === 'json') expect.body = parsed;
    else if (format !== 'empty') expect.body = x.responseBody;
    const all: [string, unknown][] = [];
    leaves(parsed, '', all);
    const values = all.filter(([p, v]) => VALUE_KEY.test(lastKey(p)) && (typeof v !== 'string' || v.length <= 80)).map(([p]) => p);
    if (values.length) expect.values = values;
    if (format !== 'empty' && contentType) expect.headers = { 'content-type': contentType.split(';')[0]!.trim() };

    const tokens = new Set<string>();
    tokensOf(`${x.path.split('?')[1] ?? ''}`, tokens);
    if (x.requestBody) tokensOf(x.requestBody, tokens);
    for (const t of tokens) if (this.#sentTokens.size < 100_000) this.#sentTokens.add(t);
    const offers = new Map<string, string>();
    for (const [path, v] of all) {
      if (!ID_KEY.test(lastKey(path)) || (typeof v !== 'string' && typeof v !== 'number')) continue;
      const value = String(v);
      if (value.length === 0 || value.includes('[redacted]') || this.#vars.has(value) || this.#sentTokens.has(value) || (value.length >= MIN_ID_LENGTH && this.#sent.includes(value))) continue;
      const name = `id${this.#vars.size + 1}`;
      this.#vars.set(value, name);
      offers.set(name, path);
    }
    const common = new Set(this.options.common ?? []);
    for (const t of tokens) if (t.length < MIN_TOKEN_LENGTH || t.includes('[redacted]') || t.includes('*') || t.includes('{{') || common.has(t)) tokens.delete(t);
    const entry: Entry = { request, expect, at: x.at, offers, uses, tokens };
    this.#entries.push(entry);
    return this.#case(this.#entries.length - 1);
  }

  #case(index: number): ConformanceCase {
    const entry = this.#entries[index]!;
    // The earlier exchanges that touched the ids this one uses (the gateway's or the client's), and those they used, transitively.
    const wanted = new Set([...entry.uses, ...[...entry.tokens].map((t) => `=${t}`)]);
    const included: number[] = [];
    for (let j = index - 1; j >= 0; j--) {
      const e = this.#entries[j]!;
      const touched = [...e.uses, ...e.offers.keys(), ...[...e.tokens].map((t) => `=${t}`)];
      if (!touched.some((name) => wanted.has(name))) continue;
      included.unshift(j);
      for (const name of touched) wanted.add(name);
    }
    const needed = new Set([...included.flatMap((j) => [...this.#entries[j]!.uses]), ...entry.uses]);
    const steps: CaseStep[] = included.map((j) => {
      const e = this.#entries[j]!;
      const capture = Object.fromEntries([...e.offers].filter(([name]) => needed.has(name)));
      return { request: e.request, expect: e.expect, ...(Object.keys(capture).length ? { capture } : {}) };
    });
    const o = this.options;
    const seq = String(index + 1).padStart(3, '0');
    const id = `${o.idPrefix}-${seq}-${slug(`${entry.request.method} ${entry.request.path.split('?')[0]}`)}`.slice(0, 121).replace(/-+$/, '');
    const merchants = o.merchants?.();
    // A recording of unknown date replays on the emulator's own clock.
    const setup: NonNullable<ConformanceCase['setup']> = entry.at.getTime() > 0 ? { clock: entry.at.toISOString() } : {};
    if (merchants) setup.merchants = merchants;
    if (steps.length) setup.steps = steps;
    return {
      id,
      provider: o.provider,
      title: `${entry.request.method} ${entry.request.path.split('?')[0]} answered ${entry.expect.status}${steps.length ? ` (after ${steps.length} earlier exchange${steps.length > 1 ? 's' : ''})` : ''}`,
      source: o.source,
      recorded: o.recorded,
      grade: 'recorded',
      lastVerified: o.lastVerified,
      ...(o.notes ? { notes: o.notes } : {}),
      setup,
      request: entry.request,
      expect: entry.expect,
    };
  }
}
