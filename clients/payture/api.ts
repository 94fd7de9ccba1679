import type { Complete3DS, MasterPassRequest, MobileRequest, OrderAmount, PayBlockRequest } from './types.ts';
import { encodeList } from './encoding.ts';
import { payInfo, type Transport } from './transport.ts';

/** PaytureAPI (`/api`): card data entered on the merchant's side. */
export class PaytureApi {
  constructor(private readonly t: Transport) {}

  #payment(command: 'Pay' | 'Block', r: PayBlockRequest) {
    const repeat = r.repeatInPayInfo !== false;
    return this.t.call('api', command, {
      Key: this.t.opts.key,
      OrderId: r.orderId,
      Amount: r.amount,
      PayInfo: payInfo(r.card, repeat ? { OrderId: r.orderId, Amount: r.amount } : {}),
      CustomFields: r.customFields ? encodeList(r.customFields) : undefined,
      CustomerKey: r.customerKey,
      PaytureId: r.paytureId,
      Cheque: r.cheque,
    }, `api-${command.toLowerCase()}`);
  }

  /** One-step payment: Charged, or Success="3DS". */
  pay(r: PayBlockRequest) {
    return this.#payment('Pay', r);
  }

  /** Two-step payment: Authorized (hold), or Success="3DS". */
  block(r: PayBlockRequest) {
    return this.#payment('Block', r);
  }

  charge(r: OrderAmount) {
    return this.t.call('api', 'Charge', { Key: this.t.opts.key, OrderId: r.orderId, Amount: r.amount, Cheque: r.cheque }, 'api-charge');
  }

  unblock(r: OrderAmount) {
    return this.t.call('api', 'Unblock', { Key: this.t.opts.key, OrderId: r.orderId, Amount: r.amount }, 'api-unblock');
  }

  refund(r: OrderAmount) {
    return this.t.call('api', 'Refund', { Key: this.t.opts.key, Password: this.t.opts.password, OrderId: r.orderId, Amount: r.amount, Cheque: r.cheque }, 'api-refund');
  }

  getState(orderId: string) {
    return this.t.call('api', 'GetState', { Key: this.t.opts.key, OrderId: orderId }, 'api-getstate');
  }

  pay3DS(r: Complete3DS) {
    return this.t.call('api', 'Pay3DS', { Key: this.t.opts.key, OrderId: r.orderId, PaRes: r.paRes }, 'api-pay3ds');
  }

  block3DS(r: Complete3DS) {
    return this.t.call('api', 'Block3DS', { Key: this.t.opts.key, OrderId: r.orderId, PaRes: r.paRes }, 'api-block3ds');
  }

  #mobile(command: 'MobilePay' | 'MobileBlock', r: MobileRequest) {
    return this.t.call('api', command, {
      Key: this.t.opts.key,
      PayToken: r.payToken,
      OrderId: r.orderId,
      Amount: r.amount,
      SecureCode: r.secureCode,
      Checksum: r.checksum === undefined ? undefined : r.checksum ? 'True' : 'False',
    }, `api-${command.toLowerCase()}`);
  }

  /** Apple Pay / Google Pay / Samsung Pay, one step. */
  mobilePay(r: MobileRequest) {
    return this.#mobile('MobilePay', r);
  }

  mobileBlock(r: MobileRequest) {
    return this.#mobile('MobileBlock', r);
  }

  /** Legacy MasterPass. */
  mpPay(r: MasterPassRequest) {
    return this.t.call('api', 'MPPay', { Key: this.t.opts.key, OrderId: r.orderId, Amount: r.amount, Token: r.token, CVC2: r.cvc2 }, 'api-mppay');
  }

  mpBlock(r: MasterPassRequest) {
    return this.t.call('api', 'MPBlock', { Key: this.t.opts.key, OrderId: r.orderId, Amount: r.amount, Token: r.token, CVC2: r.cvc2 }, 'api-mpblock');
  }
}

