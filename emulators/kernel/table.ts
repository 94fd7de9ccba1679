/**
 * Tables keyed by values a client sends (customer ids, OrderIds, tokens, logins).
 *
 * A plain object indexed by a request value reaches `Object.prototype`: `orders['__proto__']`
 * reads the prototype, `customers['constructor']` finds a function, an assignment can change
 * what every object in the process inherits. A `Table` is a JSON object at run time (state
 * stays plain JSON for snapshots and the state file) but its type has no index signature:
 * it is read and written only through these functions, which touch own properties only.
 * They work the same on a table made here (null prototype) and on one that came back from
 * `JSON.parse` or `structuredClone` (ordinary prototype, `__proto__` as an own key).
 */
declare const rows: unique symbol;

/** An id → row table; opaque, so `table[id]` does not typecheck. */
export type Table<Row> = { readonly [rows]: Row };

const own = Object.prototype.hasOwnProperty;

export const Table = {
  create<Row>(): Table<Row> {
    return Object.create(null) as Table<Row>;
  },

  /** A table holding these rows (from a restored snapshot, or built by a provider). */
  from<Row>(entries: Iterable<readonly [string, Row]>): Table<Row> {
    const t = Table.create<Row>();
    for (const [id, row] of entries) Table.set(t, id, row);
    return t;
  },

  get<Row>(t: Table<Row>, id: string): Row | undefined {
    return own.call(t, id) ? (t as unknown as Record<string, Row>)[id] : undefined;
  },

  has(t: Table<unknown>, id: string): boolean {
    return own.call(t, id);
  },

  set<Row>(t: Table<Row>, id: string, row: Row): Row {
    // `__proto__` is the one accessor Object.prototype has: assigning it would call the
    // inherited setter (on a table from JSON.parse), so it is defined. Any other id is an
    // own data property either way, and assignment is the quicker of the two.
    if (id === '__proto__') Object.defineProperty(t, id, { value: row, writable: true, enumerable: true, configurable: true });
    else (t as unknown as Record<string, Row>)[id] = row;
    return row;
  },

  delete(t: Table<unknown>, id: string): boolean {
    if (!own.call(t, id)) return false;
    delete (t as unknown as Record<string, unknown>)[id];
    return true;
  },

  ids(t: Table<unknown>): string[] {
    return Object.keys(t);
  },

  values<Row>(t: Table<Row>): Row[] {
    return Object.values(t as unknown as Record<string, Row>);
  },

  entries<Row>(t: Table<Row>): [string, Row][] {
    return Object.entries(t as unknown as Record<string, Row>);
  },

  size(t: Table<unknown>): number {
    return Object.keys(t).length;
  },
};

/** A value of a constant lookup object for a key a client sent (`CURRENCIES[currency]`), own keys only. */
export function lookup<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return own.call(record, key) ? record[key] : undefined;
}
