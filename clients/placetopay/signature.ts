/**
 * Notification signature (reference §9): HASH(requestId + status + date + secretKey)
 * in lowercase hex. SHA-1 without prefix by default; `sha256:` + hex when the site has
 * SHA-256 enabled. Verifiers split on `:` (no colon means SHA-1), like the official plugins.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type SignatureAlgorithm = 'sha1' | 'sha256';

export interface NotificationLike {
  requestId: number | string;
  status: { status: string; date: string };
  signature?: string;
}

export function notificationSignature(n: NotificationLike, secretKey: string, algorithm: SignatureAlgorithm = 'sha1'): string {
  const hex = createHash(algorithm).update(`${n.requestId}${n.status.status}${n.status.date}${secretKey}`, 'utf8').digest('hex');
  return algorithm === 'sha1' ? hex : `${algorithm}:${hex}`;
}

/** True when `n.signature` is the signature of `n` under `secretKey`, with either algorithm. */
export function verifyNotification(n: NotificationLike, secretKey: string): boolean {
  if (typeof n?.signature !== 'string' || !n.status || typeof n.status.status !== 'string' || typeof n.status.date !== 'string') return false;
  const [algo, hex] = n.signature.includes(':') ? (n.signature.split(':', 2) as [string, string]) : ['sha1', n.signature];
  if (algo !== 'sha1' && algo !== 'sha256') return false;
  const expected = Buffer.from(notificationSignature(n, secretKey, algo), 'utf8');
  const given = Buffer.from(algo === 'sha1' ? hex : `${algo}:${hex}`, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
