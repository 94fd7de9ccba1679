/**
 * Where each provider's real sandbox is and which environment variables hold a user's
 * sandbox credentials: the same names the contract suites read (`contracts/suites/*`).
 * `pasarela record` uses them to forward, and to recognise the user's credentials in the
 * traffic so that they never reach a recording.
 */
import { SANDBOX_URL as PAYTURE_URL } from '../../clients/payture/transport.ts';
import { TEST_URL as PLACETOPAY_URL } from '../../clients/placetopay/client.ts';
import { SANDBOX_URL as PUNTOPAGOS_URL } from '../../clients/puntopagos/client.ts';
import { SANDBOX_URL as TPAGA_URL } from '../../clients/tpaga/client.ts';

export interface LiveTarget {
  /** Merchant field (as in the emulator's merchants) → environment variable. */
  env: Record<string, string>;
  baseUrlEnv: string;
  /** The real sandbox's base URL, path prefix included (Tpaga's ends in `/api`). */
  baseUrl: string;
}

export const LIVE: Readonly<Record<string, LiveTarget>> = {
  puntopagos: { env: { key: 'PUNTOPAGOS_KEY', secret: 'PUNTOPAGOS_SECRET' }, baseUrlEnv: 'PUNTOPAGOS_BASE_URL', baseUrl: PUNTOPAGOS_URL },
  tpaga: { env: { privateKey: 'TPAGA_PRIVATE_KEY', publicKey: 'TPAGA_PUBLIC_KEY' }, baseUrlEnv: 'TPAGA_BASE_URL', baseUrl: TPAGA_URL },
  payture: { env: { key: 'PAYTURE_KEY', password: 'PAYTURE_PASSWORD' }, baseUrlEnv: 'PAYTURE_BASE_URL', baseUrl: PAYTURE_URL },
  placetopay: { env: { login: 'PLACETOPAY_LOGIN', secretKey: 'PLACETOPAY_SECRET_KEY' }, baseUrlEnv: 'PLACETOPAY_BASE_URL', baseUrl: PLACETOPAY_URL },
};

/** The real sandbox's base URL for `provider`: `<ID>_BASE_URL` if set, else the known one. */
export function liveBaseUrl(provider: string, env: NodeJS.ProcessEnv = process.env): string {
  const t = LIVE[provider];
  if (!t) throw new Error(`no live target for "${provider}"`);
  return (env[t.baseUrlEnv] || t.baseUrl).replace(/\/+$/, '');
}

/** The user's credentials found in the environment, field → value (empty ones left out). */
export function liveCredentials(provider: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, name] of Object.entries(LIVE[provider]?.env ?? {})) if (env[name]) out[field] = env[name]!;
  return out;
}
