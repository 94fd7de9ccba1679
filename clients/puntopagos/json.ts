/**
 * JSON the way PuntoPagos writes and reads it. Two things plain `JSON` cannot do:
 *
 * - write `"monto":1000.00` (a number with two decimals, reference §2.3): values wrapped
 *   in `RawNumber` are written verbatim;
 * - read a top-level number exactly as sent (`"trx_id":12345678901234567890` loses digits
 *   in `JSON.parse`): `topLevelNumbers` returns the raw text of each top-level number.
 */

/** A JSON number written exactly as `text` (which must be a valid JSON number). */
export class RawNumber {
  constructor(readonly text: string) {
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) throw new RangeError(`"${text}" is not a JSON number`);
  }

  toJSON(): number {
    return Number(this.text);
  }
}

/**
 * A flat object as JSON, keys in alphabetical order like the recorded responses (the
 * .NET DataContract serializer's order), `RawNumber` values verbatim.
 */
export function stringifyFlat(record: Record<string, unknown>, opts: { sortKeys?: boolean } = {}): string {
  const keys = Object.keys(record).filter((k) => record[k] !== undefined);
  if (opts.sortKeys !== false) keys.sort();
  const parts = keys.map((k) => {
    const v = record[k];
    return `${JSON.stringify(k)}:${v instanceof RawNumber ? v.text : JSON.stringify(v)}`;
  });
  return `{${parts.join(',')}}`;
}

/**
 * Raw text of every number that is a direct member of the top-level object of `text`.
 * Expects text that `JSON.parse` accepted; returns `{}` for anything but an object.
 */
export function topLevelNumbers(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const skipString = () => {
    // i is at the opening quote; leaves i after the closing one.
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
  };
  const skipValue = () => {
    if (text[i] === '"') return skipString();
    if (text[i] === '{' || text[i] === '[') {
      let depth = 0;
      do {
        if (text[i] === '"') {
          skipString();
          continue;
        }
        if (text[i] === '{' || text[i] === '[') depth++;
        else if (text[i] === '}' || text[i] === ']') depth--;
        i++;
      } while (depth > 0 && i < text.length);
      return;
    }
    while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++;
  };
  ws();
  if (text[i] !== '{') return out;
  i++;
  for (;;) {
    ws();
    if (text[i] !== '"') return out;
    const start = i;
    skipString();
    const key = JSON.parse(text.slice(start, i)) as string;
    ws();
    i++; // ':'
    ws();
    const valueStart = i;
    const isNumber = text[i] === '-' || (text[i]! >= '0' && text[i]! <= '9');
    skipValue();
    if (isNumber) out[key] = text.slice(valueStart, i);
    else delete out[key]; // a later duplicate key wins, as in JSON.parse
    ws();
    if (text[i] !== ',') return out;
    i++;
  }
}
