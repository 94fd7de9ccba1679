import type { Transport } from './transport.ts';
import type { WalletTokenRequest } from './types.ts';

/** Legacy `/api/ApplePay` and `/api/AndroidPay` (`Method=PAY|BLOCK`), as the SDKs' apple/android families. */
export class PaytureDigitalWallet {
  constructor(
    private readonly t: Transport,
    private readonly command: 'ApplePay' | 'AndroidPay',
  ) {}

  #call(method: 'PAY' | 'BLOCK', r: WalletTokenRequest) {
    return this.t.call('api', this.command, { Key: this.t.opts.key, OrderId: r.orderId, PayToken: r.payToken, Method: method, Amount: r.amount }, `api-${this.command.toLowerCase()}`);
  }

  pay(r: WalletTokenRequest) {
    return this.#call('PAY', r);
  }

  block(r: WalletTokenRequest) {
    return this.#call('BLOCK', r);
  }
}

