/**
 * Request parameters as Payture reads them (reference §2–§3, and what real clients were
 * recorded sending: docs/payture.md "What real clients send"). The one parser of every
 * Payture route (api, apim, vwapi, hosted pages, the ACS simulator):
 *
 * - query string and body merged for every method: GET with everything in the query (Ruby
 *   and PHP clients), POST with everything in the query and an empty body (the 2019 seed,
 *   npm `payture`), GET with a form body (`payture-official`, Payture's own Node SDK);
 * - top-level names case-insensitive (`Data` / `DATA`, ASP.NET's `Request[name]`), first
 *   occurrence wins, query before body;
 * - the nested `Key=Value;…` lists (`DATA`, `PayInfo`, `CustomFields`) decoded by the
 *   kernel's `decodeList` (plain, percent-encoded once or twice, `+` as space, spaces and
 *   newlines around separators, trailing `;`); inner keys case-insensitive (`amount`, `ip`);
 *   an empty inner value is absent (the official SDKs send every optional key, empty).
 *
 * The journal's redaction decodes lists with the same function. Nothing here throws.
 */
import { decodeList, formDecode } from '../kernel/form-lists.ts';
import { splitHref } from '../kernel/paths.ts';
import type { PasarelaContext } from '../kernel/types.ts';

export { formDecode };

/** A decoded `;`-list: inner keys looked up case-insensitively, first non-empty occurrence wins. */
export class NestedList {
  readonly #byKey = new Map<string, { key: string; value: string }>();
  /** Segments that were not `Key=Value` pairs (kept for diagnostics). */
  readonly ignored: string[];

  constructor(readonly raw: string) {
    const decoded = decodeList(raw);
    this.ignored = decoded.ignored;
    for (const [key, value] of decoded.pairs) {
      const id = key.toLowerCase();
      if (key !== '' && value !== '' && !this.#byKey.has(id)) this.#byKey.set(id, { key, value });
    }
  }

  get(key: string): string | undefined {
    return this.#byKey.get(key.toLowerCase())?.value;
  }

  has(key: string): boolean {
    return this.#byKey.has(key.toLowerCase());
  }

  get size(): number {
    return this.#byKey.size;
  }

  /** Pairs with the spelling the client used. */
  entries(): [string, string][] {
    return [...this.#byKey.values()].map(({ key, value }) => [key, value]);
  }
}

export interface Params {
  /** Top-level parameter, looked up without regard to case; first occurrence. */
  get(name: string): string | undefined;
  list(name: string): NestedList | undefined;
  /** Names with the spelling the client used (one per case-insensitive name). */
  names(): string[];
}

/** The body as text: a GET body comes from the HTTP listener (a Fetch Request cannot carry one). */
async function bodyText(c: PasarelaContext): Promise<string> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.env?.getBody ?? '';
  try {
    return await c.req.text();
  } catch {
    return '';
  }
}

/**
 * Query string first, then the body; a name present in both keeps the query's value.
 * Bodies are read as form data whatever the content type (clients that send none),
 * except multipart.
 */
export async function readParams(c: PasarelaContext): Promise<Params> {
  const values = new Map<string, { name: string; value: string }>();
  const add = (name: string, value: string) => {
    const id = name.toLowerCase();
    if (!values.has(id)) values.set(id, { name, value });
  };
  for (const [k, v] of new URLSearchParams(splitHref(c.req.url).search)) add(k, v);
  if (/multipart\/form-data/i.test(c.req.header('content-type') ?? '') && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    try {
      for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string') add(k, v);
    } catch {
      /* unreadable multipart: no body parameters */
    }
  } else {
    for (const [k, v] of new URLSearchParams(await bodyText(c))) add(k, v);
  }
  const lists = new Map<string, NestedList>();
  return {
    get: (name) => values.get(name.toLowerCase())?.value,
    list(name) {
      const id = name.toLowerCase();
      const raw = values.get(id)?.value;
      if (raw === undefined) return undefined;
      let list = lists.get(id);
      if (!list) lists.set(id, (list = new NestedList(raw)));
      return list;
    },
    names: () => [...values.values()].map((v) => v.name),
  };
}
