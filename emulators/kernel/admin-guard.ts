/**
 * Who may use the admin API and the inspector over HTTP. Every web page the developer has
 * open can send a "simple" cross-origin POST to 127.0.0.1 (no preflight), and a rebinding DNS
 * name can make the browser treat the sandbox as its own origin; both could reset or read the
 * sandbox. So, for requests that arrive over a listener (in-process and MSW calls are the test
 * itself and are trusted):
 *
 * - `Host` must be a loopback name or address, a host the user allowed (`--allow-host`), or
 *   the address the sandbox was started on;
 * - an `Origin`, when sent, must be one of the sandbox's own origins (the inspector's);
 * - a body must be `application/json` (no HTML form or text/plain post can be one);
 * - beyond loopback (`--host 0.0.0.0`), or whenever a token is set, the token is required:
 *   `Authorization: Bearer <token>`, or the cookie a one-time login URL sets. Without a token
 *   the admin API then refuses everything but health.
 *
 * The providers' own routes are not affected: they keep their real behaviour (Tpaga's CORS).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { TransportEnv } from './types.ts';

export const ADMIN_COOKIE = 'pasarela_admin';

export interface AdminAccessOptions {
  /** Required on every admin call (and the inspector) when set. */
  token?: string;
  /** Host names (without port) accepted besides loopback, e.g. a LAN name or a container's. */
  allowHosts?: readonly string[];
}

const LOOPBACK_NAMES = /^(localhost|[a-z0-9-]+\.localhost)$/i;
const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]' || host === '';

/** Whether a host name or address names this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.test(h)) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return h === '::1' || h === '0:0:0:0:0:0:0:1' || h === '::ffff:127.0.0.1';
}

/** The host name of a `Host` header value (`[::1]:4100` → `::1`), lower case. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.indexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

export class AdminAccess {
  readonly #token: Buffer | undefined;
  readonly #allowHosts: Set<string>;
  #boundHost: string | undefined;
  #exposed = false;
  readonly #codes = new Set<string>();
  #origins: () => readonly string[] = () => [];

  constructor(opts: AdminAccessOptions = {}) {
    this.#token = opts.token ? Buffer.from(opts.token, 'utf8') : undefined;
    this.#allowHosts = new Set((opts.allowHosts ?? []).map((h) => hostName(h)));
  }

  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  /** The sandbox listens on `host`: beyond loopback, the admin API needs the token. */
  listening(host: string, origins: () => readonly string[]): void {
    this.#exposed = !isLoopbackHost(host);
    if (!isWildcard(host)) this.#boundHost = hostName(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
    this.#origins = origins;
  }

  /** Listening beyond this machine (a warning is due, and the token is required). */
  get exposed(): boolean {
    return this.#exposed;
  }

  /** A login code for the inspector: valid once, it sets the token cookie. */
  loginCode(): string {
    const code = randomBytes(18).toString('base64url');
    this.#codes.add(code);
    return code;
  }

  #tokenMatches(given: string | undefined): boolean {
    if (!this.#token || given === undefined) return false;
    const b = Buffer.from(given, 'utf8');
    return b.length === this.#token.length && timingSafeEqual(b, this.#token);
  }

  #presented(c: Context): string | undefined {
    const auth = c.req.header('authorization');
    if (auth && /^bearer /i.test(auth)) return auth.slice(7).trim();
    const cookie = c.req.header('cookie');
    if (!cookie) return undefined;
    for (const part of cookie.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === ADMIN_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
    }
    return undefined;
  }

  /** Why this request may not use the admin API or the inspector: [status, message], or undefined. */
  refusal(c: Context, opts: { open?: boolean } = {}): [403 | 401 | 415, string] | undefined {
    const env = c.env as Partial<TransportEnv> | undefined;
    if (env?.transport !== 'http') return undefined;
    const withToken = this.#tokenMatches(this.#presented(c));
    const host = hostName(c.req.header('host') ?? '');
    if (!withToken && !isLoopbackHost(host) && !this.#allowHosts.has(host) && host !== this.#boundHost)
      return [403, `Host "${host}" is not allowed to use the Pasarela admin API (a guard against DNS rebinding). Use 127.0.0.1 or localhost, or start with --allow-host ${host || '<name>'}.`];
    const origin = c.req.header('origin');
    if (origin !== undefined && !this.#ownOrigin(origin, c.req.header('host') ?? ''))
      return [403, `Cross-origin requests to the Pasarela admin API are refused (Origin: ${origin.slice(0, 100)}). Call it from your tests or the inspector, not from a web page.`];
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && hasBodyHeaders(c)) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') return [415, `Admin requests with a body must be sent as Content-Type: application/json (got ${type ? `"${type}"` : 'none'})`];
    }
    if (opts.open) return undefined;
    if (this.#exposed && !this.#token) return [403, 'The admin API is off: the sandbox listens beyond this machine. Start it with --admin-token <token> (or PASARELA_ADMIN_TOKEN) to use the admin API and the inspector.'];
    if (this.#token && !withToken) return [401, 'The Pasarela admin API needs its token: send "Authorization: Bearer <token>", or open the one-time inspector URL printed at start.'];
    return undefined;
  }

  #ownOrigin(origin: string, hostHeader: string): boolean {
    if (origin === 'null') return false;
    const o = origin.toLowerCase();
    if (hostHeader && o === `http://${hostHeader.toLowerCase()}`) return true;
    return this.#origins().some((u) => {
      try {
        return new URL(u).origin === o;
      } catch {
        return false;
      }
    });
  }

  /** Middleware: refuses with a JSON message. `open` paths skip the token (health, login). */
  middleware(isOpen: (path: string) => boolean = () => false): MiddlewareHandler {
    return async (c, next) => {
      const refused = this.refusal(c, { open: isOpen(c.req.path) });
      if (refused) return c.json({ error: { message: refused[1] } }, refused[0]);
      return next();
    };
  }

  /** `GET /__admin/login?code=…`: a valid code sets the token cookie and opens the inspector. */
  login(c: Context): Response {
    const code = c.req.query('code') ?? '';
    if (!this.#token || !this.#codes.delete(code)) return c.json({ error: { message: 'This login link is not valid (each one works once). Restart with --admin-token, or send the token as a Bearer header.' } }, 403);
    c.header('set-cookie', `${ADMIN_COOKIE}=${encodeURIComponent(this.#token.toString('utf8'))}; Path=/; HttpOnly; SameSite=Strict`);
    c.header('cache-control', 'no-store');
    return c.redirect('/', 303);
  }
}

function hasBodyHeaders(c: Context): boolean {
  const length = c.req.header('content-length');
  return (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
}
