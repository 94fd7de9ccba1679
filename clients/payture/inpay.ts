import { encodeList } from './encoding.ts';
import { sessionFields, type Transport } from './transport.ts';
import type { HostedPage, OrderAmount, SessionData } from './types.ts';

/** PaytureInPay (`/apim`): card data entered on Payture's page. */
export class PaytureInPay {
  constructor(private readonly t: Transport) {}

  /** Opens a payment session; `redirectUrl` is the page to send the customer to. */
  async init(data: SessionData) {
    const result = await this.t.call('apim', 'Init', { Key: this.t.opts.key, Data: encodeList(sessionFields(data)) }, 'inpay-init');
    if (result.sessionId) result.redirectUrl = this.payUrl(result.sessionId);
    return result;
  }

  payUrl(sessionId: string): string {
    return this.t.pageUrl('apim', 'Pay', sessionId);
  }

  /** The payment page of a session (what the customer's browser gets). */
  pay(sessionId: string): Promise<HostedPage> {
    return this.t.page(this.payUrl(sessionId));
  }

  charge(r: OrderAmount) {
    return this.t.call('apim', 'Charge', { Key: this.t.opts.key, Password: this.t.opts.password, OrderId: r.orderId, Amount: r.amount, Cheque: r.cheque }, 'inpay-charge');
  }

  unblock(r: OrderAmount) {
    return this.t.call('apim', 'Unblock', { Key: this.t.opts.key, Password: this.t.opts.password, OrderId: r.orderId, Amount: r.amount }, 'inpay-unblock');
  }

  refund(r: OrderAmount) {
    return this.t.call('apim', 'Refund', { Key: this.t.opts.key, Password: this.t.opts.password, OrderId: r.orderId, Amount: r.amount, Cheque: r.cheque }, 'inpay-refund');
  }

  /** `state` is the order state; before payment Success="False" with ErrCode NONE. */
  payStatus(orderId: string) {
    return this.t.call('apim', 'PayStatus', { Key: this.t.opts.key, OrderId: orderId }, 'inpay-paystatus');
  }

  getState(orderId: string) {
    return this.t.call('apim', 'GetState', { Key: this.t.opts.key, OrderId: orderId }, 'inpay-getstate');
  }
}

