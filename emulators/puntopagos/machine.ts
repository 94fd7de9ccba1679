/**
 * The transaction state machine (reference §5), as pure functions.
 *
 *   create ─► CREATED (status "6") ─ buyer pays ─► APPROVED "00" | REJECTED "1" | VOIDED "2"
 *                │                                  | ISSUER_ERROR "7" | CHARGED_WITH_PROBLEMS "11"
 *                └─ buyer leaves ─► CREATED (may come back and pay)
 *
 * Every state but CREATED is final: paying again is refused with "5" (ya procesada).
 */
import { MESSAGES, type TxState } from '../../scenarios/puntopagos.ts';

export interface Code {
  respuesta: string;
  error: string | null;
}

export const STATUS_CODES: Record<TxState, Code> = {
  CREATED: { respuesta: '6', error: MESSAGES['6'] },
  APPROVED: { respuesta: '00', error: null },
  REJECTED: { respuesta: '1', error: MESSAGES['1'] },
  VOIDED: { respuesta: '2', error: MESSAGES['2'] },
  ISSUER_ERROR: { respuesta: '7', error: MESSAGES['7'] },
  CHARGED_WITH_PROBLEMS: { respuesta: '11', error: MESSAGES['11'] },
};

/** States whose status answer carries the payment fields (money was taken). */
export const isCharged = (state: TxState): boolean => state === 'APPROVED' || state === 'CHARGED_WITH_PROBLEMS';

export const isProcessed = (state: TxState): boolean => state !== 'CREATED';

export type Finish =
  | { ok: true; state: TxState; notify: boolean; redirect: 'success' | 'failure'; recordPayment: boolean }
  | { ok: false; refusal: 'already-processed'; code: Code };

/** The buyer finishes on the hosted page with `outcome` (CREATED: left without paying). */
export function finish(current: TxState, outcome: TxState): Finish {
  if (isProcessed(current)) return { ok: false, refusal: 'already-processed', code: { respuesta: '5', error: MESSAGES['5'] } };
  if (outcome === 'CREATED') return { ok: true, state: 'CREATED', notify: false, redirect: 'failure', recordPayment: false };
  return { ok: true, state: outcome, notify: true, redirect: outcome === 'APPROVED' ? 'success' : 'failure', recordPayment: true };
}
