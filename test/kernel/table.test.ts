// Tables are keyed by client values: every Object.prototype name must be an ordinary row,
// on a table made here and on one restored from JSON (which has Object.prototype).
import { describe, expect, it } from 'vitest';
import { Table } from '../../emulators/kernel/table.ts';

const NAMES = Object.getOwnPropertyNames(Object.prototype);

describe('Table', () => {
  for (const [kind, make] of [
    ['created', () => Table.create<{ n: number }>()],
    ['restored from JSON', () => JSON.parse('{"a":{"n":0}}') as Table<{ n: number }>],
  ] as const) {
    it(`${kind}: every Object.prototype name is stored, read back and listed as a row`, () => {
      const t = make();
      NAMES.forEach((name, n) => Table.set(t, name, { n }));
      NAMES.forEach((name, n) => {
        expect(Table.has(t, name), name).toBe(true);
        expect(Table.get(t, name), name).toEqual({ n });
      });
      expect(Table.ids(t)).toEqual(expect.arrayContaining(NAMES));
      // The prototype is untouched: `__proto__` became a row, not the table's prototype.
      expect(Object.getPrototypeOf(t)).toBe(kind === 'created' ? null : Object.prototype);
      expect(JSON.parse(JSON.stringify(t)).__proto__).toEqual({ n: NAMES.indexOf('__proto__') });
    });
  }

  it('set replaces a row and get of an absent id is undefined', () => {
    const t = Table.create<number>();
    Table.set(t, 'x', 1);
    Table.set(t, 'x', 2);
    expect(Table.get(t, 'x')).toBe(2);
    expect(Table.get(t, 'y')).toBeUndefined();
    expect(Table.get(t, 'toString')).toBeUndefined();
  });
});
