/**
 * Authentication of every API call (reference §3). Order of checks, each failing with
 * HTTP 401, reason 401 and "Authentication failed <code>":
 *   100 auth missing or malformed (also: body not JSON, no JSON content type, unparsable seed)
 *   107 nonce or tranKey not Base64 (a bad UsernameToken definition)
 *   101 unknown login
 *   104 / 105 / 106 site inactive / expired / credentials expired (merchant config or scenario)
 *   103 seed more than 5 minutes away from the (virtual) server time, either way
 *   102 tranKey matches neither SHA-256 nor SHA-1 of rawNonce + seed + secretKey
 */
import { decodeBase64, verifyTranKey } from '../../clients/placetopay/auth.ts';
import { parseIsoDateTime } from '../../clients/placetopay/dates.ts';
import { isRecord } from '../kernel/body.ts';
import type { PasarelaContext, ProviderContext } from '../kernel/types.ts';
import type { PlacetoPayScenario } from '../../scenarios/placetopay.ts';
import { fail } from './errors.ts';
import type { PtpMerchant, PtpShared, PtpState } from './state.ts';

export type PtpContext = ProviderContext<PtpState, PtpMerchant, PtpShared>;

export const SEED_WINDOW_MS = 5 * 60_000;

const STATE_CODES: Record<Exclude<PtpMerchant['state'], 'active'>, number> = {
  inactive: 104,
  expired: 105,
  'credentials-expired': 106,
};

/** Nonces seen in the last window, per login (only when `rejectReplayedNonce` is on). */
const seenNonces = new WeakMap<PtpContext, Map<string, number>>();

export function authenticate(c: PasarelaContext, ctx: PtpContext, body: unknown): PtpMerchant {
  const auth = isRecord(body) ? body.auth : undefined;
  if (!isRecord(auth)) throw fail.auth(100, 'The body has no "auth" object');
  for (const field of ['login', 'tranKey', 'nonce', 'seed'] as const) {
    if (typeof auth[field] !== 'string' || auth[field] === '') throw fail.auth(100, `auth.${field} is missing or not a non-empty string`);
  }
  const { login, tranKey, nonce, seed } = auth as Record<'login' | 'tranKey' | 'nonce' | 'seed', string>;
  if (!decodeBase64(nonce)) throw fail.auth(107, 'auth.nonce is not Base64');
  if (!decodeBase64(tranKey)) throw fail.auth(107, 'auth.tranKey is not Base64');

  const merchant = ctx.merchants.get(login);
  if (!merchant) throw fail.auth(101, `No site with login "${login}" in this sandbox`);
  c.set('merchant', login);
  if (merchant.state !== 'active') throw fail.auth(STATE_CODES[merchant.state], `The site is configured as "${merchant.state}"`);

  const forced = ctx.scenarios.resolve(c, { accept: (s) => (s as PlacetoPayScenario).stage === 'request', merchant: login });
  const code = (forced?.scenario as PlacetoPayScenario | undefined)?.authCode;
  if (code) throw fail.auth(code, `Scenario ${forced!.scenario.id}`);

  const seedMs = parseIsoDateTime(seed);
  if (seedMs === undefined) throw fail.auth(100, `auth.seed "${seed}" is not an ISO 8601 date-time`);
  const skew = seedMs - ctx.clock.nowMs();
  if (Math.abs(skew) > SEED_WINDOW_MS) {
    throw fail.auth(103, `auth.seed is ${Math.round(Math.abs(skew) / 1000)} s ${skew < 0 ? 'behind' : 'ahead of'} the server clock (limit 300 s)`);
  }
  if (!verifyTranKey({ tranKey, nonce, seed }, merchant.secretKey)) {
    throw fail.auth(102, 'auth.tranKey is not Base64(SHA-256 or SHA-1 of rawNonce + seed + secretKey); hash the decoded nonce, not its Base64');
  }
  if (ctx.options.rejectReplayedNonce === true) rejectReplay(ctx, login, nonce);
  return merchant;
}

function rejectReplay(ctx: PtpContext, login: string, nonce: string): void {
  let seen = seenNonces.get(ctx);
  if (!seen) seenNonces.set(ctx, (seen = new Map()));
  const now = ctx.clock.nowMs();
  for (const [k, at] of seen) if (now - at > 2 * SEED_WINDOW_MS) seen.delete(k);
  const key = `${login}\u0000${nonce}`;
  if (seen.has(key)) throw fail.auth(102, 'This nonce was already used (rejectReplayedNonce is on)');
  seen.set(key, now);
}
