/**
 * The notification to the merchant (reference §2.6). Mode `auto` is the real rule:
 *   https URL → POST the status object, signed with the merchant's own key over
 *               `transaccion/notificacion`, token, trx_id, monto, Fecha (re-signed per attempt);
 *   http URL  → `GET {url}{token}` with nothing else: the merchant must query the status.
 * `post` / `get` force one variant (a local receiver on http that wants the signed POST).
 *
 * The merchant's answer is recorded, never trusted blindly: `{"respuesta":"00"}` counts
 * as accepted; "99", garbage, debug text before the JSON or a `response` key are noted.
 */
import { stringifyFlat } from '../../clients/puntopagos/json.ts';
import { signedHeaders } from '../../clients/puntopagos/signature.ts';
import type { WebhookDelivery, WebhookReceipt } from '../kernel/webhooks.ts';
import type { PpContext } from './auth.ts';
import { STATUS_CODES } from './machine.ts';
import type { PpMerchant, TransactionRecord } from './state.ts';
import { notificationBody } from './views.ts';

/** Codes that are notified (whether failures are is unconfirmed; option `notifyOn`). */
export const DEFAULT_NOTIFY_ON = ['00', '1', '2', '7', '11'];

export function notificationMode(merchant: PpMerchant, url: string): 'post' | 'get' {
  if (merchant.notificationMode !== 'auto') return merchant.notificationMode;
  return url.toLowerCase().startsWith('https:') ? 'post' : 'get';
}

export function notify(ctx: PpContext, merchant: PpMerchant, tx: TransactionRecord): WebhookDelivery | undefined {
  const url = merchant.notificationUrl;
  const code = STATUS_CODES[tx.state].respuesta;
  const notifyOn = (ctx.options.notifyOn as string[] | undefined) ?? DEFAULT_NOTIFY_ON;
  if (!url || !notifyOn.includes(code)) return undefined;
  const common = { provider: ctx.provider, merchant: merchant.key, event: `respuesta ${code}`, subject: tx.token };
  if (notificationMode(merchant, url) === 'get') {
    return ctx.webhooks.enqueue({ ...common, url: `${url}${tx.token}`, method: 'GET', accepts: (r) => ({ ok: r.status >= 200 && r.status < 300, note: describeReply(r, tx.token) }) });
  }
  return ctx.webhooks.enqueue({
    ...common,
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: stringifyFlat(notificationBody(tx)),
    sign: () => signedHeaders('notification', { token: tx.token, trx_id: tx.trxId, monto: tx.monto }, merchant, ctx.clock.now()),
    accepts: (r) => acknowledgement(r, tx.token),
  });
}

/** The merchant's JSON reply, also when it is preceded by debug output. */
function replyJson(body: string): Record<string, unknown> | undefined {
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    const v = JSON.parse(body.slice(start, end + 1)) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function acknowledgement(r: WebhookReceipt, token: string): { ok: boolean; note: string } {
  if (r.status < 200 || r.status >= 300) return { ok: false, note: `HTTP ${r.status}` };
  const reply = replyJson(r.body);
  const respuesta = reply?.respuesta ?? reply?.response;
  if (!reply || respuesta === undefined) return { ok: false, note: `not an acknowledgement: ${JSON.stringify(r.body.slice(0, 80))}` };
  const notes: string[] = [`respuesta ${JSON.stringify(respuesta)}`];
  if (reply.respuesta === undefined) notes.push('key "response" instead of "respuesta"');
  if (r.body.trim().indexOf('{') > 0) notes.push('text before the JSON');
  if (reply.token !== undefined && reply.token !== token) notes.push(`token ${JSON.stringify(reply.token)} is not ${token}`);
  if (typeof reply.error === 'string') notes.push(`error ${JSON.stringify(reply.error)}`);
  return { ok: respuesta === '00', note: notes.join('; ') };
}

function describeReply(r: WebhookReceipt, token: string): string {
  return r.status >= 200 && r.status < 300 ? `HTTP ${r.status} (the merchant should now query the status of ${token})` : `HTTP ${r.status}`;
}

