/**
 * PlacetoPay's error catalogue and its one renderer. Handlers throw `PtpError`; every
 * failure leaves as `{"status":{"status":"FAILED","reason":…,"message":…,"date":…}}`
 * with nothing else at the top level (reference §10). Kernel errors (unknown route,
 * body too large, faults, crashes) are rendered in the same envelope.
 *
 * `X-Pasarela-Detail` says, in English, what exactly was wrong: the wire body stays the
 * provider's, and the header helps the developer reading the journal.
 */
import { isoDateTime, BOGOTA_OFFSET_MINUTES } from '../../clients/placetopay/dates.ts';
import { KernelError, ProviderError } from '../kernel/errors.ts';
import type { PasarelaContext, ProviderContext } from '../kernel/types.ts';
import { errorText, isLocale, langOf, type ErrorKey, type Lang } from './messages.ts';

export class PtpError extends ProviderError {
  constructor(
    readonly httpStatus: number,
    readonly reason: string | number,
    readonly key: ErrorKey,
    readonly args: (string | number)[] = [],
    readonly detail?: string,
  ) {
    super(detail ?? key);
  }
}

export const fail = {
  auth: (code: number, detail: string) => new PtpError(401, 401, 'auth', [code], detail),
  routeNotFound: (detail: string) => new PtpError(404, 'NA', 'routeNotFound', [], detail),
  sessionNotFound: (id: string) => new PtpError(404, 'request_not_valid', 'sessionNotFound', [], `No session ${id} for this login`),
  validation: (key: ErrorKey, args: (string | number)[], detail: string, reason = 'request_not_valid') => new PtpError(400, reason, key, args, detail),
  action: (key: ErrorKey, args: (string | number)[], detail: string, reason = 'request_not_valid') => new PtpError(400, reason, key, args, detail),
  invalidToken: (detail: string) => new PtpError(400, 'XN', 'invalidToken', [], detail),
};

/** The language of the request being answered (its `locale`, else the site's default). */
const languages = new WeakMap<Request, Lang>();
export function setLanguage(c: PasarelaContext, locale: unknown, fallbackLocale: string): Lang {
  const lang = langOf(isLocale(locale) ? locale : fallbackLocale);
  languages.set(c.req.raw, lang);
  return lang;
}

export const now = (ctx: ProviderContext<unknown, unknown, unknown>): string => isoDateTime(ctx.clock.now(), BOGOTA_OFFSET_MINUTES);

export function failedBody(ctx: ProviderContext<unknown, unknown, unknown>, reason: string | number, message: string) {
  return { status: { status: 'FAILED', reason, message, date: now(ctx) } };
}

export function renderError(c: PasarelaContext, error: unknown, ctx: ProviderContext<unknown, unknown, unknown>): Response {
  const defaultLocale = (ctx.options.locale as string | undefined) ?? 'es_CO';
  const lang = languages.get(c.req.raw) ?? langOf(defaultLocale);
  let status: number;
  let reason: string | number;
  let message: string;
  let detail: string;
  if (error instanceof PtpError) {
    ({ httpStatus: status, reason } = error);
    message = errorText(error.key, lang, ...error.args);
    detail = error.detail ?? message;
  } else if (error instanceof KernelError) {
    detail = error.message;
    switch (error.kind) {
      case 'not-found':
        [status, reason, message] = [404, 'NA', errorText('routeNotFound', lang)];
        break;
      case 'body-too-large':
        [status, reason, message] = [413, 'request_not_valid', errorText('bodyTooLarge', lang)];
        break;
      case 'unknown-scenario':
        [status, reason, message] = [400, 'request_not_valid', error.message];
        break;
      case 'fault':
        [status, reason, message] = [error.status, error.status >= 500 ? 'XH' : 'request_not_valid', errorText(error.status >= 500 ? 'unavailable' : 'internal', lang)];
        break;
      default:
        [status, reason, message] = [500, 'XH', errorText('internal', lang)];
    }
  } else {
    [status, reason, message, detail] = [500, 'XH', errorText('internal', lang), 'Unexpected error in the emulator (see the server log)'];
  }
  return c.json(failedBody(ctx, reason, message), status as 400, { 'x-pasarela-detail': detail.replace(/[^\x20-\x7e]/g, '?') });
}
