/**
 * Sessions: creation, payment attempts (hosted page, admin complete, collect),
 * cancellation, and the clock-driven work (expiry, pending resolutions, confirmation
 * windows). Every change of session status goes through `refresh`, which records the
 * history and sends the notification once.
 */
import { Table } from '../kernel/table.ts';
import { isoDateTime, BOGOTA_OFFSET_MINUTES } from '../../clients/placetopay/dates.ts';
import type { PlacetoPayScenario } from '../../scenarios/placetopay.ts';
import type { PtpContext } from './auth.ts';
import { canAttempt, canMerchantCancel, deriveSessionStatus, dueResolution, isFinal, paidTotal, round2, type SessionFacts } from './machine.ts';
import { notifySession } from './notify.ts';
import { BRANDS, brandFromBin, cardInfo, evaluateEffect, newTransaction, type CardInput } from './payments.ts';
import type { SessionInput } from './requests.ts';
import { transactionsOf, type CardInfo, type PtpMerchant, type PtpState, type SessionRecord, type StatusRecord, type TokenRecord, type TransactionRecord } from './state.ts';

export const DEFAULT_CONFIRMATION_WINDOW_SECONDS = 7 * 24 * 3600;

export const serverDate = (ms: number): string => isoDateTime(ms, BOGOTA_OFFSET_MINUTES);

export class AttemptRefused extends Error {}

export function createSession(ctx: PtpContext, merchant: PtpMerchant, input: SessionInput, origin: string, forcedOutcome?: string): SessionRecord {
  const { shared } = ctx.store;
  const state = ctx.store.merchant(merchant.login);
  const requestId = ctx.store.next('requestId');
  const processKey = ctx.ids.token(32, '0123456789abcdef');
  // checkout-test has answered /spa/session/… since 2023; 'session' gives the older /session/….
  const prefix = ctx.options.processUrlStyle === 'session' ? '/session' : '/spa/session';
  const now = ctx.clock.nowMs();
  const date = serverDate(now);
  const status: StatusRecord = { status: 'PENDING', reason: 'PC', date };
  const session: SessionRecord = {
    requestId,
    login: merchant.login,
    kind: input.kind,
    processKey,
    processUrl: `${origin}${prefix}/${requestId}/${processKey}`,
    request: input.echo,
    locale: input.locale,
    reference: input.reference,
    currency: input.currency,
    total: input.total,
    allowPartial: input.allowPartial,
    requiresConfirmation: input.requiresConfirmation,
    status,
    createdAt: date,
    expiresAt: new Date(input.expiresAtMs).toISOString(),
    returnUrl: input.returnUrl,
    cancelUrl: input.cancelUrl,
    notificationUrl: input.notificationUrl,
    skipResult: input.skipResult,
    hold: input.kind === 'checkin',
    transactions: [],
    subscription: null,
    failedAttempts: 0,
    forcedOutcome,
    history: [{ at: status.date, status: 'PENDING', reason: 'PC', note: 'created' }],
  };
  Table.set(state.sessions, String(requestId), session);
  Table.set(shared.owners, String(requestId), merchant.login);
  noteDue(ctx, input.expiresAtMs);
  return session;
}

export function findSession(ctx: PtpContext, login: string, id: string): SessionRecord | undefined {
  if (!/^\d{1,15}$/.test(id)) return undefined;
  return Table.get(ctx.store.merchant(login).sessions, String(Number(id)));
}

/** For the hosted page, which carries no credentials: requestId + the processUrl key. */
export function findByProcessKey(ctx: PtpContext, id: string, key: string): { session: SessionRecord; merchant: PtpMerchant } | undefined {
  const login = Table.get(ctx.store.shared.owners, id);
  const merchant = login === undefined ? undefined : ctx.merchants.get(login);
  const session = merchant && findSession(ctx, merchant.login, id);
  return session && merchant && session.processKey === key ? { session, merchant } : undefined;
}

export function facts(state: PtpState, s: SessionRecord): SessionFacts {
  return {
    kind: s.kind,
    status: s.status,
    total: s.total,
    expiresAtMs: Date.parse(s.expiresAt),
    failedAttempts: s.failedAttempts,
    hasSubscription: s.subscription !== null,
    closedBy: s.closedBy,
    transactions: transactionsOf(state, s).filter((t) => t.kind === 'payment' || t.kind === 'checkin'),
  };
}

/** Applies due resolutions, then re-derives the status; notifies when it changed into a notified status. */
export function refresh(ctx: PtpContext, merchant: PtpMerchant, session: SessionRecord, note?: string): boolean {
  const state = ctx.store.merchant(merchant.login);
  const now = ctx.clock.nowMs();
  for (const t of transactionsOf(state, session)) resolveTransaction(ctx, session, t, now);
  const derived = deriveSessionStatus(facts(state, session), now, merchant.attemptsLimit);
  if (derived.status === session.status.status && derived.reason === session.status.reason) return false;
  const date = serverDate(now);
  session.status = { status: derived.status, reason: derived.reason, date };
  session.history.push({ at: date, status: derived.status, reason: derived.reason, ...(note ? { note } : {}) });
  notifySession(ctx, merchant, session);
  return true;
}

function resolveTransaction(ctx: PtpContext, session: SessionRecord, t: TransactionRecord, now: number): void {
  const due = dueResolution(t, now);
  if (due) {
    const at = Date.parse(t.pending!.at);
    const confirm = due.status === 'APPROVED' && session.requiresConfirmation;
    t.status = confirm ? { status: 'PENDING_CONFIRMATION', reason: 'PT', date: serverDate(at) } : { status: due.status, reason: due.reason, date: serverDate(at) };
    if (confirm) t.confirmBy = confirmDeadline(ctx, at);
    if (due.status === 'APPROVED') t.authorization = ctx.ids.token(6, '0123456789');
    else session.failedAttempts++;
    delete t.pending;
  }
  if (t.status.status === 'PENDING_CONFIRMATION' && t.confirmBy && Date.parse(t.confirmBy) <= now) {
    t.status = { status: 'REJECTED', reason: '?C', date: serverDate(Date.parse(t.confirmBy)) };
    t.confirmationExpired = true;
    session.closedBy = 'confirmation';
  }
}

const confirmDeadline = (ctx: PtpContext, fromMs: number): string =>
  new Date(fromMs + ((ctx.options.confirmationWindowSeconds as number | undefined) ?? DEFAULT_CONFIRMATION_WINDOW_SECONDS) * 1000).toISOString();

/** Next Bogotá midnight: before it, a refund is a cancellation (no partial refunds). */
function settlementOf(ctx: PtpContext, approvedMs: number): string {
  if (ctx.options.settlement === 'immediate') return new Date(approvedMs).toISOString();
  const offset = BOGOTA_OFFSET_MINUTES * 60_000;
  const local = new Date(approvedMs + offset);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1) - offset).toISOString();
}

export interface Attempt {
  card?: CardInput;
  /** Card data already known (a stored token), instead of `card`. */
  cardInfo?: CardInfo;
  /** An explicit outcome (outcome picker, admin `outcome`, header on collect): beats everything. */
  outcome?: PlacetoPayScenario;
  /** The card's own scenario (test card, stored token): used when nothing else decides. */
  magic?: PlacetoPayScenario;
  /** Amount for partial sessions (default: what is left). */
  amount?: number;
  /** What the buyer typed as payer on the page (admin `payer`); default: the buyer, else a test payer. */
  payer?: Record<string, string>;
}

/** The payer the hosted page fills in when the buyer accepts the defaults. */
export const TEST_PAYER = { document: '1000000001', documentType: 'CC', name: 'Pasarela', surname: 'Sandbox', email: 'payer@example.com', mobile: '+573000000000' };

/**
 * The hosted page asks for the payer, prefilled from `buyer` unless `noBuyerFill`; live answers
 * (2024, 2026) then echo it as `request.payer` when the merchant sent none.
 */
function notePayer(session: SessionRecord, given: Record<string, string> | undefined): void {
  if (session.kind === 'collect' || session.request.payer !== undefined) return;
  const buyer = session.request.noBuyerFill === true ? undefined : (session.request.buyer as Record<string, unknown> | undefined);
  session.request.payer = structuredClone(given ?? buyer ?? TEST_PAYER);
}

export interface AttemptResult {
  scenario: PlacetoPayScenario;
  transaction?: TransactionRecord;
  token?: TokenRecord;
}

/** One payment (or tokenization) attempt on an open session. */
export function attempt(ctx: PtpContext, merchant: PtpMerchant, session: SessionRecord, input: Attempt, defaultScenario: PlacetoPayScenario): AttemptResult {
  const state = ctx.store.merchant(merchant.login);
  refresh(ctx, merchant, session);
  const now = ctx.clock.nowMs();
  if (!canAttempt(facts(state, session), now, merchant.attemptsLimit)) {
    throw new AttemptRefused(`Session ${session.requestId} is ${session.status.status} and takes no more payments`);
  }
  const forced = session.forcedOutcome ? (ctx.scenarios.get(session.forcedOutcome) as PlacetoPayScenario | undefined) : undefined;
  if (forced) delete session.forcedOutcome;
  // Explicit outcome, then the header sent at creation, then a queued scenario, then the card's own.
  const scenario =
    input.outcome ??
    forced ??
    (ctx.scenarios.takeQueued({ merchant: merchant.login, method: 'POST', path: `/session/${session.requestId}`, accept: (s) => ['payment', 'session'].includes((s as PlacetoPayScenario).stage) }) as
      | PlacetoPayScenario
      | undefined) ??
    input.magic ??
    defaultScenario;

  if (scenario.stage === 'session') {
    if (scenario.id === 'session-expired') session.expiresAt = new Date(now).toISOString();
    else session.closedBy = 'user';
    refresh(ctx, merchant, session, scenario.id);
    return { scenario };
  }
  if (scenario.stage !== 'payment' || !scenario.effect) throw new AttemptRefused(`Scenario ${scenario.id} is not a payment outcome`);
  notePayer(session, input.payer);

  const number = input.card?.number ?? (scenario.trigger?.cards as string[] | undefined)?.[0] ?? '4110760000000081';
  const card = input.cardInfo ?? cardInfo(number, scenario.brand ?? brandFromBin(number), input.card ?? { number });
  const left = round2(session.total - paidTotal(facts(state, session).transactions));
  const amount = session.allowPartial && input.amount !== undefined ? Math.min(round2(input.amount), left) : left;
  const enrolment = session.kind === 'subscription' || session.kind === 'autopay';
  if (!(amount > 0) && !enrolment) throw new AttemptRefused('The amount to pay must be greater than zero');
  const effect = evaluateEffect(scenario.effect, { currency: session.currency, total: amount, card: input.card });

  // Subscription (and, simplified, autopay enrolment) sessions store a token, no payment.
  if (enrolment) {
    if (effect.status === 'APPROVED') {
      const token = storeToken(ctx, state, session, card, scenario.id, now);
      session.subscription = { status: { status: 'OK', reason: '00', date: serverDate(now) }, token: token.token };
      refresh(ctx, merchant, session, scenario.id);
      return { scenario, token };
    }
    session.failedAttempts++;
    refresh(ctx, merchant, session, scenario.id);
    return { scenario };
  }

  const confirm = effect.status === 'APPROVED' && session.requiresConfirmation;
  const tx = newTransaction(ctx.ids, {
    internalReference: ctx.store.next('internalReference'),
    requestId: session.requestId,
    kind: session.hold ? 'checkin' : 'payment',
    reference: session.reference,
    currency: session.currency,
    total: amount,
    card,
    scenario: scenario.id,
    status: confirm ? { status: 'PENDING_CONFIRMATION', reason: 'PT', date: serverDate(now) } : { status: effect.status, reason: effect.reason, date: serverDate(now) },
    settlesAt: settlementOf(ctx, now),
    ...(effect.pending ? { pending: { then: effect.pending.then, reason: effect.pending.reason, at: new Date(now + effect.pending.afterSeconds * 1000).toISOString() } } : {}),
  });
  if (confirm) tx.confirmBy = confirmDeadline(ctx, now);
  if (session.hold && effect.status === 'APPROVED') tx.held = amount;
  Table.set(state.transactions, String(tx.internalReference), tx);
  session.transactions.push(tx.internalReference);
  if (effect.status === 'REJECTED' || effect.status === 'FAILED') session.failedAttempts++;
  if (tx.pending) noteDue(ctx, Date.parse(tx.pending.at));
  if (tx.confirmBy) noteDue(ctx, Date.parse(tx.confirmBy));

  let token: TokenRecord | undefined;
  if (effect.status === 'APPROVED' && (session.request.payment as { subscribe?: boolean } | undefined)?.subscribe) {
    token = storeToken(ctx, state, session, card, scenario.id, now);
    session.subscription = { status: { status: 'OK', reason: '00', date: serverDate(now) }, token: token.token };
  }
  refresh(ctx, merchant, session, scenario.id);
  return { scenario, transaction: tx, token };
}

function storeToken(ctx: PtpContext, state: PtpState, session: SessionRecord, card: CardInfo, scenario: string, now: number): TokenRecord {
  const brand = BRANDS[card.brand];
  const year = 2000 + Number(card.expiration.slice(2));
  const month = Number(card.expiration.slice(0, 2));
  const token: TokenRecord = {
    token: ctx.ids.token(64, '0123456789abcdef'),
    subtoken: ctx.ids.token(12, '0123456789') + card.lastDigits,
    requestId: session.requestId,
    card,
    franchise: brand.franchise,
    franchiseName: brand.name,
    issuerName: brand.issuer,
    paymentMethod: brand.paymentMethod,
    validUntil: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10),
    scenario,
    status: 'active',
    createdAt: serverDate(now),
  };
  Table.set(state.tokens, token.token, token);
  Table.set(state.subtokens, token.subtoken, token.token);
  return token;
}

export function cancelByUser(ctx: PtpContext, merchant: PtpMerchant, session: SessionRecord): void {
  refresh(ctx, merchant, session);
  if (!canAttempt(facts(ctx.store.merchant(merchant.login), session), ctx.clock.nowMs(), merchant.attemptsLimit)) return;
  // With approved partial payments the session ends as PARTIAL_EXPIRED, else REJECTED ?C.
  if (paidTotal(facts(ctx.store.merchant(merchant.login), session).transactions) > 0) session.expiresAt = new Date(ctx.clock.nowMs()).toISOString();
  else session.closedBy = 'user';
  refresh(ctx, merchant, session, 'cancelled by the buyer');
}

/** Merchant cancel (reference §5.3); false when the session is not cancellable. */
export function cancelByMerchant(ctx: PtpContext, merchant: PtpMerchant, session: SessionRecord): boolean {
  refresh(ctx, merchant, session);
  if (!canMerchantCancel(facts(ctx.store.merchant(merchant.login), session), ctx.clock.nowMs(), merchant.attemptsLimit)) return false;
  session.closedBy = 'merchant';
  refresh(ctx, merchant, session, 'cancelled by the merchant');
  return true;
}

function noteDue(ctx: PtpContext, ms: number): void {
  const { shared } = ctx.store;
  if (shared.nextDueMs === null || ms < shared.nextDueMs) shared.nextDueMs = ms;
}

/** Clock work: O(1) until something is due, then one pass that also finds the next due instant. */
export function tick(ctx: PtpContext): void {
  const { shared } = ctx.store;
  const now = ctx.clock.nowMs();
  if (shared.nextDueMs === null || now < shared.nextDueMs) return;
  let next: number | null = null;
  const consider = (ms: number) => {
    if (ms > now && (next === null || ms < next)) next = ms;
  };
  for (const [login, state] of ctx.store.entries()) {
    const merchant = ctx.merchants.get(login);
    if (!merchant) continue;
    for (const session of Table.values(state.sessions)) {
      const open = transactionsOf(state, session).some((t) => ['PENDING', 'PENDING_CONFIRMATION'].includes(t.status.status));
      if (isFinal(session.status.status) && !open) continue;
      if (refresh(ctx, merchant, session, 'clock')) ctx.store.touch();
      if (!isFinal(session.status.status)) consider(Date.parse(session.expiresAt));
      for (const t of transactionsOf(state, session)) {
        if (t.pending) consider(Date.parse(t.pending.at));
        if (t.status.status === 'PENDING_CONFIRMATION' && t.confirmBy) consider(Date.parse(t.confirmBy));
      }
    }
  }
  shared.nextDueMs = next;
}
