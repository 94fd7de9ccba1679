/**
 * Recordings made by other tools, read as conformance cases: VCR cassettes (Ruby VCR's
 * `http_interactions`, Python vcrpy's `interactions`) and HAR files (browser dev tools,
 * proxies). Only exchanges with one of the providers' hosts are kept, and each is redacted
 * as it is read, like a `pasarela record` exchange (the user's credentials, when the
 * environment names them, replaced by the emulator's).
 */
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ProviderModule } from '../kernel/types.ts';
import type { ConformanceCase } from './case.ts';
import { RecordingRedactor, type WireExchange } from './recording-redactor.ts';
import { RecordingSession } from './session.ts';

const binaryTag = { tag: '!binary', resolve: (str: string) => Buffer.from(str.replace(/\s+/g, ''), 'base64') };

export class ForeignFileError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The provider whose real host this URL names (scheme and port aside), if any. */
export function providerOfUrl(url: URL, modules: readonly ProviderModule[]): ProviderModule | undefined {
  return modules.find((m) => m.hosts.some((h) => new URL(h).hostname === url.hostname));
}

/** Header maps in either tool's shape: `{ Name: [v] }`, `{ Name: v }` or `[{ name, value }]`. */
function headerMap(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const h of raw) if (isRecord(h) && typeof h.name === 'string') out[h.name.toLowerCase()] = String(h.value ?? '');
  } else if (isRecord(raw)) {
    for (const [k, v] of Object.entries(raw)) out[k.toLowerCase()] = Array.isArray(v) ? v.map(String).join(', ') : String(v ?? '');
  }
  return out;
}

/** A VCR body: a string, `{ string }`, `{ base64_string }` or Ruby's `!binary` text. */
function vcrBody(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return raw;
  if (isRecord(raw)) {
    if (typeof raw.base64_string === 'string') return Buffer.from(raw.base64_string.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (typeof raw.string === 'string') return raw.string;
    if (raw.string instanceof Uint8Array) return Buffer.from(raw.string).toString('utf8');
  }
  if (raw instanceof Uint8Array) return Buffer.from(raw).toString('utf8');
  return null;
}

interface Located {
  url: URL;
  exchange: WireExchange;
}

function located(method: unknown, uri: unknown, requestHeaders: unknown, requestBody: string | null, status: unknown, responseHeaders: unknown, responseBody: string | null, at: unknown): Located | undefined {
  if (typeof uri !== 'string' || typeof method !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const code = Number(status);
  if (!Number.isInteger(code) || code < 100 || code > 599) return undefined;
  const date = new Date(typeof at === 'string' || typeof at === 'number' || at instanceof Date ? at : Number.NaN);
  return {
    url,
    exchange: {
      method: method.toUpperCase(),
      path: url.pathname + url.search,
      requestHeaders: headerMap(requestHeaders),
      requestBody: requestBody === '' ? null : requestBody,
      status: code,
      responseHeaders: headerMap(responseHeaders),
      responseBody: responseBody ?? '',
      at: Number.isNaN(date.getTime()) ? new Date(0) : date,
    },
  };
}

/** Exchanges of a VCR cassette (YAML text). */
export function vcrExchanges(text: string, file: string): Located[] {
  let doc: unknown;
  try {
    // Ruby VCR writes `!binary` (base64) bodies; other `!ruby/…` tags are read as their plain values.
    doc = parseYaml(text, { maxAliasCount: 100, logLevel: 'silent', customTags: [binaryTag] });
  } catch (err) {
    throw new ForeignFileError(`${file}: not YAML (${(err as Error).message.split('\n')[0]})`);
  }
  const list = isRecord(doc) ? (doc.http_interactions ?? doc.interactions) : undefined;
  if (!Array.isArray(list)) throw new ForeignFileError(`${file}: not a VCR cassette (no http_interactions or interactions list)`);
  const out: Located[] = [];
  for (const i of list) {
    if (!isRecord(i) || !isRecord(i.request) || !isRecord(i.response)) continue;
    const q = i.request;
    const r = i.response;
    const status = isRecord(r.status) ? r.status.code : r.status;
    const l = located(q.method, q.uri, q.headers, vcrBody(q.body), status, r.headers, vcrBody(r.body), i.recorded_at ?? (isRecord(doc) ? doc.recorded_at : undefined));
    if (l) out.push(l);
  }
  return out;
}

/** Exchanges of a HAR file (JSON text). */
export function harExchanges(text: string, file: string): Located[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ForeignFileError(`${file}: not JSON (${(err as Error).message})`);
  }
  const entries = isRecord(doc) && isRecord(doc.log) ? doc.log.entries : undefined;
  if (!Array.isArray(entries)) throw new ForeignFileError(`${file}: not a HAR file (no log.entries)`);
  const out: Located[] = [];
  for (const e of entries) {
    if (!isRecord(e) || !isRecord(e.request) || !isRecord(e.response)) continue;
    const q = e.request;
    const r = e.response;
    const post = isRecord(q.postData) && typeof q.postData.text === 'string' ? q.postData.text : null;
    const content = isRecord(r.content) ? r.content : {};
    const body = typeof content.text === 'string' ? (content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text) : '';
    const l = located(q.method, q.url, q.headers, post, r.status, r.headers, body, e.startedDateTime);
    if (l) out.push(l);
  }
  return out;
}

/**
 * Cases from a foreign recording: one session per provider found in it, in the file's
 * order. `kind` names the source format in each case.
 */
export function foreignCases(
  text: string,
  file: string,
  kind: 'vcr-cassette' | 'har',
  modules: readonly ProviderModule[],
  /** The user's sandbox credentials per provider (see `liveCredentials`), replaced as on record. */
  credentials: (provider: string) => Record<string, string> = () => ({}),
): ConformanceCase[] {
  const exchanges = kind === 'har' ? harExchanges(text, file) : vcrExchanges(text, file);
  const sessions = new Map<string, { session: RecordingSession; redactor: RecordingRedactor }>();
  const out: ConformanceCase[] = [];
  const stem = basename(file).replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'file';
  for (const { url, exchange } of exchanges) {
    const module = providerOfUrl(url, modules);
    if (!module) continue;
    let s = sessions.get(module.id);
    if (!s) {
      const redactor = new RecordingRedactor(module, credentials(module.id));
      const recorded = exchange.at.getTime() > 0 ? exchange.at.toISOString().slice(0, 10) : null;
      s = {
        redactor,
        session: new RecordingSession({
          provider: module.id,
          source: { ref: file, kind },
          recorded,
          lastVerified: null,
          idPrefix: `${module.id}-${kind === 'har' ? 'har' : 'vcr'}-${stem}`,
          merchants: () => redactor.setupMerchants(),
    common: redactor.commonValues(),
        }),
      };
      sessions.set(module.id, s);
    }
    out.push(s.session.add(s.redactor.exchange(exchange)));
  }
  return out;
}
