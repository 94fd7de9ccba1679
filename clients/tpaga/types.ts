/** Wire types of the Tpaga v2 API (reference §3). Unknown fields may appear. */

export type CardType = 'VISA' | 'MASTERCARD' | 'AMEX' | 'DINERS' | 'CREDENCIAL';
export type ChargeStatus = 'created' | 'authorized' | 'processor_declined' | 'fraudulent' | 'settled' | 'voided';

export interface CustomerAddress {
  addressLine1?: string | null;
  addressLine2?: string | null;
  postalCode?: string | null;
  city?: { name?: string | null; state?: string | null; country?: string | null } | null;
}

export interface CustomerInput {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  gender?: 'M' | 'F' | 'N/A';
  legalIdNumber?: string;
  merchantCustomerId?: string;
  address?: CustomerAddress;
}

export interface Customer extends Record<string, unknown> {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  /** Absent when the customer has none (a live answer of ~2020). */
  address?: CustomerAddress;
}

export interface CardInput {
  primaryAccountNumber: string;
  cardHolderName: string;
  expirationMonth: string | number;
  expirationYear: string | number;
  cvc?: string;
  cardHolderLegalIdNumber?: string;
  cardHolderLegalIdType?: string;
}

/** Legacy server-side creation: `cardVerificationCode` instead of `cvc`, plus a billing address. */
export interface CardCreateInput extends Omit<CardInput, 'cvc' | 'cardHolderLegalIdNumber' | 'cardHolderLegalIdType'> {
  cardVerificationCode?: string;
  billingAddress?: { addressLine1?: string; addressLine2?: string; city?: string; state?: string; postalCode?: string; country?: string };
}

export interface Token {
  token: string;
  used: boolean;
}

export interface CreditCard extends Record<string, unknown> {
  id: string;
  bin: string;
  type: CardType;
  expirationMonth: string;
  expirationYear: string;
  lastFour: string;
  customer: string;
  cardHolderName: string;
  fingerprint: string;
  /** Always present since 2017 (null when none was tokenized); absent in 2016 answers. */
  cardHolderLegalIdNumber?: string | null;
  cardHolderLegalIdType?: string | null;
  validationCharge?: { successful: boolean; errorCode: string };
  /** Only when a legal-id check ran. */
  creditCardChecks?: { cardHolderLegalIdMatches: string };
}

export interface ChargeInput {
  creditCard: string;
  /** COP, whole pesos. */
  amount: number;
  currency?: 'COP';
  installments?: number;
  taxAmount?: number;
  iacAmount?: number;
  tipAmount?: number;
  orderId?: string;
  description?: string;
  thirdPartyId?: string;
  childMerchantId?: string;
}

export interface CreditCardCharge extends Record<string, unknown> {
  id: string;
  /** Two-decimal strings, e.g. "4500.00". */
  amount: string;
  taxAmount: string;
  iacAmount: string;
  tipAmount: string;
  netAmount: string;
  tpagaFeeAmount: string;
  reteRentaAmount: string;
  reteIcaAmount: string;
  reteIvaAmount: string;
  currency: string;
  creditCard: string;
  customer: string;
  installments: number;
  orderId: string | null;
  description: string | null;
  thirdPartyId: string | null;
  paid: boolean;
  paymentTransaction: string;
  transactionInfo: { authorizationCode: string | null; status: ChargeStatus };
  errorCode: string;
  errorMessage: string;
  dateCreated?: string;
}

export interface FieldError {
  object?: string | null;
  field: string | null;
  'rejected-value'?: unknown;
  message: string;
}
