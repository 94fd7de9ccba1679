/** `pasarela/clients/tpaga`: the Tpaga v2 client (HTTP Basic with the API key). */
export { Tpaga, SANDBOX_URL, PRODUCTION_URL, type TpagaOptions } from './client.ts';
export { basicAuthorization, parseBasicAuthorization, type BasicCredentials } from './auth.ts';
export {
  TpagaError,
  TpagaAuthError,
  TpagaValidationError,
  TpagaNotFoundError,
  TpagaDeclinedError,
  TpagaRefundRefusedError,
  TpagaGatewayError,
} from './errors.ts';
export type * from './types.ts';
