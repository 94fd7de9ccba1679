/** `pasarela/clients/payture`: the Payture client (PaytureAPI, InPay, EWallet, Apple Pay, Android Pay). */
export { Payture, PaytureApi, PaytureInPay, PaytureEWallet, PaytureDigitalWallet, PaytureTransportError, PAYTURE_COMMANDS, SANDBOX_URL, type PaytureOptions } from './client.ts';
export { toResult, type PaytureResult, type StoredCard, type ThreeDSChallenge } from './results.ts';
export { encodeList, formEncode } from './encoding.ts';
export { parseNotification, type PaytureNotification } from './notifications.ts';
export { ERR_CODES, errCodeInfo, type ErrCode, type ErrCodeInfo, type ErrCodeGroup } from './errcodes.ts';
export { parsePaytureXml, type PaytureXml } from '../../contracts/payture-xml.ts';
export type * from './types.ts';
