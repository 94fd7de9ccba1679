/**
 * Notifications Payture POSTs to the merchant (reference §12): URL-encoded `key=value`
 * bodies, no signature, one attempt by default (more only when configured, and only
 * when the answer is not 200). `Engine*` for PaytureAPI and InPay orders, `Customer*`
 * for eWallet payments, cards and refunds. Dates are Moscow time.
 */
import type { CardRecord, CustomerRecord, OrderRecord, PaytureContext, PaytureMerchant } from './state.ts';

const MOSCOW_OFFSET_MS = 3 * 3600_000;
/** .NET DateTime.Ticks at the Unix epoch. */
const EPOCH_TICKS = 621_355_968_000_000_000n;

/** `dd.MM.yyyy HH:mm:ss` in Moscow time. */
export function transactionDate(ms: number): string {
  const d = new Date(ms + MOSCOW_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** `DateTime`: .NET ticks (100 ns since 0001-01-01) of the same Moscow clock. */
export const dotNetTicks = (ms: number): string => (EPOCH_TICKS + BigInt(ms + MOSCOW_OFFSET_MS) * 10_000n).toString();

export type OrderEvent = 'Pay' | 'Block' | 'Charge' | 'Refund' | 'Unblock';

function send(ctx: PaytureContext, merchant: PaytureMerchant, event: string, subject: string, fields: Record<string, string | number | undefined>): void {
  if (!merchant.notificationUrl) return;
  if (merchant.notifications && !merchant.notifications.includes(event)) return;
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries({ Notification: event, ...fields })) if (v !== undefined) body.set(k, String(v));
  ctx.webhooks.enqueue({
    provider: ctx.provider,
    merchant: merchant.key,
    event,
    subject,
    url: merchant.notificationUrl,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
    policy: { attempts: merchant.notificationAttempts },
    // Payture retries only when the answer is not 200 OK.
    accepts: (r) => ({ ok: r.status === 200 }),
  });
}

const bool = (b: boolean) => (b ? 'True' : 'False');
const common = (ctx: PaytureContext, merchant: PaytureMerchant, success: boolean) => ({
  MerchantContract: merchant.contract ?? merchant.key,
  Success: bool(success),
  TransactionDate: transactionDate(ctx.clock.nowMs()),
});

/** After an operation on an order: Engine* (api, InPay, eWallet Charge/Unblock) or Customer* (eWallet payments and refunds). */
export function notifyOrder(ctx: PaytureContext, merchant: PaytureMerchant, order: OrderRecord, event: OrderEvent, result: { success: boolean; errCode?: string; amount: number; newAmount?: number }): void {
  const { success, errCode, amount } = result;
  if (order.family === 'ewallet' && (event === 'Pay' || event === 'Block')) {
    const name = `CustomerPay${success ? 'Success' : 'Fail'}`;
    send(ctx, merchant, name, order.orderId, {
      VWUserLgn: order.customer ?? '',
      CardId: order.card?.cardId ?? 'FreePay',
      OrderId: order.orderId,
      Amount: amount,
      ConfirmCode: '',
      ExternalMerchantOrderId: '',
      IP: order.ip ?? '',
      Is3DS: bool(order.is3DS),
      IsAFAuthorize: 'False',
      IsSecureCodeByPhone: 'False',
      SessionId: order.sessionId ?? '',
      CardNumber: order.card?.mask,
      DateTime: dotNetTicks(ctx.clock.nowMs()),
      SessionType: order.sessionType,
      ...common(ctx, merchant, success),
      ...(success ? {} : { ErrCode: errCode }),
    });
    return;
  }
  if (order.family === 'ewallet' && event === 'Refund') {
    send(ctx, merchant, `CustomerRefund${success ? 'Success' : 'Fail'}`, order.orderId, {
      OrderId: order.orderId,
      ...(success ? { NewAmount: result.newAmount } : { Amount: amount, ErrCode: errCode }),
      ...common(ctx, merchant, success),
    });
    return;
  }
  send(ctx, merchant, `Engine${event}${success ? 'Success' : 'Fail'}`, order.orderId, {
    Is3DS: bool(order.is3DS),
    ForwardedTo: 'NotForwarded',
    ...common(ctx, merchant, success),
    ErrCode: success ? 'NONE' : errCode,
    OrderId: order.orderId,
    Amount: amount,
    ...(result.newAmount !== undefined ? { NewAmount: result.newAmount } : {}),
    MerchantId: merchant.merchantId,
  });
}

export function notifyCardAdd(ctx: PaytureContext, merchant: PaytureMerchant, customer: CustomerRecord, card: CardRecord | undefined, result: { success: boolean; errCode?: string; sessionId?: string }): void {
  const base = { VWUserLgn: customer.login, PhoneNumber: customer.phone ?? '', ...common(ctx, merchant, result.success) };
  if (!result.success || !card) {
    send(ctx, merchant, 'CustomerAddFail', customer.login, { ...base, ErrCode: result.errCode });
    return;
  }
  send(ctx, merchant, 'CustomerAddSuccess', customer.login, {
    ...base,
    CardNumber: card.mask,
    IsAlfa: 'False',
    CardName: card.mask,
    CardHolder: card.holder,
    CardId: card.cardId,
    UniqueIdCard: card.fingerprint.slice(0, 32),
    SessionId: result.sessionId ?? '',
    DateTime: dotNetTicks(ctx.clock.nowMs()),
  });
}

export function notifySendCode(ctx: PaytureContext, merchant: PaytureMerchant, customer: CustomerRecord, orderId: string, amount: number): void {
  send(ctx, merchant, 'CustomerSendCode', orderId, { Email: customer.email ?? '', OrderId: orderId, Amount: amount, ...common(ctx, merchant, true) });
}
