/**
 * Authentication of API calls (reference §3), in this order:
 *   1. `Autorizacion: PP {key}:{signature}` names a configured key → else 99 "La llave no existe"
 *   2. the caller IP is in the merchant's `allowedIps` (when set) → else 9
 *   3. `Fecha` is an RFC 1123 date within `fechaWindowSeconds` of the virtual clock
 *      (0 turns this off, as the 2018 sandbox) → else 99 "Fecha no válida"
 *   4. the signature: by the caller once the signed fields are known (`verifySignature`).
 */
import { parseHttpDate, signatureMatches, signatureMessage, type Operation, type SignedFields } from '../../clients/puntopagos/signature.ts';
import type { PasarelaContext, ProviderContext } from '../kernel/types.ts';
import { fail } from './errors.ts';
import { readCredentials } from './parse.ts';
import type { PpMerchant, PpShared, PpState } from './state.ts';

export type PpContext = ProviderContext<PpState, PpMerchant, PpShared>;

export interface Caller {
  merchant: PpMerchant;
  signature: string;
  fecha: string;
}

export function identify(c: PasarelaContext, ctx: PpContext): Caller {
  const auth = readCredentials(c);
  const merchant = ctx.merchants.get(auth.keyId);
  if (!merchant) throw fail.key(`No key id "${auth.keyId}" is configured in this sandbox`);
  c.set('merchant', merchant.key);

  const ip = c.env?.remoteAddress ?? '127.0.0.1';
  if (merchant.allowedIps.length > 0 && !merchant.allowedIps.includes(ip)) {
    throw fail.code('9', `The caller ${ip} is not in allowedIps (${merchant.allowedIps.join(', ')})`);
  }

  const { fecha } = auth;
  if (merchant.fechaWindowSeconds > 0) {
    const at = parseHttpDate(fecha);
    if (at === undefined) throw fail.fecha(fecha ? `Fecha "${fecha.slice(0, 60)}" is not an RFC 1123 date such as "Mon, 15 Jun 2009 20:45:30 GMT"` : 'The Fecha header is missing');
    const skew = Math.round((at - ctx.clock.nowMs()) / 1000);
    if (Math.abs(skew) > merchant.fechaWindowSeconds) {
      throw fail.fecha(`Fecha is ${Math.abs(skew)} s ${skew < 0 ? 'behind' : 'ahead of'} the server clock (limit ${merchant.fechaWindowSeconds} s; fechaWindowSeconds 0 turns the check off)`);
    }
  }
  return { merchant, signature: auth.signature, fecha };
}

/** Whether the caller signed exactly `operation` over these fields and its `Fecha`. */
export function verifySignature(caller: Caller, operation: Operation, fields: SignedFields): { ok: boolean; message: string } {
  const message = signatureMessage(operation, fields, caller.fecha);
  return { ok: signatureMatches(caller.signature, message, caller.merchant.secret, caller.merchant.algorithm), message };
}

/** The signed message with newlines shown, for X-Pasarela-Detail. */
export const shown = (message: string): string => JSON.stringify(message);
