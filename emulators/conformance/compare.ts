/**
 * Compares an emulator's answer with a recorded one, as `conformance/README.md` says: the
 * status, header prefixes, and for bodies the key set and JSON type at every level, plus the
 * listed values. Each difference names a path, so that a deviation can list exactly the paths
 * it expects to differ.
 */
import { parsePaytureXml, type PaytureXml } from '../../contracts/payture-xml.ts';
import type { CaseExpect, CaseFormat } from './case.ts';

export interface Answer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  text: string;
}

export interface Difference {
  /** `status`, `headers.<name>`, `body`, `text`, or a dot path into the body (`Pay.@ErrCode`). */
  path: string;
  message: string;
}

const xmlObject = (x: PaytureXml): Record<string, unknown> => {
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(x.attributes)) out[`@${k}`] = v;
  for (const child of x.children) ((out[child.name] ??= []) as unknown[]).push(xmlObject(child));
  return out;
};

/** `{ Root: { "@Attr": "…", Child: [ … ] } }`, text ignored. */
export function normaliseXml(text: string): Record<string, unknown> {
  const x = parsePaytureXml(text);
  return { [x.name]: xmlObject(x) };
}

/** A body as the comparison sees it; throws when it does not parse as `format`. */
export function normaliseBody(format: CaseFormat, body: unknown): unknown {
  if (format === 'json') return typeof body === 'string' ? JSON.parse(body) : body;
  if (typeof body !== 'string') throw new Error(`a ${format} body is a string`);
  if (format === 'xml') return normaliseXml(body);
  if (format === 'form') return Object.fromEntries(new URLSearchParams(body));
  return body;
}

/** The value at a dot path (`data.0.id`); own properties only. */
export function valueAt(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object' || !Object.prototype.hasOwnProperty.call(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? 'nothing' : s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

function ignored(path: string, ignore: readonly string[]): boolean {
  return ignore.some((p) => p === path || (p.endsWith('.*') && (path === p.slice(0, -2) || path.startsWith(p.slice(0, -1)))));
}

function shape(expected: unknown, actual: unknown, path: string, ignore: readonly string[], out: Difference[]): void {
  if (path && ignored(path, ignore)) return;
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (te !== ta) {
    out.push({ path: path || 'body', message: `expected ${te}, got ${ta === 'undefined' ? 'nothing' : `${ta} ${show(actual)}`}` });
    return;
  }
  if (te === 'array') {
    const [e] = expected as unknown[];
    const [a] = actual as unknown[];
    if (e !== undefined && a !== undefined) shape(e, a, join(path, '0'), ignore, out);
    return;
  }
  if (te !== 'object') return;
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const key of Object.keys(e)) {
    const p = join(path, key);
    if (!Object.prototype.hasOwnProperty.call(a, key)) {
      if (!ignored(p, ignore)) out.push({ path: p, message: `missing (recorded ${show(e[key])})` });
    } else shape(e[key], a[key], p, ignore, out);
  }
  for (const key of Object.keys(a)) {
    const p = join(path, key);
    if (!Object.prototype.hasOwnProperty.call(e, key) && !ignored(p, ignore)) out.push({ path: p, message: `not in the recording (answered ${show(a[key])})` });
  }
}

/** The parsed answer body (for captures), or undefined when it does not parse as `format`. */
export function parseAnswer(format: CaseFormat | undefined, answer: Answer): unknown {
  const f = format ?? guessFormat(answer);
  try {
    return f === 'text' || f === 'empty' ? answer.text : normaliseBody(f, answer.text);
  } catch {
    return undefined;
  }
}

function guessFormat(answer: Answer): CaseFormat {
  const t = answer.text.trimStart();
  if (t.startsWith('<')) return 'xml';
  if (t.startsWith('{') || t.startsWith('[')) return 'json';
  return 'text';
}

/** Every difference between the recorded answer `expect` and the emulator's `answer`. */
export function compareAnswer(expect: CaseExpect, answer: Answer): Difference[] {
  const out: Difference[] = [];
  if (answer.status !== expect.status) out.push({ path: 'status', message: `expected ${expect.status}, got ${answer.status}` });
  for (const [name, prefix] of Object.entries(expect.headers ?? {})) {
    const got = answer.headers[name.toLowerCase()] ?? '';
    if (!got.toLowerCase().startsWith(prefix.toLowerCase())) out.push({ path: `headers.${name.toLowerCase()}`, message: `expected "${prefix}…", got ${got ? `"${got}"` : 'nothing'}` });
  }
  const format = expect.format;
  if (format === 'text') {
    for (const s of expect.contains ?? []) if (!answer.text.includes(s)) out.push({ path: 'text', message: `does not contain ${show(s)}` });
    return out;
  }
  if (format === 'empty') {
    if (answer.text !== '') out.push({ path: 'body', message: `expected no body, got ${show(answer.text)}` });
    return out;
  }
  if (!format || expect.body === undefined) return out;
  let recorded: unknown;
  try {
    recorded = normaliseBody(format, expect.body);
  } catch (err) {
    return [...out, { path: 'body', message: `the recorded body is not ${format}: ${(err as Error).message}` }];
  }
  let actual: unknown;
  try {
    actual = normaliseBody(format, answer.text);
  } catch (err) {
    return [...out, { path: 'body', message: `the answer is not ${format} (${(err as Error).message}): ${show(answer.text)}` }];
  }
  if (format === 'xml') {
    const re = Object.keys(recorded as object)[0]!;
    const ra = Object.keys(actual as object)[0]!;
    if (re !== ra) return [...out, { path: 'root', message: `expected <${re}>, got <${ra}>` }];
  }
  shape(recorded, actual, '', expect.ignore ?? [], out);
  for (const path of expect.values ?? []) {
    const e = valueAt(recorded, path);
    const a = valueAt(actual, path);
    if (JSON.stringify(e) !== JSON.stringify(a) && !out.some((d) => d.path === path)) out.push({ path, message: `expected ${show(e)}, got ${show(a)}` });
  }
  return out;
}
