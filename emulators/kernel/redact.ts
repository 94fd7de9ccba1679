/**
 * Redaction for everything the sandbox records (journal, webhook log, state views).
 * Card numbers keep their first 6 and last 4 digits; CVVs, passwords, secrets and
 * tranKeys are replaced. Works on parsed JSON, on form/`;`-list text and on headers.
 *
 * `;`-lists inside a form or query parameter (or an XML element) are read with the same
 * decoder the providers parse them with (`form-lists.ts`): a list percent-encoded once,
 * twice or three times is redacted as surely as a plain one.
 */
import { decodeList, formDecode, looksLikeList } from './form-lists.ts';

import { MAX_JSON_DEPTH, nestedDeeperThan } from './body.ts';

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

const BASE_SENSITIVE = [
  'cvv', 'cvv2', 'cvc', 'cvc2', 'securitycode', 'securecode', 'cardsecuritycode',
  'password', 'passwd', 'pwd', 'secret', 'secretkey', 'trankey', 'privatekey',
  'pin', 'pinnumber', 'pinblock', 'otp',
];
/** Keys whose value is a card number even when it fails the Luhn check. */
const PAN_KEYS = ['pan', 'cardnumber', 'card_number', 'number', 'primaryaccountnumber', 'numero_tarjeta'];

export const REDACTED = '[redacted]';

/** Longest key (as sent, separators included) the JSON pre-scan looks up; longer ones take the full pass. */
const MAX_KEY_SCAN = 64;

/** What `\s` matches in a JavaScript regular expression, as char codes. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279;
}

/** Index of the closing quote of the JSON string whose content starts at `from`, or -1 (unclosed, or an escaped line break, which the pair pattern's `.` does not cross). */
function stringEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) return j;
    if (c === 92) {
      const e = text.charCodeAt(++j);
      if (e === 10 || e === 13 || e === 8232 || e === 8233 || Number.isNaN(e)) return -1;
    }
  }
  return -1;
}

/**
 * End (exclusive) of the value the pair pattern takes at `at`: a string `"…"` or a number
 * `-?\d[\d.eE+-]*`; -1 when it is neither (the pattern leaves the pair alone), -2 when the
 * string is not well formed (the scan gives up).
 */
function valueEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 34) {
    const j = stringEnd(text, at + 1);
    return j < 0 ? -2 : j + 1;
  }
  let i = c === 45 ? at + 1 : at;
  const d = text.charCodeAt(i);
  if (!(d >= 48 && d <= 57)) return -1;
  for (i++; i < text.length; i++) {
    const x = text.charCodeAt(i);
    if (!((x >= 48 && x <= 57) || x === 46 || x === 101 || x === 69 || x === 43 || x === 45)) break;
  }
  return i;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Whether text[from, to), a whole run of digits, is one the pass masks: 13 to 19 long and Luhn-valid. */
const isCardRun = (text: string, from: number, to: number): boolean => to - from >= 13 && to - from <= 19 && luhnValid(text.slice(from, to));

/** Whether text[from, to) (bounded by non-digits) holds a digit run the pass masks. */
function hasCardRun(text: string, from: number, to: number): boolean {
  let run = -1;
  for (let x = from; x < to; x++) {
    if (isDigit(text.charCodeAt(x))) {
      if (run < 0) run = x;
    } else if (run >= 0) {
      if (isCardRun(text, run, x)) return true;
      run = -1;
    }
  }
  return run >= 0 && isCardRun(text, run, to);
}

/** A `"key": value` pair in JSON text, value a string or a number. */
const JSON_PAIR = /"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)/g;

const normalise = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '');

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** `4111111111111111` → `411111******1111`. Short values are hidden entirely. */
export function maskPan(pan: string): string {
  const digits = pan.replace(/\D/g, '');
  if (digits.length < 12) return REDACTED;
  return digits.slice(0, 6) + '*'.repeat(digits.length - 10) + digits.slice(-4);
}

/**
 * Percent-escapes of characters that never need one (digits, letters, `-._~`), once or
 * twice (`%34`, `%2534`), decoded: every form and query parser reads `%34%31…` as `41…`,
 * so the redaction must see the digits too. Lossless for meaning; other escapes are kept.
 */
const UNRESERVED_ESCAPE = /%(?:25)?(3[0-9]|4[1-9A-Fa-f]|5[0-9Aa]|6[1-9A-Fa-f]|7[0-9Aa]|2[DEde]|5[Ff]|7[Ee])/g;
export const unescapeUnreserved = (text: string): string =>
  text.includes('%') ? text.replace(UNRESERVED_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;

/** A multipart part's value: `name="cvv"` … blank line … value. */
const MULTIPART_FIELD = /(name="([^"\r\n]{1,100})"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([^\r\n]*)/g;

export class Redactor {
  #sensitive: Set<string>;
  #keyValue: RegExp;
  // `PAN=…` in a list or form, also first in a list (`PayInfo=PAN=…`) and with separators encoded once or twice.
  /** What each key seen so far is: the same few dozen keys come back in every body. */
  #keyKinds = new Map<string, 'sensitive' | 'pan' | 'plain'>();
  #panValue = new RegExp(`(^|[;&?=\\s"{,>]|%3B|%253B|%26|%2526|%3D|%253D)(${PAN_KEYS.join('|')})(=|%3D|%253D)(\\d[\\d+ -]{10,24}\\d)`, 'gi');

  constructor(extraKeys: readonly string[] = []) {
    this.#sensitive = new Set([...BASE_SENSITIVE, ...extraKeys.map(normalise)]);
    const names = [...this.#sensitive].sort((a, b) => b.length - a.length).join('|');
    // key=value inside form bodies and `;`-lists (also first in a list: `DATA=VWUserPsw=…`), separators possibly percent-encoded once or twice.
    this.#keyValue = new RegExp(`(^|[;&?=\\s"{,>]|%3B|%253B|%26|%2526|%3D|%253D)((?:${names}))(=|%3D|%253D)([^;&\\s%"<]*(?:%(?!3B|253B|26)[0-9A-Fa-f]{2}[^;&\\s%"<]*)*)`, 'gi');
  }

  #kind(key: string): 'sensitive' | 'pan' | 'plain' {
    let kind = this.#keyKinds.get(key);
    if (kind === undefined) {
      kind = this.isSensitive(key) ? 'sensitive' : PAN_KEYS.includes(normalise(key)) ? 'pan' : 'plain';
      if (this.#keyKinds.size < 10_000) this.#keyKinds.set(key, kind);
    }
    return kind;
  }

  isSensitive(key: string): boolean {
    const k = normalise(key);
    return this.#sensitive.has(k) || (k.endsWith('password') || k.endsWith('secret'));
  }

  /** Deep copy of a JSON value with sensitive keys hidden and card numbers masked. */
  value(input: unknown, key = ''): unknown {
    if (typeof input === 'string') {
      if (key && this.isSensitive(key)) return input === '' ? '' : REDACTED;
      if (key && PAN_KEYS.includes(normalise(key)) && /^\d{12,19}$/.test(input.replace(/[\s-]/g, ''))) return maskPan(input);
      return this.text(input);
    }
    if (typeof input === 'number') {
      if (key && this.isSensitive(key)) return REDACTED;
      if (Number.isSafeInteger(input) && key && PAN_KEYS.includes(normalise(key)) && String(input).length >= 12) return maskPan(String(input));
      return input;
    }
    if (Array.isArray(input)) return input.map((v) => this.value(v, key));
    if (input && typeof input === 'object') {
      const out: Record<string, unknown> = {};
      // defineProperty: a client's "__proto__" key stays a member of the copy (shown, redacted), never its prototype.
      for (const [k, v] of Object.entries(input)) Object.defineProperty(out, k, { value: this.value(v, k), writable: true, enumerable: true, configurable: true });
      return out;
    }
    return input;
  }

  /**
   * A request or response body as text, redacted in one pass: JSON key/value pairs by
   * key (sensitive → hidden, card-number keys → masked even when not Luhn-valid), digit
   * runs inside strings by Luhn; forms and `;`-lists by `key=value`. Cheaper than parsing
   * and walking, which matters because the journal does this for every exchange.
   */
  body(text: string, contentType: string | null): string {
    if (text === '') return text;
    // By its first character, not its Content-Type: a form sent as "application/json" is
    // still read as a form by what logs or replays it, so it is redacted as one.
    if (!/^\s*[[{"]/.test(text)) return this.text(text);
    // \uXXXX escapes hide keys and digits from the scan below ("cv\u0063", "\u0034111…"),
    // and JSON parsers resolve them: walk the parsed value instead.
    if (text.includes('\\u')) {
      const parsed = parseJson(text);
      if (parsed.ok) return nestedDeeperThan(parsed.value, MAX_JSON_DEPTH) ? '[body not shown: nested too deep to redact]' : JSON.stringify(this.value(parsed.value));
    }
    return this.#scanJson(text) ?? this.jsonPass(text);
  }

  /** The pass over JSON text that `body` runs when its pre-scan finds something to hide (tests compare the two). */
  jsonPass(text: string): string {
    const out = text.replace(JSON_PAIR, (match, key: string, colon: string, value: string) => {
      const kind = this.#kind(key);
      if (kind === 'plain') return match;
      if (kind === 'sensitive') return value === '""' ? match : `"${key}"${colon}"${REDACTED}"`;
      const digits = value.replace(/^"|"$/g, '');
      return /^\d[\d\s-]{10,22}$/.test(digits) ? `"${key}"${colon}"${maskPan(digits)}"` : match;
    });
    return /\d{13}/.test(out) ? out.replace(/(?<!\d)\d{13,19}(?!\d)/g, (run) => (luhnValid(run) ? maskPan(run) : run)) : out;
  }

  /**
   * What `jsonPass` gives, in one scan over well-formed text, allocating only where it
   * replaces a value: keys are read as JSON strings, and a sensitive or card-number key's
   * string or number value is replaced exactly as the pass does. Undefined (take the pass)
   * when the text does not tokenise as JSON strings (an unclosed string, a string followed
   * by anything but `:`, `,`, `}`, `]` or space, an escaped line break), when a key is
   * longer than any sensitive name could plausibly be written, or when a run of 13 to 19
   * digits anywhere, keys included, passes the Luhn check (the pass masks it). Longer ids
   * that are not card numbers (a PuntoPagos trx_id) stay on the scan.
   */
  #scanJson(text: string): string | undefined {
    const n = text.length;
    let out = '';
    let copied = 0;
    for (let i = 0; i < n; i++) {
      const ch = text.charCodeAt(i);
      if (ch >= 48 && ch <= 57) {
        // A number outside strings: its digit run, then on from its end.
        let e = i + 1;
        while (e < n && isDigit(text.charCodeAt(e))) e++;
        if (isCardRun(text, i, e)) return undefined;
        i = e - 1;
        continue;
      }
      if (ch !== 34) continue;
      const start = i + 1;
      const j = stringEnd(text, start);
      if (j < 0) return undefined;
      // Quotes bound the string, so its digit runs are its own (an escaped digit starts one).
      if (hasCardRun(text, start, j)) return undefined;
      let k = j + 1;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      const next = k < n ? text.charCodeAt(k) : -1;
      if (next !== 58) {
        if (next !== 44 && next !== 125 && next !== 93 && next !== -1) return undefined;
        i = j;
        continue;
      }
      if (j - start > MAX_KEY_SCAN) return undefined;
      const kind = this.#kind(text.slice(start, j));
      let v = k + 1;
      while (v < n && isSpace(text.charCodeAt(v))) v++;
      const end = kind === 'plain' ? -1 : valueEnd(text, v);
      if (end === -2) return undefined;
      if (end >= 0) {
        const value = text.slice(v, end);
        const replacement =
          kind === 'sensitive'
            ? value === '""' ? undefined : `"${REDACTED}"`
            : /^\d[\d\s-]{10,22}$/.test(value.replace(/^"|"$/g, '')) ? `"${maskPan(value.replace(/^"|"$/g, ''))}"` : undefined;
        if (replacement !== undefined) {
          out += text.slice(copied, v) + replacement;
          copied = end;
          i = end - 1;
          continue;
        }
      }
      // The key is done; its value (unchanged) is scanned like any other text.
      i = k;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  /**
   * A `;`-list as the parser decodes it, with its secrets hidden, or undefined when it has
   * none (then the text is left as it was sent). The result is the decoded list.
   */
  #list(value: string): string | undefined {
    if (!looksLikeList(value)) return undefined;
    let hit = false;
    const pairs = decodeList(value).pairs.map(([k, v]): [string, string] => {
      const kind = this.#kind(k);
      if (kind === 'sensitive' && v !== '') {
        hit = true;
        return [k, REDACTED];
      }
      const digits = v.replace(/[\s-]/g, '');
      if ((kind === 'pan' && /^\d{12,19}$/.test(digits)) || (/^\d{13,19}$/.test(digits) && luhnValid(digits))) {
        hit = true;
        return [k, maskPan(digits)];
      }
      return [k, v];
    });
    return hit ? pairs.map(([k, v]) => `${k}=${v}`).join(';') : undefined;
  }

  /** A query string or form body: each parameter decoded once (the transport) and its list redacted. */
  #form(input: string): string {
    const lead = input.startsWith('?') ? '?' : '';
    return (
      lead +
      input
        .slice(lead.length)
        .split('&')
        .map((part) => {
          const eq = part.indexOf('=');
          if (eq <= 0) return part;
          const name = part.slice(0, eq);
          const value = formDecode(part.slice(eq + 1));
          if (this.#kind(formDecode(name)) === 'sensitive') return value === '' ? part : `${name}=${REDACTED}`;
          const list = this.#list(value);
          return list === undefined ? part : `${name}=${encodeURIComponent(list)}`;
        })
        .join('&')
    );
  }

  /** Free text: mask Luhn-valid 13–19 digit runs and hide `key=value` secrets. */
  text(input: string): string {
    if (input === '') return input;
    // A form body or query string (no spaces or markup), or a bare `;`-list (a journal field's value).
    let out = unescapeUnreserved(input);
    if (out.includes('=') || /%3d/i.test(out)) {
      if (/^[^\s<>"{}]*$/.test(out)) out = out.includes('&') || /^\??[^=;]*=[^;]*$/.test(out) ? this.#form(out) : (this.#list(out) ?? out);
      else if (!out.includes('<') && !out.includes('{')) out = this.#list(out) ?? out;
    }
    out = out.replace(this.#panValue, (_m, lead: string, name: string, eq: string, digits: string) => `${lead}${name}${eq}${maskPan(digits)}`);
    out = out.replace(/(?<!\d)\d{13,19}(?!\d)/g, (run) => (luhnValid(run) ? maskPan(run) : run));
    out = out.replace(this.#keyValue, (_m, lead: string, name: string, eq: string, val: string) =>
      `${lead}${name}${eq}${val === '' ? '' : REDACTED}`,
    );
    // "cvv": "123" in JSON text that could not be parsed.
    out = out.replace(/"([A-Za-z_-]+)"\s*:\s*"([^"]*)"/g, (m, k: string, v: string) =>
      this.isSensitive(k) && v !== '' ? `"${k}":"${REDACTED}"` : m,
    );
    // multipart/form-data: `name="cvv"` headers, then the value on its own line.
    if (out.includes('name="')) out = out.replace(MULTIPART_FIELD, (m, head: string, name: string, value: string) => {
      const kind = this.#kind(name);
      if (kind === 'plain' || value === '') return m;
      if (kind === 'sensitive') return `${head}${REDACTED}`;
      return /^\d[\d\s-]{10,22}$/.test(value.trim()) ? `${head}${maskPan(value)}` : m;
    });
    // XML a client may send (`<SecureCode>817</SecureCode>`, `PAN="…"`), whatever the emulator makes of it.
    if (out.includes('<')) out = this.#xml(out);
    return out;
  }

  #xml(text: string): string {
    const hide = (name: string, value: string): string | undefined => {
      const kind = this.#kind(name);
      if (kind === 'plain' || value === '') return undefined;
      if (kind === 'sensitive') return REDACTED;
      return /^\d[\d\s-]{10,22}$/.test(value.trim()) ? maskPan(value) : undefined;
    };
    return text
      .replace(/<([A-Za-z_][\w.:-]*)(\s[^<>]*)?>([^<]*)<\/\1\s*>/g, (m, name: string, attrs: string | undefined, value: string) => {
        // A `;`-list in an element (a form-style request sent as XML): redacted as the parser reads lists.
        const list = this.#list(value.replace(/&amp;/g, '&'));
        if (list !== undefined) return `<${name}${attrs ?? ''}>${list.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${name}>`;
        const hidden = hide(name.replace(/^.*:/, ''), value);
        return hidden === undefined ? m : `<${name}${attrs ?? ''}>${hidden}</${name}>`;
      })
      .replace(/([A-Za-z_][\w.:-]*)(\s*=\s*)"([^"]*)"/g, (m, name: string, eq: string, value: string) => {
        const hidden = hide(name.replace(/^.*:/, ''), value);
        return hidden === undefined ? m : `${name}${eq}"${hidden}"`;
      });
  }

  /**
   * Header values that `text` leaves exactly as they are, remembered so the next exchange
   * skips the passes. Only such values are kept: by the redaction's own verdict they hold no
   * card number or secret. Bounded: a client sending a new value each time refills it.
   */
  #cleanHeaderValues = new Set<string>();

  #headerText(value: string): string {
    const out = this.text(value);
    if (out === value && value.length <= 256) {
      if (this.#cleanHeaderValues.size >= 1024) this.#cleanHeaderValues.clear();
      this.#cleanHeaderValues.add(value);
    }
    return out;
  }

  /** Headers as an object; also takes Node's flat `rawHeaders` list (names lower-cased). */
  headers(headers: Headers | Record<string, string> | readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    const each = (value: string, name: string) => {
      const lower = name.toLowerCase();
      if (lower === 'authorization' || lower === 'autorizacion' || lower === 'proxy-authorization') {
        // Keep the scheme and a key id (PuntoPagos "PP key:sig"), hide the proof.
        const m = /^(\S+\s+)?([^:\s]+):(.+)$/.exec(value);
        const scheme = /^(\S+\s+)\S/.exec(value);
        out[name] = m ? `${m[1] ?? ''}${m[2]}:${REDACTED}` : scheme ? `${scheme[1]}${REDACTED}` : REDACTED;
      } else if (lower === 'cookie' || lower === 'set-cookie') {
        out[name] = REDACTED;
      } else {
        // Most header values hold neither a card number nor key=value pairs; of those that do,
        // most come back on every exchange (`charset=utf-8`) with nothing to hide.
        out[name] = /\d{12}|=/.test(value) && !this.#cleanHeaderValues.has(value) ? this.#headerText(value) : value;
      }
    };
    if (headers instanceof Headers) headers.forEach(each);
    else if (Array.isArray(headers)) for (let i = 0; i + 1 < headers.length; i += 2) each(headers[i + 1]!, headers[i]!.toLowerCase());
    // Names in lower case whatever the source, as a Headers object gives them.
    else for (const [name, value] of Object.entries(headers)) each(String(value), name.toLowerCase());
    return out;
  }
}
