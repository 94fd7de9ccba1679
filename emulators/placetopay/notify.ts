/**
 * The notification PlacetoPay POSTs to the site when a session ends (reference §9):
 * `{status, requestId, reference, signature}`, signature = HASH(requestId + status +
 * date + secretKey), SHA-1 hex by default or `sha256:` + hex per site. The real service
 * makes one attempt; the kernel's dispatcher delivers and logs it.
 */
import { notificationSignature } from '../../clients/placetopay/signature.ts';
import type { PtpContext } from './auth.ts';
import { langOf, NOTIFICATION_TEXT } from './messages.ts';
import type { PtpMerchant, SessionRecord } from './state.ts';
import { statusView } from './views.ts';

export const DEFAULT_NOTIFY_ON = ['APPROVED', 'REJECTED', 'PARTIAL_EXPIRED'];

export function buildNotification(session: SessionRecord, merchant: PtpMerchant) {
  const status = statusView(session.status, NOTIFICATION_TEXT, langOf(session.locale));
  const unsigned = { status, requestId: session.requestId, reference: session.reference };
  return { ...unsigned, signature: notificationSignature(unsigned, merchant.secretKey, merchant.notificationSignature) };
}

export function notifySession(ctx: PtpContext, merchant: PtpMerchant, session: SessionRecord): void {
  const notifyOn = (ctx.options.notifyOn as string[] | undefined) ?? DEFAULT_NOTIFY_ON;
  if (!notifyOn.includes(session.status.status)) return;
  const url = session.notificationUrl ?? merchant.notificationUrl;
  if (!url) return;
  ctx.webhooks.enqueue({
    provider: ctx.provider,
    merchant: merchant.login,
    event: session.status.status,
    subject: String(session.requestId),
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(buildNotification(session, merchant)),
  });
}
