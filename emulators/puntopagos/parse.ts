/**
 * What PuntoPagos clients send, read in one place for every route (docs/puntopagos.md,
 * "What real clients send"):
 *
 * - headers: `Autorizacion: PP {key}:{signature}` (also `Autorizacion:PP …`, any name casing)
 *   and `Fecha` (RFC 1123; signed as sent, whatever it says);
 * - create: a JSON object with `trx_id` (number or digit string, up to 19 digits from
 *   puntopagos-node), `monto` (number or string: `1000.00`, `"100.00"`, `100.0`, `123456.00`),
 *   optional `medio_pago` (`3`, `"3"`, `"003"`, `"999"`) and `detalle`; extra keys (`fecha`)
 *   are ignored. Parsed like the .NET server: trx_id a 64-bit integer, monto a decimal,
 *   medio_pago an integer; problems answer 99 "Input string was not in a correct format.";
 * - status: the token in the path; a body (the POST variant, a Content-Type on a bodiless
 *   GET) is ignored, since the server signs over its own trx_id and monto.
 *
 * Numbers are read from the raw text (`topLevelNumbers`): a 19-digit trx_id sent as a JSON
 * number is verified with the digits the client signed, and `1000000.00` keeps its decimals.
 */
import { parseDecimal, formatAmount } from '../../clients/puntopagos/amount.ts';
import { topLevelNumbers } from '../../clients/puntopagos/json.ts';
import { parseAuthorization } from '../../clients/puntopagos/signature.ts';
import { validate } from '../../contracts/index.ts';
import { isRecord, readJson } from '../kernel/body.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import { fail, PpError } from './errors.ts';
import { ANY_METHOD } from './methods.ts';

const INT64_MAX = 9223372036854775807n;

export interface Credentials {
  keyId: string;
  signature: string;
  /** The Fecha header as sent ('' when absent): it is signed verbatim. */
  fecha: string;
}

/** The two authentication headers; a missing or malformed Autorizacion answers 99 "La llave no existe". */
export function readCredentials(c: PasarelaContext): Credentials {
  const header = c.req.header('autorizacion');
  const auth = parseAuthorization(header);
  if (!auth) {
    throw fail.key(header === undefined ? 'The Autorizacion header is missing' : `Autorizacion is not "PP {key id}:{signature}": "${header.slice(0, 80)}"`);
  }
  return { ...auth, fecha: c.req.header('fecha') ?? '' };
}

export interface CreateInput {
  /** trx_id text as sent: the signature is over it. */
  trxIdSigned: string;
  /** trx_id as an integer in decimal text: the echo. */
  trxId: string;
  /** Two decimals. */
  monto: string;
  /** null: the buyer chooses on the hosted page. */
  medioPago: number | null;
  detalle: string | null;
}

/** The create body of `POST /transaccion/crear`. */
export async function readCreate(c: PasarelaContext, opts: { trxIdMaxDigits?: number } = {}): Promise<CreateInput> {
  const parsed = await readJson(c);
  if (!parsed.ok) throw fail.input(parsed.detail);
  return parseCreate(parsed.value, await c.req.text(), opts);
}

/** The create body, already JSON-parsed (`value`) from `text`. Throws the provider's 99. */
export function parseCreate(value: unknown, text: string, opts: { trxIdMaxDigits?: number } = {}): CreateInput {
  if (!isRecord(value)) throw fail.input('The body must be a JSON object');
  const body = value;
  const result = validate('puntopagos', 'create.request', body);
  if (!result.valid) {
    const p = result.errors.find((e) => e.keyword !== 'anyOf') ?? result.errors[0]!;
    throw fail.input(`${p.path || 'body'}: ${p.message}`);
  }
  const fields = signedCreateFields(body, text);
  const trxIdSigned = fields.trx_id.trim();
  if (!/^\d+$/.test(trxIdSigned)) throw fail.input(`trx_id ${trxIdSigned} is not an integer written with digits only`);
  const trxId = BigInt(trxIdSigned);
  if (trxId > INT64_MAX) throw new PpError({ respuesta: '99', error: 'Value was either too large or too small for an Int64.' }, `trx_id ${trxIdSigned} does not fit a 64-bit integer`);
  if (opts.trxIdMaxDigits && trxId.toString().length > opts.trxIdMaxDigits) {
    throw fail.input(`trx_id has more than ${opts.trxIdMaxDigits} digits (option trxIdMaxDigits)`);
  }
  const amount = parseDecimal(fields.monto);
  if (!amount || amount.negative) throw fail.input(`monto "${fields.monto}" is not a decimal amount`);
  const monto = formatAmount(fields.monto);
  if (monto === '0.00') throw fail.input('monto must be greater than zero (it rounds to 0.00)');
  // A .NET decimal holds 28–29 digits; "1e300" would otherwise become a 301-digit amount.
  if (monto.length > 32) throw new PpError({ respuesta: '99', error: 'Value was either too large or too small for a Decimal.' }, `monto ${fields.monto.slice(0, 40)} does not fit a decimal`);

  let medioPago: number | null = null;
  if (body.medio_pago !== undefined && body.medio_pago !== null) {
    medioPago = Number(String(body.medio_pago).trim());
    if (medioPago === ANY_METHOD) medioPago = null;
  }
  const detalle = body.detalle === undefined || body.detalle === null ? null : String(body.detalle);
  return { trxIdSigned, trxId: trxId.toString(), monto, medioPago, detalle };
}

/**
 * trx_id and monto as a client signs them: numbers with the digits of the raw text, strings
 * as they are, a missing field as ''. For the signature check and for re-signing a recording.
 */
export function signedCreateFields(body: Record<string, unknown>, text: string): { trx_id: string; monto: string } {
  const raw = topLevelNumbers(text);
  const field = (name: 'trx_id' | 'monto') => raw[name] ?? (body[name] === undefined || body[name] === null ? '' : String(body[name]));
  return { trx_id: field('trx_id'), monto: field('monto') };
}

/** The token of `/transaccion/{token}` (the router has decoded it). */
export const statusToken = (c: PasarelaContext): string => c.req.param('token') ?? '';
