/**
 * The contracts registry: JSON Schemas in `contracts/<provider>/*.json`, compiled once
 * per process, used by the emulators (request validation), the clients (optional
 * response validation), the contract suites and the docs.
 *
 * Operation names are file names without `.json`: `session-create.request`,
 * `session-create.response`, `error.response`, ...
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { createAjv, describeErrors, type SchemaProblem } from '../emulators/kernel/schema.ts';

export type { SchemaProblem } from '../emulators/kernel/schema.ts';

const root = new URL('./', import.meta.url);
const ajv = createAjv();
const loaded = new Map<string, Map<string, { id: string; schema: Record<string, unknown> }>>();
/** Compiled validators by `provider/operation`: ajv's own lookup re-parses the id on every call. */
const compiled = new Map<string, ValidateFunction>();

function load(provider: string) {
  let ops = loaded.get(provider);
  if (ops) return ops;
  const dir = new URL(`./${provider}/`, root);
  if (!/^[a-z0-9-]+$/.test(provider) || !existsSync(dir)) throw new Error(`pasarela/contracts: no contracts for provider "${provider}"`);
  ops = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const schema = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, unknown>;
    const id = (schema.$id as string | undefined) ?? `pasarela:${provider}/${file}`;
    ajv.addSchema(schema, id);
    ops.set(file.replace(/\.json$/, ''), { id, schema });
  }
  loaded.set(provider, ops);
  return ops;
}

/** Operations with a schema, e.g. `['collect.request', 'collect.response', ...]`. */
export function operations(provider: string): string[] {
  return [...load(provider).keys()];
}

export function schema(provider: string, operation: string): Record<string, unknown> {
  const found = load(provider).get(operation);
  if (!found) throw new Error(`pasarela/contracts: no schema "${operation}" for ${provider} (have: ${operations(provider).join(', ')})`);
  return found.schema;
}

/** The compiled validator (compiled on first use, then cached by ajv). */
export function validator(provider: string, operation: string): ValidateFunction {
  const key = `${provider}/${operation}`;
  let fn = compiled.get(key);
  if (!fn) {
    const found = load(provider).get(operation);
    if (!found) throw new Error(`pasarela/contracts: no schema "${operation}" for ${provider} (have: ${operations(provider).join(', ')})`);
    fn = ajv.getSchema(found.id)!;
    compiled.set(key, fn);
  }
  return fn;
}

export interface ValidationResult {
  valid: boolean;
  errors: SchemaProblem[];
}

export function validate(provider: string, operation: string, body: unknown): ValidationResult {
  const check = validator(provider, operation);
  const valid = check(body) as boolean;
  return { valid, errors: valid ? [] : describeErrors(check.errors) };
}

/** Throws a readable error when `body` does not match; returns it typed otherwise. */
export function assertValid<T = unknown>(provider: string, operation: string, body: unknown): T {
  const result = validate(provider, operation, body);
  if (!result.valid) {
    const detail = result.errors.map((e) => `  - ${e.path || '(root)'}: ${e.message}`).join('\n');
    throw new ContractError(`${provider} ${operation} does not match its contract:\n${detail}`, result.errors);
  }
  return body as T;
}

export class ContractError extends Error {
  constructor(
    message: string,
    readonly problems: SchemaProblem[],
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

export { parsePaytureXml, PaytureXmlError, type PaytureXml } from './payture-xml.ts';
