/**
 * PlacetoPay WebCheckout API routes (reference §4–§5). Each handler reads as a pipeline:
 * parse → authenticate → validate → resolve scenario → transition → render. Failures
 * are thrown as `PtpError` and rendered once, in `errors.ts`.
 */
import { Table } from '../kernel/table.ts';
import { splitHref } from '../kernel/paths.ts';
import { Hono } from 'hono';
import { isRecord } from '../kernel/body.ts';
import type { PasarelaContext, PasarelaEnv } from '../kernel/types.ts';
import type { PlacetoPayScenario } from '../../scenarios/placetopay.ts';
import { authenticate, type PtpContext } from './auth.ts';
import { fail, setLanguage, PtpError } from './errors.ts';
import { isLocale, SESSION_TEXT, type Lang } from './messages.ts';
import { createCheckoutPages } from './pages.tsx';
import { readApiBody } from './parse.ts';
import { readSessionRequest, validateRequest } from './requests.ts';
import { attempt, cancelByMerchant, createSession, findSession, refresh, serverDate } from './sessions.ts';
import type { PtpMerchant } from './state.ts';
import { runAction } from './transactions.ts';
import { sessionView, statusView } from './views.ts';

type Json = Record<string, unknown>;

const defaultLocale = (ctx: PtpContext) => (ctx.options.locale as string | undefined) ?? 'es_CO';

/** Body + authentication + language, the first three steps of every API call. */
async function begin(c: PasarelaContext, ctx: PtpContext): Promise<{ body: Json; merchant: PtpMerchant; lang: Lang; locale: string }> {
  const parsed = await readApiBody(c);
  const body = parsed.ok && isRecord(parsed.value) ? parsed.value : undefined;
  setLanguage(c, body?.locale, defaultLocale(ctx));
  // The real service reads `auth` from a JSON body only; anything else is a missing auth (100).
  if (!parsed.ok) throw fail.auth(100, parsed.detail);
  if (!body) throw fail.auth(100, 'The JSON body is not an object');
  const merchant = authenticate(c, ctx, body);
  const locale = typeof body.locale === 'string' && /^[a-z]{2}_[A-Z]{2}$/.test(body.locale) ? body.locale : merchant.locale;
  return { body, merchant, lang: setLanguage(c, locale, merchant.locale), locale };
}

const ok = (ctx: PtpContext, reason: 'PC' | '00', lang: Lang) =>
  statusView({ status: 'OK', reason, date: serverDate(ctx.clock.nowMs()) }, SESSION_TEXT, lang);

export function createPlacetoPayApp(ctx: PtpContext): Hono<PasarelaEnv> {
  const app = new Hono<PasarelaEnv>({ strict: false });

  app.post('/api/session', async (c) => {
    const { body, merchant, lang, locale } = await begin(c, ctx);
    validateRequest('session-create', body);
    // A payment or session scenario sent at creation decides the first payment attempt.
    const later = ctx.scenarios.fromHeader(c) as PlacetoPayScenario | undefined;
    const forced = later && (later.stage === 'payment' || later.stage === 'session') ? later.id : undefined;
    if (forced) c.set('scenario', { id: forced, source: 'header' });
    const input = readSessionRequest(body, merchant, ctx.clock.nowMs(), locale);
    const session = createSession(ctx, merchant, input, splitHref(c.req.url).origin, forced);
    return c.json({ status: ok(ctx, 'PC', lang), requestId: session.requestId, processUrl: session.processUrl });
  });

  app.post('/api/session/:requestId', async (c) => {
    const { body, merchant, lang } = await begin(c, ctx);
    validateRequest('session-query', body);
    const session = findSession(ctx, merchant.login, c.req.param('requestId'));
    if (!session) throw sessionNotFound(ctx, c.req.param('requestId'));
    refresh(ctx, merchant, session);
    return c.json(sessionView(ctx.store.merchant(merchant.login), session, sessionLang(c, body, session, lang)));
  });

  app.post('/api/session/:requestId/cancel', async (c) => {
    const { body, merchant, lang } = await begin(c, ctx);
    validateRequest('session-cancel', body);
    const session = findSession(ctx, merchant.login, c.req.param('requestId'));
    if (!session) throw fail.sessionNotFound(c.req.param('requestId'));
    if (!cancelByMerchant(ctx, merchant, session)) {
      throw fail.action('notPendingCancel', [], `Session ${session.requestId} is ${session.status.status} or has a payment approved or in process`, 'action_not_allowed');
    }
    const sl = sessionLang(c, body, session, lang);
    return c.json({ status: ok(ctx, '00', sl), session: sessionView(ctx.store.merchant(merchant.login), session, sl) });
  });

  app.post('/api/collect', async (c) => {
    const { body, merchant, lang, locale } = await begin(c, ctx);
    validateRequest('collect', body);
    const state = ctx.store.merchant(merchant.login);
    // A card (or anything but a token) is not a collect instrument: the unknown-token answer, as invalidate gives.
    const instrument = ((body.instrument as Json).token as Json | undefined) ?? {};
    const tokenId = typeof instrument.token === 'string' ? instrument.token : Table.get(state.subtokens, String(instrument.subtoken));
    const token = tokenId === undefined ? undefined : Table.get(state.tokens, tokenId);
    if (!token || token.status !== 'active') throw fail.invalidToken(token ? 'The token was invalidated' : 'No such token or subtoken for this login');

    const input = readSessionRequest(collectDefaults(c, body), merchant, ctx.clock.nowMs(), locale, 'collect');
    // Duplicate-charge guard: same reference, total and currency within 24 h → the first result.
    const key = `${input.reference}|${input.total}|${input.currency}`;
    const previous = Table.get(state.collects, key);
    const first = previous && ctx.clock.nowMs() - Date.parse(previous.at) < 24 * 3600_000 ? findSession(ctx, merchant.login, String(previous.requestId)) : undefined;
    if (first) return c.json(collectView(sessionView(state, first, lang)));
    const session = createSession(ctx, merchant, input, splitHref(c.req.url).origin);
    session.hold = body.type === 'checkin';
    Table.set(state.collects, key, { requestId: session.requestId, at: new Date(ctx.clock.nowMs()).toISOString() });
    const forced = ctx.scenarios.resolve(c, { accept: (s) => (s as PlacetoPayScenario).stage === 'payment', merchant: merchant.login });
    const magic = ctx.scenarios.get(token.scenario) as PlacetoPayScenario;
    attempt(ctx, merchant, session, { outcome: forced?.scenario as PlacetoPayScenario | undefined, magic, cardInfo: token.card }, magic);
    return c.json(collectView(sessionView(state, session, lang)));
  });

  app.post('/api/transaction', async (c) => {
    const { body, merchant, lang } = await begin(c, ctx);
    validateRequest('transaction', body);
    return runAction(c, ctx, merchant, body, lang, 'transaction');
  });

  app.post('/api/reverse', async (c) => {
    const { body, merchant, lang } = await begin(c, ctx);
    if (body.internalReference === undefined) {
      throw new PtpError(400, 0, 'invalidReference', [], 'internalReference is missing');
    }
    validateRequest('reverse', body);
    return runAction(c, ctx, merchant, { ...body, action: 'reverse' }, lang, 'legacy');
  });

  app.post('/api/instrument/invalidate', async (c) => {
    const { body, merchant, lang } = await begin(c, ctx);
    validateRequest('instrument-invalidate', body);
    const state = ctx.store.merchant(merchant.login);
    const ref = ((body.instrument as Json).token as Json) ?? {};
    const tokenId = typeof ref.token === 'string' ? ref.token : Table.get(state.subtokens, String(ref.subtoken));
    const token = tokenId === undefined ? undefined : Table.get(state.tokens, tokenId);
    if (!token || token.status !== 'active') throw fail.invalidToken(token ? 'The token is already invalidated' : 'No such token or subtoken for this login');
    token.status = 'invalidated';
    return c.json({ status: ok(ctx, '00', lang) });
  });

  app.route('/', createCheckoutPages(ctx));
  return app;
}

/**
 * A collect needs no browser, so the real service fills what a client leaves out from the
 * connection (2023 answers to a collect sent without them: ipAddress, userAgent, returnUrl
 * `{origin}/home`; the 2021 fixture shows the same `/home`). Expiration defaults as on create.
 */
function collectDefaults(c: PasarelaContext, body: Json): Json {
  const userAgent = c.req.header('user-agent');
  return {
    ...body,
    ipAddress: body.ipAddress ?? c.env?.remoteAddress ?? '127.0.0.1',
    ...(body.userAgent === undefined && userAgent ? { userAgent: userAgent.slice(0, 255) } : {}),
    returnUrl: body.returnUrl ?? `${splitHref(c.req.url).origin}/home`,
  };
}

/** A collect still waiting for its processor answers `payment: null` (2021 fixture); a later query lists it. */
function collectView<V extends { payment: { status: { status: string } }[] | null }>(view: V): V {
  const settled = view.payment?.filter((t) => t.status.status !== 'PENDING') ?? [];
  return { ...view, payment: settled.length ? settled : null };
}

/** A session's answers speak the session's locale unless the request names one. */
function sessionLang(c: PasarelaContext, body: Json, session: { locale: string }, requestLang: Lang): Lang {
  return isLocale(body.locale) ? requestLang : setLanguage(c, session.locale, session.locale);
}

/** Query of an unknown session: 404 like cancel (default) or the legacy 200 + reason 0 answer. */
function sessionNotFound(ctx: PtpContext, id: string): PtpError {
  return ctx.options.unknownSession === 'legacy-200'
    ? new PtpError(200, 0, 'sessionNotFoundLegacy', [], `No session ${id} for this login`)
    : fail.sessionNotFound(id);
}

