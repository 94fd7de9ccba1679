/**
 * Card checks beyond the request schema (reference §9): the Luhn check for cards that are
 * not on the test list, month range, expiry against the virtual clock, the "CVV required"
 * test card. What is kept of a card is its mask, expiry and a keyed fingerprint.
 */
import { cardScenario, type PaytureScenario } from '../../scenarios/payture.ts';
import { digest } from '../kernel/digest.ts';
import { luhnValid } from '../kernel/redact.ts';
import { fail } from './errors.ts';
import type { Attrs } from './xml.ts';

export interface CardInput {
  pan: string;
  eMonth: string;
  eYear: string;
  holder?: string;
  cvv?: string;
}

export interface CheckedCard {
  mask: string;
  holder: string;
  expMonth: number;
  expYear: number;
  /** MM/YY */
  expiry: string;
  fingerprint: string;
  scenario?: PaytureScenario;
  cvvRequired: boolean;
}

/** `5218851946955484` → `521885xxxxxx5484` (Payture's CardName / PANMask / CardNumber). */
export const maskPan = (pan: string): string => `${pan.slice(0, 6)}${'x'.repeat(Math.max(0, pan.length - 10))}${pan.slice(-4)}`;

export const fingerprint = (pan: string): string => digest('sha256', `pasarela:payture:${pan}`, 'hex');

/** Four-digit year from the 2-digit form of the docs or the 4 digits some clients send. */
export const fullYear = (eYear: string): number => (eYear.length === 4 ? Number(eYear) : 2000 + Number(eYear));

export function checkCard(card: CardInput, nowMs: number, opts: { luhn: boolean; echo?: Attrs; step?: 'authorize' | 'add' }): CheckedCard {
  const scenario = cardScenario(card.pan);
  // A test card that declines this step answers its own code even with a passed expiry: sandbox3
  // gave 4400000000000008 WRONG_EXPIRE_DATE on Block with 12/19 in 2023, WRONG_PARAMS on Add with 09/2011.
  const ownDecline = scenario?.steps?.[opts.step ?? 'authorize']?.kind === 'decline';
  if (!scenario && opts.luhn && !luhnValid(card.pan)) throw fail('WRONG_PAN', 'The card number fails the Luhn check (option luhn is on)', opts.echo);
  const month = Number(card.eMonth);
  if (!(month >= 1 && month <= 12)) throw fail('WRONG_EXPIRE_DATE', `EMonth "${card.eMonth}" is not a month`, opts.echo);
  const year = fullYear(card.eYear);
  if (!ownDecline && Date.UTC(year, month, 1) <= nowMs) throw fail('CARD_EXPIRED', `The card expired at the end of ${card.eMonth}/${card.eYear}`, opts.echo);
  const cvvRequired = scenario?.cvvRequired === true;
  if (cvvRequired && !card.cvv) throw fail('WRONG_CVV', 'This test card needs SecureCode', opts.echo);
  return {
    mask: maskPan(card.pan),
    holder: card.holder ?? '',
    expMonth: month,
    expYear: year,
    expiry: `${String(month).padStart(2, '0')}/${String(year).slice(-2)}`,
    fingerprint: fingerprint(card.pan),
    scenario,
    cvvRequired,
  };
}
