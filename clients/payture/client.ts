/**
 * Payture client: the five families of the official SDKs' `Merchant(host, key, password)`
 * (`api`, `inpay`, `ewallet`, `apple`, `android`) and every command of their
 * `PaytureCommands` table, with the credentials where reference §4 puts them. Business
 * errors (`Success="False"`) and 3-D Secure (`Success="3DS"`) are results, not
 * exceptions; a transport problem (not HTTP 200, not XML) throws `PaytureTransportError`.
 */
import { PaytureApi } from './api.ts';
import { PaytureEWallet } from './ewallet.ts';
import { PaytureInPay } from './inpay.ts';
import { Transport, type PaytureOptions } from './transport.ts';
import { PaytureDigitalWallet } from './wallets.ts';

export { PaytureApi, PaytureEWallet, PaytureInPay, PaytureDigitalWallet };
export { PaytureTransportError, SANDBOX_URL, type PaytureOptions } from './transport.ts';

export class Payture {
  readonly api: PaytureApi;
  readonly inpay: PaytureInPay;
  readonly ewallet: PaytureEWallet;
  readonly apple: PaytureDigitalWallet;
  readonly android: PaytureDigitalWallet;
  readonly baseUrl: string;

  constructor(opts: PaytureOptions) {
    const t = new Transport(opts);
    this.baseUrl = t.baseUrl;
    this.api = new PaytureApi(t);
    this.inpay = new PaytureInPay(t);
    this.ewallet = new PaytureEWallet(t);
    this.apple = new PaytureDigitalWallet(t, 'ApplePay');
    this.android = new PaytureDigitalWallet(t, 'AndroidPay');
  }
}

/** The official SDKs' table: which family accepts which command (seed `PaytureCommands`). */
export const PAYTURE_COMMANDS = {
  api: ['Pay', 'Block', 'Charge', 'Refund', 'Unblock', 'GetState', 'Pay3DS', 'Block3DS'],
  inpay: ['Pay', 'Charge', 'Refund', 'Unblock', 'Init', 'PayStatus'],
  ewallet: ['Pay', 'Charge', 'Refund', 'Unblock', 'Init', 'PayStatus', 'Add', 'Register', 'Update', 'Check', 'Delete', 'Activate', 'Remove', 'GetList', 'SendCode', 'PaySubmit3DS'],
  apple: ['Pay', 'Block'],
  android: ['Pay', 'Block'],
} as const;
