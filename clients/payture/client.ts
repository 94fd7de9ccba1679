/**
 * Payture client: the five families of the official SDKs' `Merchant(host, key, password)`
 * (`api`, `inpay`, `ewallet`, `apple`, `android`) and every command of their
 * `PaytureCommands` table, with the credentials where reference §4 puts them. Business
 * errors (`Success="False"`) and 3-D Secure (`Success="3DS"`) are results, not
 * exceptions; a transport problem (not HTTP 200, not XML) throws `PaytureTransportError`.
 */
import { assertValid } from '../../contracts/index.ts';
import { encodeList, formEncode, type ListValue } from './encoding.ts';
import { toResult, type PaytureResult } from './results.ts';
import type {
  Card,
  Complete3DS,
  Customer,
  HostedPage,
  MasterPassRequest,
  MobileRequest,
  OrderAmount,
  PayBlockRequest,
  SessionData,
  WalletPayRequest,
  WalletSessionData,
  WalletTokenRequest,
} from './types.ts';

export const SANDBOX_URL = 'https://sandbox3.payture.com';

export interface PaytureOptions {
  /** Terminal (Key) for /api and /apim. */
  key: string;
  password: string;
  /** eWallet terminal (VWID); default: `key`. */
  vwid?: string;
  /** Default: the current sandbox. */
  baseUrl?: string;
  /** POST with a form body (default) or GET with everything in the query string. */
  method?: 'POST' | 'GET';
  fetch?: typeof fetch;
  /** Validate every answer against `pasarela/contracts` and throw on mismatch. */
  validate?: boolean;
  timeoutMs?: number;
}

export class PaytureTransportError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number,
    readonly body: string,
  ) {
    super(message);
    this.name = 'PaytureTransportError';
  }
}

type Iface = 'api' | 'apim' | 'vwapi';
type Params = Record<string, ListValue>;

class Transport {
  readonly baseUrl: string;
  constructor(readonly opts: PaytureOptions) {
    this.baseUrl = (opts.baseUrl ?? SANDBOX_URL).replace(/\/+$/, '');
  }

  async call(iface: Iface, command: string, params: Params, contract: string): Promise<PaytureResult> {
    const doFetch = this.opts.fetch ?? globalThis.fetch;
    const form = formEncode(params);
    const get = this.opts.method === 'GET';
    const url = `${this.baseUrl}/${iface}/${command}${get ? `?${form}` : ''}`;
    const res = await doFetch(url, {
      method: get ? 'GET' : 'POST',
      ...(get ? {} : { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 60_000),
    });
    const text = await res.text();
    if (res.status !== 200) throw new PaytureTransportError(`Payture ${iface}/${command}: HTTP ${res.status}`, res.status, text);
    let result: PaytureResult;
    try {
      result = toResult(text);
    } catch (e) {
      throw new PaytureTransportError(`Payture ${iface}/${command}: ${(e as Error).message}`, res.status, text);
    }
    if (this.opts.validate) assertValid('payture', `${contract}.response`, result.xml);
    return result;
  }

  pageUrl(iface: Iface, page: 'Pay' | 'Add', sessionId: string): string {
    return `${this.baseUrl}/${iface}/${page}?SessionId=${encodeURIComponent(sessionId)}`;
  }

  async page(url: string): Promise<HostedPage> {
    const res = await (this.opts.fetch ?? globalThis.fetch)(url, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 60_000) });
    return { url, status: res.status, html: await res.text() };
  }
}

const payInfo = (card: Card, extra: Params = {}) =>
  encodeList({ PAN: card.pan, EMonth: card.eMonth, EYear: card.eYear, CardHolder: card.cardHolder, SecureCode: card.secureCode, ...extra });
const cardFields = (card: Card): Params => ({ CardNumber: card.pan, EMonth: card.eMonth, EYear: card.eYear, CardHolder: card.cardHolder, SecureCode: card.secureCode });
const customerFields = (c: Customer): Params => ({ VWUserLgn: c.login, VWUserPsw: c.password });

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

const sessionFields = (d: SessionData | WalletSessionData): Params => ({
  SessionType: d.sessionType,
  OrderId: d.orderId,
  Amount: d.amount,
  IP: d.ip,
  Url: d.url,
  Product: d.product,
  Total: d.total,
  Description: d.description,
  TemplateTag: d.templateTag,
  Language: d.language,
  Cheque: d.cheque,
  ...d.extra,
});

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
