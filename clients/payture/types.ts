/** Inputs of the Payture client, in TypeScript's words; amounts are kopecks. */

export interface Card {
  pan: string;
  eMonth: string | number;
  /** Two digits per the docs (four are tolerated). */
  eYear: string | number;
  cardHolder?: string;
  secureCode?: string | number;
}

export interface Customer {
  /** VWUserLgn (e-mail recommended). */
  login: string;
  /** VWUserPsw. */
  password: string;
  /** Digits, country code first. */
  phone?: string;
  email?: string;
}

export interface PayBlockRequest {
  orderId: string;
  amount: number;
  card: Card;
  /** PayInfo's own OrderId and Amount (sent by default, as the SDKs do). */
  repeatInPayInfo?: boolean;
  customFields?: Record<string, string | number>;
  customerKey?: string;
  paytureId?: string;
  /** Base64(JSON) fiscal receipt. */
  cheque?: string;
}

export interface OrderAmount {
  orderId: string;
  /** Absent: the whole amount (Charge, Refund) or the whole hold (Unblock). */
  amount?: number;
  cheque?: string;
}

export interface Complete3DS {
  orderId: string;
  paRes: string;
}

export interface MobileRequest {
  payToken: string;
  orderId: string;
  amount?: number;
  secureCode?: string | number;
  checksum?: boolean;
}

export interface WalletTokenRequest {
  payToken: string;
  /** Payture generates one when absent. */
  orderId?: string;
  /** Android Pay: required. Apple Pay: from the token. */
  amount?: number;
}

export interface MasterPassRequest {
  orderId: string;
  amount: number;
  token: string;
  cvc2?: string | number;
}

export interface SessionData {
  sessionType: 'Pay' | 'Block';
  orderId: string;
  amount: number;
  ip?: string;
  /** Return URL; `{orderid}` and `{success}` are filled in. */
  url?: string;
  product?: string;
  /** Rubles, for display. */
  total?: number | string;
  description?: string;
  templateTag?: string;
  language?: string;
  cheque?: string;
  /** Extra keys, passed through. */
  extra?: Record<string, string | number>;
}

export interface WalletSessionData extends Omit<SessionData, 'sessionType' | 'orderId' | 'amount'> {
  sessionType: 'Pay' | 'Block' | 'Add';
  orderId?: string;
  amount?: number;
  /** Card to preselect on the page. */
  cardId?: string;
  phone?: string;
}

export interface WalletPayRequest {
  orderId: string;
  amount: number;
  sessionType?: 'Pay' | 'Block';
  ip?: string;
  /** A stored card… */
  cardId?: string;
  secureCode?: string | number;
  /** …or a card that is not stored (CardId=FreePay)… */
  card?: Card;
  /** …or a wallet token (CardId=FreePay). */
  payToken?: string;
  /** The SMS code after SendCode. */
  confirmCode?: string;
  extra?: Record<string, string | number>;
}

export interface HostedPage {
  url: string;
  status: number;
  html: string;
}
