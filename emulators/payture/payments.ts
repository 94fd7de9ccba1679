/**
 * What happens to an order: authorization (Pay / Block from every family), completion of
 * 3-D Secure, and Charge / Unblock / Refund. The state machine (`machine.ts`) says what
 * is allowed; the scenario (forced by header, queue or admin, else the test card's)
 * says what the processing answers; notifications follow.
 */
import { Table } from '../kernel/table.ts';
import { errCodeInfo } from '../../clients/payture/errcodes.ts';
import type { PaytureScenario, Step, StepEffect } from '../../scenarios/payture.ts';
import { SLOW_DELAY_MS } from '../../scenarios/payture.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import { fail } from './errors.ts';
import * as machine from './machine.ts';
import { notifyOrder, type OrderEvent } from './notify.ts';
import { apply, newOrder, note } from './orders.ts';
import type { Family, MaskedCard, OrderRecord, PaytureContext, PaytureMerchant, ThreeDSRecord } from './state.ts';
import { newThreeDS, paResProblem } from './threeds.ts';
import type { Attrs } from './xml.ts';

export interface PaymentInput {
  family: Family;
  /** For the history, e.g. `api/Block`. */
  command: string;
  mode: 'Pay' | 'Block';
  orderId: string;
  amount: number;
  card: MaskedCard & { scenario?: PaytureScenario };
  customer?: string;
  sessionId?: string;
  ip?: string;
  customFields?: Record<string, string>;
  /** Wallet tokens carry their own cryptogram: no 3-D Secure. */
  allow3DS: boolean;
  /** The order created by Init, when paying a session. */
  existing?: OrderRecord;
  /** A scenario chosen outside the request (Init header, admin complete outcome). */
  forced?: PaytureScenario;
}

export type PaymentResult =
  | { kind: 'approved'; order: OrderRecord; delayMs?: number }
  | { kind: '3ds'; order: OrderRecord; record: ThreeDSRecord }
  | { kind: 'declined'; order: OrderRecord; errCode: string; detail: string };

const effectOf = (s: PaytureScenario | undefined, step: Step): StepEffect =>
  s?.errCode ? { kind: 'decline', errCode: s.errCode } : (s?.steps?.[step] ?? { kind: 'approve' });

/** The scenario of this step: forced (argument, header, queue) first, else the card's own. */
export function resolveStep(
  ctx: PaytureContext,
  c: PasarelaContext | undefined,
  merchant: string,
  step: Step,
  groups: readonly string[],
  card: PaytureScenario | undefined,
  forced?: PaytureScenario,
): StepEffect {
  if (forced) return effectOf(forced, step);
  const magic = card?.steps?.[step] ? card : undefined;
  // A test card's scenario applies to every step it describes (Charge, Refund…), whatever its group.
  const accept = (s: PaytureScenario) => s === magic || (groups.includes(s.group) && (!!s.errCode || !!s.steps?.[step]));
  const chosen = c
    ? ctx.scenarios.resolve(c, { accept: (s) => accept(s as PaytureScenario), magic, merchant })?.scenario
    : (ctx.scenarios.takeQueued({ merchant, method: 'POST', path: '/__admin/complete', accept: (s) => accept(s as PaytureScenario) }) ?? magic);
  return effectOf(chosen as PaytureScenario | undefined, step);
}

export const slowDelay = (ctx: PaytureContext): number => (ctx.options.slowDelayMs as number | undefined) ?? SLOW_DELAY_MS;

function rrn(ctx: PaytureContext): string {
  return ctx.ids.token(12, '0123456789');
}

function approve(ctx: PaytureContext, merchant: PaytureMerchant, order: OrderRecord, command: string): void {
  apply(ctx, order, machine.authorize(order), command, { amount: order.amount });
  order.rrn = rrn(ctx);
  order.authCode = ctx.ids.token(6, '0123456789');
  delete order.errCode;
  notifyOrder(ctx, merchant, order, order.sessionType, { success: true, amount: order.amount });
}

function declineOrder(ctx: PaytureContext, merchant: PaytureMerchant, order: OrderRecord, command: string, errCode: string, detail: string): PaymentResult {
  apply(ctx, order, machine.decline(order, errCodeInfo(errCode)?.technical === true), command, { errCode });
  notifyOrder(ctx, merchant, order, order.sessionType, { success: false, errCode, amount: order.amount });
  return { kind: 'declined', order, errCode, detail };
}

/** Authorizes a new order (or the New order of a session) with a card the caller has checked. */
export function authorizePayment(ctx: PaytureContext, c: PasarelaContext | undefined, merchant: PaytureMerchant, input: PaymentInput): PaymentResult {
  const state = ctx.store.merchant(merchant.key);
  const { scenario, ...card } = input.card;
  const fields = {
    sessionType: input.mode,
    amount: input.amount,
    card,
    scenario: scenario?.id,
    ...(input.customer !== undefined ? { customer: input.customer } : {}),
    ...(input.sessionId !== undefined ? { sessionId: input.sessionId } : {}),
    ...(input.ip !== undefined ? { ip: input.ip } : {}),
    customFields: input.customFields ?? {},
  };
  const order = input.existing ? Object.assign(input.existing, fields) : newOrder(ctx, state, { orderId: input.orderId, family: input.family, ...fields }, input.command);
  let effect = resolveStep(ctx, c, merchant.key, 'authorize', ['payment'], scenario, input.forced);
  if (effect.kind === 'decline-above') effect = input.amount > effect.limit ? { kind: 'decline', errCode: effect.errCode } : { kind: 'approve' };
  switch (effect.kind) {
    case 'decline':
      return declineOrder(ctx, merchant, order, input.command, effect.errCode, `The card was declined with ${effect.errCode}`);
    case '3ds': {
      if (!input.allow3DS) break;
      const record = newThreeDS(ctx, effect.then);
      order.threeDS = record;
      order.is3DS = true;
      Table.set(ctx.store.shared.threeDS, record.md, { merchant: merchant.key, orderId: order.orderId });
      apply(ctx, order, { state: 'PreAuthorized3DS', authorized: 0, charged: 0, settled: 0, refunds: order.refunds }, input.command, { amount: order.amount });
      return { kind: '3ds', order, record };
    }
    default:
      break;
  }
  approve(ctx, merchant, order, input.command);
  return { kind: 'approved', order, ...(effect.kind === 'slow' ? { delayMs: slowDelay(ctx) } : {}) };
}

/**
 * A merchant-side Pay / Block that completed an Init's order ends that Init's session: its
 * page no longer takes a payment, and its result is the payment's.
 */
export function closeInitSession(ctx: PaytureContext, merchant: PaytureMerchant, result: PaymentResult): void {
  const sessionId = result.order.sessionId;
  if (result.kind === '3ds' || sessionId === undefined) return;
  const session = Table.get(ctx.store.merchant(merchant.key).sessions, sessionId);
  if (session && !session.result) {
    session.result = { success: result.kind === 'approved', at: ctx.clock.now().toISOString(), ...(result.kind === 'declined' ? { errCode: result.errCode } : {}) };
    delete session.pendingMd;
  }
}

/** Pay3DS / Block3DS / PaySubmit3DS / the hosted page's return from the ACS. */
export function complete3DS(
  ctx: PaytureContext,
  c: PasarelaContext | undefined,
  merchant: PaytureMerchant,
  order: OrderRecord,
  paRes: string,
  command: string,
  opts: { mode?: 'Pay' | 'Block'; echo?: Attrs } = {},
): PaymentResult {
  if (order.state !== 'PreAuthorized3DS' || !order.threeDS) throw fail('ILLEGAL_ORDER_STATE', `Order ${order.orderId} is ${order.state}, not waiting for 3-D Secure`, opts.echo);
  if (opts.mode && opts.mode !== order.sessionType) throw fail('ILLEGAL_ORDER_STATE', `Order ${order.orderId} was started with ${order.sessionType}; complete it with ${order.sessionType}3DS`, opts.echo);
  const problem = paResProblem(ctx, order.threeDS, paRes);
  if (problem) return declineOrder(ctx, merchant, order, command, problem.errCode, problem.detail);
  const effect = resolveStep(ctx, c, merchant.key, 'authorize', ['3ds', 'payment'], undefined);
  if (effect.kind === 'decline') return declineOrder(ctx, merchant, order, command, effect.errCode, 'Declined by scenario');
  if (order.threeDS.then) return declineOrder(ctx, merchant, order, command, order.threeDS.then, 'This test card fails after the ACS');
  approve(ctx, merchant, order, command);
  return { kind: 'approved', order };
}

export type CaptureOp = 'charge' | 'unblock' | 'refund';

const EVENT: Record<CaptureOp, OrderEvent> = { charge: 'Charge', unblock: 'Unblock', refund: 'Refund' };

/** Charge, Unblock or Refund of an order. Throws the refusal or decline; returns the amounts to answer. */
export function capture(
  ctx: PaytureContext,
  c: PasarelaContext,
  merchant: PaytureMerchant,
  order: OrderRecord,
  op: CaptureOp,
  amount: number | undefined,
  command: string,
  echoAttrs: Attrs,
): { amount: number; newAmount: number; delayMs?: number } {
  const plan =
    op === 'charge'
      ? machine.charge(order, amount)
      : op === 'unblock'
        ? machine.unblock(order, amount, ctx.options.partialUnblock !== false)
        : machine.refund(order, amount, ctx.options.maxRefunds as number | undefined);
  if (machine.isRefusal(plan)) {
    note(ctx, order, command, plan.refused, amount);
    throw fail(plan.refused, plan.detail, echoAttrs);
  }
  const value = op === 'charge' ? plan.charged : (amount ?? (op === 'unblock' ? order.authorized : order.charged));
  const card = order.scenario ? (ctx.scenarios.get(order.scenario) as PaytureScenario | undefined) : undefined;
  const effect = resolveStep(ctx, c, merchant.key, op, [op === 'refund' ? 'refund' : 'capture'], card);
  if (effect.kind === 'decline') {
    note(ctx, order, command, effect.errCode, value);
    notifyOrder(ctx, merchant, order, EVENT[op], { success: false, errCode: effect.errCode, amount: value });
    throw fail(effect.errCode, `${EVENT[op]} declined with ${effect.errCode}`, echoAttrs);
  }
  apply(ctx, order, plan, command, { amount: value });
  const newAmount = (plan as { newAmount?: number }).newAmount ?? 0;
  notifyOrder(ctx, merchant, order, EVENT[op], { success: true, amount: value, ...(op === 'charge' ? {} : { newAmount }) });
  return { amount: value, newAmount, ...(effect.kind === 'slow' ? { delayMs: slowDelay(ctx) } : {}) };
}

/** Waits `ms` of real time (the "40 s" test cards), or less when the client goes away. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
