/**
 * `Key=Value;Key=Value` lists carried inside one form or query parameter (gateways that
 * pass a whole record as one field). One decoder, shared by the provider that reads them
 * and by the journal's redaction, so that what the emulator understands is exactly what
 * gets redacted: a secret the parser can read is never left readable in a log.
 *
 * The list as the transport delivered it (query string or form body already decoded once):
 *   1. no `=` but an encoded one (`%3D`, `%253D`…) → the whole list was percent-encoded
 *      again by the client: decode it (form semantics, `+` is a space) and look again, at
 *      most three times;
 *   2. split on `;`, trim spaces, tabs and newlines, drop empty segments;
 *   3. split each segment at its first `=` (values may contain `=`);
 *   4. a list that was not decoded whole has its keys and values decoded once (clients that
 *      encode each value: `Product=The+order`, `Url=https%3A%2F%2F…`). A list that was
 *      decoded whole is not decoded again, so a `+` or `%` the client encoded survives.
 * Nothing here throws and every step is linear in the input.
 */

/** One decoder for every call: without `stream` it keeps no state between them. */
const utf8 = new TextDecoder();

const hexValue = (c: number): number => (c <= 57 ? c - 48 : (c | 32) - 87);

/** A run of `%XX` escapes as the text its bytes spell (ASCII directly, anything else as UTF-8). */
function decodeEscapes(run: string): string {
  const n = run.length / 3;
  let ascii = '';
  let bytes: Uint8Array | undefined;
  for (let i = 0; i < n; i++) {
    const b = (hexValue(run.charCodeAt(i * 3 + 1)) << 4) | hexValue(run.charCodeAt(i * 3 + 2));
    if (bytes) bytes[i] = b;
    else if (b < 0x80) ascii += String.fromCharCode(b);
    else {
      // A byte past ASCII: the whole run goes through the UTF-8 decoder.
      bytes = new Uint8Array(n);
      for (let j = 0; j < i; j++) bytes[j] = ascii.charCodeAt(j);
      bytes[i] = b;
    }
  }
  return bytes ? utf8.decode(bytes) : ascii;
}

/** Percent-decoding with form semantics that never throws (bad sequences are kept, bad UTF-8 becomes U+FFFD). */
export function formDecode(text: string): string {
  if (!/[%+]/.test(text)) return text;
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  return spaced.includes('%') ? spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodeEscapes) : spaced;
}

export interface DecodedList {
  /** Pairs in the order sent, keys with the client's spelling, values decoded. */
  pairs: [string, string][];
  /** Segments that were not `Key=Value` (kept for diagnostics). */
  ignored: string[];
  /** How many times the whole list was percent-decoded before it was split. */
  layers: number;
}

/** Whether a parameter value looks like a `;`-list at all (some `=`, or an encoded one). */
export const looksLikeList = (text: string): boolean => text.includes('=') || ENCODED_EQ.test(text);

/** `=` percent-encoded one or more times. */
const ENCODED_EQ = /%(?:25)*3d/i;

export function decodeList(raw: string): DecodedList {
  let text = raw;
  let layers = 0;
  while (layers < 3 && !text.includes('=') && ENCODED_EQ.test(text)) {
    text = formDecode(text);
    layers++;
  }
  const pairs: [string, string][] = [];
  const ignored: string[] = [];
  for (const piece of text.split(';')) {
    const segment = piece.trim();
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    if (eq <= 0) {
      ignored.push(segment);
      continue;
    }
    const rawKey = segment.slice(0, eq).trim();
    const rawValue = segment.slice(eq + 1).trim();
    pairs.push(layers > 0 ? [rawKey, rawValue] : [formDecode(rawKey).trim(), formDecode(rawValue)]);
  }
  return { pairs, ignored, layers };
}
