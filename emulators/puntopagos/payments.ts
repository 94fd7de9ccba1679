/**
 * Paying on the hosted page, shared by the page's form and `POST /__admin/complete`:
 * which scenario decides (explicit outcome > scenario sent on create > queued > test card
 * > default), the transition, the payment record, then the notification and the redirect.
 */
import { Table } from '../kernel/table.ts';
import { cardScenario, type PuntoPagosScenario } from '../../scenarios/puntopagos.ts';
import { luhnValid } from '../kernel/redact.ts';
import { safeHref } from '../kernel/urls.ts';
import type { WebhookDelivery } from '../kernel/webhooks.ts';
import type { PpContext } from './auth.ts';
import { localDateTime, nextMonth, DEFAULT_TIME_ZONE } from './dates.ts';
import { finish, STATUS_CODES } from './machine.ts';
import { methodById } from './methods.ts';
import { notify } from './notify.ts';
import type { PaymentRecord, PpMerchant, TransactionRecord } from './state.ts';

/** The Webpay sandbox's authorization code in both public recordings (reference §6). */
const WEBPAY_SANDBOX_AUTHORIZATION = '281172';
const WEBPAY = new Set([3, 13]);
/** Card shown when a card method is paid by outcome only (the sandbox Visa). */
const DEFAULT_TEST_CARD = '4051885600446623';

/** Something the buyer typed is wrong: the page shows it, admin complete answers 400. */
export class PaymentProblem extends Error {}
/** The transaction cannot be paid any more (respuesta 5). */
export class AlreadyProcessed extends Error {}

export interface CardInput {
  number: string;
  cvv?: string;
  /** MM/YY or MM/YYYY */
  expiry?: string;
}

export interface PaymentInput {
  medioPago: number;
  card?: CardInput;
  /** 0 or 1: "Sin Cuotas". */
  cuotas?: number;
  /** An explicit outcome (page select, admin `outcome`). */
  scenario?: PuntoPagosScenario;
}

export function findByToken(ctx: PpContext, token: string): { merchant: PpMerchant; tx: TransactionRecord } | undefined {
  const key = Table.get(ctx.store.shared.owners, token);
  const merchant = key === undefined ? undefined : ctx.merchants.get(key);
  const tx = merchant && Table.get(ctx.store.merchant(merchant.key).transactions, token);
  return merchant && tx ? { merchant, tx } : undefined;
}

/** Shape checks a payment page does before submitting; returns the digits. */
export function checkCard(card: CardInput, nowMs: number): string {
  const number = card.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number)) throw new PaymentProblem('El número de tarjeta debe tener entre 12 y 19 dígitos');
  if (!cardScenario(number) && !luhnValid(number)) throw new PaymentProblem('El número de tarjeta no es válido');
  if (card.cvv && !/^\d{3,4}$/.test(card.cvv)) throw new PaymentProblem('El CVV debe tener 3 o 4 dígitos');
  if (card.expiry) {
    const m = /^(\d{2})\s*[/-]\s*(\d{2}|\d{4})$/.exec(card.expiry.trim());
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) throw new PaymentProblem('La fecha de expiración debe ser MM/AA');
    const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    if (Date.UTC(year, Number(m[1]), 1) <= nowMs) throw new PaymentProblem('La tarjeta está vencida');
  }
  return number;
}

function decide(ctx: PpContext, merchant: PpMerchant, tx: TransactionRecord, input: PaymentInput, cardNumber: string | undefined): PuntoPagosScenario {
  const payment = (s: PuntoPagosScenario | undefined) => (s?.stage === 'payment' ? s : undefined);
  const forced = payment(tx.forcedOutcome ? (ctx.scenarios.get(tx.forcedOutcome) as PuntoPagosScenario | undefined) : undefined);
  const queued = () =>
    payment(ctx.scenarios.takeQueued({ merchant: merchant.key, method: 'POST', path: `/transaccion/procesar/${tx.token}`, accept: (s) => (s as PuntoPagosScenario).stage === 'payment' }) as PuntoPagosScenario | undefined);
  const byCard = cardNumber ? cardScenario(cardNumber) : undefined;
  const card = methodById(input.medioPago)?.kind === 'card';
  // Cards the sandbox does not know are declined, as Webpay's test environment does (option unknownCards).
  const fallback = card && cardNumber && ctx.options.unknownCards !== 'approve' ? 'rejected' : 'approved';
  return input.scenario ?? forced ?? queued() ?? byCard ?? (ctx.scenarios.get(fallback) as PuntoPagosScenario);
}

/** Applies one payment; throws AlreadyProcessed or PaymentProblem. Synchronous: no other request can interleave. */
export function pay(ctx: PpContext, merchant: PpMerchant, tx: TransactionRecord, input: PaymentInput): { scenario: PuntoPagosScenario; redirect: 'success' | 'failure'; notify: boolean } {
  const now = ctx.clock.nowMs();
  const method = methodById(input.medioPago);
  if (!method || !merchant.paymentMethods.includes(method.id)) throw new PaymentProblem(`Financiador no válido: ${input.medioPago}`);
  if (tx.medioPago !== null && tx.medioPago !== method.id) throw new PaymentProblem(`La transacción es para medio_pago ${tx.medioPago}`);
  const cardNumber = input.card ? checkCard(input.card, now) : undefined;
  const scenario = decide(ctx, merchant, tx, input, cardNumber);
  const step = finish(tx.state, scenario.state!);
  if (!step.ok) throw new AlreadyProcessed(`The transaction ${tx.token} is ${tx.state}: ${step.code.error} (respuesta ${step.code.respuesta})`);
  delete tx.forcedOutcome;
  const at = new Date(now).toISOString();
  if (step.recordPayment) tx.payment = paymentRecord(ctx, tx, method.id, method.kind === 'card' ? (cardNumber ?? DEFAULT_TEST_CARD) : undefined, input.cuotas ?? 0, scenario.id, now);
  tx.state = step.state;
  tx.updatedAt = at;
  tx.history.push({ at, state: step.state, respuesta: STATUS_CODES[step.state].respuesta, note: scenario.id });
  return { scenario, redirect: step.redirect, notify: step.notify };
}

function paymentRecord(ctx: PpContext, tx: TransactionRecord, medioPago: number, cardNumber: string | undefined, cuotas: number, scenario: string, now: number): PaymentRecord {
  const at = localDateTime(now, (ctx.options.timeZone as string | undefined) ?? DEFAULT_TIME_ZONE);
  const installments = cardNumber && cuotas > 1 ? Math.floor(cuotas) : 0;
  return {
    medioPago,
    at,
    card: cardNumber ? { bin: cardNumber.slice(0, 6), last4: cardNumber.slice(-4) } : null,
    numCuotas: installments,
    tipoCuotas: cardNumber ? (installments ? 'Cuotas normales' : 'Sin Cuotas') : null,
    valorCuota: installments ? Math.round(Number(tx.monto) / installments) : 0,
    primerVencimiento: installments ? nextMonth(at) : null,
    numeroOperacion: ctx.ids.token(10, '0123456789'),
    codigoAutorizacion: WEBPAY.has(medioPago) ? WEBPAY_SANDBOX_AUTHORIZATION : ctx.ids.token(6, '0123456789'),
    scenario,
  };
}

/** `{successUrl}{token}` or `{failureUrl}{token}` as configured (any scheme), or null. */
export function configuredReturnUrl(merchant: PpMerchant, tx: TransactionRecord, which: 'success' | 'failure'): string | null {
  const base = which === 'success' ? merchant.successUrl : merchant.failureUrl;
  return base ? `${base}${tx.token}` : null;
}

/**
 * The return URL when it may be followed (a redirect, an href): http(s) only. Config and
 * admin refuse other schemes; this also covers merchants added in code
 * (`sandbox.provider('puntopagos').merchants.add`), which skip that check.
 */
export function returnUrl(merchant: PpMerchant, tx: TransactionRecord, which: 'success' | 'failure'): string | null {
  return safeHref(configuredReturnUrl(merchant, tx, which)) ?? null;
}

/**
 * After a payment: notify the merchant and, unless `awaitNotification` is off, wait for the
 * first delivery attempt, so the merchant has heard before the browser arrives (reference §5).
 */
export async function afterPayment(ctx: PpContext, merchant: PpMerchant, tx: TransactionRecord, result: { notify: boolean }): Promise<WebhookDelivery | undefined> {
  const delivery = result.notify ? notify(ctx, merchant, tx) : undefined;
  if (!delivery || ctx.options.awaitNotification === false) return delivery;
  return (await ctx.webhooks.attempted(delivery.id)) ?? delivery;
}
