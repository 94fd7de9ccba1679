/**
 * eWallet customers and their stored cards (reference §5.3): who a customer is, how a
 * request proves it (VWUserLgn + VWUserPsw), and adding a card on the merchant's side or
 * on Payture's page (a test hold that Activate must quote, or 3-D Secure).
 */
import { Table } from '../kernel/table.ts';
import { digest } from '../kernel/digest.ts';
import type { PaytureScenario } from '../../scenarios/payture.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import type { CheckedCard } from './cards.ts';
import { fail } from './errors.ts';
import { notifyCardAdd } from './notify.ts';
import { guid, nowIso } from './orders.ts';
import { resolveStep } from './payments.ts';
import type { CardRecord, CustomerRecord, PaytureContext, PaytureMerchant, PaytureState, ThreeDSRecord } from './state.ts';
import { newThreeDS } from './threeds.ts';
import type { Attrs } from './xml.ts';

export const hashPassword = (password: string): string => digest('sha256', `pasarela:payture:${password}`, 'hex');

/**
 * Error names for customers. Default (`'recorded'`): DUPLICATE_USER, the only code a
 * recording shows for a second Register (sandbox 2014), and CUSTOMER_NOT_FOUND (no
 * recording either way); `'current'`: the current docs' DUPLICATE_CUSTOMER /
 * CUSTOMER_NOT_FOUND; `'legacy'`: the 2014 names DUPLICATE_USER / USER_NOT_FOUND.
 */
export function customerCodes(ctx: PaytureContext): { notFound: string; duplicate: string } {
  switch (ctx.options.customerErrors) {
    case 'legacy':
      return { notFound: 'USER_NOT_FOUND', duplicate: 'DUPLICATE_USER' };
    case 'current':
      return { notFound: 'CUSTOMER_NOT_FOUND', duplicate: 'DUPLICATE_CUSTOMER' };
    default:
      return { notFound: 'CUSTOMER_NOT_FOUND', duplicate: 'DUPLICATE_USER' };
  }
}

export function findCustomer(ctx: PaytureContext, state: PaytureState, login: string, echoAttrs: Attrs): CustomerRecord {
  const customer = Table.get(state.customers, login);
  if (!customer) throw fail(customerCodes(ctx).notFound, `No customer "${login}" for this terminal`, echoAttrs);
  return customer;
}

/** The customer of VWUserLgn, when VWUserPsw is theirs. */
export function authCustomer(ctx: PaytureContext, state: PaytureState, data: Record<string, string>, echoAttrs: Attrs): CustomerRecord {
  const customer = findCustomer(ctx, state, data.VWUserLgn!, echoAttrs);
  if (hashPassword(data.VWUserPsw ?? '') !== customer.passwordHash) throw fail('WRONG_USER_PARAMS', 'VWUserPsw is wrong for this customer', echoAttrs);
  return customer;
}

export function findCard(customer: CustomerRecord, cardId: string, echoAttrs: Attrs): CardRecord {
  const card = Table.get(customer.cards, cardId);
  if (!card || card.removed) throw fail('CARD_NOT_FOUND', `Customer ${customer.login} has no card ${cardId}`, echoAttrs);
  return card;
}

export const cardExpired = (card: Pick<CardRecord, 'expMonth' | 'expYear'>, nowMs: number): boolean => Date.UTC(card.expYear, card.expMonth, 1) <= nowMs;

export type AddResult = { kind: 'added'; card: CardRecord } | { kind: '3ds'; card: CardRecord; record: ThreeDSRecord } | { kind: 'declined'; errCode: string; detail: string };

/**
 * Stores a checked card for a customer: DUPLICATE_CARD when it is already there (with its
 * CardId), else the card's scenario on the `add` step decides. Cards added on Payture's
 * page (`verified`) are active at once; merchant-side ones wait for Activate.
 */
export function addCard(
  ctx: PaytureContext,
  c: PasarelaContext | undefined,
  merchant: PaytureMerchant,
  customer: CustomerRecord,
  card: CheckedCard,
  opts: { echo: Attrs; verified: boolean; forced?: PaytureScenario; sessionId?: string },
): AddResult {
  const existing = Table.values(customer.cards).find((k) => !k.removed && k.fingerprint === card.fingerprint);
  if (existing) throw fail('DUPLICATE_CARD', `The card is already stored as ${existing.cardId}`, { ...opts.echo, CardId: existing.cardId });
  const effect = resolveStep(ctx, c, merchant.key, 'add', ['payment'], card.scenario, opts.forced);
  if (effect.kind === 'decline' || (effect.kind === 'decline-above' && merchant.activationAmount > effect.limit)) {
    const errCode = effect.errCode;
    notifyCardAdd(ctx, merchant, customer, undefined, { success: false, errCode });
    return { kind: 'declined', errCode, detail: `The card was refused with ${errCode}` };
  }
  const record: CardRecord = {
    cardId: guid(ctx.ids),
    mask: card.mask,
    holder: card.holder,
    expMonth: card.expMonth,
    expYear: card.expYear,
    fingerprint: card.fingerprint,
    ...(card.scenario ? { scenario: card.scenario.id } : {}),
    cvvRequired: card.cvvRequired,
    status: opts.verified ? 'IsActive' : 'NotActive',
    hold: opts.verified ? 0 : merchant.activationAmount,
    removed: false,
    createdAt: nowIso(ctx),
  };
  Table.set(customer.cards, record.cardId, record);
  if (effect.kind === '3ds') {
    const threeDS = newThreeDS(ctx, effect.then);
    record.status = 'Pending3DS';
    record.hold = 0;
    record.threeDS = threeDS;
    Table.set(ctx.store.shared.threeDS, threeDS.md, { merchant: merchant.key, customer: customer.login, cardId: record.cardId });
    return { kind: '3ds', card: record, record: threeDS };
  }
  notifyCardAdd(ctx, merchant, customer, record, { success: true, ...(opts.sessionId ? { sessionId: opts.sessionId } : {}) });
  return { kind: 'added', card: record };
}

/** After the ACS: the card becomes active, or is dropped with the reason. */
export function finishCardAdd(ctx: PaytureContext, merchant: PaytureMerchant, customer: CustomerRecord, card: CardRecord, errCode: string | undefined, sessionId?: string): void {
  if (errCode) {
    Table.delete(customer.cards, card.cardId);
    notifyCardAdd(ctx, merchant, customer, undefined, { success: false, errCode });
    return;
  }
  card.status = 'IsActive';
  notifyCardAdd(ctx, merchant, customer, card, { success: true, ...(sessionId ? { sessionId } : {}) });
}
