/**
 * Payture's routes: `/api/{Command}`, `/apim/{Command}` and `/vwapi/{Command}` by GET or
 * POST, the hosted pages and the ACS simulator. Command names match case-insensitively
 * (ASP.NET routing); an unknown command is a 404 in Payture's XML shape.
 */
import { Hono } from 'hono';
import { splitHref } from '../kernel/paths.ts';
import { KernelError } from '../kernel/errors.ts';
import type { PasarelaEnv } from '../kernel/types.ts';
import { createAcs } from './acs.tsx';
import { apiCommands, type CommandHandler } from './api.ts';
import { ewalletCommands } from './ewallet.ts';
import { inpayCommands } from './inpay.ts';
import { mobileCommands } from './mobile.ts';
import { createPages } from './pages.tsx';
import type { PaytureContext } from './state.ts';

/** nginx's default limit for a request line (large_client_header_buffers 8k): longer is 414. */
export const MAX_URL_LENGTH = 8192;

export function createPaytureApp(ctx: PaytureContext): Hono<PasarelaEnv> {
  const app = new Hono<PasarelaEnv>({ strict: false });
  const pages = createPages(ctx);
  const maxUrl = (ctx.options.maxUrlLength as number | undefined) ?? MAX_URL_LENGTH;

  app.use(async (c, next) => {
    const url = splitHref(c.req.url);
    if (url.pathname.length + url.search.length > maxUrl) throw new KernelError('body-too-large', `The request line is longer than ${maxUrl} characters`, 414);
    await next();
  });

  const mount = (prefix: string, commands: Record<string, CommandHandler>) => {
    const byName = new Map(Object.entries(commands).map(([name, handler]) => [name.toLowerCase(), handler]));
    app.on(['GET', 'POST'], `${prefix}/:command`, (c) => {
      const handler = byName.get(c.req.param('command').toLowerCase());
      if (!handler) throw new KernelError('not-found', `${prefix}/${c.req.param('command')} is not a Payture command`);
      return handler(c);
    });
  };
  mount('/api', { ...apiCommands(ctx), ...mobileCommands(ctx) });
  mount('/apim', { ...inpayCommands(ctx), Pay: pages.page, PaySubmit: pages.submit, ThreeDSReturn: pages.threeDSReturn });
  mount('/vwapi', { ...ewalletCommands(ctx, { pay: pages.page, add: pages.page }), PaySubmit: pages.submit, ThreeDSReturn: pages.threeDSReturn });
  app.route('/', createAcs(ctx));
  return app;
}
