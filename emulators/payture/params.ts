/**
 * Request parameters as Payture reads them (reference §2–§3): query string and body
 * merged (GET or POST, even a POST with everything in the query and an empty body), and
 * the nested `Key=Value;…` lists (`PayInfo`, `CustomFields`, `Data`, `DATA`) decoded by a
 * rule that accepts every encoding real clients were recorded sending:
 *
 *   1. value without `=` but with `%3D` → percent-decode once more (list encoded twice)
 *   2. split on `;`   3. trim segments, drop empty ones   4. split at the first `=`
 *   5. percent-decode key and value with form semantics (`+` → space)
 *
 * Inner keys match case-insensitively (the 2014 sandbox honoured `amount`, `ip`).
 * Nothing here throws: malformed escapes stay as they are.
 */

/** Percent-decoding with form semantics that never throws (bad sequences are kept, bad UTF-8 becomes U+FFFD). */
export function formDecode(text: string): string {
  return text.replace(/\+/g, ' ').replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.match(/%([0-9A-Fa-f]{2})/g)!.map((h) => parseInt(h.slice(1), 16)));
    return new TextDecoder().decode(bytes);
  });
}

/** A decoded `;`-list: inner keys looked up case-insensitively, first occurrence wins. */
export class NestedList {
  readonly #byKey = new Map<string, { key: string; value: string }>();
  /** Segments that were not `Key=Value` pairs (kept for diagnostics). */
  readonly ignored: string[] = [];

  constructor(readonly raw: string) {
    let text = raw;
    if (!text.includes('=') && /%3d/i.test(text)) text = formDecode(text);
    for (const piece of text.split(';')) {
      const segment = piece.trim();
      if (segment === '') continue;
      const eq = segment.indexOf('=');
      if (eq <= 0) {
        this.ignored.push(segment);
        continue;
      }
      const key = formDecode(segment.slice(0, eq)).trim();
      const value = formDecode(segment.slice(eq + 1));
      const id = key.toLowerCase();
      if (key !== '' && !this.#byKey.has(id)) this.#byKey.set(id, { key, value });
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

/** The parameters that carry `;`-lists. */
export const LIST_PARAMS = new Set(['PayInfo', 'CustomFields', 'Data', 'DATA']);

export interface Params {
  /** Top-level parameter (names are case-sensitive), first occurrence. */
  get(name: string): string | undefined;
  list(name: string): NestedList | undefined;
  names(): string[];
}

/**
 * Query string first, then the body (ASP.NET's `Request[name]` order); a name present in
 * both keeps the query's value. Bodies are read as form data whatever the content type,
 * except multipart.
 */
export async function readParams(req: { url: string; header(name: string): string | undefined; text(): Promise<string>; parseBody(): Promise<Record<string, unknown>> }, method: string): Promise<Params> {
  const values = new Map<string, string>();
  const add = (name: string, value: string) => {
    if (!values.has(name)) values.set(name, value);
  };
  for (const [k, v] of new URLSearchParams(new URL(req.url).search)) add(k, v);
  if (method !== 'GET' && method !== 'HEAD') {
    if (/multipart\/form-data/i.test(req.header('content-type') ?? '')) {
      try {
        for (const [k, v] of Object.entries(await req.parseBody())) if (typeof v === 'string') add(k, v);
      } catch {
        /* unreadable multipart: no body parameters */
      }
    } else {
      for (const [k, v] of new URLSearchParams(await req.text())) add(k, v);
    }
  }
  const lists = new Map<string, NestedList>();
  return {
    get: (name) => values.get(name),
    list(name) {
      const raw = values.get(name);
      if (raw === undefined) return undefined;
      let list = lists.get(name);
      if (!list) lists.set(name, (list = new NestedList(raw)));
      return list;
    },
    names: () => [...values.keys()],
  };
}
