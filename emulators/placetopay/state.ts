/**
 * What the PlacetoPay emulator stores. Plain JSON only (snapshots and the state file
 * round-trip it). Card data is kept as BIN + last digits; never a PAN or a CVV.
 */
import { Table } from '../kernel/table.ts';
import type { CardBrand } from '../../scenarios/placetopay.ts';

export interface PtpMerchant {
  login: string;
  secretKey: string;
  /** Where notifications go (the real service configures this per site). */
  notificationUrl?: string;
  notificationSignature: 'sha1' | 'sha256';
  /** The site's default locale: language of messages when a request has none. */
  locale: string;
  /** Site state; anything but `active` fails authentication with 104, 105 or 106. */
  state: 'active' | 'inactive' | 'expired' | 'credentials-expired';
  attemptsLimit: number;
  allowConfirmationFlow: boolean;
  maxDispersions: number;
  name: string;
}

export interface StatusRecord {
  status: string;
  reason: string | number | null;
  /** ISO 8601 in the server's zone, exactly as rendered (signatures depend on it). */
  date: string;
}

export interface CardInfo {
  brand: CardBrand | 'unknown';
  bin: string;
  lastDigits: string;
  /** MMYY, as in processorFields. */
  expiration: string;
  installments: number;
}

export type TransactionKind = 'payment' | 'checkin' | 'reauthorization' | 'checkout' | 'refund';

export interface TransactionRecord {
  internalReference: number;
  requestId: number;
  kind: TransactionKind;
  reference: string;
  status: StatusRecord;
  paymentMethod: string;
  paymentMethodName: string;
  issuerName: string;
  franchise: string;
  currency: string;
  total: number;
  authorization: string;
  receipt: string;
  refunded: boolean;
  refundedTotal: number;
  card: CardInfo;
  /** The scenario that decided the outcome. */
  scenario: string;
  /** A pending transaction's resolution, due at `at` (virtual clock). */
  pending?: { then: 'APPROVED' | 'REJECTED'; reason: string; at: string };
  /** Pending-confirmation window end. */
  confirmBy?: string;
  /** Refund, capture or reauthorization: the transaction it acts on. */
  parent?: number;
  /** From this instant the transaction is settled (partial refunds allowed). */
  settlesAt: string;
  /** For check-in holds: total currently held (changed by reauthorization). */
  held?: number;
  /** A hold that was captured or released by checkout. */
  closed?: boolean;
  /** The confirmation window passed before confirm/cancel. */
  confirmationExpired?: boolean;
}

export interface SubscriptionRecord {
  status: StatusRecord;
  token: string;
}

export type SessionKind = 'payment' | 'subscription' | 'checkin' | 'collect' | 'autopay';

export interface SessionRecord {
  requestId: number;
  login: string;
  kind: SessionKind;
  processKey: string;
  processUrl: string;
  /** The create request as echoed by queries: no auth, defaults filled. */
  request: Record<string, unknown>;
  locale: string;
  reference: string;
  currency: string;
  total: number;
  allowPartial: boolean;
  requiresConfirmation: boolean;
  status: StatusRecord;
  createdAt: string;
  expiresAt: string;
  returnUrl: string;
  cancelUrl?: string;
  notificationUrl?: string;
  skipResult: boolean;
  /** Payments are preauthorizations (type checkin, by session or by collect). */
  hold: boolean;
  /** internalReferences of the session's payment transactions, oldest first. */
  transactions: number[];
  subscription: SubscriptionRecord | null;
  /** Rejected or failed attempts (attempts limit). */
  failedAttempts: number;
  /** Set when the buyer, the merchant or a confirmation cancel ended the session. */
  closedBy?: 'user' | 'merchant' | 'confirmation';
  /** Scenario forced with X-Pasarela-Scenario at creation, applied at the first attempt. */
  forcedOutcome?: string;
  history: { at: string; status: string; reason: string | number | null; note?: string }[];
}

export interface TokenRecord {
  token: string;
  subtoken: string;
  requestId: number;
  card: CardInfo;
  franchise: string;
  franchiseName: string;
  issuerName: string;
  paymentMethod: string;
  validUntil: string;
  /** The card scenario the token replays on collect. */
  scenario: string;
  status: 'active' | 'invalidated';
  createdAt: string;
}

/** Tables keyed by values that arrive in requests (ids, tokens, references). */
export interface PtpState {
  /** By requestId (decimal string). */
  sessions: Table<SessionRecord>;
  /** By internalReference (decimal string). */
  transactions: Table<TransactionRecord>;
  tokens: Table<TokenRecord>;
  /** subtoken → token */
  subtokens: Table<string>;
  /** Duplicate-charge guard for collect: reference|total|currency → first requestId. */
  collects: Table<{ requestId: number; at: string }>;
}

/** requestId and internalReference come from the store's counters (`ctx.store.next`), which never repeat. */
export interface PtpShared {
  /** requestId → login, for the hosted page (reached without credentials). */
  owners: Table<string>;
  /** Earliest virtual instant something is due (expiry, pending resolution); null when nothing. */
  nextDueMs: number | null;
}

/** The session's transactions, oldest first; a reference a restored state lacks is skipped. */
export function transactionsOf(state: PtpState, s: SessionRecord): TransactionRecord[] {
  const out: TransactionRecord[] = [];
  for (const ref of s.transactions) {
    const t = Table.get(state.transactions, String(ref));
    if (t) out.push(t);
  }
  return out;
}

export const initialState = (): PtpState => ({ sessions: Table.create(), transactions: Table.create(), tokens: Table.create(), subtokens: Table.create(), collects: Table.create() });
export const initialShared = (): PtpShared => ({ owners: Table.create(), nextDueMs: null });
