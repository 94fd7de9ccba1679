/**
 * PuntoPagos request signing (reference §3), pinned by the manual's vectors:
 *
 *   message = lines joined by "\n": function name, fields, Fecha   (no trailing newline)
 *   Autorizacion: PP {keyId}:{base64(HMAC(secret, message))}
 *
 * | operation     | function name              | fields                  |
 * | create        | `transaccion/crear`        | trx_id, monto           |
 * | status        | `transaccion/traer`        | token, trx_id, monto    |
 * | notification  | `transaccion/notificacion` | token, trx_id, monto    |
 *
 * `monto` is always written with two decimals. HMAC-SHA1 is what every client and the
 * manual's examples use; HMAC-SHA512 is what the 2024 manual names (§3.2).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { formatAmount } from './amount.ts';

export type SignatureAlgorithm = 'sha1' | 'sha512';

export const FUNCTION_NAMES = {
  create: 'transaccion/crear',
  status: 'transaccion/traer',
  notification: 'transaccion/notificacion',
} as const;

export type Operation = keyof typeof FUNCTION_NAMES;

export interface SignedFields {
  /** Only for status and notification. */
  token?: string;
  trx_id: string | number | bigint;
  monto: string | number | bigint;
}

/** The exact text that is signed. */
export function signatureMessage(operation: Operation, fields: SignedFields, fecha: string): string {
  const lines: string[] = [FUNCTION_NAMES[operation]];
  if (operation !== 'create') {
    if (typeof fields.token !== 'string') throw new TypeError(`A ${operation} signature needs the token`);
    lines.push(fields.token);
  }
  lines.push(String(fields.trx_id), formatAmount(fields.monto), fecha);
  return lines.join('\n');
}

export function sign(message: string, secret: string, algorithm: SignatureAlgorithm = 'sha1'): string {
  return createHmac(algorithm, Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('base64');
}

export function authorizationHeader(keyId: string, signature: string): string {
  return `PP ${keyId}:${signature}`;
}

/** `PP key:signature` (also `PP  key:sig`, or an empty signature); undefined when the value is not of that form. */
export function parseAuthorization(value: string | null | undefined): { keyId: string; signature: string } | undefined {
  const m = /^\s*PP\s+([^\s:]+):(\S*)\s*$/.exec(value ?? '');
  return m ? { keyId: m[1]!, signature: m[2]! } : undefined;
}

/** RFC 1123 date in GMT, e.g. `Mon, 15 Jun 2009 20:45:30 GMT` (`toUTCString` writes exactly that). */
export function httpDate(date: Date): string {
  return date.toUTCString();
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC1123 = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** Milliseconds of an RFC 1123 date, or undefined when `text` is not one. */
export function parseHttpDate(text: string | null | undefined): number | undefined {
  const m = RFC1123.exec((text ?? '').trim());
  if (!m) return undefined;
  const [, d, mon, y, h, min, s] = m;
  const ms = Date.UTC(Number(y), MONTHS.indexOf(mon!), Number(d), Number(h), Number(min), Number(s));
  // Reject rollovers such as 31 Feb or 25:00.
  const back = new Date(ms);
  return back.getUTCDate() === Number(d) && back.getUTCHours() === Number(h) && Number(min) < 60 && Number(s) < 60 ? ms : undefined;
}

/** The two headers of a signed call. */
export function signedHeaders(
  operation: Operation,
  fields: SignedFields,
  credentials: { key: string; secret: string; algorithm?: SignatureAlgorithm },
  now: Date = new Date(),
): { Fecha: string; Autorizacion: string } {
  const fecha = httpDate(now);
  const signature = sign(signatureMessage(operation, fields, fecha), credentials.secret, credentials.algorithm);
  return { Fecha: fecha, Autorizacion: authorizationHeader(credentials.key, signature) };
}

/** Constant-time comparison of a received signature with the one `message` should have. */
export function signatureMatches(given: string, message: string, secret: string, algorithm: SignatureAlgorithm = 'sha1'): boolean {
  const expected = Buffer.from(sign(message, secret, algorithm), 'utf8');
  const actual = Buffer.from(given, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
