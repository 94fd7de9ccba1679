/**
 * JSON Schemas of the admin API's request bodies: admin input is validated like provider
 * input, with one readable 400 naming the first problem. Provider-specific fields (a
 * merchant entry, the extra fields of `complete`) are checked by their provider after this.
 */
import type { ValidateFunction } from 'ajv';
import { createAjv, describeErrors, problemsToText } from './schema.ts';
import { CLOCK_RANGE } from './clock.ts';

const name = { type: 'string', minLength: 1, maxLength: 200 };
const provider = { type: 'string', minLength: 1, maxLength: 200 };
const instant = {
  anyOf: [
    { type: 'string', maxLength: 40 },
    { type: 'number', minimum: Date.parse(CLOCK_RANGE.min), maximum: Date.parse(CLOCK_RANGE.max) },
  ],
};
/** Seconds: the whole clock range, either way. */
const RANGE_SECONDS = (Date.parse(CLOCK_RANGE.max) - Date.parse(CLOCK_RANGE.min)) / 1000;
const MAX_DELAY_MS = 2 ** 31 - 1;

const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...extra,
});

export const ADMIN_SCHEMAS = {
  reset: object({ provider }),
  'scenarios/next': object(
    {
      provider,
      scenario: name,
      id: name,
      merchant: { type: 'string', maxLength: 200 },
      method: { type: 'string', maxLength: 20 },
      path: { type: 'string', maxLength: 2000 },
      times: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    },
    { anyOf: [{ required: ['scenario'] }, { required: ['id'] }] },
  ),
  clock: object({
    reset: { type: 'boolean' },
    freeze: { type: 'boolean' },
    unfreeze: { type: 'boolean' },
    freezeAt: instant,
    set: instant,
    advanceSeconds: { type: 'number', minimum: -RANGE_SECONDS, maximum: RANGE_SECONDS },
  }),
  faults: object(
    {
      id: name,
      provider,
      method: { type: 'string', maxLength: 20 },
      path: { type: 'string', maxLength: 2000 },
      times: { type: 'integer', minimum: 1, maximum: 1_000_000_000 },
      probability: { type: 'number', minimum: 0, maximum: 1 },
      seed: { type: 'integer' },
      action: {
        type: 'object',
        required: ['type'],
        properties: {
          type: { enum: ['latency', 'status', 'network-error', 'hang', 'garble'] },
          ms: { type: 'number', minimum: 0, maximum: MAX_DELAY_MS },
          status: { type: 'integer', minimum: 200, maximum: 599 },
          body: { type: 'string', maxLength: 1_000_000 },
          contentType: { type: 'string', maxLength: 200 },
          headers: { type: 'object', additionalProperties: { type: 'string', maxLength: 8192 }, maxProperties: 100 },
        },
        additionalProperties: false,
      },
    },
    { required: ['action'] },
  ),
  'webhooks/flush': object({ retries: { type: 'boolean' } }),
  'webhooks/chaos': object({
    duplicates: { type: 'number', minimum: 0, maximum: 1 },
    reorder: { type: 'boolean' },
    maxDelayMs: { type: 'number', minimum: 0, maximum: 24 * 3600 * 1000 },
    seed: { type: 'integer' },
  }),
  // Providers add fields their pages collect (expiry, CVV, installments): not closed here.
  complete: {
    type: 'object',
    required: ['id'],
    properties: {
      provider,
      id: { anyOf: [{ type: 'string', minLength: 1, maxLength: 200 }, { type: 'integer', minimum: 0 }] },
      card: { type: 'string', pattern: '^[0-9 -]{1,40}$' },
      outcome: name,
      merchant: { type: 'string', maxLength: 200 },
    },
    anyOf: [{ required: ['card'] }, { required: ['outcome'] }],
  },
  snapshot: object({ name }),
  // A restore takes a name, or a whole snapshot (checked by the snapshot schema).
  'restore-by-name': object({ name }, { required: ['name'] }),
  // The merchant's own fields are the provider's merchant schema.
  merchants: { type: 'object', properties: { provider, fresh: { type: 'boolean' } } },
} as const;

export type AdminBody = keyof typeof ADMIN_SCHEMAS;

const ajv = createAjv();
/** Each compiled on its first use, not when the CLI starts (startup budget: 500 ms). */
const compiled = new Map<AdminBody, ValidateFunction>();
const validatorOf = (route: AdminBody): ValidateFunction => {
  let validate = compiled.get(route);
  if (!validate) compiled.set(route, (validate = ajv.compile(ADMIN_SCHEMAS[route])));
  return validate;
};

/** The first problem of an admin body, or undefined when it is valid. */
export function adminBodyProblem(route: AdminBody, body: unknown): string | undefined {
  const validate = validatorOf(route);
  if (validate(body)) return undefined;
  const problems = describeErrors(validate.errors);
  // anyOf problems say little on their own: prefer a concrete one.
  const concrete = problems.filter((p) => p.keyword !== 'anyOf');
  const first = concrete[0] ?? problems[0]!;
  if (first.keyword === 'additionalProperties') return `Unknown field "${first.property}" (this route takes ${Object.keys((ADMIN_SCHEMAS[route] as { properties: object }).properties).join(', ')})`;
  if (problems.some((p) => p.keyword === 'anyOf') && concrete.every((p) => p.keyword === 'required')) {
    return `Give one of ${[...new Set(concrete.map((p) => `"${p.property}"`))].join(' or ')}`;
  }
  return problemsToText([first]);
}
