/**
 * What a snapshot or state file may hold for PuntoPagos (`stateSchema`, `sharedSchema`):
 * checked in full before a restore replaces anything, so a hand-edited file cannot plant a
 * record the routes would crash on (a state outside the machine, a monto that is not two
 * decimals, a card kept whole). Mirrors `state.ts`.
 */
import { STATUS_CODES } from './machine.ts';

const text = { type: 'string', maxLength: 4096 };
const token = { type: 'string', minLength: 1, maxLength: 64 };
const instant = { type: 'string', format: 'date-time' };
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const state = { enum: Object.keys(STATUS_CODES) };
const count = { type: 'integer', minimum: 0, maximum: 1000 };

const payment = {
  type: 'object',
  additionalProperties: false,
  required: ['medioPago', 'at', 'card', 'numCuotas', 'tipoCuotas', 'valorCuota', 'primerVencimiento', 'numeroOperacion', 'codigoAutorizacion', 'scenario'],
  properties: {
    medioPago: { type: 'integer', minimum: 0, maximum: 999 },
    at: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$' },
    // BIN and last 4 only: never a whole card number.
    card: nullable({ type: 'object', additionalProperties: false, required: ['bin', 'last4'], properties: { bin: { type: 'string', pattern: '^\\d{6}$' }, last4: { type: 'string', pattern: '^\\d{4}$' } } }),
    numCuotas: count,
    tipoCuotas: nullable(text),
    valorCuota: { type: 'number', minimum: 0 },
    primerVencimiento: nullable({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    numeroOperacion: text,
    codigoAutorizacion: nullable(text),
    scenario: text,
  },
};

const transaction = {
  type: 'object',
  additionalProperties: false,
  required: ['token', 'merchant', 'trxId', 'monto', 'medioPago', 'detalle', 'state', 'payment', 'createdAt', 'updatedAt', 'history'],
  properties: {
    token,
    merchant: text,
    trxId: { type: 'string', pattern: '^\\d{1,19}$' },
    monto: { type: 'string', pattern: '^\\d{1,29}\\.\\d{2}$' },
    medioPago: nullable({ type: 'integer', minimum: 0, maximum: 999 }),
    detalle: nullable({ type: 'string', maxLength: 600_000 }),
    state,
    payment: nullable(payment),
    forcedOutcome: text,
    createdAt: instant,
    updatedAt: instant,
    history: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['at', 'state', 'respuesta'],
        properties: { at: instant, state, respuesta: { type: 'string', pattern: '^\\d{1,2}$' }, note: text },
      },
    },
  },
};

export const stateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['transactions', 'byTrxId'],
  properties: {
    transactions: { type: 'object', additionalProperties: transaction },
    byTrxId: { type: 'object', propertyNames: { pattern: '^\\d{1,19}$' }, additionalProperties: token },
  },
};

export const sharedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['owners'],
  properties: { owners: { type: 'object', additionalProperties: text } },
};
