/**
 * How stored transactions look on the wire (reference §2.3, §2.5, §2.6), byte for byte:
 * keys in alphabetical order, every key present, `trx_id` a string, `monto` a number
 * with two decimals (`15000.00`) or `0`, single-digit codes without a leading zero.
 */
import { RawNumber, stringifyFlat } from '../../clients/puntopagos/json.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import { isCharged, STATUS_CODES, type Code } from './machine.ts';
import { methodById } from './methods.ts';
import type { TransactionRecord } from './state.ts';

type Body = Record<string, unknown>;

/** Headers of the recorded 2018 sandbox answers (IIS 7, ASP.NET 4). */
export const SERVER_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'private',
  server: 'Microsoft-IIS/7.0',
  'x-aspnet-version': '4.0.30319',
} as const;

export function jsonResponse(c: PasarelaContext, body: Body, status = 200, headers: Record<string, string> = {}): Response {
  return c.body(stringifyFlat(body), status as 200, { ...SERVER_HEADERS, ...headers });
}

export function createOk(tx: TransactionRecord): Body {
  return { error: null, monto: new RawNumber(tx.monto), respuesta: '00', token: tx.token, trx_id: tx.trxId };
}

/** Create errors: no token, no trx_id, `monto` 0 or "0" (both recorded; `errors.ts` picks). */
export function createError(code: Code, montoStyle: 'number' | 'string' = 'number'): Body {
  return { error: code.error, monto: montoStyle === 'string' ? '0' : 0, respuesta: code.respuesta, token: null, trx_id: null };
}

const EMPTY_STATUS: Body = {
  codigo_autorizacion: null,
  error: null,
  fecha_aprobacion: null,
  medio_pago: null,
  medio_pago_descripcion: null,
  monto: 0,
  num_cuotas: 0,
  numero_operacion: null,
  numero_tarjeta: null,
  primer_vencimiento: null,
  respuesta: null,
  tipo_cuotas: null,
  tipo_pago: null,
  token: null,
  trx_id: null,
  valor_cuota: 0,
};

/** A status answer that is an error (unknown token, forced code, bad key...). */
export function statusError(code: Code, token: string | null): Body {
  return { ...EMPTY_STATUS, error: code.error, respuesta: code.respuesta, token };
}

function paymentFields(tx: TransactionRecord): Body {
  const p = tx.payment;
  if (!p) return {};
  return {
    medio_pago: String(p.medioPago),
    medio_pago_descripcion: methodById(p.medioPago)?.name ?? null,
  };
}

/** `GET /transaccion/{token}`: what the merchant learns about the transaction. */
export function statusBody(tx: TransactionRecord): Body {
  const code = STATUS_CODES[tx.state];
  const base = { ...EMPTY_STATUS, error: code.error, respuesta: code.respuesta, token: tx.token };
  const p = tx.payment;
  // Only a charged transaction shows its payment; the others answer like the recorded "incompleta" / "rechazada".
  if (!p || !isCharged(tx.state)) return base;
  return {
    ...base,
    ...paymentFields(tx),
    codigo_autorizacion: p.codigoAutorizacion,
    fecha_aprobacion: p.at,
    monto: new RawNumber(tx.monto),
    num_cuotas: p.numCuotas,
    numero_operacion: p.numeroOperacion,
    numero_tarjeta: p.card?.last4 ?? null,
    primer_vencimiento: p.primerVencimiento,
    tipo_cuotas: p.tipoCuotas,
    trx_id: tx.trxId,
    valor_cuota: p.valorCuota,
  };
}

/**
 * The notification body: the status object (as a real 2013 notification shows), with
 * `trx_id`, `monto` and the payment method always filled so the merchant can find the
 * order and verify the signature whatever the outcome (emulator choice for non-00).
 */
export function notificationBody(tx: TransactionRecord): Body {
  return { ...statusBody(tx), ...paymentFields(tx), monto: new RawNumber(tx.monto), trx_id: tx.trxId };
}

/** The body as a plain object (for admin answers and assertions). */
export const plain = (body: Body): Body => JSON.parse(stringifyFlat(body)) as Body;
