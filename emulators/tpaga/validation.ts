/**
 * Request validation. The JSON Schemas in `contracts/tpaga/*.request.json` say what is
 * well-formed; the card rules (Luhn, accepted brands, expiry) are checked here. Every
 * invalid field gets one Grails-style error (reference §4.3), so a 422 names each bad
 * field, in the order of the request schema. Card numbers are masked and CVCs hidden in
 * `rejected-value` and in messages.
 */
import { lookup } from '../kernel/table.ts';
import { cardScenario, type CardType } from '../../scenarios/tpaga.ts';
import { schema, validate as validateContract } from '../../contracts/index.ts';
import { isRecord } from '../kernel/body.ts';
import { luhnValid, maskPan, REDACTED, Redactor } from '../kernel/redact.ts';
import type { SchemaProblem } from '../kernel/schema.ts';
import { fail, type ErrorItem } from './errors.ts';
import { BOGOTA_OFFSET_MS } from './machine.ts';

type Json = Record<string, unknown>;

const SECRET_FIELDS = new Set(['cvc', 'cardVerificationCode']);

const redactor = new Redactor([...SECRET_FIELDS]);

/**
 * What a 422 may echo of a value: never a card number or a CVC, also when a client put a
 * whole card object where a card id belongs (`creditCard: {primaryAccountNumber, cvc}`) or a
 * card number in the wrong field.
 */
export function shown(field: string, value: unknown): unknown {
  if (value === undefined) return null;
  if (SECRET_FIELDS.has(field)) return REDACTED;
  if (field === 'primaryAccountNumber') return typeof value === 'string' && /^\d{12,19}$/.test(value) ? maskPan(value) : REDACTED;
  return redactor.value(value, field);
}

const at = (body: Json, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), body);

/** What a field that accepts several shapes (anyOf) expects, when no single rule says it better. */
const HINTS: Record<string, string> = {
  expirationMonth: 'is not a month (1 to 12)',
  expirationYear: 'is not a year with four digits',
  cvc: 'must have 3 or 4 digits',
  cardVerificationCode: 'must have 3 or 4 digits',
  amount: 'must be a valid number',
  taxAmount: 'must be a valid number',
  iacAmount: 'must be a valid number',
  tipAmount: 'must be a valid number',
  installments: 'must be a valid whole number',
  address: 'must be an object',
  'address.city': 'must be an object',
  billingAddress: 'must be an object',
};

const PRIORITY = ['required', 'type', 'anyOf', 'pattern', 'minLength', 'maxLength', 'format', 'enum', 'const', 'exclusiveMinimum', 'minimum', 'maximum'];

/** Grails' default messages (messages.properties), with the emulator's wording where Grails has none. */
function grailsMessage(object: string, field: string, value: unknown, p: SchemaProblem): string {
  const head = `Property [${field}] of class [class ${object}]`;
  const v = `${head} with value [${String(value)}]`;
  switch (p.keyword) {
    case 'required':
      return `${head} cannot be null`;
    case 'type':
      return `${v} must be a valid ${p.params.type === 'integer' ? 'whole number' : String(p.params.type).replace(',null', '')}`;
    case 'anyOf':
      return `${v} ${lookup(HINTS, field) ?? 'is not valid'}`;
    case 'pattern':
      return p.params.pattern === '\\S' ? `${head} cannot be blank` : `${v} does not match the required pattern [${String(p.params.pattern)}]`;
    case 'minLength':
      return `${head} cannot be blank`;
    case 'maxLength':
      return `${v} exceeds the maximum size of [${String(p.params.limit)}]`;
    case 'format':
      return p.params.format === 'email' ? `${v} is not a valid e-mail address` : `${v} is not a valid ${String(p.params.format)}`;
    case 'enum':
      return `${v} is not contained within the list [${(p.params.allowedValues as unknown[]).filter((x) => x !== null).join(', ')}]`;
    case 'exclusiveMinimum':
    case 'minimum':
      return `${v} is less than minimum value [${String(p.params.limit)}${p.keyword === 'exclusiveMinimum' ? ', exclusive' : ''}]`;
    case 'maximum':
      return `${v} exceeds maximum value [${String(p.params.limit)}]`;
    default:
      return `${v} is not valid`;
  }
}

/** Schema problems → one error per field (the most telling problem of each). */
export function schemaErrors(operation: string, object: string, body: Json): ErrorItem[] {
  const result = validateContract('tpaga', `${operation}.request`, body);
  if (result.valid) return [];
  const byField = new Map<string, SchemaProblem[]>();
  for (const p of result.errors) {
    if (p.keyword === 'oneOf' || p.keyword === 'if' || p.keyword === 'not') continue;
    const list = byField.get(p.path) ?? [];
    list.push(p);
    byField.set(p.path, list);
  }
  // A problem inside an object (address.city.name) also fails the object's anyOf: report the innermost.
  return [...byField.entries()]
    .filter(([path]) => ![...byField.keys()].some((k) => k.startsWith(path ? `${path}.` : '.')))
    .map(([path, list]) => {
      const rank = (p: SchemaProblem) => (PRIORITY.indexOf(p.keyword) + 1 || 99);
      // Under anyOf, the 'type' problems are the branches the value is not: skip them, and
      // use the field's hint for a pattern (or when no branch had a concrete complaint).
      const anyOf = list.find((p) => p.keyword === 'anyOf');
      const concrete = list.filter((p) => !anyOf || (p.keyword !== 'type' && p.keyword !== 'anyOf')).sort((a, b) => rank(a) - rank(b))[0];
      const first = anyOf && (!concrete || (concrete.keyword === 'pattern' && lookup(HINTS, path))) ? anyOf : (concrete ?? list[0]!);
      const value = at(body, path);
      return fail.field(object, path || 'body', shown(path, value), grailsMessage(object, path, shown(path, value), first));
    });
}

export function validateOrThrow(operation: string, object: string, body: Json, extra: (bad: Set<string>) => ErrorItem[] = () => []): void {
  const items = schemaErrors(operation, object, body);
  items.push(...extra(new Set(items.map((i) => i.field ?? ''))));
  if (!items.length) return;
  // In the order of the request's fields, so errors[0] is the first bad field of the form.
  const order = Object.keys((schema('tpaga', `${operation}.request`).properties as object | undefined) ?? {});
  const rank = (i: ErrorItem) => {
    const k = order.indexOf((i.field ?? '').split('.')[0]!);
    return k < 0 ? order.length : k;
  };
  throw fail.invalid(items.sort((a, b) => rank(a) - rank(b)));
}

/** Brand of a card number; the catalog decides for its own cards (CREDENCIAL). */
export function cardTypeOf(pan: string): CardType | undefined {
  const listed = cardScenario(pan)?.cardType;
  if (listed) return listed;
  if (/^4/.test(pan)) return 'VISA';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(pan)) return 'MASTERCARD';
  if (/^3[47]/.test(pan)) return 'AMEX';
  if (/^3(0[0-5]|[689])/.test(pan)) return 'DINERS';
  if (/^589562/.test(pan)) return 'CREDENCIAL';
  return undefined;
}

export interface CardInput {
  pan: string;
  type: CardType;
  expirationMonth: string;
  expirationYear: string;
}

/**
 * The card rules beyond the schema, for fields the schema found well-formed: a Luhn-valid
 * number of 12–19 digits of an accepted brand, not expired on the (virtual) Bogotá date.
 */
export function cardErrors(object: string, body: Json, nowMs: number, bad: Set<string>, cvc?: { field: string; required: boolean }): ErrorItem[] {
  const items: ErrorItem[] = [];
  const pan = body.primaryAccountNumber;
  if (!bad.has('primaryAccountNumber') && typeof pan === 'string') {
    const shownPan = shown('primaryAccountNumber', pan);
    const head = `Property [primaryAccountNumber] of class [class ${object}] with value [${String(shownPan)}]`;
    if (!/^\d{12,19}$/.test(pan) || !luhnValid(pan)) {
      items.push(fail.field(object, 'primaryAccountNumber', shownPan, `${head} is not a valid credit card number`));
    } else if (!cardTypeOf(pan)) {
      items.push(fail.field(object, 'primaryAccountNumber', shownPan, `${head} is not of an accepted card type (AMEX, VISA, MASTERCARD, DINERS, CREDENCIAL)`));
    }
  }
  if (!bad.has('expirationMonth') && !bad.has('expirationYear') && body.expirationMonth !== undefined && body.expirationYear !== undefined) {
    const month = Number(body.expirationMonth);
    const year = Number(body.expirationYear);
    const today = new Date(nowMs + BOGOTA_OFFSET_MS);
    const [thisYear, thisMonth] = [today.getUTCFullYear(), today.getUTCMonth() + 1];
    if (year < thisYear) {
      items.push(fail.field(object, 'expirationYear', body.expirationYear, `Property [expirationYear] of class [class ${object}] with value [${String(body.expirationYear)}] is in the past: the card has expired`));
    } else if (year === thisYear && month < thisMonth) {
      items.push(fail.field(object, 'expirationMonth', body.expirationMonth, `Property [expirationMonth] of class [class ${object}] with value [${String(body.expirationMonth)}] is in the past: the card has expired`));
    }
  }
  if (cvc?.required && body[cvc.field] === undefined && !bad.has(cvc.field)) {
    items.push(fail.field(object, cvc.field, null, `Property [${cvc.field}] of class [class ${object}] cannot be null`));
  }
  return items;
}

/** A well-formed, valid card body as the emulator keeps it (month as two digits). */
export function readCard(body: Json): CardInput {
  const pan = body.primaryAccountNumber as string;
  return {
    pan,
    type: cardTypeOf(pan)!,
    expirationMonth: String(Number(body.expirationMonth)).padStart(2, '0'),
    expirationYear: String(body.expirationYear),
  };
}

/** At most two decimals: COP amounts are whole pesos in practice, centavos at most. */
export function decimalsErrors(object: string, body: Json, fields: string[], bad: Set<string>): ErrorItem[] {
  return fields
    .filter((f) => !bad.has(f) && typeof body[f] === 'number' && Math.abs(Math.round((body[f] as number) * 100) - (body[f] as number) * 100) > 1e-6)
    .map((f) => fail.field(object, f, body[f], `Property [${f}] of class [class ${object}] with value [${String(body[f])}] has more than two decimals`));
}
