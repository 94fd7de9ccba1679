/**
 * Tpaga authentication (reference §2): HTTP Basic with the API key as user name and an
 * empty password, colon included: `Basic base64(key + ":")`.
 */

export function basicAuthorization(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`, 'utf8').toString('base64')}`;
}

export interface BasicCredentials {
  user: string;
  password: string;
}

/** The credentials of an `Authorization: Basic …` header, or undefined when it is not one. */
export function parseBasicAuthorization(header: string | undefined | null): BasicCredentials | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  // Without a colon it is not user:password (e.g. base64(key) + ":" decodes to garbage).
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
