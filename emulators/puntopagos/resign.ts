/**
 * Conformance replay of a recording made with a secret that is not public (`resign: true`):
 * the same request with `Autorizacion` recomputed for the setup merchant. The recorded
 * `Fecha` stays (it is what the client sent, and the replay's clock is frozen at the
 * recording's time); without one, `now` is used and added.
 *
 * A create is signed over the body's trx_id and monto as sent. A status query is signed
 * over the transaction's trx_id and monto, which the request does not carry: they come from
 * `store` (the sandbox's, after the earlier steps created the transaction).
 */
import { authorizationHeader, httpDate, sign, signatureMessage } from '../../clients/puntopagos/signature.ts';
import { isRecord } from '../kernel/body.ts';
import type { ProviderStore } from '../kernel/store.ts';
import { Table } from '../kernel/table.ts';
import type { SignableRequest } from '../kernel/types.ts';
import { signedCreateFields } from './parse.ts';
import type { PpMerchant, PpShared, PpState } from './state.ts';

const CREATE = /^\/+transaccion\/+crear\/*$/;
const STATUS = /^\/+transaccion\/+([^/?]+)\/*$/;

function headerName(headers: Record<string, string>, name: string): string | undefined {
  return Object.keys(headers).find((k) => k.toLowerCase() === name);
}

function createFields(body: string | null): { trx_id: string; monto: string } {
  let value: unknown;
  try {
    value = JSON.parse(body ?? '');
  } catch {
    value = undefined;
  }
  // Unparseable bodies are signed over what a client would have: nothing.
  return isRecord(value) ? signedCreateFields(value, body ?? '') : { trx_id: '', monto: '' };
}

/** `merchant` is a setup entry as written in a case: defaults may be missing. */
export function resign(request: SignableRequest, merchant: Pick<PpMerchant, 'key' | 'secret'> & Partial<PpMerchant>, now: Date, store?: ProviderStore<PpState, PpShared>): SignableRequest {
  const path = request.path.split('?')[0]!;
  const headers = { ...request.headers };
  const fechaName = headerName(headers, 'fecha') ?? 'Fecha';
  const fecha = headers[fechaName] ?? httpDate(now);
  headers[fechaName] = fecha;

  let message: string;
  if (CREATE.test(path)) {
    message = signatureMessage('create', createFields(request.body), fecha);
  } else {
    const token = STATUS.exec(path)?.[1];
    if (token === undefined || token === 'procesar') throw new Error(`puntopagos: nothing to re-sign on ${request.method} ${request.path}`);
    const tx = store && Table.get(store.merchant(merchant.key).transactions, decodeURIComponent(token));
    if (!tx) throw new Error(`puntopagos: a status query is signed over the stored trx_id and monto of ${token}; re-signing it needs the sandbox's store with that transaction`);
    message = signatureMessage('status', { token: tx.token, trx_id: tx.trxId, monto: tx.monto }, fecha);
  }
  headers[headerName(headers, 'autorizacion') ?? 'Autorizacion'] = authorizationHeader(merchant.key, sign(message, merchant.secret, merchant.algorithm ?? 'sha1'));
  return { ...request, headers };
}
