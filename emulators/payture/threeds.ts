/**
 * 3-D Secure 1.0 (reference §10). A payment or card Add that needs it answers
 * `Success="3DS"` with `ACSUrl` (the emulator's ACS simulator page), `PaReq` and
 * `ThreeDSKey` (= MD). The ACS page records the cardholder's answer and posts `PaRes`
 * and `MD` to the merchant's `TermUrl`; the completion command then checks the PaRes.
 * Like the sandbox's, PaReq and PaRes are Base64 of ten concatenated GUIDs.
 */
import { Table } from '../kernel/table.ts';
import { guid } from './orders.ts';
import type { PaytureContext, ThreeDSRecord } from './state.ts';

/** How long a 3-D Secure step may take before the completion answers THREE_DS_TIME_OUT (emulator choice). */
export const THREE_DS_SECONDS = 15 * 60;

export const ACS_PATH = '/simulp3ds/ACS/';

const tenGuids = (ctx: PaytureContext): string => btoa(Array.from({ length: 10 }, () => guid(ctx.ids)).join(''));

export function newThreeDS(ctx: PaytureContext, then?: string): ThreeDSRecord {
  const seconds = (ctx.options.threeDSLifetimeSeconds as number | undefined) ?? THREE_DS_SECONDS;
  return { md: guid(ctx.ids), paReq: tenGuids(ctx), expiresAt: new Date(ctx.clock.nowMs() + seconds * 1000).toISOString(), ...(then ? { then } : {}) };
}

export const threeDSAttrs = (origin: string, rec: ThreeDSRecord) => ({ ACSUrl: `${origin}${ACS_PATH}`, PaReq: rec.paReq, ThreeDSKey: rec.md });

export interface ThreeDSOwner {
  merchant: string;
  orderId?: string;
  customer?: string;
  cardId?: string;
  record: ThreeDSRecord;
}

/** The 3-D Secure step of an MD, wherever it lives (order or card). */
export function findThreeDS(ctx: PaytureContext, md: string): ThreeDSOwner | undefined {
  const owner = Table.get(ctx.store.shared.threeDS, md);
  if (!owner) return undefined;
  const state = ctx.store.merchant(owner.merchant);
  const customer = owner.customer === undefined ? undefined : Table.get(state.customers, owner.customer);
  const record = owner.orderId !== undefined ? Table.get(state.orders, owner.orderId)?.threeDS : customer && owner.cardId !== undefined ? Table.get(customer.cards, owner.cardId)?.threeDS : undefined;
  return record && record.md === md ? { ...owner, record } : undefined;
}

/** The ACS page's answer: Y authenticated, N wrong code, U cancelled. */
export function acsAnswer(ctx: PaytureContext, record: ThreeDSRecord, result: 'Y' | 'N' | 'U', termUrl?: string): string {
  record.paRes = tenGuids(ctx);
  record.result = result;
  if (termUrl) record.termUrl = termUrl;
  return record.paRes;
}

/** Why a completion fails, or undefined when the PaRes authenticates the cardholder. */
export function paResProblem(ctx: PaytureContext, record: ThreeDSRecord, paRes: string): { errCode: string; detail: string } | undefined {
  if (ctx.clock.nowMs() > Date.parse(record.expiresAt)) return { errCode: 'THREE_DS_TIME_OUT', detail: `The 3-D Secure step expired at ${record.expiresAt}` };
  // A PaRes sent unencoded in a query string has its '+' turned into spaces.
  if (!record.paRes || paRes.replace(/ /g, '+') !== record.paRes) return { errCode: 'THREE_DS_AUTH_ERROR', detail: record.paRes ? 'PaRes does not match the one the ACS issued' : 'The ACS page was not completed for this ThreeDSKey' };
  if (record.result === 'N') return { errCode: 'THREE_DS_USER_AUTH_FAIL', detail: 'A wrong code was entered on the ACS page' };
  if (record.result === 'U') return { errCode: 'THREE_DS_NOT_ATTEMPTED', detail: 'The cardholder cancelled on the ACS page' };
  return undefined;
}
