/**
 * Tpaga scenario catalog. The real sandbox publishes one test card (4111111111111111,
 * approves: `live: true`); every other card here is the emulator's own (reference §6
 * says to define them and document them). Decline cards use BIN 400000 and end in the
 * errorCode they produce (…0041 → 41, …9999 → 9999); the 04 card has the BIN and last
 * four of the card observed in the 2016 sandbox (404000…0004).
 *
 * A scenario decides a charge and, when the merchant has card validation enabled, the
 * validation charge made when the card is stored. Any scenario can also be forced by
 * id (`X-Pasarela-Scenario`, `POST /__admin/scenarios/next`) on any card.
 */
import type { Scenario } from '../emulators/kernel/types.ts';

export type CardType = 'VISA' | 'MASTERCARD' | 'AMEX' | 'DINERS' | 'CREDENCIAL';

/** transactionInfo.status values (reference §4.4). */
export type ChargeStatus = 'created' | 'authorized' | 'processor_declined' | 'fraudulent' | 'settled' | 'voided';

export type ChargeEffect =
  | { kind: 'approve' }
  /** HTTP 402 with the charge object; `status` is what transactionInfo.status says. */
  | { kind: 'decline'; errorCode: string; errorMessage: string; status: 'processor_declined' | 'fraudulent' | 'created' }
  /** The gateway fails (HTML 502/504); `charged`: the card was charged all the same. */
  | { kind: 'gateway'; httpStatus: 502 | 504; charged: boolean };

export interface TpagaOutcome extends Record<string, unknown> {
  httpStatus: number;
  errorCode?: string;
  status?: ChargeStatus;
}

export interface TpagaScenario extends Scenario<TpagaOutcome> {
  effect: ChargeEffect;
  /** Card type the emulator reports for the trigger card. */
  cardType?: CardType;
}

/** ISO 8583 texts the emulator uses as `errorMessage` (the real text is the issuer's). */
export const ERROR_MESSAGES: Record<string, string> = {
  '00': 'Approved',
  '04': 'Pick up card',
  '05': 'Do not honor',
  '41': 'Lost card, pick up',
  '43': 'Stolen card, pick up',
  '51': 'Insufficient funds',
  '54': 'Expired card',
  '59': 'Suspected fraud',
  '61': 'Exceeds withdrawal amount limit',
  '14': 'Invalid card number',
  '56': 'No card record',
  '57': 'Transaction not permitted to cardholder',
  '62': 'Restricted card',
  '65': 'Exceeds withdrawal frequency limit',
  '91': 'Issuer or switch inoperative',
  '9999': 'Unknown payment status',
  '': 'Unknown payment status',
};

const outcomeOf = (effect: ChargeEffect): TpagaOutcome => {
  switch (effect.kind) {
    case 'approve':
      return { httpStatus: 201, errorCode: '00', status: 'authorized' };
    case 'decline':
      return { httpStatus: 402, errorCode: effect.errorCode, status: effect.status };
    case 'gateway':
      return effect.charged ? { httpStatus: effect.httpStatus, status: 'authorized' } : { httpStatus: effect.httpStatus };
  }
};

function scenario(id: string, card: string, description: string, effect: ChargeEffect, extra: Partial<TpagaScenario> = {}): TpagaScenario {
  return { id, description, trigger: { card }, outcome: outcomeOf(effect), live: false, effect, ...extra };
}

const decline = (errorCode: string, status: 'processor_declined' | 'fraudulent' | 'created' = 'processor_declined'): ChargeEffect => ({
  kind: 'decline',
  errorCode,
  errorMessage: ERROR_MESSAGES[errorCode]!,
  status,
});

export const tpagaScenarios: readonly TpagaScenario[] = [
  scenario('approved-visa', '4111111111111111', 'VISA test card of the real sandbox: approved, 201, errorCode 00, status authorized', { kind: 'approve' }, { live: true, cardType: 'VISA' }),
  scenario('approved-mastercard', '5555555555554444', 'MASTERCARD: approved (201, 00, authorized)', { kind: 'approve' }, { cardType: 'MASTERCARD' }),
  scenario('approved-amex', '378282246310005', 'AMEX: approved (201, 00, authorized)', { kind: 'approve' }, { cardType: 'AMEX' }),
  scenario('approved-diners', '30569309025904', 'DINERS: approved (201, 00, authorized)', { kind: 'approve' }, { cardType: 'DINERS' }),
  scenario('approved-credencial', '5895620050000001', 'CREDENCIAL (emulator BIN 589562): approved (201, 00, authorized)', { kind: 'approve' }, { cardType: 'CREDENCIAL' }),
  scenario('declined-04', '4040000000000004', 'Declined 04 "Pick up card" (402, processor_declined); BIN and last four of the card seen failing validation in 2016', decline('04')),
  scenario('declined-05', '4000000080000005', 'Declined 05 "Do not honor" (402, processor_declined)', decline('05')),
  scenario('declined-41-lost', '4000000060000041', 'Declined 41 lost card (402, processor_declined)', decline('41')),
  scenario('declined-43-stolen', '4000000050000043', 'Declined 43 stolen card, reported by its owner (402, processor_declined)', decline('43')),
  scenario('declined-51-insufficient-funds', '4000000000000051', 'Declined 51 insufficient funds (402, processor_declined)', decline('51')),
  scenario('declined-54-expired', '4000000080000054', 'Declined 54 expired card at the issuer (402, processor_declined)', decline('54')),
  scenario('declined-61-limit-exceeded', '4000000040000061', "Declined 61: the card's amount limit is exceeded (402, processor_declined)", decline('61')),
  // Codes a production integration of ~2018 handled (MindBodyPayments' list of Tpaga errorCodes).
  scenario('declined-14-invalid-card', '4000003000000014', 'Declined 14 invalid card number at the issuer (402, processor_declined)', decline('14')),
  scenario('declined-56-no-card-record', '4000007000000056', 'Declined 56 no card record (402, processor_declined)', decline('56')),
  scenario('declined-57-not-permitted', '4000002000000057', 'Declined 57 transaction not permitted to the cardholder (402, processor_declined)', decline('57')),
  scenario('declined-62-restricted', '4000008000000062', 'Declined 62 restricted card (402, processor_declined)', decline('62')),
  scenario('declined-65-frequency-limit', '4000002000000065', 'Declined 65 withdrawal frequency limit exceeded (402, processor_declined)', decline('65')),
  scenario('declined-91-issuer-unavailable', '4000001000000091', 'Declined 91 issuer or switch inoperative (402, processor_declined)', decline('91')),
  scenario('fraudulent', '4000000010000059', 'Rejected by anti-fraud: 402, errorCode 59, status fraudulent', decline('59', 'fraudulent')),
  scenario('unknown-status-9999', '4000000030009999', 'Unknown payment status: 402, errorCode 9999, status stays created (treat as pending, reconcile)', decline('9999', 'created')),
  scenario('unknown-status-empty', '4000000010000000', 'Unknown payment status with an empty errorCode: 402, errorCode "", status created', decline('', 'created')),
  scenario('processor-unavailable', '4000000070000502', 'Gateway failure: HTTP 502 (HTML), nothing is charged', { kind: 'gateway', httpStatus: 502, charged: false }),
  scenario('processor-timeout-charged', '4000000060000504', 'Gateway timeout: HTTP 504 (HTML) although the card WAS charged (authorized); find it in /__admin/transactions', {
    kind: 'gateway',
    httpStatus: 504,
    charged: true,
  }),
];

/** The scenario whose trigger is this card number. */
export function cardScenario(pan: string): TpagaScenario | undefined {
  return tpagaScenarios.find((s) => s.trigger?.card === pan);
}
