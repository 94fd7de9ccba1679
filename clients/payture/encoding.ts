/**
 * Request encoding as reference §3 recommends for real Payture: `Key=Value` pairs joined
 * with `;`, only the values percent-encoded (as the official PHP sample does), the whole
 * list then form-encoded once more by the HTTP layer.
 */

export type ListValue = string | number | boolean | undefined | null;

/** `{ PAN: '4111…', CardHolder: 'Ivan Ivanov' }` → `PAN=4111…;CardHolder=Ivan%20Ivanov`. Empty values are left out. */
export function encodeList(fields: Record<string, ListValue>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join(';');
}

/** Top-level parameters as a form body / query string; undefined values are left out. */
export function formEncode(params: Record<string, ListValue>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') out.set(k, String(v));
  return out;
}
