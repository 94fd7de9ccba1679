/**
 * Reads an API request body the way the real service does, for every route (docs/placetopay.md,
 * "What real clients send"). The real service turns `""` into null before validating and treats a
 * null optional field as absent: the Andrew-Shal Node client always sends `"cancelUrl": ""` and
 * `"paymentMethod": ""`, the 2017 PHP SDK `"payer": null`, the PHP SDK `"additional": null`, and
 * live answers never echo them. So both are dropped here, at every level, before validation; a
 * required field sent empty is then reported as missing, as the real service does.
 *
 * Unknown keys stay (the schemas allow them and the echo keeps what was sent); numbers sent as
 * strings are left to the schemas, which accept them where the real API does.
 */
import { isRecord, readJson, type JsonBody } from '../kernel/body.ts';
import type { PasarelaContext } from '../kernel/types.ts';

/** The body as JSON with empty optional values removed, or why it is not a JSON object. */
export async function readApiBody(c: PasarelaContext): Promise<JsonBody> {
  const parsed = await readJson(c, { requireContentType: true });
  return parsed.ok ? { ok: true, value: withoutEmpty(parsed.value) } : parsed;
}

/**
 * A copy without object members that are `""` or `null`. Array elements are kept (a list keeps
 * its positions), and a name/value pair keeps its `value` as sent (`{"keyword":"x","value":""}`
 * is a field whose value is empty, not a field without a value).
 */
export function withoutEmpty(value: unknown): unknown {
  // Most bodies have nothing to drop: the parsed value (fresh from JSON.parse) is used as it is.
  return hasEmpty(value) ? pruned(value) : value;
}

function hasEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasEmpty);
  if (!isRecord(value)) return false;
  const pair = typeof value.keyword === 'string';
  for (const k in value) {
    if (pair && k === 'value') continue;
    const v = value[k];
    if (v === '' || v === null || hasEmpty(v)) return true;
  }
  return false;
}

function pruned(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruned);
  if (!isRecord(value)) return value;
  const pair = typeof value.keyword === 'string';
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if ((v === '' || v === null) && !(pair && k === 'value')) continue;
    // defineProperty: a "__proto__" key sent by a client stays an own member, never a prototype.
    Object.defineProperty(out, k, { value: pair && k === 'value' ? v : pruned(v), writable: true, enumerable: true, configurable: true });
  }
  return out;
}
