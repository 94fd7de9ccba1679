/**
 * A redacted recording cannot be sent as it is: a masked card number (`411111******1111`)
 * or a hidden CVV fails the emulator's validation long before the behaviour under test.
 * Before a replay, each masked number becomes the provider's published test card with the
 * same first 6, last 4 and length (else a well-known test card, else a Luhn-valid number
 * with those digits), and each hidden CVV a 3-digit one. Nothing else changes.
 */
import { luhnValid, REDACTED } from '../kernel/redact.ts';
import type { ProviderModule } from '../kernel/types.ts';
import type { CaseRequest, ConformanceCase } from './case.ts';

/** Test cards every gateway's documentation uses. */
const WELL_KNOWN = ['4111111111111111', '4242424242424242', '5555555555554444', '5105105105105100', '378282246310005', '36227206271667', '6011111111111117'];
const MASKED = /(?<!\d)(\d{6})(\*{2,9})(\d{4})(?!\d)/g;
const CVV_KEYS = 'cvv|cvv2|cvc|cvc2|securitycode|securecode|cardsecuritycode|cardverificationcode|secure_code|security_code';
const CVV_JSON = new RegExp(`("(?:${CVV_KEYS})"\\s*:\\s*)"${REDACTED.replace(/[[\]]/g, '\\$&')}"`, 'gi');
const CVV_FORM = new RegExp(`((?:^|[;&?=\\s]|%3B|%253B|%26|%2526)(?:${CVV_KEYS})(?:=|%3D|%253D))${REDACTED.replace(/[[\]]/g, '\\$&')}`, 'gi');

function cardsOf(module: ProviderModule): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string' && /^\d{12,19}$/.test(v)) out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const s of module.scenarios) walk(s.trigger);
  return [...out, ...WELL_KNOWN];
}

/** First 6 and last 4 as given, middle digits zero but one, Luhn-valid. */
function luhnFill(first: string, middle: number, last: string): string {
  for (let d = 0; d < 10; d++) {
    const candidate = first + String(d).padEnd(middle, '0') + last;
    if (luhnValid(candidate)) return candidate;
  }
  return first + '0'.repeat(middle) + last;
}

export function unmaskText(text: string, cards: readonly string[]): string {
  return text
    .replace(MASKED, (_m, first: string, stars: string, last: string) => {
      const length = 10 + stars.length;
      return cards.find((c) => c.length === length && c.startsWith(first) && c.endsWith(last)) ?? luhnFill(first, stars.length, last);
    })
    .replace(CVV_JSON, '$1"123"')
    .replace(CVV_FORM, '$1123');
}

function unmaskRequest(r: CaseRequest, cards: readonly string[]): CaseRequest {
  return {
    ...r,
    path: unmaskText(r.path, cards),
    ...(r.headers ? { headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, unmaskText(v, cards)])) } : {}),
    ...(typeof r.body === 'string' ? { body: unmaskText(r.body, cards) } : {}),
  };
}

/** The case with its requests' masked card numbers and hidden CVVs filled in. */
export function unmaskCase(c: ConformanceCase, module: ProviderModule): ConformanceCase {
  const cards = cardsOf(module);
  return {
    ...c,
    ...(c.setup ? { setup: { ...c.setup, ...(c.setup.steps ? { steps: c.setup.steps.map((s) => ({ ...s, request: unmaskRequest(s.request, cards) })) } : {}) } } : {}),
    request: unmaskRequest(c.request, cards),
  };
}
