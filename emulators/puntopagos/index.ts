/**
 * PuntoPagos as a provider module: id, port, real hosts, default merchant, the app
 * factory and the admin hooks. Behaviour lives in the files beside this one.
 */
import { puntopagosScenarios } from '../../scenarios/puntopagos.ts';
import { pathWithSingleSlashes } from '../kernel/paths.ts';
import type { ProviderModule } from '../kernel/types.ts';
import { createPuntoPagosApp } from './app.ts';
import { renderError } from './errors.ts';
import { complete, transactions } from './hooks.ts';
import { ALL_METHOD_IDS } from './methods.ts';
import { resign } from './resign.ts';
import { sharedSchema, stateSchema } from './state-schema.ts';
import { initialShared, initialState, type PpMerchant, type PpShared, type PpState } from './state.ts';

// Merchant URLs become a Location header, an href and a notification target: http(s) only
// (issue 15: a javascript: success URL ran script on the emulator's origin, its admin API's).
const url = { type: 'string', format: 'uri', maxLength: 2048, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$' };

const merchantSchema = {
  type: 'object',
  required: ['key', 'secret'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^\\s:]+$' },
    secret: { type: 'string', minLength: 1 },
    notificationUrl: url,
    notificationMode: { enum: ['auto', 'post', 'get'], default: 'auto' },
    successUrl: url,
    failureUrl: url,
    allowedIps: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
    algorithm: { enum: ['sha1', 'sha512'], default: 'sha1' },
    // The 2018 sandbox accepted a Fecha 8 days old (recorded): off unless asked for.
    fechaWindowSeconds: { type: 'integer', minimum: 0, maximum: 31_536_000, default: 0 },
    // The 2018 sandbox accepted one trx_id again and again (recorded): 3 only when asked for.
    uniqueTrxId: { type: 'boolean', default: false },
    // The Python client's doc: a token/trx_id/monto combination that does not match answers HTTP 400.
    unknownToken: { enum: ['http-400', 'respuesta-4'], default: 'http-400' },
    paymentMethods: { type: 'array', items: { enum: ALL_METHOD_IDS }, default: ALL_METHOD_IDS },
    name: { type: 'string', default: 'Pasarela Sandbox Store' },
  },
};

const defaultMerchant: PpMerchant = {
  key: 'sandbox-key',
  secret: 'sandbox-secret',
  notificationMode: 'auto',
  allowedIps: [],
  algorithm: 'sha1',
  fechaWindowSeconds: 0,
  uniqueTrxId: false,
  unknownToken: 'http-400',
  paymentMethods: ALL_METHOD_IDS,
  name: 'Pasarela Sandbox Store',
};

export const puntopagos: ProviderModule<PpState, PpMerchant, PpShared> = {
  id: 'puntopagos',
  title: 'PuntoPagos',
  portOffset: 1,
  hosts: ['https://sandbox.puntopagos.com', 'http://sandbox.puntopagos.com', 'https://www.puntopagos.com', 'http://www.puntopagos.com'],
  // Clients that join a base URL ending in "/" with "/transaccion/..." send "//" (reference §1).
  getPath: pathWithSingleSlashes,
  defaultMerchants: [defaultMerchant],
  merchantKey: (m) => m.key,
  merchantSchema,
  freshMerchant: (token) => ({ ...defaultMerchant, key: `key-${token}`, secret: `secret-${token}` }),
  describeMerchant: (m) => ({ key: m.key, secret: m.secret, ...(m.notificationUrl ? { notificationUrl: m.notificationUrl } : {}) }),
  scenarios: puntopagosScenarios,
  quickOutcomes: { approve: 'approved', reject: 'rejected' },
  initialState,
  initialShared,
  stateSchema,
  sharedSchema,
  sensitiveKeys: ['secret', 'cardNumber'],
  // Retries on "99", garbage or silence are not documented: three attempts, 30 s then 60 s (emulator choice).
  webhookPolicy: { attempts: 3, backoffSeconds: 30, factor: 2 },
  createApp: createPuntoPagosApp,
  renderError: (c, error, ctx) => renderError(c, error, ctx as never),
  transactions,
  complete,
  resign,
};
