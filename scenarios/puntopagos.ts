/**
 * PuntoPagos scenario catalog: every `respuesta` code of reference §4, reachable.
 *
 * Stages say where a scenario applies:
 *   payment — how a payment on the hosted page ends (page form, `POST /__admin/complete`,
 *             or remembered from `X-Pasarela-Scenario` on the create call);
 *   request — the API call itself answers with that code (create and/or status).
 *
 * The Webpay test cards are the real sandbox's (`live: true`). Codes with a natural
 * trigger (3 duplicate trx_id, 4 unknown token, 9 IP allowlist, 99 bad key / input /
 * method) also have a scenario, so that any answer is one header away.
 */
import type { Scenario } from '../emulators/kernel/types.ts';

/** Where a transaction can be (reference §5); CREATED answers status "6". */
export type TxState = 'CREATED' | 'APPROVED' | 'REJECTED' | 'VOIDED' | 'ISSUER_ERROR' | 'CHARGED_WITH_PROBLEMS';

/** Messages as the seed's code table and the recorded bodies spell them (no accents). */
export const MESSAGES = {
  '1': 'Transaccion rechazada',
  '2': 'Transaccion anulada',
  '3': 'Transaccion ya existe',
  '4': 'Transaccion no existe',
  '5': 'Transaccion ya procesada',
  '6': 'Transaccion incompleta',
  '7': 'Error del financiador',
  '8': 'Error del sistema',
  '9': 'IP no autorizada para realizar esta accion',
  '11': 'Cargo realizado con problemas, revise su estado de cuenta',
} as const;

/** The observed `99` messages (reference §2.3). */
export const ERROR_99 = {
  key: 'La llave no existe',
  input: 'Input string was not in a correct format.',
  paymentMethod: 'Financiador no válido',
} as const;

export type PuntoPagosOutcome = { respuesta: string; error?: string | null } & Record<string, unknown>;

export interface PuntoPagosScenario extends Scenario<PuntoPagosOutcome> {
  stage: 'payment' | 'request';
  /** payment: the state the transaction ends in (CREATED: the buyer left without paying). */
  state?: TxState;
  /** request: the API operations it answers. */
  operations?: readonly ('create' | 'status')[];
}

const payment = (id: string, state: TxState, respuesta: keyof typeof MESSAGES | '00', description: string): PuntoPagosScenario => ({
  id,
  description,
  trigger: null,
  outcome: respuesta === '00' ? { respuesta } : { respuesta, error: MESSAGES[respuesta] },
  live: false,
  stage: 'payment',
  state,
});

const request = (id: string, respuesta: string, error: string, operations: ('create' | 'status')[], description: string): PuntoPagosScenario => ({
  id,
  description: `${description} (${operations.join(' and ')} answer${operations.length === 1 ? 's' : ''} respuesta "${respuesta}")`,
  trigger: null,
  outcome: { respuesta, error },
  live: false,
  stage: 'request',
  operations,
});

/** A test card of the real sandbox's manuals: paying with it ends the payment in `state`. */
const card = (id: string, trigger: { card: string; cvv: string; medio_pago: number }, state: TxState, live: boolean, description: string): PuntoPagosScenario => ({
  id,
  description,
  trigger,
  outcome: state === 'APPROVED' ? { respuesta: '00' } : { respuesta: '1', error: MESSAGES['1'] },
  live,
  stage: 'payment',
  state,
});

export const puntopagosScenarios: readonly PuntoPagosScenario[] = [
  card('webpay-visa-approved', { card: '4051885600446623', cvv: '123', medio_pago: 3 }, 'APPROVED', true,
    'Webpay (medio_pago 3) test Visa, CVV 123, any expiry: approved; status 00 with numero_tarjeta "6623", codigo_autorizacion "281172"'),
  card('webpay-mastercard-rejected', { card: '5186059559590568', cvv: '123', medio_pago: 3 }, 'REJECTED', true,
    'Webpay (medio_pago 3) test Mastercard, CVV 123, any expiry: rejected'),
  card('ripley-approved', { card: '6281561467501027', cvv: '360', medio_pago: 10 }, 'APPROVED', false,
    'Tarjeta Ripley (medio_pago 10) test card of the 2015–2021 manuals (RUT 16389806-3, CVV 360): approved'),
  payment('approved', 'APPROVED', '00', 'The payment is approved: status 00 with the payment fields, notification, success URL'),
  payment('rejected', 'REJECTED', '1', 'The issuer rejects the payment: status 1, failure URL'),
  payment('voided', 'VOIDED', '2', 'The buyer presses "Anular compra" on the hosted page: status 2, failure URL'),
  payment('abandoned', 'CREATED', '6', 'The buyer goes back to the shop without paying: status stays 6, failure URL, no notification'),
  payment('issuer-error', 'ISSUER_ERROR', '7', 'The payment method (financiador) fails: status 7, failure URL'),
  payment('charged-with-problems', 'CHARGED_WITH_PROBLEMS', '11', 'Charged, but with problems: status 11 with the payment fields, failure URL'),
  request('duplicate-trx-id', '3', MESSAGES['3'], ['create'], 'The trx_id already exists; naturally: create twice with one trx_id for a merchant with uniqueTrxId (the 2018 sandbox accepted repeats)'),
  request('unknown-token', '4', MESSAGES['4'], ['status'], 'The token does not exist; naturally: query a token this merchant never created, for a merchant with unknownToken "respuesta-4" (otherwise HTTP 400, as the Python client documents)'),
  request('already-processed', '5', MESSAGES['5'], ['create', 'status'], 'The transaction was already processed'),
  request('system-error', '8', MESSAGES['8'], ['create', 'status'], 'PuntoPagos has a system error'),
  request('ip-not-allowed', '9', MESSAGES['9'], ['create', 'status'], 'The caller IP is not allowed; naturally: a merchant with allowedIps that exclude it'),
  request('invalid-key', '99', ERROR_99.key, ['create', 'status'], 'Unknown key id; naturally: any key id not configured'),
  request('invalid-input', '99', ERROR_99.input, ['create', 'status'], 'Malformed input; naturally: an empty or non-numeric trx_id or monto'),
  request('invalid-payment-method', '99', ERROR_99.paymentMethod, ['create'], 'Unsupported medio_pago; naturally: a medio_pago the merchant does not have'),
];

/** The scenario of a test card, by number. */
export function cardScenario(number: string): PuntoPagosScenario | undefined {
  return puntopagosScenarios.find((s) => s.trigger?.card === number);
}
