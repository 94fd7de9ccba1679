/**
 * How the emulator reads a request body, the same way for every route: what real Tpaga
 * clients send (docs/tpaga.md, "What real clients send") and how Grails' data binding
 * treated it.
 *
 * - JSON whatever the Content-Type says: `application/json` with or without a charset
 *   (`; charset=utf-8`, `;charset=UTF-8`), `application/x-www-form-urlencoded` (the
 *   Ruby SDK labels GET and DELETE so), `text/plain` or none. Pretty-printed, `\uXXXX`
 *   and `\/` escapes, raw UTF-8: all plain JSON.
 * - No body, or an empty one, is `{}` (POST /customer with nothing creates a customer).
 * - GET and DELETE bodies are never used: the Ruby SDK sends the literal `null` on DELETE.
 * - Grails binds a JSON number to a String property as its decimal text (`orderId: 123`
 *   from tpaga_service's live spec, Django's integer `merchantCustomerId`), a digit string
 *   to a number (`"4500"`, PHP's form value `installments: "1"`), and `"true"`/`"false"`
 *   to a boolean.
 */
import { isRecord, readJson } from '../kernel/body.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import { fail } from './errors.ts';

type Json = Record<string, unknown>;

/** What one request object binds: dot paths of its String, number and boolean properties. */
export interface Binding {
  strings?: readonly string[];
  numbers?: readonly string[];
  booleans?: readonly string[];
}

const ADDRESS = ['addressLine1', 'addressLine2', 'postalCode', 'city.name', 'city.state', 'city.country'];
const BILLING = ['addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'country'];

/** Per request object (the Grails class named in its 422s). */
export const BINDINGS = {
  Customer: {
    strings: ['firstName', 'lastName', 'email', 'phone', 'gender', 'legalIdNumber', 'merchantCustomerId', ...ADDRESS.map((f) => `address.${f}`)],
  },
  CreditCardToken: {
    strings: ['primaryAccountNumber', 'cardHolderName', 'cardHolderLegalIdNumber', 'cardHolderLegalIdType'],
  },
  CreditCardCreate: {
    strings: ['primaryAccountNumber', 'cardHolderName', ...BILLING.map((f) => `billingAddress.${f}`)],
  },
  Token: { strings: ['token'], booleans: ['skipLegalIdCheck'] },
  CreditCardCharge: {
    strings: ['creditCard', 'orderId', 'description', 'thirdPartyId', 'childMerchantId'],
    numbers: ['amount', 'taxAmount', 'iacAmount', 'tipAmount', 'installments'],
  },
  CreditCardRefund: { strings: ['id'] },
} satisfies Record<string, Binding>;

export type TpagaObject = keyof typeof BINDINGS;

/** The body of a POST as the object Grails would bind; 400 in the envelope when it is not an object. */
export async function readBody(c: PasarelaContext, object: TpagaObject): Promise<Json> {
  const parsed = await readJson(c);
  if (!parsed.ok) {
    if (parsed.problem === 'empty') return {};
    throw fail.badBody(object, parsed.detail);
  }
  const value = parsed.value;
  if (!isRecord(value)) throw fail.badBody(object, `got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  bind(value, BINDINGS[object]);
  return value;
}

const DIGITS = /^\d+(\.\d+)?$/;

/** Applies Grails' type conversions in place; values it cannot convert stay as sent (the schema then names them). */
export function bind(body: Json, binding: Binding): void {
  for (const path of binding.strings ?? []) {
    update(body, path, (v) => {
      // Only what converts exactly: a number past 2^53 has already lost digits in JSON.parse.
      if (typeof v === 'number' && Number.isFinite(v) && (!Number.isInteger(v) || Number.isSafeInteger(v))) return String(v);
      return v;
    });
  }
  for (const path of binding.numbers ?? []) update(body, path, (v) => (typeof v === 'string' && DIGITS.test(v) ? Number(v) : v));
  for (const path of binding.booleans ?? []) update(body, path, (v) => (v === 'true' ? true : v === 'false' ? false : v));
}

function update(body: Json, path: string, convert: (v: unknown) => unknown): void {
  const keys = path.split('.');
  let at: unknown = body;
  for (const k of keys.slice(0, -1)) {
    if (!isRecord(at) || !Object.hasOwn(at, k)) return;
    at = at[k];
  }
  const last = keys.at(-1)!;
  if (isRecord(at) && Object.hasOwn(at, last)) at[last] = convert(at[last]);
}
