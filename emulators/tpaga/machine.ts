/**
 * The charge lifecycle (reference §5), pure. A charge is decided once, when it is
 * created; afterwards only two things can happen to it:
 *
 *   authorized ─ refund within the window ─► voided (paid false)
 *        └───── the window closes ─────────► settled (no longer refundable)
 *   processor_declined · fraudulent · created (unknown status) · voided · settled: final
 *
 * The refund window is the rest of the Bogotá calendar day (UTC−5, no DST) or 24 h.
 */
import type { ChargeEffect, ChargeStatus } from '../../scenarios/tpaga.ts';

export const BOGOTA_OFFSET_MS = -5 * 3600_000;

export interface ChargeDecision {
  httpStatus: 201 | 402;
  status: ChargeStatus;
  paid: boolean;
  errorCode: string;
  errorMessage: string;
  /** Issuer authorization code is drawn only for an authorized charge. */
  authorized: boolean;
}

/** What a scenario's effect makes of a new charge (gateway failures charge as approved). */
export function decide(effect: ChargeEffect): ChargeDecision {
  if (effect.kind === 'decline') {
    return { httpStatus: 402, status: effect.status, paid: false, errorCode: effect.errorCode, errorMessage: effect.errorMessage, authorized: false };
  }
  return { httpStatus: 201, status: 'authorized', paid: true, errorCode: '00', errorMessage: 'Approved', authorized: true };
}

/** The instant an authorized charge created at `createdMs` stops being refundable. */
export function settlesAt(createdMs: number, window: 'same-day' | '24h'): number {
  if (window === '24h') return createdMs + 24 * 3600_000;
  const local = createdMs + BOGOTA_OFFSET_MS;
  const nextLocalMidnight = Math.floor(local / 86_400_000) * 86_400_000 + 86_400_000;
  return nextLocalMidnight - BOGOTA_OFFSET_MS;
}

export type RefundRefusal = 'already-voided' | 'settled' | 'not-authorized';

export function refund(charge: { status: ChargeStatus; settlesAt: string }, nowMs: number): { status: 'voided'; paid: false } | { refused: RefundRefusal } {
  if (charge.status === 'voided') return { refused: 'already-voided' };
  if (charge.status === 'settled' || (charge.status === 'authorized' && nowMs >= Date.parse(charge.settlesAt))) return { refused: 'settled' };
  if (charge.status !== 'authorized') return { refused: 'not-authorized' };
  return { status: 'voided', paid: false };
}

/** Whether an authorized charge is due to settle. */
export const dueToSettle = (charge: { status: ChargeStatus; settlesAt: string }, nowMs: number): boolean =>
  charge.status === 'authorized' && nowMs >= Date.parse(charge.settlesAt);
