/**
 * PlacetoPay scenario catalog. Card scenarios are the test cards of the real sandbox
 * (reference §11, `live: true`); the others are reachable with `X-Pasarela-Scenario`,
 * `POST /__admin/scenarios/next` or `POST /__admin/complete {"outcome": id}`.
 *
 * Stages say where a scenario applies:
 *   payment  — the result of one payment attempt (hosted page, admin complete, collect)
 *   session  — something that ends the session without a payment (user cancel, expiry)
 *   request  — the API call itself fails (authentication states no request can reach)
 *   confirm  — the answer to `action: confirm` on a pending-confirmation transaction
 */
import type { Scenario } from '../emulators/kernel/types.ts';

export type CardBrand = 'visa' | 'master' | 'amex' | 'diners' | 'discover' | 'maestro' | 'somos' | 'exito' | 'alkosto' | 'ath' | 'ebt' | 'alia';
export type ThreeDS = 'Y' | 'C' | 'A' | 'N' | 'R' | 'D';

/** What a payment attempt does. */
export type PaymentEffect =
  | { kind: 'approve' }
  | { kind: 'reject'; reason: string }
  /** Transaction PENDING (`?-`), resolved after `afterSeconds` of virtual time. */
  | { kind: 'pending'; then: 'APPROVED' | 'REJECTED'; afterSeconds?: number; manual?: boolean }
  /** Processing exception: transaction FAILED (`XH`); the session stays open. */
  | { kind: 'exception' }
  | { kind: 'approve-below'; usd: number }
  | { kind: 'approve-with'; expiry: string; cvv: string };

export type PlacetoPayOutcome = { status: string; reason: string | number; then?: { status: string; reason: string; afterSeconds: number } } & Record<string, unknown>;

export interface PlacetoPayScenario extends Scenario<PlacetoPayOutcome> {
  stage: 'payment' | 'session' | 'request' | 'confirm';
  brand?: CardBrand;
  threeDS?: ThreeDS;
  effect?: PaymentEffect;
  /** For `request` scenarios: the authentication code (10x) answered with HTTP 401. */
  authCode?: number;
}

/** Seconds a generic pending transaction waits before it resolves (emulator choice). */
export const PENDING_SECONDS = 300;
/** The "180 s delay" cards of the real sandbox. */
export const DELAY_SECONDS = 180;

const outcomeOf = (effect: PaymentEffect): PlacetoPayOutcome => {
  switch (effect.kind) {
    case 'approve':
      return { status: 'APPROVED', reason: '00' };
    case 'reject':
      return { status: 'REJECTED', reason: effect.reason };
    case 'pending': {
      const afterSeconds = effect.afterSeconds ?? PENDING_SECONDS;
      return { status: 'PENDING', reason: '?-', then: { status: effect.then, reason: effect.then === 'APPROVED' ? '00' : '05', afterSeconds } };
    }
    case 'exception':
      return { status: 'FAILED', reason: 'XH' };
    case 'approve-below':
      return { status: 'APPROVED', reason: '00', otherwise: { status: 'REJECTED', reason: '61' }, limitUsd: effect.usd };
    case 'approve-with':
      return { status: 'APPROVED', reason: '00', otherwise: { status: 'REJECTED', reason: '05' }, requires: { expiry: effect.expiry, cvv: effect.cvv } };
  }
};

const BRAND_NAMES: Record<CardBrand, string> = {
  visa: 'Visa', master: 'Mastercard', amex: 'American Express', diners: 'Diners Club', discover: 'Discover', maestro: 'Maestro',
  somos: 'Somos', exito: 'Tarjeta Éxito', alkosto: 'Tarjeta Alkosto', ath: 'ATH', ebt: 'EBT', alia: 'ALIA',
};

function card(id: string, brand: CardBrand, cards: string[], effect: PaymentEffect, what: string, threeDS?: ThreeDS): PlacetoPayScenario {
  return {
    id,
    description: `${BRAND_NAMES[brand]} test card: ${what}${threeDS ? ` (3-D Secure ${threeDS})` : ''}`,
    trigger: { cards },
    outcome: outcomeOf(effect),
    live: true,
    stage: 'payment',
    brand,
    threeDS,
    effect,
  };
}

const approve: PaymentEffect = { kind: 'approve' };
const reject: PaymentEffect = { kind: 'reject', reason: '05' };
const pendingApproved: PaymentEffect = { kind: 'pending', then: 'APPROVED' };
const pendingRejected: PaymentEffect = { kind: 'pending', then: 'REJECTED' };
const delayedApproved: PaymentEffect = { kind: 'pending', then: 'APPROVED', afterSeconds: DELAY_SECONDS };
const manualApproved: PaymentEffect = { kind: 'pending', then: 'APPROVED', manual: true };

const cards: PlacetoPayScenario[] = [
  card('visa-approved', 'visa', ['4110760000000081', '4110770010002837', '4381080000000029'], approve, 'approves'),
  card('visa-approved-3ds-y', 'visa', ['4111111111111111'], approve, 'approves', 'Y'),
  card('visa-approved-3ds-c', 'visa', ['4110760000000008'], approve, 'approves after a challenge', 'C'),
  card('visa-rejected', 'visa', ['4110760000000016', '4005580000000040', '4716375184092180', '4381080000000011'], reject, 'rejects'),
  card('visa-pending-approved', 'visa', ['4110760000000073', '4509564638437551'], pendingApproved, 'pending, then approved'),
  card('visa-pending-rejected', 'visa', ['4048370000000037', '4381080000000003', '4864921336824366', '4931974429847108'], pendingRejected, 'pending, then rejected'),
  card('visa-pending-approved-3ds-c', 'visa', ['4110760000000032'], pendingApproved, 'pending, then approved', 'C'),
  card('visa-pending-rejected-3ds-a', 'visa', ['4110760000000040'], pendingRejected, 'pending, then rejected', 'A'),
  card('visa-exception-3ds-n', 'visa', ['4110760000000065'], { kind: 'exception' }, 'processing exception', 'N'),
  card('visa-delayed-approved', 'visa', ['4110760000000024', '4666666666666669'], delayedApproved, '180 s delay, then approved'),
  card('visa-delayed-rejected', 'visa', ['4110760000000115'], { kind: 'pending', then: 'REJECTED', afterSeconds: DELAY_SECONDS }, '180 s delay, then rejected'),
  card('visa-approved-below-200-usd', 'visa', ['4110760000000057'], { kind: 'approve-below', usd: 200 }, 'approves below 200 USD, rejects otherwise'),
  card('visa-approved-with-expiry-cvv', 'visa', ['4012888888881881'], { kind: 'approve-with', expiry: '11/28', cvv: '917' }, 'approves only with expiry 11/28 and CVV 917'),
  card('visa-manual-rejected', 'visa', ['4532034637206853'], { kind: 'pending', then: 'REJECTED', manual: true }, 'manual review, then rejected'),
  card('master-approved', 'master', ['5367680000000005'], approve, 'approves'),
  card('master-approved-3ds-y', 'master', ['5180300000000005'], approve, 'approves', 'Y'),
  card('master-approved-3ds-c', 'master', ['5292594382060745'], approve, 'approves after a challenge', 'C'),
  card('master-rejected', 'master', ['5367680000000013'], reject, 'rejects'),
  card('master-rejected-3ds-n', 'master', ['5180300000000039'], reject, 'rejects', 'N'),
  card('master-pending-approved-3ds-c', 'master', ['5180300000000047'], pendingApproved, 'pending, then approved', 'C'),
  card('master-pending-rejected-3ds-a', 'master', ['5180300000000054'], pendingRejected, 'pending, then rejected', 'A'),
  card('diners-approved', 'diners', ['36545400000008', '36545407032848'], approve, 'approves'),
  card('diners-rejected', 'diners', ['36545400000248'], reject, 'rejects'),
  card('diners-manual-approved', 'diners', ['36545400000701', '36545407032780'], manualApproved, 'manual review, then approved'),
  card('diners-pending-approved', 'diners', ['36545407032806'], pendingApproved, 'pending, then approved'),
  card('diners-pending-rejected', 'diners', ['36545407030701'], pendingRejected, 'pending, then rejected'),
  card('diners-delayed-approved', 'diners', ['36545400000438'], delayedApproved, '180 s delay, then approved'),
  card('amex-approved', 'amex', ['377222581193005'], approve, 'approves'),
  card('amex-rejected', 'amex', ['376651792202224'], reject, 'rejects'),
  card('amex-pending-approved', 'amex', ['376651552907400'], pendingApproved, 'pending, then approved'),
  card('amex-pending-rejected', 'amex', ['376651743308161', '376651736695301'], pendingRejected, 'pending, then rejected'),
  card('amex-exception', 'amex', ['376651841246735'], { kind: 'exception' }, 'processing exception'),
  card('amex-approved-below-200-usd', 'amex', ['376651911424709'], { kind: 'approve-below', usd: 200 }, 'approves below 200 USD, rejects otherwise'),
  card('amex-approved-with-expiry-cvv', 'amex', ['376651001281274'], { kind: 'approve-with', expiry: '06/34', cvv: '4637' }, 'approves only with expiry 06/34 and CVV 4637'),
  card('amex-manual-approved', 'amex', ['376651707554974'], manualApproved, 'manual review, then approved'),
  card('amex-delayed-approved', 'amex', ['376651242830343'], delayedApproved, '180 s delay, then approved'),
  card('discover-approved', 'discover', ['6550590000000001', '6557351234543156'], approve, 'approves'),
  card('discover-approved-3ds-y', 'discover', ['6508410000000001'], approve, 'approves', 'Y'),
  card('discover-approved-3ds-c', 'discover', ['6508410000000047'], approve, 'approves after a challenge', 'C'),
  card('discover-rejected', 'discover', ['6550590000000019', '6557351234543164'], reject, 'rejects'),
  card('discover-rejected-3ds-n', 'discover', ['6508410000000021'], reject, 'rejects', 'N'),
  card('discover-rejected-3ds-r', 'discover', ['6508410000000039'], reject, 'rejects', 'R'),
  card('discover-pending-approved', 'discover', ['6550590000000027'], pendingApproved, 'pending, then approved'),
  card('discover-pending-rejected', 'discover', ['6550590000000035'], pendingRejected, 'pending, then rejected'),
  card('discover-pending-approved-3ds-d', 'discover', ['6508410000000054'], pendingApproved, 'pending, then approved', 'D'),
  card('maestro-approved', 'maestro', ['6759649826438453'], approve, 'approves'),
  card('somos-approved', 'somos', ['8810060001592705'], approve, 'approves'),
  card('exito-approved', 'exito', ['5903090000000000'], approve, 'approves'),
  card('alkosto-approved', 'alkosto', ['5903120000000000'], approve, 'approves'),
  card('ath-approved', 'ath', ['0215020177972730', '2215714777972730'], approve, 'approves'),
  card('ath-rejected', 'ath', ['0215026116775785'], reject, 'rejects'),
  card('ath-pending-approved', 'ath', ['2215716999194052'], pendingApproved, 'pending, then approved'),
  card('ath-pending-rejected', 'ath', ['0215025888083941', '0215027111105163'], pendingRejected, 'pending, then rejected'),
  card('ath-exception', 'ath', ['2215719446775653'], { kind: 'exception' }, 'processing exception'),
  card('ebt-approved', 'ebt', ['5077120000008725945'], approve, 'approves'),
  card('ebt-rejected', 'ebt', ['5077122000019136403'], reject, 'rejects'),
  card('ebt-exception', 'ebt', ['5077122291247660955'], { kind: 'exception' }, 'processing exception'),
  card('ebt-approved-below-200-usd', 'ebt', ['5077122223995193780'], { kind: 'approve-below', usd: 200 }, 'approves below 200 USD, rejects otherwise'),
  card('alia-approved', 'alia', ['5058740200053106'], approve, 'approves'),
  card('alia-rejected', 'alia', ['5058760305223909'], reject, 'rejects'),
  card('alia-exception', 'alia', ['5058740900041432'], { kind: 'exception' }, 'processing exception'),
];

function outcome(id: string, description: string, effect: PaymentEffect): PlacetoPayScenario {
  return { id, description, trigger: null, outcome: outcomeOf(effect), live: false, stage: 'payment', effect };
}

/** Processor reason codes with the texts the real service shows (es / en). */
export const REJECTION_REASONS: Record<string, { es: string; en: string }> = {
  '01': { es: 'Negada, comuníquese con la entidad emisora', en: 'Declined, contact the card issuer' },
  '05': { es: 'Negada, transacción declinada', en: 'Declined, transaction declined' },
  '14': { es: 'Tarjeta inválida', en: 'Invalid card' },
  '51': { es: 'Fondos insuficientes', en: 'Insufficient funds' },
  '54': { es: 'Tarjeta vencida', en: 'Expired card' },
  '61': { es: 'Excede el monto límite', en: 'Exceeds the amount limit' },
  '65': { es: 'Excede la frecuencia de uso', en: 'Exceeds the usage frequency limit' },
  XA: { es: 'Rechazo financiero', en: 'Financial rejection' },
  X3: { es: 'Error de validación', en: 'Validation error' },
};

const outcomes: PlacetoPayScenario[] = [
  outcome('approved', 'The payment is approved (transaction APPROVED 00, session APPROVED)', approve),
  ...Object.entries(REJECTION_REASONS).map(([reason, text]) =>
    outcome(`rejected-${reason.toLowerCase()}`, `The payment is rejected: ${text.en} (transaction REJECTED ${reason}; the session stays PENDING so the buyer can retry)`, {
      kind: 'reject',
      reason,
    }),
  ),
  outcome('pending-approved', `The payment stays PENDING (?-) for ${PENDING_SECONDS} s, then is approved`, pendingApproved),
  outcome('pending-rejected', `The payment stays PENDING (?-) for ${PENDING_SECONDS} s, then is rejected`, pendingRejected),
  outcome('failed-exception', 'The processor fails: transaction FAILED XH; the session stays PENDING', { kind: 'exception' }),
  {
    id: 'session-cancelled-by-user',
    description: 'The buyer presses "I don\'t want to continue": session REJECTED ?C, browser sent to cancelUrl',
    trigger: null,
    outcome: { status: 'REJECTED', reason: '?C' },
    live: false,
    stage: 'session',
  },
  {
    id: 'session-expired',
    description: 'The session reaches its expiration unpaid: REJECTED EX (PARTIAL_EXPIRED PX when partly paid)',
    trigger: null,
    outcome: { status: 'REJECTED', reason: 'EX' },
    live: false,
    stage: 'session',
  },
  ...(
    [
      [104, 'inactive-site', 'The site is inactive'],
      [105, 'expired-site', 'The site has expired'],
      [106, 'expired-credentials', 'The credentials have expired'],
      [10001, 'contact-support', 'Authentication needs PlacetoPay support'],
    ] as const
  ).map(
    ([code, name, what]): PlacetoPayScenario => ({
      id: `auth-${name}`,
      description: `${what}: any API call answers HTTP 401, FAILED, reason 401, "Authentication failed ${code}"`,
      trigger: null,
      outcome: { status: 'FAILED', reason: 401, authCode: code },
      live: false,
      stage: 'request',
      authCode: code,
    }),
  ),
  {
    id: 'confirm-declined',
    description: 'action=confirm is declined by the network: HTTP 200, FAILED BR "The request could not be processed"',
    trigger: null,
    outcome: { status: 'FAILED', reason: 'BR' },
    live: false,
    stage: 'confirm',
  },
];

export const placetopayScenarios: readonly PlacetoPayScenario[] = [...cards, ...outcomes];

/** The scenario of a listed test card, by number. */
export function cardScenario(number: string): PlacetoPayScenario | undefined {
  return placetopayScenarios.find((s) => (s.trigger?.cards as string[] | undefined)?.includes(number));
}
