/** Hand-built PuntoPagos requests: exact bodies, headers and signatures, bypassing the client. */
import { authorizationHeader, httpDate, sign, signatureMessage, type Operation, type SignatureAlgorithm } from '../../clients/puntopagos/signature.ts';

export interface SignedInit {
  key?: string;
  secret?: string;
  algorithm?: SignatureAlgorithm;
  /** Default: the given clock's now. */
  fecha?: string;
  /** Sign this message instead of the correct one. */
  message?: string;
  /** Send exactly these headers on top (e.g. a broken Autorizacion). */
  headers?: Record<string, string | undefined>;
}

export const KEY = 'sandbox-key';
export const SECRET = 'sandbox-secret';

export function signedHeaders(operation: Operation, fields: { token?: string; trx_id: string | number; monto: string | number }, now: Date, o: SignedInit = {}) {
  const fecha = o.fecha ?? httpDate(now);
  const message = o.message ?? signatureMessage(operation, fields, fecha);
  const headers: Record<string, string> = {
    Fecha: fecha,
    Autorizacion: authorizationHeader(o.key ?? KEY, sign(message, o.secret ?? SECRET, o.algorithm)),
    'Content-Type': 'application/json; charset=utf-8',
    Accept: 'application/json',
  };
  for (const [k, v] of Object.entries(o.headers ?? {})) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  return headers;
}

let seq = Math.floor(Math.random() * 1e6) * 1000;
/** A trx_id no other case of this run uses. */
export const nextTrxId = (): number => ++seq;
