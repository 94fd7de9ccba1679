/**
 * JSON Schemas of the Tpaga state as it appears in a snapshot or state file (state.ts):
 * one merchant's tables and the shared part. A restore is checked against them in full
 * before anything is replaced (kernel/snapshot-schema.ts), so a hand-edited file with
 * `"customers": 5` or a charge without an amount is refused with the problem named,
 * instead of turning later requests into 500s.
 */
import type { ChargeStatus } from '../../scenarios/tpaga.ts';

const CHARGE_STATUSES = ['created', 'authorized', 'processor_declined', 'fraudulent', 'settled', 'voided'] as const satisfies readonly ChargeStatus[];
// Fails to compile when a status is added to ChargeStatus but not here.
const everyStatus: Record<Exclude<ChargeStatus, (typeof CHARGE_STATUSES)[number]>, never> = {};
void everyStatus;

const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const bool = { type: 'boolean' };
const amount = { type: 'number', minimum: 0, maximum: 1e15 };
const instant = { type: 'string', minLength: 1 };

/** An object whose listed properties are all required and typed. */
const record = (properties: Record<string, unknown>) => ({ type: 'object', required: Object.keys(properties), properties });
/** A table: an object keyed by id, every row of one schema. */
const table = (row: Record<string, unknown>) => ({ type: 'object', additionalProperties: row });

const cardData = {
  bin: { type: 'string', pattern: '^\\d{6}$' },
  lastFour: { type: 'string', pattern: '^\\d{4}$' },
  type: { enum: ['VISA', 'MASTERCARD', 'AMEX', 'DINERS', 'CREDENCIAL'] },
  expirationMonth: str,
  expirationYear: str,
  cardHolderName: str,
  cardHolderLegalIdNumber: strOrNull,
  cardHolderLegalIdType: strOrNull,
  fingerprint: str,
  scenario: strOrNull,
};

const customer = record({
  id: str,
  firstName: strOrNull,
  lastName: strOrNull,
  email: strOrNull,
  phone: strOrNull,
  gender: strOrNull,
  legalIdNumber: strOrNull,
  merchantCustomerId: strOrNull,
  address: {
    anyOf: [
      { type: 'null' },
      record({
        addressLine1: strOrNull,
        addressLine2: strOrNull,
        postalCode: strOrNull,
        city: { anyOf: [{ type: 'null' }, record({ name: strOrNull, state: strOrNull, country: strOrNull })] },
      }),
    ],
  },
  deleted: bool,
  createdAt: instant,
});

const token = record({ token: str, card: record(cardData), used: bool, createdAt: instant });

const card = record({
  ...cardData,
  id: str,
  customer: str,
  billing: {
    anyOf: [{ type: 'null' }, record({ addressLine1: strOrNull, addressLine2: strOrNull, city: strOrNull, state: strOrNull, postalCode: strOrNull, country: strOrNull })],
  },
  validationCharge: { anyOf: [{ type: 'null' }, record({ successful: bool, errorCode: str })] },
  creditCardChecks: { anyOf: [{ type: 'null' }, record({ cardHolderLegalIdMatches: str })] },
  deleted: bool,
  createdAt: instant,
});

const charge = record({
  id: str,
  creditCard: str,
  customer: str,
  amount,
  taxAmount: amount,
  iacAmount: amount,
  tipAmount: amount,
  // Fees and the net can be below zero on tiny amounts (the fixed fee dominates).
  tpagaFeeAmount: { type: 'number' },
  reteRentaAmount: { type: 'number' },
  reteIcaAmount: { type: 'number' },
  reteIvaAmount: { type: 'number' },
  netAmount: { type: 'number' },
  currency: str,
  installments: { type: 'integer', minimum: 1, maximum: 36 },
  orderId: strOrNull,
  description: strOrNull,
  thirdPartyId: strOrNull,
  childMerchantId: strOrNull,
  paid: bool,
  paymentTransaction: str,
  authorizationCode: strOrNull,
  status: { enum: [...CHARGE_STATUSES] },
  errorCode: str,
  errorMessage: str,
  dateCreated: instant,
  settlesAt: { type: 'string', format: 'date-time' },
  scenario: str,
  history: { type: 'array', items: { type: 'object', required: ['at', 'status'], properties: { at: str, status: str, note: str } } },
});

export const stateSchema = record({ customers: table(customer), tokens: table(token), cards: table(card), charges: table(charge) });

export const sharedSchema = record({ nextDueMs: { type: ['number', 'null'] } });
