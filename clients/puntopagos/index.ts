/** `pasarela/clients/puntopagos`: the PuntoPagos client, signing included. */
export { PuntoPagos, PRODUCTION_URL, SANDBOX_URL, type PuntoPagosOptions } from './client.ts';
export { AmountError, formatAmount } from './amount.ts';
export {
  authorizationHeader,
  FUNCTION_NAMES,
  httpDate,
  parseAuthorization,
  parseHttpDate,
  sign,
  signatureMatches,
  signatureMessage,
  signedHeaders,
  type Operation,
  type SignatureAlgorithm,
  type SignedFields,
} from './signature.ts';
export { RawNumber, stringifyFlat, topLevelNumbers } from './json.ts';
export type * from './types.ts';
