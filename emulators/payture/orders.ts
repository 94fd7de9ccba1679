/**
 * Orders and their bookkeeping: ids, lookups, creation with the duplicate check, and
 * applying a state-machine result with its history entry. Check-and-insert is
 * synchronous so two concurrent requests cannot both create the same OrderId.
 */
import { Table } from '../kernel/table.ts';
import { ALPHABETS, type Ids } from '../kernel/ids.ts';
import { fail } from './errors.ts';
import type { Amounts } from './machine.ts';
import type { Family, OrderRecord, PaytureContext, PaytureState } from './state.ts';
import type { Attrs } from './xml.ts';

/** A GUID in Payture's style (SessionId, CardId, ThreeDSKey). */
export function guid(ids: Ids): string {
  const h = ids.token(32, ALPHABETS.hex);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20)}`;
}

export const nowIso = (ctx: PaytureContext): string => ctx.clock.now().toISOString();

export function findOrder(state: PaytureState, orderId: string, echoAttrs: Attrs = {}): OrderRecord {
  const order = Table.get(state.orders, orderId);
  if (!order) throw fail('ORDER_NOT_FOUND', `No order "${orderId}" for this terminal`, echoAttrs);
  return order;
}

/**
 * The order a merchant-side Pay / Block may complete: one created by Init and still unpaid
 * (New). Recorded: eWallet Init Block then Pay `CardId=FreePay` on its OrderId succeeded
 * (sandbox 2014), apim Init then `/api/Block` on its OrderId succeeded (sandbox3). Any other
 * order with that id is a DUPLICATE_ORDER_ID.
 */
export function unpaidInitOrder(state: PaytureState, orderId: string, echoAttrs: Attrs = {}): OrderRecord | undefined {
  const used = Table.get(state.orders, orderId);
  if (!used) return undefined;
  if (used.state === 'New' && used.sessionId !== undefined) return used;
  throw fail('DUPLICATE_ORDER_ID', `OrderId "${orderId}" was already used (state ${used.state})`, echoAttrs);
}

export function assertNewOrderId(state: PaytureState, orderId: string, echoAttrs: Attrs = {}): void {
  const used = Table.get(state.orders, orderId);
  if (used) throw fail('DUPLICATE_ORDER_ID', `OrderId "${orderId}" was already used (state ${used.state})`, echoAttrs);
}

export function newOrder(
  ctx: PaytureContext,
  state: PaytureState,
  fields: Pick<OrderRecord, 'orderId' | 'family' | 'sessionType' | 'amount'> & Partial<OrderRecord>,
  command: string,
): OrderRecord {
  const at = nowIso(ctx);
  const order: OrderRecord = {
    state: 'New',
    authorized: 0,
    charged: 0,
    settled: 0,
    refunds: 0,
    is3DS: false,
    customFields: {},
    createdAt: at,
    updatedAt: at,
    history: [{ at, command, state: 'New', amount: fields.amount }],
    ...fields,
  };
  Table.set(state.orders, order.orderId, order);
  return order;
}

/** Applies a state-machine result and records it. */
export function apply(ctx: PaytureContext, order: OrderRecord, next: Amounts, command: string, extra: { amount?: number; errCode?: string } = {}): void {
  order.state = next.state;
  order.authorized = next.authorized;
  order.charged = next.charged;
  order.settled = next.settled;
  order.refunds = next.refunds;
  order.updatedAt = nowIso(ctx);
  if (extra.errCode) order.errCode = extra.errCode;
  order.history.push({ at: order.updatedAt, command, state: next.state, ...(extra.amount !== undefined ? { amount: extra.amount } : {}), ...(extra.errCode ? { errCode: extra.errCode } : {}) });
}

/** Records a refused or failed operation that does not change the state. */
export function note(ctx: PaytureContext, order: OrderRecord, command: string, errCode: string, amount?: number): void {
  order.history.push({ at: nowIso(ctx), command, state: order.state, errCode, ...(amount !== undefined ? { amount } : {}) });
}

export const familyOf = (path: string): Family => (path.startsWith('/vwapi') ? 'ewallet' : path.startsWith('/apim') ? 'inpay' : 'api');
