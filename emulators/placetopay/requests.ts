/**
 * Request validation and normalisation. Schema problems come from the contracts
 * (`contracts/placetopay/*.request.json`); the business rules and silent
 * normalisations are those the reference documents (§5.1): amounts rounded to the
 * currency's minor units, lists and texts cut to their limits, defaults filled.
 */
import { lookup } from '../kernel/table.ts';
import { validate as validateContract } from '../../contracts/index.ts';
import type { SchemaProblem } from '../kernel/schema.ts';
import { luhnValid } from '../kernel/redact.ts';
import { isoDateTime, BOGOTA_OFFSET_MINUTES, parseIsoDateTime } from '../../clients/placetopay/dates.ts';
import { fail, PtpError } from './errors.ts';
import type { ErrorKey } from './messages.ts';
import type { PtpMerchant, SessionKind } from './state.ts';

/** ISO 4217 codes the emulated sites accept, with their minor units. */
export const CURRENCIES: Record<string, number> = {
  COP: 2, USD: 2, CLP: 0, CRC: 2, PEN: 2, EUR: 2, MXN: 2, BRL: 2, UYU: 2, ARS: 2, GTQ: 2, PAB: 2, DOP: 2, HNL: 2, BZD: 2, NIO: 2, PYG: 0, BOB: 2,
};

/** Half-up rounding to `digits` decimals (576.9875 → 576.99; CLP 576.9875 → 577). */
export function roundMinor(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round((value + Number.EPSILON * Math.abs(value)) * factor) / factor;
}

const toNumber = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

const PRIORITY = ['required', 'type', 'maxLength', 'minLength', 'format', 'enum', 'const', 'pattern', 'minimum', 'maximum'];
const ROOT_CHOICES = new Set(['payment', 'subscription', 'autopay']);

/** Validates `body` against `<operation>.request` and throws the first problem in PlacetoPay's words. */
export function validateRequest(operation: string, body: unknown): void {
  const result = validateContract('placetopay', `${operation}.request`, body);
  if (result.valid) return;
  throw problemToError(result.errors);
}

function problemToError(problems: SchemaProblem[]): PtpError {
  const concrete = problems.filter((p) => !['anyOf', 'oneOf', 'allOf', 'if', 'not'].includes(p.keyword));
  const rootChoice = concrete.filter((p) => p.keyword === 'required' && !p.path.includes('.') && ROOT_CHOICES.has(p.property ?? ''));
  const others = concrete.filter((p) => !rootChoice.includes(p));
  if (others.length === 0 && rootChoice.length > 0) {
    return fail.validation('paymentOrSubscription', [], 'The request needs "payment", "subscription" or "autopay"');
  }
  const first = [...others].sort((a, b) => rank(a) - rank(b))[0] ?? concrete[0] ?? problems[0]!;
  const field = first.path || 'request';
  const detail = `${field}: ${first.message}`;
  const p = first.params;
  const map: Record<string, [ErrorKey, (string | number)[]]> = {
    required: ['required', [field]],
    type: ['type', [field, String(p.type)]],
    maxLength: ['maxLength', [field, Number(p.limit)]],
    minLength: ['minLength', [field, Number(p.limit)]],
    format: ['format', [field]],
    enum: ['enum', [field]],
    const: ['enum', [field]],
  };
  const [key, args] = map[first.keyword] ?? ['invalid', [field]];
  return fail.validation(key, args, detail);
}

const rank = (p: SchemaProblem): number => {
  const i = PRIORITY.indexOf(p.keyword);
  return i < 0 ? PRIORITY.length : i;
};

export interface SessionInput {
  kind: SessionKind;
  /** The request as queries echo it: no auth, normalised, defaults filled. */
  echo: Record<string, unknown>;
  reference: string;
  currency: string;
  total: number;
  allowPartial: boolean;
  requiresConfirmation: boolean;
  expiresAtMs: number;
  locale: string;
  returnUrl: string;
  cancelUrl?: string;
  notificationUrl?: string;
  skipResult: boolean;
}

type Json = Record<string, unknown>;

/** Business rules and normalisation of a valid CreateRequest. */
export function readSessionRequest(body: Json, merchant: PtpMerchant, nowMs: number, locale: string, as?: 'collect'): SessionInput {
  // The parsed body belongs to this request alone: normalise it in place, minus auth.
  const { auth: _auth, ...echo } = body;
  const payment = echo.payment as Json | undefined;
  const subscription = echo.subscription as Json | undefined;
  const kind: SessionKind = as ?? (body.type === 'checkin' ? 'checkin' : body.type === 'autopay' ? 'autopay' : payment ? 'payment' : 'subscription');

  if (as === 'collect') delete echo.instrument; // a collect answer never hands the card token back
  for (const field of ['returnUrl', 'cancelUrl'] as const) checkUrl(body, field);

  let expiresAtMs = nowMs + 30 * 60_000;
  if (typeof body.expiration === 'string') {
    const parsed = parseIsoDateTime(body.expiration);
    if (parsed === undefined) throw fail.validation('format', ['expiration'], 'expiration is not an ISO 8601 date-time');
    if (parsed < nowMs + 5 * 60_000) throw fail.validation('expirationTooSoon', [], `expiration ${body.expiration} is less than 5 minutes from now`);
    expiresAtMs = parsed;
  } else {
    // Echoed as sent when given (`+00:00`, `.000Z`: recordings 2017-2026); the default in server time.
    echo.expiration = isoDateTime(expiresAtMs, BOGOTA_OFFSET_MINUTES);
  }

  checkPerson(echo, 'payer', true);
  checkPerson(echo, 'buyer', false);

  let reference = '';
  let currency = '';
  let total = 0;
  let allowPartial = false;
  if (payment) {
    const amount = payment.amount as Json;
    currency = String(amount.currency);
    const digits = lookup(CURRENCIES, currency);
    if (digits === undefined) throw fail.validation('currency', [currency], `currency ${currency} is not one of ${Object.keys(CURRENCIES).join(', ')}`);
    total = roundMinor(toNumber(amount.total), digits);
    amount.total = total;
    normaliseAmountParts(amount, digits);
    reference = String(payment.reference);
    allowPartial = payment.allowPartial === true;
    payment.allowPartial = allowPartial;
    payment.subscribe = payment.subscribe === true;
    if (allowPartial && payment.recurring) throw fail.validation('partialWithRecurring', [], 'allowPartial and recurring cannot be combined');
    if (allowPartial && Array.isArray(amount.taxes) && amount.taxes.length) throw fail.validation('partialWithTaxes', [], 'allowPartial does not accept taxes');
    checkDispersion(payment, merchant, total, digits, allowPartial || body.type === 'checkin');
    if (kind === 'checkin' && allowPartial) throw fail.validation('checkinNotAllowed', [], 'A checkin session cannot be partial');
    if (Array.isArray(payment.items)) payment.items = payment.items.slice(0, 50).map(cutItem);
    if (payment.shipping) cutAddress(payment.shipping as Json);
  } else if (subscription) {
    reference = String(subscription.reference);
  }

  const requiresConfirmation = (body.metadata as Json | undefined)?.requiresConfirmation === true;
  if (requiresConfirmation && !merchant.allowConfirmationFlow) throw fail.validation('confirmationNotAllowed', [], 'This site has allowConfirmationFlow off');

  limitFields(echo, payment ?? subscription);
  echo.locale = locale;
  // Live answers (2021-2026) echo these flags only when set; the PHP SDK's `false` is not echoed.
  for (const flag of ['captureAddress', 'skipResult', 'noBuyerFill']) if (echo[flag] !== true) delete echo[flag];
  const notificationUrl = typeof echo.notificationUrl === 'string' ? echo.notificationUrl : undefined;
  delete echo.notificationUrl;

  return {
    kind,
    echo,
    reference,
    currency,
    total,
    allowPartial,
    requiresConfirmation,
    expiresAtMs,
    locale,
    returnUrl: String(body.returnUrl ?? ''),
    cancelUrl: typeof body.cancelUrl === 'string' ? body.cancelUrl : undefined,
    notificationUrl,
    skipResult: body.skipResult === true,
  };
}

/**
 * returnUrl / cancelUrl must be absolute URLs as a browser reads them. Not RFC 3986 strictly:
 * checkout-test accepted and stored `http://localhost:8000\/resultado.php` (2026 recording), and
 * WHATWG parsing takes the backslash too. Other schemes (javascript:, data:) are URIs and are
 * accepted, as the documented `uri` format does; the hosted page never links or redirects to them.
 */
function checkUrl(body: Json, field: 'returnUrl' | 'cancelUrl'): void {
  const value = body[field];
  if (typeof value !== 'string') return;
  if (!URL.canParse(value)) throw fail.validation('format', [field], `${field} is not an absolute URL`);
}

const CARD_IN_TEXT = /(?<!\d)\d{13,19}(?!\d)/g;
const hasCardNumber = (text: unknown): boolean => typeof text === 'string' && [...text.matchAll(CARD_IN_TEXT)].some((m) => luhnValid(m[0]));

/** payer: errors (`payer_data_not_valid`); buyer: the offending field is dropped (reference §5.1). */
function checkPerson(echo: Json, role: 'payer' | 'buyer', strict: boolean): void {
  const person = echo[role] as Json | undefined;
  if (!person) return;
  if (typeof person.email === 'string' && person.email.length > 80) {
    if (strict) throw fail.validation('payerEmail', [], `${role}.email is longer than 80 characters`, 'payer_data_not_valid');
    delete person.email;
  }
  for (const field of ['name', 'surname']) {
    if (hasCardNumber(person[field])) {
      if (strict) throw fail.validation('payerCardNumber', [], `${role}.${field} contains a card number`, 'payer_data_not_valid');
      delete person[field];
    }
  }
  if (person.address) cutAddress(person.address as Json);
}

function cutAddress(address: Json): void {
  const limits: Record<string, number> = { city: 30, postalCode: 10, street: 128 };
  for (const [k, max] of Object.entries(limits)) if (typeof address[k] === 'string') address[k] = (address[k] as string).slice(0, max);
}

function cutItem(item: unknown): unknown {
  if (!item || typeof item !== 'object') return item;
  const out = { ...(item as Json) };
  const limits: Record<string, number> = { sku: 30, name: 120, qty: 30 };
  for (const [k, max] of Object.entries(limits)) if (typeof out[k] === 'string') out[k] = (out[k] as string).slice(0, max);
  return out;
}

const TAX_KINDS = new Set(['valueAddedTax', 'exciseDuty', 'ice', 'airportTax', 'stateTax', 'reducedStateTax', 'municipalTax']);

function normaliseAmountParts(amount: Json, digits: number): void {
  if (Array.isArray(amount.taxes)) {
    amount.taxes = (amount.taxes as Json[])
      .filter((t) => TAX_KINDS.has(String(t.kind)))
      .map((t) => ({ ...t, amount: roundMinor(toNumber(t.amount), digits), ...(t.base !== undefined ? { base: roundMinor(toNumber(t.base), digits) } : {}) }));
  }
  if (Array.isArray(amount.details)) {
    amount.details = (amount.details as Json[]).map((d) => ({ ...d, amount: roundMinor(toNumber(d.amount), digits) }));
  }
}

function checkDispersion(payment: Json, merchant: PtpMerchant, total: number, digits: number, forbidden: boolean): void {
  const dispersion = payment.dispersion as Json[] | undefined;
  if (!Array.isArray(dispersion) || dispersion.length === 0) return;
  if (forbidden) throw fail.validation('partialWithDispersion', [], 'dispersion cannot be combined with allowPartial or checkin');
  if (dispersion.length > merchant.maxDispersions) {
    throw fail.validation('maxDispersion', [merchant.maxDispersions], `${dispersion.length} dispersions, the site allows ${merchant.maxDispersions}`, 'max_dispersion_error');
  }
  let sum = 0;
  for (const d of dispersion) {
    if (d.agreement !== undefined && d.agreement !== null && !/^\d+$/.test(String(d.agreement))) {
      throw fail.validation('dispersionAgreement', [], `dispersion agreement "${d.agreement}" is not numeric`);
    }
    sum += roundMinor(toNumber((d.amount as Json).total), digits);
  }
  if (roundMinor(sum, digits) !== total) throw fail.validation('dispersionTotal', [], `dispersions add up to ${sum}, the total is ${total}`);
}

/** At most 50 fields in all (top-level first), duplicate keywords: first wins. */
function limitFields(echo: Json, inner: Json | undefined): void {
  const seen = new Set<string>();
  let budget = 50;
  const keep = (list: unknown): unknown[] | undefined => {
    if (!Array.isArray(list)) return undefined;
    const out: unknown[] = [];
    for (const f of list as Json[]) {
      if (budget <= 0) break;
      const k = String(f.keyword);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ displayOn: 'none', ...f });
      budget--;
    }
    return out;
  };
  const top = keep(echo.fields);
  if (top) echo.fields = top;
  if (inner) {
    const nested = keep(inner.fields);
    if (nested) inner.fields = nested;
  }
}
