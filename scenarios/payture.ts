/**
 * Payture scenario catalog. Card scenarios are the sandbox test cards of reference §9
 * (`live: true`); every ErrCode of §7 also has a scenario of its own (id = the code in
 * lower case with dashes, e.g. `issuer-fail`), reachable with `X-Pasarela-Scenario`,
 * `POST /__admin/scenarios/next` or `POST /__admin/complete {"outcome": id}`.
 *
 * A scenario applies where its `group` makes sense (see `ErrCodeGroup`): a `payment`
 * code declines an authorization (the order becomes Rejected or Error), a `capture` code
 * refuses a Charge or Unblock, and so on. `acs` scenarios are what the 3-D Secure page
 * answers.
 */
import { ERR_CODES, type ErrCodeGroup } from '../clients/payture/errcodes.ts';
import type { Scenario } from '../emulators/kernel/types.ts';

/** What one step of an order does. */
export type StepEffect =
  | { kind: 'approve' }
  /** Success="3DS": the ACS page decides; `then` declines after a successful ACS. */
  | { kind: '3ds'; then?: string }
  | { kind: 'decline'; errCode: string }
  /** Declines with `errCode` when the amount is above `limit` (kopecks). */
  | { kind: 'decline-above'; limit: number; errCode: string }
  /** Succeeds, but the answer takes `slowDelayMs` (default 40 s of real time). */
  | { kind: 'slow' };

export type Step = 'authorize' | 'add' | 'charge' | 'unblock' | 'refund';

export type PaytureOutcome = Record<string, unknown> & { Success: string };

export interface PaytureScenario extends Scenario<PaytureOutcome> {
  group: ErrCodeGroup | 'acs';
  /** For test cards and forced outcomes: the effect on each step (absent = approve). */
  steps?: Partial<Record<Step, StepEffect>>;
  /** The ErrCode a forced scenario answers with. */
  errCode?: string;
  /** Test card needs SecureCode. */
  cvvRequired?: boolean;
  /** ACS page result for `acs` scenarios. */
  acs?: 'Y' | 'N' | 'U';
}

/** Real-time delay of the "40 s timeout" test cards (option `slowDelayMs` overrides it). */
export const SLOW_DELAY_MS = 40_000;
/** Non-3DS card used when an outcome is chosen without a card (hosted page, admin complete). */
export const DEFAULT_TEST_CARD = '4111111111100031';

const step = (s: Step, effect: StepEffect): Partial<Record<Step, StepEffect>> => ({ [s]: effect });
const decline = (errCode: string): StepEffect => ({ kind: 'decline', errCode });
const COMMAND: Record<Step, string> = { authorize: 'Pay/Block', add: 'Add', charge: 'Charge', unblock: 'Unblock', refund: 'Refund' };

function card(id: string, cards: string[], description: string, steps: Partial<Record<Step, StepEffect>>, extra: Partial<PaytureScenario> = {}): PaytureScenario {
  const [first] = Object.entries(steps) as [Step, StepEffect][];
  let outcome: PaytureOutcome = { Success: 'True' };
  if (first) {
    const [s, e] = first;
    if (e.kind === '3ds') outcome = { Success: '3DS', ...(e.then ? { then: { Success: 'False', ErrCode: e.then } } : {}) };
    else if (e.kind === 'decline') outcome = { Success: 'False', ErrCode: e.errCode, command: COMMAND[s] };
    else if (e.kind === 'decline-above') outcome = { Success: 'True', above: { Amount: e.limit, Success: 'False', ErrCode: e.errCode } };
    else if (e.kind === 'slow') outcome = { Success: 'True', command: COMMAND[s], delaySeconds: SLOW_DELAY_MS / 1000 };
  }
  return { id, description, trigger: { cards }, outcome, live: true, group: 'payment', steps, ...extra };
}

const cards: PaytureScenario[] = [
  card('card-approved', ['5218851946955484', '4011111111111112', '4111111111100031', '4111111111111112'], 'Test card: success without 3-D Secure, CVV optional', {}),
  card('card-approved-cvv-required', ['4111111111100023'], 'Test card: success without 3-D Secure, CVV required (WRONG_CVV without SecureCode)', {}, { cvvRequired: true }),
  card(
    'card-3ds',
    ['5486732058864471', '4111111111111111', '2202208311110010', '6390028880000000010', '2202201111110010', '676280000000000011', '6390020000000000010', '676280651854600010'],
    'Test card: success with 3-D Secure 1.0 (Success="3DS", then Pay3DS / Block3DS / PaySubmit3DS / AddSubmit3DS)',
    { ...step('authorize', { kind: '3ds' }), ...step('add', { kind: '3ds' }) },
  ),
  card('card-3ds-declined', ['4111111111111114', '4111111111111115'], 'Test card: 3-D Secure, then the payment fails after the ACS (THREE_DS_ERROR)', {
    ...step('authorize', { kind: '3ds', then: 'THREE_DS_ERROR' }),
    ...step('add', { kind: '3ds', then: 'THREE_DS_ERROR' }),
  }),
  card('card-slow-block', ['4100401111100062'], 'Test card: the hold (Block) answers after 40 s', step('authorize', { kind: 'slow' })),
  card('card-slow-unblock', ['4100401111100724'], 'Test card: Unblock answers after 40 s', step('unblock', { kind: 'slow' })),
  card('card-slow-charge', ['4100401111100328'], 'Test card: Charge answers after 40 s', step('charge', { kind: 'slow' })),
  card('card-slow-refund', ['4100401111103025'], 'Test card: Refund answers after 40 s', step('refund', { kind: 'slow' })),
  card('card-amount-exceed', ['3300000000000001'], 'Test card: insufficient funds (AMOUNT_EXCEED)', { ...step('authorize', decline('AMOUNT_EXCEED')), ...step('add', decline('AMOUNT_EXCEED')) }),
  card('card-wrong-expiry', ['4400000000000008'], 'Test card with a wrong expiry: WRONG_EXPIRE_DATE on Pay/Block, WRONG_PARAMS on eWallet Add', {
    ...step('authorize', decline('WRONG_EXPIRE_DATE')),
    ...step('add', decline('WRONG_PARAMS')),
  }),
  card('card-blacklisted', ['5500000000000004'], 'Test card: blacklisted (ISSUER_BLOCKED_CARD)', { ...step('authorize', decline('ISSUER_BLOCKED_CARD')), ...step('add', decline('ISSUER_BLOCKED_CARD')) }),
  card('card-nonexistent', ['6600000000000001'], 'Test card: non-existent card (ISSUER_CARD_FAIL)', { ...step('authorize', decline('ISSUER_CARD_FAIL')), ...step('add', decline('ISSUER_CARD_FAIL')) }),
  card('card-hold-limit', ['4111101000000046'], 'Test card: AMOUNT_EXCEED on a hold above 100 RUB (Amount > 10000)', step('authorize', { kind: 'decline-above', limit: 10_000, errCode: 'AMOUNT_EXCEED' })),
  card('card-hold-processing-error', ['4111111111100056'], 'Test card: PROCESSING_ERROR on the hold', { ...step('authorize', decline('PROCESSING_ERROR')), ...step('add', decline('PROCESSING_ERROR')) }),
  card('card-hold-issuer-blocked', ['4111111111100072'], 'Test card: ISSUER_BLOCKED_CARD on the hold', { ...step('authorize', decline('ISSUER_BLOCKED_CARD')), ...step('add', decline('ISSUER_BLOCKED_CARD')) }),
  card('card-hold-issuer-card-fail', ['4111111111100080'], 'Test card: ISSUER_CARD_FAIL on the hold', { ...step('authorize', decline('ISSUER_CARD_FAIL')), ...step('add', decline('ISSUER_CARD_FAIL')) }),
  card('card-charge-processing-error', ['4111111111100221'], 'Test card: the hold succeeds, Charge fails with PROCESSING_ERROR', step('charge', decline('PROCESSING_ERROR'))),
  card('card-unblock-processing-error', ['4111111111100627'], 'Test card: the hold succeeds, Unblock fails with PROCESSING_ERROR', step('unblock', decline('PROCESSING_ERROR'))),
  card('card-refund-processing-error', ['4111111111102029'], 'Test card: the payment succeeds, Refund fails with PROCESSING_ERROR', step('refund', decline('PROCESSING_ERROR'))),
];

const forced: PaytureScenario[] = [
  {
    id: 'approved',
    description: 'The authorization succeeds whatever the card (no 3-D Secure)',
    trigger: null,
    outcome: { Success: 'True' },
    live: false,
    group: 'payment',
    steps: { authorize: { kind: 'approve' }, add: { kind: 'approve' } },
  },
  {
    id: '3ds-required',
    description: 'The authorization asks for 3-D Secure whatever the card (Success="3DS")',
    trigger: null,
    outcome: { Success: '3DS' },
    live: false,
    group: 'payment',
    steps: { authorize: { kind: '3ds' }, add: { kind: '3ds' } },
  },
  { id: 'acs-authenticated', description: '3-D Secure page: the cardholder authenticates (the completion succeeds)', trigger: null, outcome: { Success: 'True' }, live: false, group: 'acs', acs: 'Y' },
  { id: 'acs-wrong-code', description: '3-D Secure page: a wrong code is entered (completion answers THREE_DS_USER_AUTH_FAIL)', trigger: null, outcome: { Success: 'False', ErrCode: 'THREE_DS_USER_AUTH_FAIL' }, live: false, group: 'acs', acs: 'N' },
  { id: 'acs-cancelled', description: '3-D Secure page: the cardholder cancels (completion answers THREE_DS_NOT_ATTEMPTED)', trigger: null, outcome: { Success: 'False', ErrCode: 'THREE_DS_NOT_ATTEMPTED' }, live: false, group: 'acs', acs: 'U' },
];

/** Scenario id of an ErrCode: `ISSUER_FAIL` → `issuer-fail`. */
export const errCodeScenarioId = (code: string): string => code.toLowerCase().replace(/_/g, '-');

const errCodes: PaytureScenario[] = ERR_CODES.map((e) => ({
  id: errCodeScenarioId(e.code),
  description: `${e.meaning} (${e.group === 'request' ? 'any command' : `${e.group} commands`})`,
  trigger: null,
  outcome: { Success: 'False', ErrCode: e.code },
  live: false,
  group: e.group,
  errCode: e.code,
}));

export const paytureScenarios: readonly PaytureScenario[] = [...cards, ...forced, ...errCodes];

/** The scenario of a listed test card, by number. */
export function cardScenario(pan: string): PaytureScenario | undefined {
  return cards.find((s) => (s.trigger!.cards as string[]).includes(pan));
}

/**
 * A test payment token for MobilePay / ApplePay / AndroidPay (emulator only): Base64 of
 * JSON `{ "pan"?: test card, "amount"?: kopecks }`. Real tokens are encrypted by the
 * wallet; the emulator accepts any Base64 and reads these two fields when present.
 */
export function testPayToken(fields: { pan?: string; amount?: number } = {}): string {
  return btoa(JSON.stringify(fields));
}
