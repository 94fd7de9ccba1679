/**
 * What the Tpaga emulator stores, per merchant (keyed by public key: a secret names nothing). Plain JSON only.
 * Card data is BIN + last four + a keyed fingerprint: never a full PAN, never a CVC.
 */
import type { CardType, ChargeStatus } from '../../scenarios/tpaga.ts';
import { Table } from '../kernel/table.ts';
import type { ProviderContext } from '../kernel/types.ts';

/** Fee and withholding rates of a merchant account (percent of the base; see fees.ts). */
export interface TpagaRates {
  feePercent: number;
  feeFixed: number;
  /** IVA charged on Tpaga's commission. */
  feeVatPercent: number;
  reteRentaPercent: number;
  reteIcaPercent: number;
  /** Percent of `taxAmount` (the IVA of the sale) withheld as reteIVA. */
  reteIvaPercent: number;
}

export interface TpagaMerchant {
  privateKey: string;
  publicKey: string;
  /** Run a validation charge when a card is stored (the real setting is per account). */
  validationCharge: boolean;
  rates: TpagaRates;
}

export interface AddressRecord {
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: { name: string | null; state: string | null; country: string | null } | null;
}

export interface CustomerRecord {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  gender: string | null;
  legalIdNumber: string | null;
  merchantCustomerId: string | null;
  address: AddressRecord | null;
  deleted: boolean;
  createdAt: string;
}

/** What tokenization keeps of a card. */
export interface CardData {
  bin: string;
  lastFour: string;
  type: CardType;
  expirationMonth: string;
  expirationYear: string;
  cardHolderName: string;
  cardHolderLegalIdNumber: string | null;
  cardHolderLegalIdType: string | null;
  fingerprint: string;
  /** Scenario of the card number in the catalog, or null (approves). */
  scenario: string | null;
}

export interface TokenRecord {
  token: string;
  card: CardData;
  used: boolean;
  createdAt: string;
}

export interface BillingAddress {
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface CardRecord extends CardData {
  id: string;
  customer: string;
  billing: BillingAddress | null;
  validationCharge: { successful: boolean; errorCode: string } | null;
  creditCardChecks: { cardHolderLegalIdMatches: string } | null;
  deleted: boolean;
  createdAt: string;
}

export interface ChargeRecord {
  id: string;
  creditCard: string;
  customer: string;
  amount: number;
  taxAmount: number;
  iacAmount: number;
  tipAmount: number;
  tpagaFeeAmount: number;
  reteRentaAmount: number;
  reteIcaAmount: number;
  reteIvaAmount: number;
  netAmount: number;
  currency: string;
  installments: number;
  orderId: string | null;
  description: string | null;
  thirdPartyId: string | null;
  childMerchantId: string | null;
  paid: boolean;
  paymentTransaction: string;
  authorizationCode: string | null;
  status: ChargeStatus;
  errorCode: string;
  errorMessage: string;
  dateCreated: string;
  /** When an authorized charge settles and stops being refundable. */
  settlesAt: string;
  scenario: string;
  history: { at: string; status: string; note?: string }[];
}

/** Keyed by ids that arrive in URLs and bodies: tables, never plain objects. */
export interface TpagaState {
  customers: Table<CustomerRecord>;
  tokens: Table<TokenRecord>;
  cards: Table<CardRecord>;
  charges: Table<ChargeRecord>;
}

export interface TpagaShared {
  /** Earliest virtual instant an authorized charge settles; null when none. */
  nextDueMs: number | null;
}

export type TpagaContext = ProviderContext<TpagaState, TpagaMerchant, TpagaShared>;

export const initialState = (): TpagaState => ({ customers: Table.create(), tokens: Table.create(), cards: Table.create(), charges: Table.create() });
export const initialShared = (): TpagaShared => ({ nextDueMs: null });

/** Behaviours the reference leaves unconfirmed, as sandbox options (`options.tpaga`). */
export interface TpagaSettings {
  /** `same-day` (Swagger text, default): until midnight in Bogotá; `24h` (the blog). */
  refundWindow: 'same-day' | '24h';
  /** A successful DELETE: 200 with the deleted object (default: tpaga_service parses the body as JSON), or 204 empty. */
  deleteStatus: 200 | 204;
  /** Whether tokenize requires `cvc` (the PHP README example omits it). */
  requireCvc: boolean;
  /** Seconds an unused token stays valid; null: no expiry. */
  tokenTtlSeconds: number | null;
  /** `cardHolderLegalIdType` of a card tokenized without one: null (a Django GET) or e.g. "CC" (tpaga_service's associate). */
  cardHolderLegalIdTypeDefault: string | null;
}

export function settings(ctx: TpagaContext): TpagaSettings {
  const o = ctx.options;
  return {
    refundWindow: o.refundWindow === '24h' ? '24h' : 'same-day',
    deleteStatus: o.deleteStatus === 204 ? 204 : 200,
    requireCvc: o.requireCvc === true,
    tokenTtlSeconds: typeof o.tokenTtlSeconds === 'number' && o.tokenTtlSeconds > 0 ? o.tokenTtlSeconds : null,
    cardHolderLegalIdTypeDefault: typeof o.cardHolderLegalIdTypeDefault === 'string' && /^[A-Z]{1,8}$/.test(o.cardHolderLegalIdTypeDefault) ? o.cardHolderLegalIdTypeDefault : null,
  };
}

/** 32 lower-case alphanumerics, the shape of every observed Tpaga id. */
export const newId = (ctx: TpagaContext): string => ctx.ids.token(32, '0123456789abcdefghijklmnopqrstuvwxyz');
