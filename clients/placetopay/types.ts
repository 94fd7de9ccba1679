/** Wire types of the PlacetoPay WebCheckout API (reference §5–§6). Unknown fields may appear. */

export type Reason = string | number | null;

export interface Status {
  status: 'OK' | 'FAILED' | 'PENDING' | 'APPROVED' | 'REJECTED' | 'APPROVED_PARTIAL' | 'PARTIAL_EXPIRED' | 'PENDING_CONFIRMATION' | (string & {});
  reason: Reason;
  message: string | null;
  date: string;
}

export interface NameValuePair {
  keyword: string;
  value?: unknown;
  displayOn?: 'none' | 'payment' | 'receipt' | 'both' | 'approved';
}

export interface Address {
  street?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  phone?: string;
}

export interface Person {
  document?: string;
  documentType?: string;
  name?: string;
  surname?: string;
  company?: string;
  email?: string;
  mobile?: string | number;
  address?: Address;
}

export interface Amount {
  currency: string;
  total: number | string;
  taxes?: { kind: string; amount: number; base?: number }[];
  details?: { kind: string; amount: number }[];
}

export interface AmountBase {
  currency: string;
  total: number | string;
}

export interface PaymentRequest {
  reference: string;
  description?: string;
  amount: Amount;
  allowPartial?: boolean;
  subscribe?: boolean;
  shipping?: Person;
  items?: { sku?: string; name?: string; category?: string; qty?: string | number; price?: number; tax?: number }[];
  fields?: NameValuePair[];
  recurring?: { periodicity: 'D' | 'M' | 'Y'; interval: number; nextPayment?: string; maxPeriods?: number; dueDate?: string; notificationUrl?: string };
  dispersion?: { amount: Amount; agreement?: number | null; agreementType?: 'MERCHANT' | 'AIRLINE' }[];
  modifiers?: unknown[];
  processorFields?: NameValuePair[];
}

export interface CreateSessionRequest {
  locale?: string;
  payment?: PaymentRequest;
  subscription?: { reference: string; description?: string; fields?: NameValuePair[] };
  payer?: Person;
  buyer?: Person;
  expiration?: string;
  ipAddress: string;
  userAgent: string;
  returnUrl: string;
  cancelUrl?: string;
  paymentMethod?: string;
  fields?: NameValuePair[];
  skipResult?: boolean;
  noBuyerFill?: boolean;
  captureAddress?: boolean;
  type?: 'checkin' | 'autopay';
  metadata?: { requiresConfirmation?: boolean; initiatorIndicator?: string; [key: string]: unknown };
  /** Pasarela extension: per-session notification URL (the real service configures it per site). */
  notificationUrl?: string;
  [key: string]: unknown;
}

export interface CreateSessionResponse {
  status: Status;
  requestId: number;
  processUrl: string;
}

export interface Transaction {
  status: Status;
  internalReference: number;
  reference: string;
  paymentMethod: string;
  paymentMethodName: string;
  issuerName: string | null;
  amount: { from: AmountBase; to: AmountBase; factor: number | string };
  authorization: string;
  receipt: string;
  franchise: string;
  refunded: boolean;
  processorFields: NameValuePair[];
  [key: string]: unknown;
}

export interface SubscriptionInfo {
  status: Status;
  type: 'token' | 'account' | 'cuenta';
  instrument: NameValuePair[];
}

export interface RedirectInformation {
  requestId: number;
  status: Status;
  /** The create request as the server echoes it (no auth, defaults filled). */
  request: CreateSessionRequest;
  payment: Transaction[] | null;
  subscription: SubscriptionInfo | null;
}

export interface CancelResponse {
  status: Status;
  session: RedirectInformation;
}

export interface CollectRequest {
  payment: PaymentRequest;
  instrument: { token: { token?: string; subtoken?: string; installments?: number; cvv?: string } };
  payer: Person;
  buyer?: Person;
  ipAddress: string;
  userAgent: string;
  locale?: string;
  type?: 'checkin';
  [key: string]: unknown;
}

export type TransactionAction = 'checkout' | 'reauthorization' | 'reverse' | 'confirm' | 'cancel';

export interface TransactionRequest {
  internalReference: number | string;
  action: TransactionAction;
  amount?: AmountBase;
  locale?: string;
}

export interface TransactionResponse {
  status: Status;
  payment: Transaction;
}

export interface Notification {
  status: Status;
  requestId: number;
  reference: string;
  signature: string;
}
