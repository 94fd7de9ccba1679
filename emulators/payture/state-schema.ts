/**
 * JSON Schemas of what the Payture emulator stores (`state.ts`), for snapshots and the
 * state file: a restore is checked against them in full before it replaces anything, so a
 * hand-edited or truncated file is refused with the first problem named (400) instead of
 * turning later requests into 500s. Tables are objects keyed by client values.
 */
const text = { type: 'string' };
const iso = { type: 'string', minLength: 10, maxLength: 40 };
const kopecks = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
const strings = { type: 'object', additionalProperties: text };
const table = (row: Record<string, unknown>) => ({ type: 'object', additionalProperties: row });

const threeDS = {
  type: 'object',
  required: ['md', 'paReq', 'expiresAt'],
  properties: { md: text, paReq: text, paRes: text, result: { enum: ['Y', 'N', 'U'] }, then: text, expiresAt: iso, termUrl: text },
};

const order = {
  type: 'object',
  required: ['orderId', 'family', 'sessionType', 'state', 'amount', 'authorized', 'charged', 'settled', 'refunds', 'is3DS', 'customFields', 'createdAt', 'updatedAt', 'history'],
  properties: {
    orderId: text,
    family: { enum: ['api', 'inpay', 'ewallet'] },
    sessionType: { enum: ['Pay', 'Block'] },
    state: { enum: ['New', 'PreAuthorized3DS', 'Authorized', 'Voided', 'Charged', 'Refunded', 'Rejected', 'Error'] },
    amount: kopecks,
    authorized: kopecks,
    charged: kopecks,
    settled: kopecks,
    refunds: kopecks,
    card: {
      type: 'object',
      required: ['mask'],
      // A full card number never belongs in the state: masks only.
      properties: { mask: { type: 'string', pattern: '^\\d{0,6}x*\\d{0,4}$' }, holder: text, expiry: text, cardId: text },
    },
    customer: text,
    sessionId: text,
    scenario: text,
    is3DS: { type: 'boolean' },
    threeDS,
    rrn: text,
    authCode: text,
    errCode: text,
    ip: text,
    customFields: strings,
    createdAt: iso,
    updatedAt: iso,
    history: {
      type: 'array',
      items: { type: 'object', required: ['at', 'command', 'state'], properties: { at: iso, command: text, state: text, amount: { type: 'number' }, errCode: text } },
    },
  },
};

const session = {
  type: 'object',
  required: ['sessionId', 'family', 'sessionType', 'orderId', 'amount', 'origin', 'display', 'createdAt', 'expiresAt', 'badEntries'],
  properties: {
    sessionId: text,
    family: { enum: ['inpay', 'ewallet'] },
    sessionType: { enum: ['Pay', 'Block', 'Add'] },
    orderId: text,
    amount: kopecks,
    origin: text,
    url: text,
    customer: text,
    cardId: text,
    display: strings,
    ip: text,
    createdAt: iso,
    expiresAt: iso,
    badEntries: kopecks,
    result: { type: 'object', required: ['success', 'at'], properties: { success: { type: 'boolean' }, errCode: text, at: iso } },
    pendingMd: text,
    forcedOutcome: text,
  },
};

const card = {
  type: 'object',
  required: ['cardId', 'mask', 'holder', 'expMonth', 'expYear', 'fingerprint', 'cvvRequired', 'status', 'hold', 'removed', 'createdAt'],
  properties: {
    cardId: text,
    mask: { type: 'string', pattern: '^\\d{0,6}x*\\d{0,4}$' },
    holder: text,
    expMonth: { type: 'integer', minimum: 1, maximum: 12 },
    expYear: { type: 'integer', minimum: 1900, maximum: 9999 },
    fingerprint: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    scenario: text,
    cvvRequired: { type: 'boolean' },
    status: { enum: ['NotActive', 'IsActive', 'Pending3DS'] },
    hold: kopecks,
    threeDS,
    removed: { type: 'boolean' },
    createdAt: iso,
    lastUsedAt: iso,
  },
};

const customer = {
  type: 'object',
  required: ['login', 'passwordHash', 'createdAt', 'cards', 'codes'],
  properties: {
    login: text,
    passwordHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    phone: text,
    email: text,
    createdAt: iso,
    cards: table(card),
    codes: table({ type: 'object', required: ['amount', 'cardId'], properties: { amount: kopecks, cardId: text } }),
  },
};

/** One terminal's state: `PaytureState`. */
export const paytureStateSchema = {
  type: 'object',
  required: ['orders', 'sessions', 'customers'],
  properties: { orders: table(order), sessions: table(session), customers: table(customer) },
};

/** What hosted pages and the ACS reach without credentials: `PaytureShared`. */
export const paytureSharedSchema = {
  type: 'object',
  required: ['sessions', 'threeDS'],
  properties: {
    sessions: table(text),
    threeDS: table({ type: 'object', required: ['merchant'], properties: { merchant: text, orderId: text, customer: text, cardId: text } }),
  },
};
