/**
 * Payture as a provider module: id, port, real hosts, default terminal, the app factory
 * and the admin hooks. Behaviour lives in the files beside this one.
 */
import { paytureScenarios } from '../../scenarios/payture.ts';
import type { ProviderModule } from '../kernel/types.ts';
import { createPaytureApp } from './app.ts';
import { renderError } from './errors.ts';
import { paytureSharedSchema, paytureStateSchema } from './state-schema.ts';
import { initialShared, initialState, type PaytureMerchant, type PaytureShared, type PaytureState } from './state.ts';
import { complete, transactions } from './views.ts';

const merchantSchema = {
  type: 'object',
  required: ['key', 'password'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', minLength: 1, maxLength: 100 },
    password: { type: 'string', minLength: 1 },
    contract: { type: 'string', minLength: 1 },
    notificationUrl: { type: 'string', format: 'uri' },
    notifications: { type: 'array', items: { type: 'string', pattern: '^(Engine|Customer|Merchant)[A-Za-z]+$' } },
    notificationAttempts: { type: 'integer', minimum: 1, maximum: 20, default: 1 },
    merchantId: { type: 'integer', minimum: 1, default: 1 },
    addInfo: { type: 'boolean', default: false },
    activationAmount: { type: 'integer', minimum: 1, default: 101 },
    maxAmount: { type: 'integer', minimum: 1, default: 100_000_000 },
  },
};

const defaultMerchant: PaytureMerchant = {
  key: 'sandbox-merchant',
  password: 'sandbox-password',
  notificationAttempts: 1,
  merchantId: 1,
  addInfo: false,
  activationAmount: 101,
  maxAmount: 100_000_000,
};

export const payture: ProviderModule<PaytureState, PaytureMerchant, PaytureShared> = {
  id: 'payture',
  title: 'Payture',
  portOffset: 3,
  hosts: ['https://sandbox3.payture.com', 'https://sandbox.payture.com', 'https://sandbox2.payture.com', 'https://secure.payture.com'],
  defaultMerchants: [defaultMerchant],
  merchantKey: (m) => m.key,
  merchantSchema,
  freshMerchant: (token) => ({ ...defaultMerchant, key: `terminal-${token}`, password: `pw-${token}` }),
  describeMerchant: (m) => ({ key: m.key, password: m.password, ...(m.notificationUrl ? { notificationUrl: m.notificationUrl } : {}) }),
  scenarios: paytureScenarios,
  initialState,
  initialShared,
  stateSchema: paytureStateSchema,
  sharedSchema: paytureSharedSchema,
  sensitiveKeys: ['VWUserPsw', 'ConfirmCode', 'PayToken', 'CVC2'],
  // Payture sends a notification once unless support configured retries (reference §12).
  webhookPolicy: { attempts: 1 },
  createApp: createPaytureApp,
  renderError: (c, error) => renderError(c, error),
  transactions,
  complete,
  quickOutcomes: { approve: 'approved', reject: 'issuer-fail' },
};
