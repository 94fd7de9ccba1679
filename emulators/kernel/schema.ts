/**
 * One ajv setup for the whole project (JSON Schema 2020-12 with formats): the merchant
 * config entries here, the contracts registry in `contracts/index.ts`.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under some loaders the callable is on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

export function createAjv(opts: { useDefaults?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: opts.useDefaults ?? false });
  addFormats(ajv);
  return ajv;
}

export interface SchemaProblem {
  /** JSON path of the offending value, e.g. `payment.amount.total`, or `` for the root. */
  path: string;
  keyword: string;
  message: string;
  /** For `required`: the missing property; for `additionalProperties`: the extra one. */
  property?: string;
  /** ajv's params (limit, type, allowedValues, ...). */
  params: Record<string, unknown>;
}

/** ajv errors → flat problems with dotted paths that name the field. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((e) => {
    const base = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const property = (e.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ??
      (e.params as { additionalProperty?: string }).additionalProperty;
    const path = [...base, ...(e.keyword === 'required' && property ? [property] : [])].join('.');
    return { path, keyword: e.keyword, message: e.message ?? 'is not valid', params: e.params as Record<string, unknown>, ...(property ? { property } : {}) };
  });
}

export const problemsToText = (problems: SchemaProblem[]): string =>
  problems.map((p) => (p.path ? `${p.path} ${p.message}` : p.message)).join('; ');
