/**
 * Re-signing a recorded request for the conformance replay (`ProviderModule.resign`): the
 * recording's secret is not public, so `auth.tranKey` is recomputed for the case's merchant
 * at the sandbox's clock. Everything the client chose stays as recorded: the nonce bytes
 * (text, hex, decimal or binary), the hash (a 20-byte tranKey is SHA-1), the seed's style
 * (`.sssZ`, `Z`, `±hh:mm`) and the raw text around it (indentation, CRLF, PHP's `\/`).
 */
import { decodeBase64, tranKey } from '../../clients/placetopay/auth.ts';
import { isRecord } from '../kernel/body.ts';
import type { SignableRequest } from '../kernel/types.ts';

/** The seed the same client would write at `now`. */
export function seedLike(recorded: string, now: Date): string {
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(recorded);
  if (offset) {
    const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
    return new Date(now.getTime() + minutes * 60_000).toISOString().slice(0, 19) + offset[0];
  }
  return /\.\d+Z$/.test(recorded) ? now.toISOString() : now.toISOString().slice(0, 19) + 'Z';
}

/** Replaces the string value of `"key": "…"` (the first one) in raw JSON text, keeping the text's escaping style. */
function replaceValue(text: string, key: string, value: string): string {
  const pattern = new RegExp(`("${key}"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)(")`);
  return text.replace(pattern, (_whole, open: string, old: string, close: string) => {
    let encoded = JSON.stringify(value).slice(1, -1);
    if (old.includes('\\/')) encoded = encoded.replace(/\//g, '\\/');
    return open + encoded + close;
  });
}

export function resignPlacetoPay(request: SignableRequest, merchant: { login: string; secretKey: string }, now: Date): SignableRequest {
  if (request.body === null) return request;
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    return request;
  }
  const auth = isRecord(parsed) && isRecord(parsed.auth) ? parsed.auth : undefined;
  if (!auth) return request;
  const raw = (typeof auth.nonce === 'string' && decodeBase64(auth.nonce)) || Buffer.from('pasarela-resign');
  const seed = seedLike(typeof auth.seed === 'string' ? auth.seed : '', now);
  const sha1 = typeof auth.tranKey === 'string' && decodeBase64(auth.tranKey)?.length === 20;
  let body = request.body;
  body = replaceValue(body, 'login', merchant.login);
  body = replaceValue(body, 'seed', seed);
  body = replaceValue(body, 'nonce', raw.toString('base64'));
  body = replaceValue(body, 'tranKey', tranKey(raw, seed, merchant.secretKey, sha1 ? 'sha1' : 'sha256'));
  return { ...request, body };
}
