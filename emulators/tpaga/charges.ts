/**
 * Charges and refunds (reference §3.7–§3.8). A charge is decided when it is made, by
 * the forced scenario (header or queue), else the card's catalog scenario, else
 * approval: 201 authorized, 402 declined (the charge object with `errorCode`), or a
 * gateway failure (HTML 502/504, possibly charged all the same). A refund voids an
 * authorized charge until it settles (end of the Bogotá day, or 24 h): 202, else 406
 * with the charge as it is.
 */
import type { Hono } from 'hono';
import type { TpagaScenario } from '../../scenarios/tpaga.ts';
import { Table } from '../kernel/table.ts';
import type { PasarelaEnv, TransactionView } from '../kernel/types.ts';
import { authenticate } from './auth.ts';
import { fail, GatewayFailure, NotRefundable } from './errors.ts';
import { computeFees, NO_FEES } from './fees.ts';
import { decide, dueToSettle, refund, settlesAt } from './machine.ts';
import { newId, settings, type ChargeRecord, type TpagaContext, type TpagaMerchant } from './state.ts';
import { readBody } from './parse.ts';
import { decimalsErrors, shown, validateOrThrow } from './validation.ts';
import { chargeView } from './views.ts';

type Json = Record<string, unknown>;

const APPROVE: TpagaScenario = { id: 'default', description: '', trigger: null, outcome: { httpStatus: 201 }, live: false, effect: { kind: 'approve' } };
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function chargeRoutes(app: Hono<PasarelaEnv>, ctx: TpagaContext): void {
  app.post('/api/charge/credit_card', async (c) => {
    const merchant = authenticate(c, ctx, 'private');
    const body = await readBody(c, 'CreditCardCharge');
    validateOrThrow('charge', 'CreditCardCharge', body, (bad) => [
      ...decimalsErrors('CreditCardCharge', body, ['amount', 'taxAmount', 'iacAmount', 'tipAmount'], bad),
      ...partsErrors(body, bad),
    ]);
    const state = ctx.store.merchant(merchant.publicKey);
    const card = Table.get(state.cards, String(body.creditCard));
    if (!card || card.deleted) {
      throw fail.invalid([
        fail.field('CreditCardCharge', 'creditCard', shown('creditCard', body.creditCard), `Property [creditCard] of class [class CreditCardCharge] with value [${String(shown('creditCard', body.creditCard))}] is not a credit card of this merchant`),
      ]);
    }
    const magic = card.scenario ? (ctx.scenarios.get(card.scenario) as TpagaScenario | undefined) : undefined;
    const scenario = (ctx.scenarios.resolve(c, { magic, merchant: merchant.publicKey })?.scenario as TpagaScenario | undefined) ?? APPROVE;
    const { effect } = scenario;
    if (effect.kind === 'gateway' && !effect.charged) throw new GatewayFailure(effect.httpStatus, `Scenario ${scenario.id}: the gateway failed and nothing was charged`);
    const charge = createCharge(ctx, merchant, body, card.id, card.customer, scenario);
    if (effect.kind === 'gateway') throw new GatewayFailure(effect.httpStatus, `Scenario ${scenario.id}: the gateway timed out but charge ${charge.id} WAS authorized`);
    return c.json(chargeView(charge), decide(effect).httpStatus);
  });

  app.get('/api/charge/credit_card/:id', (c) => {
    const merchant = authenticate(c, ctx, 'private');
    const charge = Table.get(ctx.store.merchant(merchant.publicKey).charges, c.req.param('id'));
    if (!charge) throw fail.notFound('CreditCardCharge', c.req.param('id'));
    return c.json(chargeView(charge));
  });

  app.post('/api/refund/credit_card', async (c) => {
    const merchant = authenticate(c, ctx, 'private');
    const body = await readBody(c, 'CreditCardRefund');
    validateOrThrow('refund', 'CreditCardRefund', body);
    const charge = Table.get(ctx.store.merchant(merchant.publicKey).charges, String(body.id));
    if (!charge) {
      const id = shown('id', body.id);
      throw fail.invalid([fail.field('CreditCardRefund', 'id', id, `Property [id] of class [class CreditCardRefund] with value [${String(id)}] is not a charge of this merchant`)]);
    }
    const now = ctx.clock.nowMs();
    const result = refund(charge, now);
    if ('refused' in result) {
      const why = {
        'already-voided': 'it is already voided (refunded)',
        settled: `it settled at ${charge.settlesAt}: refunds are only possible ${settings(ctx).refundWindow === '24h' ? 'within 24 hours' : 'on the day of the charge (Bogotá time)'}`,
        'not-authorized': `it was never authorized (status ${charge.status})`,
      }[result.refused];
      throw new NotRefundable(chargeView(charge), `Charge ${charge.id} cannot be refunded: ${why}`);
    }
    charge.status = result.status;
    charge.paid = result.paid;
    charge.history.push({ at: new Date(now).toISOString(), status: 'voided', note: 'refund' });
    return c.json(chargeView(charge), 202);
  });
}

/** Tax, IAC and tip are parts of `amount`; together they cannot exceed it. */
function partsErrors(body: Json, bad: Set<string>) {
  if (['amount', 'taxAmount', 'iacAmount', 'tipAmount'].some((f) => bad.has(f)) || typeof body.amount !== 'number') return [];
  const parts = num(body.taxAmount) + num(body.iacAmount) + num(body.tipAmount);
  if (parts <= body.amount) return [];
  return [
    fail.field('CreditCardCharge', 'taxAmount', body.taxAmount ?? null, `Property [taxAmount] of class [class CreditCardCharge]: taxAmount + iacAmount + tipAmount (${parts}) exceeds amount (${body.amount})`),
  ];
}

function createCharge(ctx: TpagaContext, merchant: TpagaMerchant, body: Json, cardId: string, customer: string, scenario: TpagaScenario): ChargeRecord {
  const now = ctx.clock.nowMs();
  const decision = decide(scenario.effect);
  const amounts = { amount: num(body.amount), taxAmount: num(body.taxAmount), iacAmount: num(body.iacAmount), tipAmount: num(body.tipAmount) };
  const charge: ChargeRecord = {
    id: newId(ctx),
    creditCard: cardId,
    customer,
    ...amounts,
    ...(decision.paid ? computeFees(amounts, merchant.rates) : NO_FEES),
    currency: String(body.currency),
    installments: body.installments as number,
    orderId: text(body.orderId),
    description: text(body.description),
    thirdPartyId: text(body.thirdPartyId),
    childMerchantId: text(body.childMerchantId),
    paid: decision.paid,
    paymentTransaction: newId(ctx),
    authorizationCode: decision.authorized ? ctx.ids.token(6, '0123456789') : null,
    status: decision.status,
    errorCode: decision.errorCode,
    errorMessage: decision.errorMessage,
    dateCreated: new Date(now).toISOString(),
    settlesAt: new Date(settlesAt(now, settings(ctx).refundWindow)).toISOString(),
    scenario: scenario.id,
    history: [{ at: new Date(now).toISOString(), status: decision.status, note: `scenario ${scenario.id}` }],
  };
  Table.set(ctx.store.merchant(merchant.publicKey).charges, charge.id, charge);
  if (decision.authorized) {
    const due = Date.parse(charge.settlesAt);
    const { shared } = ctx.store;
    if (shared.nextDueMs === null || due < shared.nextDueMs) shared.nextDueMs = due;
  }
  return charge;
}

/** Settles authorized charges whose refund window has closed; O(1) until one is due. */
export function tick(ctx: TpagaContext): void {
  const { shared } = ctx.store;
  const now = ctx.clock.nowMs();
  if (shared.nextDueMs === null || now < shared.nextDueMs) return;
  let next: number | null = null;
  for (const [, state] of ctx.store.entries()) {
    for (const charge of Table.values(state.charges)) {
      if (dueToSettle(charge, now)) {
        charge.status = 'settled';
        charge.history.push({ at: new Date(now).toISOString(), status: 'settled', note: 'end of the refund window' });
      } else if (charge.status === 'authorized') {
        const due = Date.parse(charge.settlesAt);
        if (next === null || due < next) next = due;
      }
    }
  }
  shared.nextDueMs = next;
  ctx.store.touch();
}

export function transactions(ctx: TpagaContext): TransactionView[] {
  return ctx.store.entries().flatMap(([merchant, state]) =>
    Table.values(state.charges).map((ch) => ({
      id: ch.id,
      provider: 'tpaga',
      merchant,
      kind: 'credit card charge',
      status: ch.status,
      reason: ch.errorCode,
      amount: ch.amount,
      currency: ch.currency,
      reference: ch.orderId ?? undefined,
      createdAt: ch.dateCreated,
      updatedAt: ch.history.at(-1)!.at,
      completable: false,
      history: ch.history,
      data: chargeView(ch),
    })),
  );
}
