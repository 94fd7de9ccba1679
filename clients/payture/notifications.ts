/**
 * Payture's notifications (reference §12) arrive as URL-encoded POST bodies with no
 * signature; re-check the order with GetState before trusting one.
 */
import { validate } from '../../contracts/index.ts';

export interface PaytureNotification {
  /** `EnginePaySuccess`, `CustomerAddSuccess`, … */
  notification: string;
  success: boolean;
  orderId?: string;
  amount?: number;
  errCode?: string;
  /** Every field as sent. */
  fields: Record<string, string>;
}

/** Parses a notification body; throws when it is not one (per `contracts/payture/notification.request.json`). */
export function parseNotification(body: string | URLSearchParams): PaytureNotification {
  const fields = Object.fromEntries(typeof body === 'string' ? new URLSearchParams(body) : body);
  const check = validate('payture', 'notification.request', fields);
  if (!check.valid) throw new Error(`Not a Payture notification: ${check.errors.map((e) => `${e.path || '(root)'} ${e.message}`).join('; ')}`);
  return {
    notification: fields.Notification!,
    success: fields.Success === 'True',
    ...(fields.OrderId !== undefined ? { orderId: fields.OrderId } : {}),
    ...(fields.Amount !== undefined ? { amount: Number(fields.Amount) } : {}),
    ...(fields.ErrCode !== undefined ? { errCode: fields.ErrCode } : {}),
    fields,
  };
}
