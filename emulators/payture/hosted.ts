/**
 * What happens on Payture's hosted pages (reference §11), without the HTML: one payment
 * (or card Add) per session, with a new card or an eWallet customer's stored card, a
 * 3-D Secure detour through the ACS page and back to `ThreeDSReturn`, cancellation, and
 * LIMIT_EXCHAUST after too many bad card entries. The page forms (`pages.tsx`) and
 * `POST /__admin/complete` both call `submitOnSession` and `returnFromAcs`.
 */
import { Table } from '../kernel/table.ts';
import { errCodeInfo } from '../../clients/payture/errcodes.ts';
import { cardScenario, type PaytureScenario } from '../../scenarios/payture.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import { checkCard, type CardInput } from './cards.ts';
import { PaytureError } from './errors.ts';
import * as machine from './machine.ts';
import { notifyOrder } from './notify.ts';
import { apply } from './orders.ts';
import { authorizePayment, complete3DS, type PaymentInput } from './payments.ts';
import { endSession, findSession, sessionExpired, sessionOpen } from './sessions.ts';
import type { PaytureContext, PaytureMerchant, PaytureState, SessionRecord, ThreeDSRecord } from './state.ts';
import { findThreeDS, paResProblem } from './threeds.ts';
import { addCard, cardExpired, finishCardAdd } from './wallet.ts';

/** Bad card entries a page accepts before the session ends with LIMIT_EXCHAUST (emulator choice). */
export const PAGE_ATTEMPTS = 3;

export interface PageInput {
  card?: CardInput;
  /** eWallet Pay page: pay with this stored card. */
  cardId?: string;
  /** eWallet Pay page: keep the new card in the wallet (default true). */
  saveCard?: boolean;
  /** A scenario id (outcome picker, admin complete). */
  outcome?: string;
  cancel?: boolean;
}

export type PageOutcome =
  | { kind: 'done'; session: SessionRecord }
  | { kind: '3ds'; session: SessionRecord; record: ThreeDSRecord; termUrl: string }
  | { kind: 'retry'; session: SessionRecord; message: string }
  | { kind: 'closed'; session: SessionRecord; message: string };

export interface Found {
  session: SessionRecord;
  merchant: PaytureMerchant;
  state: PaytureState;
}

const iface = (s: SessionRecord) => (s.family === 'inpay' ? 'apim' : 'vwapi');

/** Ends the session and, for Pay/Block, declines its order with the reason. */
function failSession(ctx: PaytureContext, f: Found, errCode: string): void {
  endSession(ctx, f.session, false, errCode);
  const order = Table.get(f.state.orders, f.session.orderId);
  if (order && machine.awaitsPayment(order)) {
    apply(ctx, order, machine.decline(order, errCodeInfo(errCode)?.technical === true), `${iface(f.session)}/Pay`, { errCode });
    notifyOrder(ctx, f.merchant, order, order.sessionType, { success: false, errCode, amount: order.amount });
  }
}

export function submitOnSession(ctx: PaytureContext, c: PasarelaContext | undefined, f: Found, input: PageInput, origin: string): PageOutcome {
  const { session } = f;
  if (!sessionOpen(ctx, session)) {
    return { kind: 'closed', session, message: sessionExpired(ctx, session) ? 'The payment session has expired' : 'This payment session is already finished' };
  }
  if (input.cancel) {
    failSession(ctx, f, 'CANCELED_BY_CLIENT');
    return { kind: 'done', session };
  }
  let forced = input.outcome ? (ctx.scenarios.get(input.outcome) as PaytureScenario | undefined) : undefined;
  if (!forced && session.forcedOutcome) forced = ctx.scenarios.get(session.forcedOutcome) as PaytureScenario | undefined;
  delete session.forcedOutcome;
  if (forced?.errCode === 'CANCELED_BY_CLIENT' || forced?.errCode === 'LIMIT_EXCHAUST' || forced?.errCode === 'ORDER_TIME_OUT') {
    failSession(ctx, f, forced.errCode);
    return { kind: 'done', session };
  }

  let card: PaymentInput['card'];
  let checked: ReturnType<typeof checkCard> | undefined;
  try {
    if (input.cardId) {
      const customer = session.customer ? Table.get(f.state.customers, session.customer) : undefined;
      const stored = customer && Table.get(customer.cards, input.cardId);
      if (!stored || stored.removed || stored.status !== 'IsActive' || session.sessionType === 'Add') throw new PaytureError('WRONG_CARD', 'This card cannot be used here');
      if (cardExpired(stored, ctx.clock.nowMs())) throw new PaytureError('CARD_EXPIRED', 'This card has expired');
      if (stored.cvvRequired && !input.card?.cvv) throw new PaytureError('WRONG_CVV', 'Enter the CVV2/CVC2 code of this card');
      stored.lastUsedAt = new Date(ctx.clock.nowMs()).toISOString();
      card = { mask: stored.mask, holder: stored.holder, cardId: stored.cardId, scenario: stored.scenario ? (ctx.scenarios.get(stored.scenario) as PaytureScenario) : undefined };
    } else {
      const given = input.card;
      if (!given || !/^\d{12,19}$/.test(given.pan)) throw new PaytureError('WRONG_PAN', 'Enter the card number (12 to 19 digits)');
      if (!/^\d{1,2}$/.test(given.eMonth) || !/^(\d{2}|\d{4})$/.test(given.eYear)) throw new PaytureError('WRONG_EXPIRE_DATE', 'Enter the expiry date as MM/YY');
      if (given.cvv && !/^\d{3,4}$/.test(given.cvv)) throw new PaytureError('WRONG_CVV', 'The CVV2/CVC2 code has 3 or 4 digits');
      checked = checkCard(given, ctx.clock.nowMs(), { luhn: ctx.options.luhn === true });
      card = { mask: checked.mask, holder: checked.holder, expiry: checked.expiry, scenario: checked.scenario ?? cardScenario(given.pan) };
    }
  } catch (e) {
    if (!(e instanceof PaytureError)) throw e;
    session.badEntries++;
    const limit = (ctx.options.pageAttempts as number | undefined) ?? PAGE_ATTEMPTS;
    if (session.badEntries >= limit) {
      failSession(ctx, f, 'LIMIT_EXCHAUST');
      return { kind: 'done', session };
    }
    return { kind: 'retry', session, message: e.detail };
  }

  const termUrl = `${origin}/${iface(session)}/ThreeDSReturn`;
  if (session.sessionType === 'Add') {
    const customer = Table.get(f.state.customers, session.customer!);
    if (!customer) {
      failSession(ctx, f, 'CUSTOMER_NOT_FOUND');
      return { kind: 'done', session };
    }
    try {
      const added = addCard(ctx, c, f.merchant, customer, checked!, { echo: {}, verified: true, ...(forced ? { forced } : {}), sessionId: session.sessionId });
      if (added.kind === '3ds') {
        session.pendingMd = added.record.md;
        return { kind: '3ds', session, record: added.record, termUrl };
      }
      if (added.kind === 'declined') failSession(ctx, f, added.errCode);
      else endSession(ctx, session, true);
    } catch (e) {
      if (!(e instanceof PaytureError)) throw e;
      failSession(ctx, f, e.errCode);
    }
    return { kind: 'done', session };
  }

  const order = Table.get(f.state.orders, session.orderId)!;
  if (order.state === 'PreAuthorized3DS') {
    // A new attempt supersedes the one that stopped at the ACS (state Obsolete in Payture's words).
    order.history.push({ at: new Date(ctx.clock.nowMs()).toISOString(), command: `${iface(session)}/Pay`, state: 'Obsolete' });
    if (order.threeDS) Table.delete(ctx.store.shared.threeDS, order.threeDS.md);
    delete order.threeDS;
    order.state = 'New';
  }
  const result = authorizePayment(ctx, c, f.merchant, {
    family: session.family,
    command: `${iface(session)}/Pay`,
    mode: session.sessionType as 'Pay' | 'Block',
    orderId: order.orderId,
    amount: order.amount,
    card,
    ...(session.customer ? { customer: session.customer } : {}),
    sessionId: session.sessionId,
    ...(session.ip ? { ip: session.ip } : {}),
    allow3DS: true,
    existing: order,
    ...(forced ? { forced } : {}),
  });
  if (result.kind === '3ds') {
    session.pendingMd = result.record.md;
    return { kind: '3ds', session, record: result.record, termUrl };
  }
  endSession(ctx, session, result.kind === 'approved', result.kind === 'declined' ? result.errCode : undefined);
  if (result.kind === 'approved' && checked && input.saveCard !== false) saveNewCard(ctx, f, checked);
  return { kind: 'done', session };
}

/** eWallet Pay page with a new card: the card joins the customer's wallet, active. */
function saveNewCard(ctx: PaytureContext, f: Found, checked: ReturnType<typeof checkCard>): void {
  const customer = f.session.family === 'ewallet' && f.session.customer ? Table.get(f.state.customers, f.session.customer) : undefined;
  if (!customer || Table.values(customer.cards).some((k) => !k.removed && k.fingerprint === checked.fingerprint)) return;
  try {
    addCard(ctx, undefined, f.merchant, customer, checked, { echo: {}, verified: true, forced: ctx.scenarios.get('approved') as PaytureScenario, sessionId: f.session.sessionId });
  } catch {
    /* keeping the card is best effort: the payment already succeeded */
  }
}

/** TermUrl of the hosted flows: finishes the page's payment or card Add after the ACS. */
export function returnFromAcs(ctx: PaytureContext, c: PasarelaContext | undefined, md: string, paRes: string): PageOutcome | undefined {
  const owner = findThreeDS(ctx, md);
  if (!owner) return undefined;
  const merchant = ctx.merchants.get(owner.merchant);
  const state = ctx.store.merchant(owner.merchant);
  const session = Table.values(state.sessions).find((s) => s.pendingMd === md);
  if (!merchant || !session) return undefined;
  const f = findSession(ctx, session.sessionId)!;
  if (owner.orderId !== undefined) {
    const order = Table.get(state.orders, owner.orderId)!;
    const result = complete3DS(ctx, c, merchant, order, paRes, `${iface(session)}/Pay`);
    endSession(ctx, session, result.kind === 'approved', result.kind === 'declined' ? result.errCode : undefined);
    return { kind: 'done', session: f.session };
  }
  const customer = Table.get(state.customers, owner.customer!)!;
  const card = Table.get(customer.cards, owner.cardId!)!;
  const errCode = paResProblem(ctx, owner.record, paRes)?.errCode ?? owner.record.then;
  finishCardAdd(ctx, merchant, customer, card, errCode, session.sessionId);
  endSession(ctx, session, !errCode, errCode);
  return { kind: 'done', session };
}
