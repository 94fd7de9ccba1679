/**
 * One payment attempt: which scenario applies to a card, what its effect gives for this
 * amount and card data, and the transaction record it produces. Pure apart from the
 * ids it draws.
 */
import { lookup } from '../kernel/table.ts';
import { cardScenario, type CardBrand, type PaymentEffect, type PlacetoPayScenario } from '../../scenarios/placetopay.ts';
import { luhnValid } from '../kernel/redact.ts';
import type { Ids } from '../kernel/ids.ts';
import type { CardInfo, TransactionKind, TransactionRecord } from './state.ts';

interface BrandInfo {
  paymentMethod: string;
  name: string;
  franchise: string;
  issuer: string;
}

/** WebCheckout naming: paymentMethod `visa`, franchise `PS_VS` (reference §12.13). Non-Visa franchise codes are emulator choices. */
export const BRANDS: Record<CardBrand | 'unknown', BrandInfo> = {
  visa: { paymentMethod: 'visa', name: 'Visa', franchise: 'PS_VS', issuer: 'JPMORGAN CHASE BANK, N.A.' },
  master: { paymentMethod: 'master', name: 'Mastercard', franchise: 'RM_MC', issuer: 'BANCOLOMBIA S.A.' },
  amex: { paymentMethod: 'amex', name: 'American Express', franchise: 'CR_AM', issuer: 'AMERICAN EXPRESS' },
  diners: { paymentMethod: 'diners', name: 'Diners', franchise: 'ID_DN', issuer: 'BANCO DAVIVIENDA S.A.' },
  discover: { paymentMethod: 'discover', name: 'Discover', franchise: 'CR_DS', issuer: 'DISCOVER BANK' },
  maestro: { paymentMethod: 'maestro', name: 'Maestro', franchise: 'RM_MA', issuer: 'BANCOLOMBIA S.A.' },
  somos: { paymentMethod: 'somos', name: 'Somos', franchise: 'CR_SO', issuer: 'SOMOS' },
  exito: { paymentMethod: 'exito', name: 'Tarjeta Éxito', franchise: 'CR_EX', issuer: 'TUYA S.A.' },
  alkosto: { paymentMethod: 'alkosto', name: 'Tarjeta Alkosto', franchise: 'CR_AK', issuer: 'BANCO DE OCCIDENTE' },
  ath: { paymentMethod: 'ath', name: 'ATH', franchise: 'ID_AT', issuer: 'EVERTEC' },
  ebt: { paymentMethod: 'ebt', name: 'EBT', franchise: 'ID_EB', issuer: 'EVERTEC' },
  alia: { paymentMethod: 'alia', name: 'ALIA', franchise: 'CR_AL', issuer: 'BANCO PICHINCHA' },
  unknown: { paymentMethod: 'visa', name: 'Visa', franchise: 'PS_VS', issuer: 'UNKNOWN ISSUER' },
};

/** Brand of a card that is not in the catalog, from its BIN. */
export function brandFromBin(number: string): CardBrand | 'unknown' {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(number)) return 'master';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^3(0[0-5]|[689])/.test(number)) return 'diners';
  if (/^(6011|65|64[4-9])/.test(number)) return 'discover';
  if (/^(50|5[6-9]|6)/.test(number)) return 'maestro';
  return 'unknown';
}

/** Rough rates for the "approve below 200 USD" cards (emulator constants). */
const USD_RATES: Record<string, number> = {
  USD: 1, COP: 4000, CLP: 950, CRC: 510, PEN: 3.7, EUR: 0.92, MXN: 18, BRL: 5.3, UYU: 40, ARS: 1000, GTQ: 7.8, PAB: 1, DOP: 60, HNL: 25, BZD: 2,
  NIO: 36.7, PYG: 7500, BOB: 6.9,
};

export interface CardInput {
  number: string;
  /** MM/YY */
  expiry?: string;
  cvv?: string;
  installments?: number;
  otp?: string;
}

export class CardProblem extends Error {}

/** Checks what the hosted page checks before submitting (number, expiry, CVV shape). */
export function checkCard(card: CardInput, nowMs: number): { number: string; scenario?: PlacetoPayScenario } {
  const number = card.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number)) throw new CardProblem('The card number must have 12 to 19 digits');
  const scenario = cardScenario(number);
  if (!scenario && !luhnValid(number)) throw new CardProblem('The card number is not valid');
  if (card.expiry !== undefined && card.expiry !== '') {
    const m = /^(\d{2})\s*\/\s*(\d{2}|\d{4})$/.exec(card.expiry);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) throw new CardProblem('The expiry must be MM/YY');
    const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    if (Date.UTC(year, Number(m[1]), 1) <= nowMs) throw new CardProblem('The card has expired');
  }
  if (card.cvv !== undefined && card.cvv !== '' && !/^\d{3,4}$/.test(card.cvv)) throw new CardProblem('The CVV must have 3 or 4 digits');
  return { number, scenario };
}

export function cardInfo(number: string, brand: CardBrand | 'unknown', card: CardInput): CardInfo {
  const m = card.expiry ? /^(\d{2})\s*\/\s*(\d{2}|\d{4})$/.exec(card.expiry) : null;
  return {
    brand,
    bin: number.slice(0, 6),
    lastDigits: number.slice(-4),
    expiration: m ? `${m[1]}${m[2]!.slice(-2)}` : '1229',
    // A client's number: 1 unless a finite count; at most 99 (what a state file may hold).
    installments: card.installments !== undefined && Number.isFinite(card.installments) && card.installments >= 1 ? Math.min(Math.floor(card.installments), 99) : 1,
  };
}

export interface EffectResult {
  status: 'APPROVED' | 'REJECTED' | 'PENDING' | 'FAILED';
  reason: string;
  pending?: { then: 'APPROVED' | 'REJECTED'; reason: string; afterSeconds: number };
}

export function evaluateEffect(effect: PaymentEffect, input: { currency: string; total: number; card?: CardInput }): EffectResult {
  switch (effect.kind) {
    case 'approve':
      return { status: 'APPROVED', reason: '00' };
    case 'reject':
      return { status: 'REJECTED', reason: effect.reason };
    case 'exception':
      return { status: 'FAILED', reason: 'XH' };
    case 'pending':
      return {
        status: 'PENDING',
        reason: '?-',
        pending: { then: effect.then, reason: effect.then === 'APPROVED' ? '00' : '05', afterSeconds: effect.afterSeconds ?? 300 },
      };
    case 'approve-below': {
      const usd = input.total / (lookup(USD_RATES, input.currency) ?? 1);
      return usd < effect.usd ? { status: 'APPROVED', reason: '00' } : { status: 'REJECTED', reason: '61' };
    }
    case 'approve-with': {
      const expiry = input.card?.expiry?.replace(/\s/g, '').replace(/^(\d{2})\/\d{2}(\d{2})$/, '$1/$2');
      return expiry === effect.expiry && input.card?.cvv === effect.cvv ? { status: 'APPROVED', reason: '00' } : { status: 'REJECTED', reason: '05' };
    }
  }
}

export function newTransaction(
  ids: Ids,
  fields: {
    internalReference: number;
    requestId: number;
    kind: TransactionKind;
    reference: string;
    currency: string;
    total: number;
    card: CardInfo;
    scenario: string;
    status: TransactionRecord['status'];
    settlesAt: string;
    pending?: TransactionRecord['pending'];
    parent?: number;
  },
): TransactionRecord {
  const brand = BRANDS[fields.card.brand];
  const approved = fields.status.status === 'APPROVED' || fields.status.status === 'PENDING_CONFIRMATION';
  return {
    ...fields,
    paymentMethod: brand.paymentMethod,
    paymentMethodName: brand.name,
    issuerName: brand.issuer,
    franchise: brand.franchise,
    authorization: approved ? ids.token(6, '0123456789') : '000000',
    receipt: ids.token(12, '0123456789'),
    refunded: false,
    refundedTotal: 0,
  };
}
