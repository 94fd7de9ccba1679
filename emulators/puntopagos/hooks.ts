/**
 * The admin hooks: `POST /__admin/complete` (pay without a browser, exactly as the
 * hosted page does, notification included) and `GET /__admin/transactions`.
 */
import { Table } from '../kernel/table.ts';
import { cardScenario, type PuntoPagosScenario } from '../../scenarios/puntopagos.ts';
import { AdminError, type CompleteRequest, type TransactionView } from '../kernel/types.ts';
import type { PpContext } from './auth.ts';
import { STATUS_CODES } from './machine.ts';
import { afterPayment, AlreadyProcessed, findByToken, pay, PaymentProblem, returnUrl } from './payments.ts';
import { plain, statusBody } from './views.ts';

const WEBPAY = 3;

export async function complete(ctx: PpContext, request: CompleteRequest) {
  const found = findByToken(ctx, request.id);
  if (!found) return undefined;
  const { merchant, tx } = found;
  let scenario: PuntoPagosScenario | undefined;
  if (request.outcome !== undefined) {
    scenario = ctx.scenarios.get(request.outcome) as PuntoPagosScenario | undefined;
    if (scenario?.stage !== 'payment') throw new AdminError(400, `"${request.outcome}" is not a payment scenario of puntopagos (see GET /__admin/scenarios)`);
  }
  const card = request.card === undefined ? undefined : { number: String(request.card), cvv: str(request.cvv), expiry: str(request.expiry) };
  const fromCard = card ? (cardScenario(card.number.replace(/[\s-]/g, ''))?.trigger?.medio_pago as number | undefined) : undefined;
  const medioPago = request.medio_pago !== undefined ? Number(request.medio_pago) : (tx.medioPago ?? fromCard ?? WEBPAY);
  let result;
  try {
    result = pay(ctx, merchant, tx, { medioPago, card, cuotas: Number(request.cuotas ?? 0), scenario });
  } catch (e) {
    if (e instanceof PaymentProblem) throw new AdminError(400, e.message);
    if (e instanceof AlreadyProcessed) throw new AdminError(409, e.message);
    throw e;
  }
  const notification = await afterPayment(ctx, merchant, tx, result);
  return {
    token: tx.token,
    respuesta: STATUS_CODES[tx.state].respuesta,
    scenario: result.scenario.id,
    redirect: returnUrl(merchant, tx, result.redirect),
    status: plain(statusBody(tx)),
    notification: notification ?? null,
  };
}

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

export function transactions(ctx: PpContext): TransactionView[] {
  return ctx.store.entries().flatMap(([key, state]) =>
    Table.values(state.transactions).map((tx) => ({
      id: tx.token,
      provider: ctx.provider,
      merchant: key,
      kind: 'transaccion',
      status: tx.state,
      reason: STATUS_CODES[tx.state].respuesta,
      amount: Number(tx.monto),
      currency: 'CLP',
      reference: tx.trxId,
      createdAt: tx.createdAt,
      updatedAt: tx.updatedAt,
      completable: tx.state === 'CREATED',
      history: tx.history.map((h) => ({ at: h.at, status: h.state, reason: h.respuesta, ...(h.note ? { note: h.note } : {}) })),
      data: { status: plain(statusBody(tx)), medioPago: tx.medioPago, detalle: tx.detalle, payment: tx.payment, notifications: ctx.webhooks.deliveries({ provider: ctx.provider, subject: tx.token }) },
    })),
  );
}
