/**
 * `POST /api/transaction` actions and the legacy `POST /api/reverse` (reference §5.5–5.6):
 * checkout / reauthorization of a check-in hold, refunds (reverse), and confirm /
 * cancel of a transaction PENDING_CONFIRMATION.
 */
import { lookup, Table } from '../kernel/table.ts';
import type { PlacetoPayScenario } from '../../scenarios/placetopay.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import type { PtpContext } from './auth.ts';
import { fail, PtpError } from './errors.ts';
import { planRefund, round2, type RefundRefusal } from './machine.ts';
import type { Lang } from './messages.ts';
import { newTransaction } from './payments.ts';
import { findSession, refresh, serverDate } from './sessions.ts';
import type { PtpMerchant, PtpState, TransactionKind, TransactionRecord } from './state.ts';
import { TRANSACTION_TEXT } from './messages.ts';
import { CURRENCIES } from './requests.ts';
import { legacyTransactionView, statusView, transactionView } from './views.ts';

type Json = Record<string, unknown>;
type Mode = 'transaction' | 'legacy';

export function runAction(c: PasarelaContext, ctx: PtpContext, merchant: PtpMerchant, body: Json, lang: Lang, mode: Mode): Response {
  const state = ctx.store.merchant(merchant.login);
  const action = String(body.action);
  const ref = String(body.internalReference);
  const tx = /^\d{1,15}$/.test(ref) ? Table.get(state.transactions, String(Number(ref))) : undefined;
  if (!tx || tx.kind === 'refund') throw fail.action('transactionNotFound', [], `No transaction ${ref} for this login`);
  const session = findSession(ctx, merchant.login, String(tx.requestId));
  if (!session) throw fail.action('transactionNotFound', [], `Transaction ${ref} has no session in this state`);
  refresh(ctx, merchant, session);
  const amount = body.amount as { currency?: string; total?: unknown } | undefined;
  const total = amount?.total === undefined ? undefined : round2(Number(amount.total));

  const respond = (t: TransactionRecord) => {
    refresh(ctx, merchant, session, `${action} ${t.internalReference}`);
    const payment = mode === 'legacy' ? legacyTransactionView(t, lang, lookup(CURRENCIES, t.currency) ?? 2) : transactionView(t, lang);
    return c.json({ status: statusView(t.status, TRANSACTION_TEXT, lang), payment });
  };

  switch (action) {
    case 'reverse': {
      const plan = planRefund(tx, total === undefined ? undefined : { total, currency: amount?.currency }, ctx.clock.nowMs());
      if ('refused' in plan) throw refundError(plan.refused, mode, tx);
      const refund = child(ctx, state, tx, 'refund', plan.refund);
      tx.refundedTotal = round2(tx.refundedTotal + plan.refund);
      tx.refunded = plan.complete;
      return respond(refund);
    }
    case 'checkout':
    case 'reauthorization': {
      const root = holdOf(state, tx);
      if (!root || root.status.status !== 'APPROVED' || root.closed) {
        throw fail.action(root ? 'notHeld' : 'actionNotSupported', [action], `Transaction ${ref} is not an open preauthorization`);
      }
      if (total === undefined) throw fail.validation('required', ['amount'], `${action} needs amount.total`);
      if (amount?.currency && amount.currency !== root.currency) throw fail.action('currencyMismatch', [], `The hold is in ${root.currency}`);
      const next = child(ctx, state, root, action, total);
      if (action === 'checkout') root.closed = true;
      else root.held = total;
      return respond(next);
    }
    case 'confirm':
    case 'cancel': {
      if (!session.requiresConfirmation) throw fail.action('actionNotSupported', [action], `Session ${session.requestId} was not created with metadata.requiresConfirmation`);
      if (tx.confirmationExpired) throw fail.action('confirmationExpired', [], 'The confirmation window has passed', 'transaction_request_error');
      if (tx.status.status !== 'PENDING_CONFIRMATION') throw fail.action('actionNeedsPendingConfirmation', [action], `Transaction ${ref} is ${tx.status.status}`);
      const now = serverDate(ctx.clock.nowMs());
      if (action === 'cancel') {
        tx.status = { status: 'REJECTED', reason: '?C', date: now };
        session.closedBy = 'confirmation';
        return respond(tx);
      }
      const declined = ctx.scenarios.resolve(c, { accept: (s) => (s as PlacetoPayScenario).stage === 'confirm', merchant: merchant.login });
      if (declined) {
        tx.status = { status: 'FAILED', reason: 'BR', date: now };
        session.closedBy = 'confirmation';
        return respond(tx);
      }
      tx.status = { status: 'APPROVED', reason: '00', date: now };
      return respond(tx);
    }
    default:
      throw fail.action('actionNotSupported', [action], `Unknown action ${action}`);
  }
}

/** The check-in hold a transaction belongs to (itself, or the parent of a reauthorization). */
function holdOf(state: PtpState, tx: TransactionRecord): TransactionRecord | undefined {
  const root = tx.kind === 'reauthorization' && tx.parent !== undefined ? Table.get(state.transactions, String(tx.parent)) : tx;
  return root && root.kind === 'checkin' ? root : undefined;
}

function child(ctx: PtpContext, state: PtpState, parent: TransactionRecord, kind: TransactionKind, total: number): TransactionRecord {
  const now = ctx.clock.nowMs();
  const t = newTransaction(ctx.ids, {
    internalReference: ctx.store.next('internalReference'),
    requestId: parent.requestId,
    kind,
    reference: parent.reference,
    currency: parent.currency,
    total,
    card: parent.card,
    scenario: parent.scenario,
    status: { status: 'APPROVED', reason: '00', date: serverDate(now) },
    settlesAt: parent.settlesAt,
    parent: parent.internalReference,
  });
  Table.set(state.transactions, String(t.internalReference), t);
  const session = Table.get(state.sessions, String(parent.requestId));
  session?.transactions.push(t.internalReference);
  return t;
}

function refundError(refusal: RefundRefusal, mode: Mode, tx: TransactionRecord): PtpError {
  switch (refusal) {
    case 'already-refunded':
      return fail.action('alreadyRefunded', [], `Transaction ${tx.internalReference} is already fully refunded`, 'BR');
    case 'not-approved':
      return fail.action('notRefundable', [], `Transaction ${tx.internalReference} is ${tx.status.status}`, mode === 'legacy' ? 'BR' : 'request_not_valid');
    case 'partial-before-settlement':
      return fail.action('partialBeforeSettlement', [], `Transaction ${tx.internalReference} settles at ${tx.settlesAt}; before that only a full refund (cancellation) is possible`, 'transaction_request_error');
    case 'too-large':
      return fail.action('refundTooLarge', [], `At most ${round2(tx.total - tx.refundedTotal)} ${tx.currency} can be refunded`);
    case 'currency':
      return fail.action('currencyMismatch', [], `Transaction ${tx.internalReference} is in ${tx.currency}`);
  }
}
