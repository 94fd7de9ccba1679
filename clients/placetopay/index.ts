/** `pasarela/clients/placetopay`: the PlacetoPay WebCheckout client, signing included. */
export { PlacetoPay, PlacetoPayError, TEST_URL, type PlacetoPayOptions } from './client.ts';
export { createAuth, tranKey, verifyTranKey, type Auth, type TranKeyAlgorithm } from './auth.ts';
export { notificationSignature, verifyNotification, type SignatureAlgorithm } from './signature.ts';
export { isoDateTime, parseIsoDateTime } from './dates.ts';
export type * from './types.ts';
