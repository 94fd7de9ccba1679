/** Tpaga v2 API routes under `/api` (reference §3). CORS is in `corsForBrowsers` (index.ts wires it). */
import { Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { PasarelaEnv } from '../kernel/types.ts';
import { cardRoutes } from './cards.ts';
import { chargeRoutes } from './charges.ts';
import { customerRoutes } from './customers.ts';
import type { TpagaContext } from './state.ts';

export function createTpagaApp(ctx: TpagaContext): Hono<PasarelaEnv> {
  const app = new Hono<PasarelaEnv>();
  customerRoutes(app, ctx);
  cardRoutes(app, ctx);
  chargeRoutes(app, ctx);
  return app;
}

/** What `corsForBrowsers` answers to every origin (reflected: credentialed XHR works too). */
const CORS = { credentials: true, allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'], exposeHeaders: ['X-Pasarela-Detail'], maxAge: 600 };

/**
 * CORS open on every answer, the kernel's too (413, faults): `/tokenize/credit_card` is
 * called from web pages on the merchant's origin with an `Authorization` header and a
 * JSON body, so browsers send a preflight first (reference §2).
 *
 * Preflights are hono/cors's. Other requests get the same headers here, set before the
 * route answers and on its answer's own headers: hono/cors sets them on `c.res` before the
 * route runs and appends `Vary` through `c.header` after, and each of those makes Hono
 * rebuild the route's answer around a stream, which was a third of a Tpaga charge's CPU.
 */
export const corsForBrowsers = (): MiddlewareHandler<PasarelaEnv> => {
  // No allowHeaders list: the preflight's requested headers are allowed as asked.
  const preflight = cors({ origin: (origin) => origin || '*', ...CORS }) as MiddlewareHandler<PasarelaEnv>;
  const expose = CORS.exposeHeaders.join(',');
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('origin') || '*';
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Allow-Credentials', 'true');
    c.header('Access-Control-Expose-Headers', expose);
    await next();
    // An answer made without the prepared headers (a kernel answer: 413, a fault) gets them here.
    const headers = c.res.headers;
    if (!headers.has('access-control-allow-origin')) {
      headers.set('Access-Control-Allow-Origin', origin);
      headers.set('Access-Control-Allow-Credentials', 'true');
      headers.set('Access-Control-Expose-Headers', expose);
    }
    headers.append('Vary', 'Origin');
  };
};
