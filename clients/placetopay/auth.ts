/**
 * PlacetoPay WebCheckout authentication (reference §3):
 *   tranKey = Base64(HASH(rawNonce + seed + secretKey)), nonce = Base64(rawNonce)
 * HASH is SHA-256 in current docs and SHA-1 in older ones; both are in use, and a
 * verifier tells them apart by the decoded tranKey length (20 or 32 bytes).
 */
import * as crypto from 'node:crypto';
import { isoDateTime } from './dates.ts';

export type TranKeyAlgorithm = 'sha256' | 'sha1';

export interface Auth {
  login: string;
  tranKey: string;
  nonce: string;
  seed: string;
}

/** One-shot `crypto.hash` where Node has it (20.12+): verifying a tranKey is on every request the emulator serves. */
const hash = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'base64') => string }).hash ?? ((algorithm, data, encoding) => crypto.createHash(algorithm).update(data).digest(encoding));

/** The raw nonce may be text (`"ifYEPnAcJbpDVR1t"`) or bytes (PHP `random_bytes(16)`). */
export function tranKey(rawNonce: string | Uint8Array, seed: string, secretKey: string, algorithm: TranKeyAlgorithm = 'sha256'): string {
  const nonceBytes = typeof rawNonce === 'string' ? Buffer.from(rawNonce, 'utf8') : Buffer.from(rawNonce);
  return hash(algorithm, Buffer.concat([nonceBytes, Buffer.from(seed + secretKey, 'utf8')]), 'base64');
}

export function createAuth(opts: {
  login: string;
  secretKey: string;
  algorithm?: TranKeyAlgorithm;
  /** Defaults to now; pass the server's clock when it is virtual. */
  now?: Date;
  rawNonce?: string | Uint8Array;
}): Auth {
  const rawNonce = opts.rawNonce ?? crypto.randomBytes(16).toString('hex');
  const seed = isoDateTime(opts.now ?? new Date());
  const nonceBytes = typeof rawNonce === 'string' ? Buffer.from(rawNonce, 'utf8') : Buffer.from(rawNonce);
  return {
    login: opts.login,
    tranKey: tranKey(rawNonce, seed, opts.secretKey, opts.algorithm),
    nonce: nonceBytes.toString('base64'),
    seed,
  };
}

/** Strict Base64 decode: undefined when the text is not canonical Base64. */
export function decodeBase64(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

/**
 * Which algorithm produced `auth.tranKey` with this secret, or undefined when it
 * matches neither. The nonce is decoded first: hashing the Base64 text is the
 * classic integration bug and must fail.
 */
export function verifyTranKey(auth: Pick<Auth, 'tranKey' | 'nonce' | 'seed'>, secretKey: string): TranKeyAlgorithm | undefined {
  const nonce = decodeBase64(auth.nonce);
  const digest = decodeBase64(auth.tranKey);
  if (!nonce || !digest) return undefined;
  const algorithm: TranKeyAlgorithm | undefined = digest.length === 32 ? 'sha256' : digest.length === 20 ? 'sha1' : undefined;
  if (!algorithm) return undefined;
  return tranKey(nonce, auth.seed, secretKey, algorithm) === auth.tranKey ? algorithm : undefined;
}
