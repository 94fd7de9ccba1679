/**
 * The session and transaction state machine (reference §8), as pure functions. The
 * session status is derived from its facts (transactions, cancellation, expiry,
 * attempts) so that it can never disagree with them; final statuses are sticky, so a
 * refund never changes an APPROVED session.
 *
 * create ─► PENDING PC ─ approved payment(s) reach the total ─► APPROVED 00
 *              │─ rejected/failed attempt ─► PENDING PT (buyer may retry)
 *              │─ pending / pending-confirmation transaction ─► PENDING PT (no expiry meanwhile)
 *              │─ part paid (allowPartial) ─► APPROVED_PARTIAL P0 ─ expiry ─► PARTIAL_EXPIRED PX
 *              │─ buyer cancels ─► REJECTED ?C        │─ merchant cancels ─► REJECTED MC
 *              │─ expiry, nothing paid ─► REJECTED EX  │─ attempts limit ─► REJECTED XN
 *              └─ confirmation cancelled or window passed ─► REJECTED ?C
 */
import type { SessionRecord, TransactionRecord } from './state.ts';

export type Closure = 'user' | 'merchant' | 'confirmation';

export const FINAL_STATUSES = new Set(['APPROVED', 'REJECTED', 'PARTIAL_EXPIRED']);

export interface SessionFacts {
  kind: SessionRecord['kind'];
  status: { status: string; reason: string | number | null };
  total: number;
  expiresAtMs: number;
  failedAttempts: number;
  hasSubscription: boolean;
  closedBy?: Closure;
  /** The session's payment-side transactions (not refunds). */
  transactions: Pick<TransactionRecord, 'kind' | 'status' | 'total'>[];
}

export interface DerivedStatus {
  status: string;
  reason: string;
}

export const isFinal = (status: string): boolean => FINAL_STATUSES.has(status);

/** Total approved so far (payments and check-in holds). */
export function paidTotal(transactions: SessionFacts['transactions']): number {
  return round2(
    transactions.filter((t) => (t.kind === 'payment' || t.kind === 'checkin') && t.status.status === 'APPROVED').reduce((sum, t) => sum + t.total, 0),
  );
}

export function deriveSessionStatus(s: SessionFacts, nowMs: number, attemptsLimit: number): DerivedStatus {
  if (isFinal(s.status.status)) return { status: s.status.status, reason: String(s.status.reason) };
  if (s.closedBy === 'merchant') return { status: 'REJECTED', reason: 'MC' };
  if (s.closedBy === 'user' || s.closedBy === 'confirmation') return { status: 'REJECTED', reason: '?C' };
  if ((s.kind === 'subscription' || s.kind === 'autopay') && s.hasSubscription) return { status: 'APPROVED', reason: '00' };
  const paid = paidTotal(s.transactions);
  if (paid > 0 && paid >= s.total) return { status: 'APPROVED', reason: '00' };
  if (s.transactions.some((t) => t.status.status === 'PENDING' || t.status.status === 'PENDING_CONFIRMATION')) return { status: 'PENDING', reason: 'PT' };
  // A collect has no buyer to retry: its first failure is final.
  if (s.kind === 'collect' && s.transactions.length > 0) return { status: 'REJECTED', reason: 'XN' };
  if (nowMs >= s.expiresAtMs) return paid > 0 ? { status: 'PARTIAL_EXPIRED', reason: 'PX' } : { status: 'REJECTED', reason: 'EX' };
  if (s.failedAttempts >= attemptsLimit) return paid > 0 ? { status: 'PARTIAL_EXPIRED', reason: 'PX' } : { status: 'REJECTED', reason: 'XN' };
  if (paid > 0) return { status: 'APPROVED_PARTIAL', reason: 'P0' };
  // No attempt yet: PC "activa" (2017, 2022 and 2025 answers); PT once the buyer has tried.
  if (s.transactions.length === 0 && s.failedAttempts === 0) return { status: 'PENDING', reason: 'PC' };
  return { status: 'PENDING', reason: 'PT' };
}

/** Whether the buyer can still pay on the hosted page (or admin complete can). */
export function canAttempt(s: SessionFacts, nowMs: number, attemptsLimit: number): boolean {
  const d = deriveSessionStatus(s, nowMs, attemptsLimit);
  if (d.status !== 'PENDING' && d.status !== 'APPROVED_PARTIAL') return false;
  return !s.transactions.some((t) => t.status.status === 'PENDING' || t.status.status === 'PENDING_CONFIRMATION');
}

/** Merchant cancel is allowed only with no approved and no in-process payment (reference §5.3). */
export function canMerchantCancel(s: SessionFacts, nowMs: number, attemptsLimit: number): boolean {
  const d = deriveSessionStatus(s, nowMs, attemptsLimit);
  if (d.status !== 'PENDING') return false;
  return !s.transactions.some((t) => ['APPROVED', 'PENDING', 'PENDING_CONFIRMATION'].includes(t.status.status));
}

/** A pending transaction whose resolution is due. */
export function dueResolution(t: Pick<TransactionRecord, 'pending' | 'status'>, nowMs: number): { status: string; reason: string } | undefined {
  if (t.status.status !== 'PENDING' || !t.pending) return undefined;
  return Date.parse(t.pending.at) <= nowMs ? { status: t.pending.then, reason: t.pending.reason } : undefined;
}

export type RefundRefusal = 'not-approved' | 'already-refunded' | 'partial-before-settlement' | 'too-large' | 'currency';

/** Plans a refund of `amount` (undefined = what is left). */
export function planRefund(
  t: Pick<TransactionRecord, 'status' | 'total' | 'refundedTotal' | 'refunded' | 'settlesAt' | 'currency'>,
  amount: { total: number; currency?: string } | undefined,
  nowMs: number,
): { refund: number; complete: boolean } | { refused: RefundRefusal } {
  if (t.refunded || t.refundedTotal >= t.total) return { refused: 'already-refunded' };
  if (t.status.status !== 'APPROVED') return { refused: 'not-approved' };
  if (amount?.currency && amount.currency !== t.currency) return { refused: 'currency' };
  const left = round2(t.total - t.refundedTotal);
  const refund = amount === undefined ? left : round2(amount.total);
  if (refund <= 0 || refund > left) return { refused: 'too-large' };
  const settled = nowMs >= Date.parse(t.settlesAt);
  // Before settlement a refund is a cancellation of the whole transaction.
  if (!settled && refund < left) return { refused: 'partial-before-settlement' };
  return { refund, complete: refund === left };
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
