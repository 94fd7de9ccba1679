/**
 * The order state machine (reference §8), as pure functions over amounts in kopecks.
 *
 *   (none) ─ Init ─► New ─┐
 *   (none) ───────────────┴─ Pay ─► Charged ─ Refund (part) ─► Charged (less) ─ Refund (rest) ─► Refunded
 *                         └─ Block ─► Authorized ─ Charge (≤ hold) ─► Charged
 *                                        │─ Unblock (all) ─► Voided
 *                                        └─ Unblock (part, legacy) ─► Authorized (less)
 *   3-D Secure card: ─► PreAuthorized3DS ─ Pay3DS / Block3DS / PaySubmit3DS ─► Charged / Authorized
 *   declined: ─► Rejected (issuer, fraud, card) or Error (technical failure)
 *
 * Refusals: ILLEGAL_ORDER_STATE (wrong state), AMOUNT_ERROR (more than held or left),
 * RETRY_LIMIT_EXCEEDED (refund count limit, when configured).
 */
import type { OrderState } from './state.ts';

export interface OrderFacts {
  state: OrderState;
  sessionType: 'Pay' | 'Block';
  amount: number;
  authorized: number;
  charged: number;
  settled: number;
  refunds: number;
}

export type Amounts = Pick<OrderFacts, 'state' | 'authorized' | 'charged' | 'settled' | 'refunds'>;

export interface Refusal {
  refused: 'ILLEGAL_ORDER_STATE' | 'AMOUNT_ERROR' | 'RETRY_LIMIT_EXCEEDED';
  detail: string;
}

export const isRefusal = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && 'refused' in x;

/** States in which money moved (PayStatus answers Success="True"). */
export const PAID_STATES: readonly OrderState[] = ['Authorized', 'Charged', 'Voided', 'Refunded'];

/** Orders a new Pay/Block/Init may not reuse: all of them (DUPLICATE_ORDER_ID). */
export const canStartPayment = (o: Pick<OrderFacts, 'state'> | undefined): boolean => o === undefined;

/** A hosted page or a 3-D Secure completion can still pay this order. */
export const awaitsPayment = (o: Pick<OrderFacts, 'state'>): boolean => o.state === 'New' || o.state === 'PreAuthorized3DS';

/** After a successful authorization (directly or after 3-D Secure). */
export function authorize(o: Pick<OrderFacts, 'sessionType' | 'amount' | 'refunds'>): Amounts {
  return o.sessionType === 'Pay'
    ? { state: 'Charged', authorized: 0, charged: o.amount, settled: o.amount, refunds: o.refunds }
    : { state: 'Authorized', authorized: o.amount, charged: 0, settled: o.amount, refunds: o.refunds };
}

export function decline(o: Pick<OrderFacts, 'refunds'>, technical: boolean): Amounts {
  return { state: technical ? 'Error' : 'Rejected', authorized: 0, charged: 0, settled: 0, refunds: o.refunds };
}

/** Charge: Amount absent ⇒ the whole hold; must be ≤ the hold. The rest of the hold is released. */
export function charge(o: OrderFacts, amount: number | undefined): (Amounts & { charged: number }) | Refusal {
  if (o.state !== 'Authorized') return { refused: 'ILLEGAL_ORDER_STATE', detail: `Charge needs an Authorized order; this one is ${o.state}` };
  const value = amount ?? o.authorized;
  if (value <= 0 || value > o.authorized) return { refused: 'AMOUNT_ERROR', detail: `Charge of ${value} but ${o.authorized} is held` };
  return { state: 'Charged', authorized: 0, charged: value, settled: value, refunds: o.refunds };
}

/**
 * Unblock: releases the hold (NewAmount = still held). A smaller Amount releases part of it
 * (legacy API) unless `partial` is off, in which case any Amount up to the hold releases all.
 */
export function unblock(o: OrderFacts, amount: number | undefined, partial: boolean): (Amounts & { newAmount: number }) | Refusal {
  if (o.state !== 'Authorized') return { refused: 'ILLEGAL_ORDER_STATE', detail: `Unblock needs an Authorized order; this one is ${o.state}` };
  const value = amount ?? o.authorized;
  if (value <= 0 || value > o.authorized) return { refused: 'AMOUNT_ERROR', detail: `Unblock of ${value} but ${o.authorized} is held` };
  const left = partial ? o.authorized - value : 0;
  return left > 0
    ? { state: 'Authorized', authorized: left, charged: 0, settled: left, refunds: o.refunds, newAmount: left }
    : { state: 'Voided', authorized: 0, charged: 0, settled: o.authorized, refunds: o.refunds, newAmount: 0 };
}

/** Refund: Amount absent ⇒ what is left; partial refunds keep the order Charged with less. */
export function refund(o: OrderFacts, amount: number | undefined, maxRefunds?: number): (Amounts & { newAmount: number }) | Refusal {
  if (o.state !== 'Charged') return { refused: 'ILLEGAL_ORDER_STATE', detail: `Refund needs a Charged order; this one is ${o.state}` };
  if (maxRefunds !== undefined && o.refunds >= maxRefunds) return { refused: 'RETRY_LIMIT_EXCEEDED', detail: `At most ${maxRefunds} refunds per order` };
  const value = amount ?? o.charged;
  if (value <= 0 || value > o.charged) return { refused: 'AMOUNT_ERROR', detail: `Refund of ${value} but ${o.charged} is left` };
  const left = o.charged - value;
  return left > 0
    ? { state: 'Charged', authorized: 0, charged: left, settled: o.settled, refunds: o.refunds + 1, newAmount: left }
    : { state: 'Refunded', authorized: 0, charged: 0, settled: o.settled, refunds: o.refunds + 1, newAmount: 0 };
}

/** `Amount` of GetState / PayStatus: what is held or charged now; for closed orders what was. */
export function displayAmount(o: OrderFacts): number {
  switch (o.state) {
    case 'Authorized':
      return o.authorized;
    case 'Charged':
      return o.charged;
    case 'Voided':
    case 'Refunded':
      return o.settled;
    default:
      return o.amount;
  }
}
