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

/**
 * CORS open on every answer, the kernel's too (413, faults): `/tokenize/credit_card` is
 * called from web pages on the merchant's origin with an `Authorization` header and a
 * JSON body, so browsers send a preflight first (reference §2).
 */
export const corsForBrowsers = (): MiddlewareHandler<PasarelaEnv> =>
  cors({
    // Any origin, reflected so that credentialed XHR (jQuery's `username`) works too;
    // no allowHeaders list: the preflight's requested headers are allowed as asked.
    origin: (origin) => origin || '*',
    credentials: true,
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['X-Pasarela-Detail'],
    maxAge: 600,
  }) as MiddlewareHandler<PasarelaEnv>;
