import { encodeList } from './encoding.ts';
import { cardFields, customerFields, sessionFields, type Params, type Transport } from './transport.ts';
import type { Card, Customer, HostedPage, OrderAmount, WalletPayRequest, WalletSessionData } from './types.ts';

/** PaytureEWallet (`/vwapi`): customers, stored cards and payments with them. */
export class PaytureEWallet {
  constructor(private readonly t: Transport) {}

  get #vwid() {
    return this.t.opts.vwid ?? this.t.opts.key;
  }

  #data(command: string, data: Params) {
    return this.t.call('vwapi', command, { VWID: this.#vwid, DATA: encodeList(data) }, `ewallet-${command.toLowerCase()}`);
  }

  register(c: Customer) {
    return this.#data('Register', { ...customerFields(c), PhoneNumber: c.phone, Email: c.email });
  }

  update(c: Customer) {
    return this.#data('Update', { ...customerFields(c), PhoneNumber: c.phone, Email: c.email });
  }

  check(c: Customer) {
    return this.#data('Check', customerFields(c));
  }

  /** Deletes a customer: the merchant's Password goes inside DATA. */
  delete(login: string) {
    return this.#data('Delete', { VWUserLgn: login, Password: this.t.opts.password });
  }

  /** Adds a card on the merchant's side: a test hold to Activate, or Success="3DS". */
  add(c: Customer, card: Card, phone?: string) {
    return this.#data('Add', { ...customerFields(c), ...cardFields(card), PhoneNumber: phone });
  }

  addSubmit3DS(r: { md: string; paRes: string }) {
    return this.t.call('vwapi', 'AddSubmit3DS', { MD: r.md, PaRes: r.paRes }, 'ewallet-addsubmit3ds');
  }

  /** Activates an added card by quoting the test hold's amount. */
  activate(c: Customer, cardId: string, amount: number) {
    return this.#data('Activate', { ...customerFields(c), CardId: cardId, Amount: amount });
  }

  remove(c: Customer, cardId: string) {
    return this.#data('Remove', { ...customerFields(c), CardId: cardId });
  }

  /** The customer's cards: `result.cards`. */
  getList(c: Customer) {
    return this.#data('GetList', customerFields(c));
  }

  /** Opens a session on Payture's page (Add, Pay or Block); `redirectUrl` is `/vwapi/Add` or `/vwapi/Pay`. */
  async init(c: Customer, data: WalletSessionData) {
    const result = await this.#data('Init', { ...customerFields(c), ...sessionFields(data), CardId: data.cardId, PhoneNumber: data.phone });
    if (result.sessionId) result.redirectUrl = this.t.pageUrl('vwapi', data.sessionType === 'Add' ? 'Add' : 'Pay', result.sessionId);
    return result;
  }

  payUrl(sessionId: string): string {
    return this.t.pageUrl('vwapi', 'Pay', sessionId);
  }

  addUrl(sessionId: string): string {
    return this.t.pageUrl('vwapi', 'Add', sessionId);
  }

  /** Payture-side payment page of a Pay/Block session. */
  payPage(sessionId: string): Promise<HostedPage> {
    return this.t.page(this.payUrl(sessionId));
  }

  /** Payture-side card page of an Add session. */
  addPage(sessionId: string): Promise<HostedPage> {
    return this.t.page(this.addUrl(sessionId));
  }

  /** Merchant-side payment with a stored card (`cardId`), a new card (`card`) or a wallet token (`payToken`). */
  pay(c: Customer, r: WalletPayRequest) {
    const free = r.card !== undefined || r.payToken !== undefined;
    return this.#data('Pay', {
      ...customerFields(c),
      CardId: free ? 'FreePay' : r.cardId,
      OrderId: r.orderId,
      Amount: r.amount,
      SessionType: r.sessionType,
      IP: r.ip,
      ConfirmCode: r.confirmCode,
      ...(r.card ? cardFields(r.card) : { SecureCode: r.secureCode }),
      PayToken: r.payToken,
      ...r.extra,
    });
  }

  paySubmit3DS(r: { md: string; paRes: string }) {
    return this.t.call('vwapi', 'PaySubmit3DS', { MD: r.md, PaRes: r.paRes }, 'ewallet-paysubmit3ds');
  }

  /** Sends the customer an SMS code for a payment (then `pay({ confirmCode })`). */
  sendCode(c: Customer, r: { cardId: string; orderId: string; amount: number }) {
    return this.#data('SendCode', { ...customerFields(c), CardId: r.cardId, OrderId: r.orderId, Amount: r.amount });
  }

  /** Charge and Unblock take Password, OrderId and Amount top-level. */
  charge(r: OrderAmount) {
    return this.t.call('vwapi', 'Charge', { VWID: this.#vwid, Password: this.t.opts.password, OrderId: r.orderId, Amount: r.amount, Cheque: r.cheque }, 'ewallet-charge');
  }

  unblock(r: OrderAmount) {
    return this.t.call('vwapi', 'Unblock', { VWID: this.#vwid, Password: this.t.opts.password, OrderId: r.orderId, Amount: r.amount }, 'ewallet-unblock');
  }

  /** Refund takes Password, OrderId and Amount inside DATA. */
  refund(r: OrderAmount) {
    return this.#data('Refund', { Password: this.t.opts.password, OrderId: r.orderId, Amount: r.amount, Cheque: r.cheque });
  }

  /** `state` holds the answer's `Status`. */
  payStatus(orderId: string) {
    return this.#data('PayStatus', { OrderId: orderId });
  }

  /** eWallet GetState authenticates with Key, not VWID. */
  getState(orderId: string) {
    return this.t.call('vwapi', 'GetState', { Key: this.t.opts.key, OrderId: orderId }, 'ewallet-getstate');
  }
}

