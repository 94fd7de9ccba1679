/**
 * Payment sessions of the hosted pages (reference §11): created by InPay / eWallet Init,
 * reached by `SessionId` alone, open for 60 minutes (option `sessionLifetimeSeconds`), and
 * ended by one payment (or card Add), a cancel, or too many bad card entries.
 */
import { Table } from '../kernel/table.ts';
import type { PaytureContext, PaytureMerchant, PaytureState, SessionRecord } from './state.ts';
import { guid, nowIso } from './orders.ts';

export const SESSION_SECONDS = 60 * 60;

/** Keys of Init's Data that are not display fields. */
const NOT_DISPLAY = new Set(['sessiontype', 'orderid', 'amount', 'ip', 'url', 'cheque', 'vwuserlgn', 'vwuserpsw', 'cardid']);

const SECRET_KEY = /psw|passw|secret|securecode|cvv|cvc|cardnumber|^pan$|paytoken/i;

export function createSession(
  ctx: PaytureContext,
  merchant: PaytureMerchant,
  fields: Pick<SessionRecord, 'family' | 'sessionType' | 'orderId' | 'amount' | 'origin'> & Partial<SessionRecord>,
  data: Record<string, string>,
): SessionRecord {
  const seconds = (ctx.options.sessionLifetimeSeconds as number | undefined) ?? SESSION_SECONDS;
  // fromEntries defines own keys: a `__proto__` field is kept, not turned into a prototype.
  // Card data or passwords a client put in Init DATA are never kept (the state file is on disk).
  const display: Record<string, string> = Object.fromEntries(Object.entries(data).filter(([k]) => !NOT_DISPLAY.has(k.toLowerCase()) && !SECRET_KEY.test(k)));
  const session: SessionRecord = {
    sessionId: guid(ctx.ids),
    createdAt: nowIso(ctx),
    expiresAt: new Date(ctx.clock.nowMs() + seconds * 1000).toISOString(),
    badEntries: 0,
    display,
    ...fields,
  };
  Table.set(ctx.store.merchant(merchant.key).sessions, session.sessionId, session);
  Table.set(ctx.store.shared.sessions, session.sessionId, merchant.key);
  return session;
}

/** A session by id, with its terminal (hosted pages and admin complete carry no credentials). */
export function findSession(ctx: PaytureContext, sessionId: string): { session: SessionRecord; merchant: PaytureMerchant; state: PaytureState } | undefined {
  const key = Table.get(ctx.store.shared.sessions, sessionId);
  const merchant = key === undefined ? undefined : ctx.merchants.get(key);
  if (!merchant) return undefined;
  const state = ctx.store.merchant(merchant.key);
  const session = Table.get(state.sessions, sessionId);
  return session ? { session, merchant, state } : undefined;
}

export const sessionExpired = (ctx: PaytureContext, s: SessionRecord): boolean => !s.result && ctx.clock.nowMs() > Date.parse(s.expiresAt);

export const sessionOpen = (ctx: PaytureContext, s: SessionRecord): boolean => !s.result && !sessionExpired(ctx, s);

/** Where the merchant sends the customer: `/apim/Pay`, `/vwapi/Pay` or `/vwapi/Add`. */
export const pageUrl = (origin: string, s: SessionRecord): string =>
  `${origin}/${s.family === 'inpay' ? 'apim' : 'vwapi'}/${s.sessionType === 'Add' ? 'Add' : 'Pay'}?SessionId=${encodeURIComponent(s.sessionId)}`;

/** The Init `Url` with `{orderid}` and `{success}` filled in (lowercase placeholders only, as Payture). */
export function returnUrl(s: SessionRecord): string | undefined {
  if (!s.url) return undefined;
  return s.url.replace(/\{orderid\}/g, encodeURIComponent(s.orderId)).replace(/\{success\}/g, s.result?.success ? 'True' : 'False');
}

export function endSession(ctx: PaytureContext, s: SessionRecord, success: boolean, errCode?: string): void {
  s.result = { success, at: nowIso(ctx), ...(errCode ? { errCode } : {}) };
  delete s.pendingMd;
}
