/**
 * The create request (reference §2.3): JSON with `trx_id`, `monto`, optional `medio_pago`
 * and `detalle`; unknown keys are ignored. The server parses like .NET: `trx_id` as a
 * 64-bit integer, `monto` as a decimal, `medio_pago` as an integer (`"003"` is 3).
 * Problems answer 99 with the .NET message "Input string was not in a correct format.".
 *
 * Numbers are read from the raw text (`topLevelNumbers`), so a 19-digit trx_id sent as a
 * JSON number is verified with the digits the client signed.
 */
import { parseDecimal, formatAmount } from '../../clients/puntopagos/amount.ts';
import { topLevelNumbers } from '../../clients/puntopagos/json.ts';
import { validate } from '../../contracts/index.ts';
import { isRecord, readJson } from '../kernel/body.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import { fail, PpError } from './errors.ts';
import { ANY_METHOD } from './methods.ts';

const INT64_MAX = 9223372036854775807n;

export interface CreateInput {
  /** trx_id text as sent: the signature is over it. */
  trxIdSigned: string;
  /** trx_id as an integer in decimal text: uniqueness and echo. */
  trxId: string;
  /** Two decimals. */
  monto: string;
  /** null: the buyer chooses on the hosted page. */
  medioPago: number | null;
  detalle: string | null;
}

export async function readCreate(c: PasarelaContext, opts: { trxIdMaxDigits?: number } = {}): Promise<CreateInput> {
  const parsed = await readJson(c);
  if (!parsed.ok) throw fail.input(parsed.detail);
  if (!isRecord(parsed.value)) throw fail.input('The body must be a JSON object');
  const body = parsed.value;
  const result = validate('puntopagos', 'create.request', body);
  if (!result.valid) {
    const p = result.errors.find((e) => e.keyword !== 'anyOf') ?? result.errors[0]!;
    throw fail.input(`${p.path || 'body'}: ${p.message}`);
  }
  const raw = topLevelNumbers(await c.req.text());
  const trxIdSigned = (raw.trx_id ?? String(body.trx_id)).trim();
  if (!/^\d+$/.test(trxIdSigned)) throw fail.input(`trx_id ${trxIdSigned} is not an integer written with digits only`);
  const trxId = BigInt(trxIdSigned);
  if (trxId > INT64_MAX) throw new PpError({ respuesta: '99', error: 'Value was either too large or too small for an Int64.' }, `trx_id ${trxIdSigned} does not fit a 64-bit integer`);
  if (opts.trxIdMaxDigits && trxId.toString().length > opts.trxIdMaxDigits) {
    throw fail.input(`trx_id has more than ${opts.trxIdMaxDigits} digits (option trxIdMaxDigits)`);
  }
  const amountText = raw.monto ?? String(body.monto);
  const amount = parseDecimal(amountText);
  if (!amount || amount.negative) throw fail.input(`monto "${amountText}" is not a decimal amount`);
  const monto = formatAmount(amountText);
  if (monto === '0.00') throw fail.input('monto must be greater than zero (it rounds to 0.00)');

  let medioPago: number | null = null;
  if (body.medio_pago !== undefined && body.medio_pago !== null) {
    medioPago = Number(String(body.medio_pago).trim());
    if (medioPago === ANY_METHOD) medioPago = null;
  }
  const detalle = body.detalle === undefined || body.detalle === null ? null : String(body.detalle);
  return { trxIdSigned, trxId: trxId.toString(), monto, medioPago, detalle };
}
