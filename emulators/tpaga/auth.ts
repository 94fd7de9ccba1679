/**
 * Authentication (reference §2): HTTP Basic, API key as user name, empty password.
 * `/tokenize/credit_card` takes the merchant's public key, everything else the private
 * key; the wrong kind of key is refused like an unknown one (HTTP 401), so a public key
 * leaked from a web page can never read or charge anything.
 */
import { parseBasicAuthorization } from '../../clients/tpaga/auth.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import { fail } from './errors.ts';
import type { TpagaContext, TpagaMerchant } from './state.ts';

export type KeyKind = 'private' | 'public';

const privateKeyOf = (m: TpagaMerchant): string => m.privateKey;

export function authenticate(c: PasarelaContext, ctx: TpagaContext, kind: KeyKind): TpagaMerchant {
  const header = c.req.header('authorization');
  if (!header) throw fail.unauthenticated('No Authorization header: send HTTP Basic with the API key as user name and an empty password');
  const credentials = parseBasicAuthorization(header);
  if (!credentials) throw fail.badCredentials('Authorization is not "Basic " + base64(apiKey + ":")');
  const { user: key, password } = credentials;
  if (password !== '') throw fail.badCredentials('The Basic password must be empty: the API key goes in the user name');
  // State, the journal and the inspector name a merchant by its public key; the private key names nothing.
  const byPrivate = ctx.merchants.findBy(privateKeyOf, key);
  const byPublic = ctx.merchants.get(key);
  const merchant = kind === 'private' ? byPrivate : byPublic;
  if (merchant) {
    c.set('merchant', merchant.publicKey);
    return merchant;
  }
  if (kind === 'private' && byPublic) throw fail.badCredentials('This is a public key; this endpoint needs the private key');
  if (kind === 'public' && byPrivate) throw fail.badCredentials('This is a private key; /tokenize/credit_card takes the public key (a private key must never reach a browser)');
  throw fail.badCredentials(`Unknown API key "${key.slice(0, 4)}…"`);
}
