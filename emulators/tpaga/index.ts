/**
 * Tpaga (Colombia) credit-card API v2 as a provider module: id, port, real hosts,
 * default keys, the app factory and the admin hooks. Behaviour lives beside this file.
 */
import { tpagaScenarios } from '../../scenarios/tpaga.ts';
import { pathWithSingleSlashes } from '../kernel/paths.ts';
import type { ProviderModule } from '../kernel/types.ts';
import { corsForBrowsers, createTpagaApp } from './app.ts';
import { tick, transactions } from './charges.ts';
import { renderError } from './errors.ts';
import { DEFAULT_RATES } from './fees.ts';
import { sharedSchema, stateSchema } from './state-schema.ts';
import { initialShared, initialState, type TpagaMerchant, type TpagaShared, type TpagaState } from './state.ts';

const rate = (value: number) => ({ type: 'number', minimum: 0, default: value });

const merchantSchema = {
  type: 'object',
  required: ['privateKey', 'publicKey'],
  additionalProperties: false,
  properties: {
    privateKey: { type: 'string', minLength: 1 },
    publicKey: { type: 'string', minLength: 1 },
    validationCharge: { type: 'boolean', default: false },
    rates: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: Object.fromEntries(Object.entries(DEFAULT_RATES).map(([k, v]) => [k, rate(v)])),
    },
  },
};

export const tpaga: ProviderModule<TpagaState, TpagaMerchant, TpagaShared> = {
  id: 'tpaga',
  title: 'Tpaga',
  portOffset: 2,
  hosts: ['https://sandbox.tpaga.co', 'https://api.tpaga.co'],
  // Clients join base URLs carelessly (`/api/` + `/customer`); the real server tolerates `//`.
  getPath: pathWithSingleSlashes,
  defaultMerchants: [{ privateKey: 'sandbox-private-key', publicKey: 'sandbox-public-key', validationCharge: false, rates: { ...DEFAULT_RATES } }],
  // The public key: what names the merchant in state, the journal and the inspector (never the secret).
  merchantKey: (m) => m.publicKey,
  merchantSchema,
  freshMerchant: (token) => ({ privateKey: `private-${token}`, publicKey: `public-${token}`, validationCharge: false, rates: { ...DEFAULT_RATES } }),
  describeMerchant: (m) => ({ privateKey: m.privateKey, publicKey: m.publicKey }),
  scenarios: tpagaScenarios,
  initialState,
  initialShared,
  stateSchema,
  sharedSchema,
  sensitiveKeys: ['cardVerificationCode'],
  createApp: createTpagaApp,
  middleware: () => [corsForBrowsers()],
  renderError: (c, error) => renderError(c, error),
  tick,
  transactions,
};
