/**
 * What the Payture emulator stores. Plain JSON only (snapshots and the state file
 * round-trip it). Cards are kept masked (`411111xxxxxx1111`) with a keyed fingerprint for
 * duplicate detection; never a PAN, a CVV or a customer password (a hash is kept).
 */
import { Table } from '../kernel/table.ts';
import type { ProviderContext } from '../kernel/types.ts';

export interface PaytureMerchant {
  /** Terminal id: `Key` for /api and /apim, `VWID` (and GetState `Key`) for /vwapi. */
  key: string;
  password: string;
  /** `MerchantContract` shown by GetState and notifications (default: the key). */
  contract?: string;
  /** Where notifications are POSTed (configured by Payture support in real life). */
  notificationUrl?: string;
  /** Notification names to send (default: all). */
  notifications?: string[];
  /** Delivery attempts per notification (the real default is one). */
  notificationAttempts: number;
  /** `MerchantId` field of notifications. */
  merchantId: number;
  /** AddInfo children in payment and GetState answers (enabled per terminal by support). */
  addInfo: boolean;
  /** Test hold placed by eWallet Add; Activate must quote it. */
  activationAmount: number;
  /** Largest Amount accepted (kopecks); above it WRONG_AMOUNT. */
  maxAmount: number;
}

export type Family = 'api' | 'inpay' | 'ewallet';

export type OrderState =
  | 'New'
  | 'PreAuthorized3DS'
  | 'Authorized'
  | 'Voided'
  | 'Charged'
  | 'Refunded'
  | 'Rejected'
  | 'Error';

export interface MaskedCard {
  /** `first6 + x… + last4`, as Payture shows it. */
  mask: string;
  holder?: string;
  /** MM/YY */
  expiry?: string;
  /** eWallet card id, when the order used a stored card. */
  cardId?: string;
}

export interface ThreeDSRecord {
  /** ThreeDSKey, sent to the ACS as MD. */
  md: string;
  paReq: string;
  /** Set by the ACS page: what the merchant must send back, and what it means. */
  paRes?: string;
  result?: 'Y' | 'N' | 'U';
  /** ErrCode the card gives after a successful ACS (test cards 4111111111111114/5). */
  then?: string;
  expiresAt: string;
  /** TermUrl the page posted to (hosted flows use the emulator's own). */
  termUrl?: string;
}

export interface HistoryEntry {
  at: string;
  command: string;
  state: string;
  amount?: number;
  errCode?: string;
}

export interface OrderRecord {
  orderId: string;
  family: Family;
  /** One-step (Pay) or two-step (Block). */
  sessionType: 'Pay' | 'Block';
  state: OrderState;
  /** Amount asked for at creation. */
  amount: number;
  /** Amount currently held (Authorized). */
  authorized: number;
  /** Amount charged and not refunded. */
  charged: number;
  /** Amount that was last charged or held (shown for Refunded / Voided orders). */
  settled: number;
  refunds: number;
  card?: MaskedCard;
  /** eWallet customer (VWUserLgn) the order belongs to. */
  customer?: string;
  sessionId?: string;
  /** Scenario of the card (or forced at authorization): decides Charge/Unblock/Refund outcomes. */
  scenario?: string;
  is3DS: boolean;
  threeDS?: ThreeDSRecord;
  rrn?: string;
  authCode?: string;
  errCode?: string;
  ip?: string;
  customFields: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  history: HistoryEntry[];
}

export type CardStatus = 'NotActive' | 'IsActive' | 'Pending3DS';

export interface CardRecord {
  cardId: string;
  mask: string;
  holder: string;
  expMonth: number;
  expYear: number;
  /** Keyed hash of the PAN, to answer DUPLICATE_CARD without keeping the number. */
  fingerprint: string;
  scenario?: string;
  cvvRequired: boolean;
  status: CardStatus;
  /** Verification hold placed at Add (Activate quotes it). */
  hold: number;
  threeDS?: ThreeDSRecord;
  removed: boolean;
  createdAt: string;
  lastUsedAt?: string;
}

export interface CustomerRecord {
  login: string;
  /** SHA-256 of the customer password. */
  passwordHash: string;
  phone?: string;
  email?: string;
  createdAt: string;
  cards: Table<CardRecord>;
  /** SendCode: confirmation codes waiting for a Pay, by OrderId. */
  codes: Table<{ amount: number; cardId: string }>;
}

export interface SessionRecord {
  sessionId: string;
  family: 'inpay' | 'ewallet';
  sessionType: 'Pay' | 'Block' | 'Add';
  orderId: string;
  amount: number;
  /** Origin the merchant called (the page, ACSUrl and TermUrl are built on it). */
  origin: string;
  url?: string;
  customer?: string;
  /** Card preselected by the merchant (eWallet Init CardId). */
  cardId?: string;
  /** Display fields (Product, Total, Description, Language, TemplateTag, ...). */
  display: Record<string, string>;
  ip?: string;
  createdAt: string;
  expiresAt: string;
  /** Card data entry errors on the page (LIMIT_EXCHAUST after `pageAttempts`). */
  badEntries: number;
  result?: { success: boolean; errCode?: string; at: string };
  /** A 3-D Secure step in progress on the page (ThreeDSKey). */
  pendingMd?: string;
  /** Scenario forced with X-Pasarela-Scenario at Init, applied at the payment. */
  forcedOutcome?: string;
}

/** Keyed by OrderId, SessionId and VWUserLgn, all sent by clients: tables, never plain objects. */
export interface PaytureState {
  orders: Table<OrderRecord>;
  sessions: Table<SessionRecord>;
  customers: Table<CustomerRecord>;
}

export interface PaytureShared {
  /** SessionId → merchant key (hosted pages carry no credentials). */
  sessions: Table<string>;
  /** ThreeDSKey (MD) → merchant key and what it belongs to. */
  threeDS: Table<{ merchant: string; orderId?: string; customer?: string; cardId?: string }>;
}

export type PaytureContext = ProviderContext<PaytureState, PaytureMerchant, PaytureShared>;

export const initialState = (): PaytureState => ({ orders: Table.create(), sessions: Table.create(), customers: Table.create() });
export const initialShared = (): PaytureShared => ({ sessions: Table.create(), threeDS: Table.create() });
