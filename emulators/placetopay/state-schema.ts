/**
 * JSON Schemas of what `state.ts` stores, as it appears in a snapshot or a state file. The
 * kernel checks a restore against them before anything is replaced, so a hand-edited file
 * is refused with its first problem named instead of failing later requests. Values the
 * code looks up (scenario ids, card brands, kinds) are enums; dates the code parses are
 * `date-time`; counters are safe integers.
 */
import { placetopayScenarios } from '../../scenarios/placetopay.ts';
import { BRANDS } from './payments.ts';

const text = { type: 'string' };
const maybeText = { type: 'string' };
const flag = { type: 'boolean' };
const id = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };
const count = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
const amount = { type: 'number', minimum: 0 };
const instant = { type: 'string', format: 'date-time' };
const scenarioId = { enum: placetopayScenarios.map((s) => s.id) };
const decimalKey = { pattern: '^[1-9][0-9]{0,14}$' };

const object = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', required, properties });
/** A `Table`: an object of rows keyed by id. */
const table = (row: unknown, propertyNames?: unknown) => ({ type: 'object', additionalProperties: row, ...(propertyNames ? { propertyNames } : {}) });

const status = object({ status: text, reason: { type: ['string', 'number', 'null'] }, date: instant }, ['status', 'reason', 'date']);

const card = object(
  {
    brand: { enum: Object.keys(BRANDS) },
    bin: { type: 'string', pattern: '^[0-9]{0,8}$' },
    lastDigits: { type: 'string', pattern: '^[0-9]{0,4}$' },
    expiration: { type: 'string', maxLength: 4 },
    installments: { type: 'integer', minimum: 1, maximum: 99 },
  },
  ['brand', 'bin', 'lastDigits', 'expiration', 'installments'],
);

const transaction = object(
  {
    internalReference: id,
    requestId: id,
    kind: { enum: ['payment', 'checkin', 'reauthorization', 'checkout', 'refund'] },
    reference: text,
    status,
    paymentMethod: text,
    paymentMethodName: text,
    issuerName: text,
    franchise: text,
    currency: text,
    total: amount,
    authorization: text,
    receipt: text,
    refunded: flag,
    refundedTotal: amount,
    card,
    scenario: scenarioId,
    pending: object({ then: { enum: ['APPROVED', 'REJECTED'] }, reason: text, at: instant }, ['then', 'reason', 'at']),
    confirmBy: instant,
    parent: id,
    settlesAt: instant,
    held: amount,
    closed: flag,
    confirmationExpired: flag,
  },
  ['internalReference', 'requestId', 'kind', 'reference', 'status', 'currency', 'total', 'refunded', 'refundedTotal', 'card', 'scenario', 'settlesAt'],
);

const session = object(
  {
    requestId: id,
    login: text,
    kind: { enum: ['payment', 'subscription', 'checkin', 'collect', 'autopay'] },
    processKey: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    processUrl: text,
    request: { type: 'object' },
    locale: text,
    reference: text,
    currency: text,
    total: amount,
    allowPartial: flag,
    requiresConfirmation: flag,
    status,
    createdAt: text,
    expiresAt: instant,
    returnUrl: text,
    cancelUrl: maybeText,
    notificationUrl: maybeText,
    skipResult: flag,
    hold: flag,
    transactions: { type: 'array', items: id },
    subscription: { anyOf: [{ type: 'null' }, object({ status, token: text }, ['status', 'token'])] },
    failedAttempts: count,
    closedBy: { enum: ['user', 'merchant', 'confirmation'] },
    forcedOutcome: scenarioId,
    history: { type: 'array', items: object({ at: text, status: text, reason: { type: ['string', 'number', 'null'] }, note: text }, ['at', 'status']) },
  },
  ['requestId', 'login', 'kind', 'processKey', 'processUrl', 'request', 'locale', 'reference', 'currency', 'total', 'status', 'expiresAt', 'returnUrl', 'transactions', 'subscription', 'failedAttempts', 'history'],
);

const token = object(
  {
    token: text,
    subtoken: text,
    requestId: id,
    card,
    franchise: text,
    franchiseName: text,
    issuerName: text,
    paymentMethod: text,
    validUntil: text,
    scenario: scenarioId,
    status: { enum: ['active', 'invalidated'] },
    createdAt: text,
  },
  ['token', 'subtoken', 'requestId', 'card', 'scenario', 'status'],
);

/** One merchant's `PtpState`. */
export const stateSchema = object(
  {
    sessions: table(session, decimalKey),
    transactions: table(transaction, decimalKey),
    tokens: table(token),
    subtokens: table(text),
    collects: table(object({ requestId: id, at: instant }, ['requestId', 'at'])),
  },
  ['sessions', 'transactions', 'tokens', 'subtokens', 'collects'],
);

/** `PtpShared`. */
export const sharedSchema = object(
  {
    owners: table(text, decimalKey),
    nextDueMs: { type: ['number', 'null'] },
  },
  ['owners', 'nextDueMs'],
);
