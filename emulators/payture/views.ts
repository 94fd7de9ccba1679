/**
 * The admin side: `GET /__admin/transactions` records (orders, and eWallet Add sessions
 * that have no order) and `POST /__admin/complete`, which finishes a hosted page (by
 * SessionId or its OrderId) or answers an ACS step (by ThreeDSKey / MD) without a browser.
 */
import { lookup, Table } from '../kernel/table.ts';
import { DEFAULT_TEST_CARD, type PaytureScenario } from '../../scenarios/payture.ts';
import { AdminError, type CompleteRequest, type TransactionView } from '../kernel/types.ts';
import { returnFromAcs, submitOnSession, type Found, type PageInput } from './hosted.ts';
import { displayAmount } from './machine.ts';
import { findSession, returnUrl, sessionOpen } from './sessions.ts';
import type { PaytureContext } from './state.ts';
import { acsAnswer, findThreeDS } from './threeds.ts';

export function transactions(ctx: PaytureContext): TransactionView[] {
  const out: TransactionView[] = [];
  for (const [key, state] of ctx.store.entries()) {
    for (const o of Table.values(state.orders)) {
      const session = o.sessionId ? Table.get(state.sessions, o.sessionId) : undefined;
      out.push({
        id: o.orderId,
        provider: 'payture',
        merchant: key,
        kind: `${o.family} ${o.sessionType}${session ? ' (hosted page)' : ''}`,
        status: o.state,
        reason: o.errCode ?? null,
        amount: displayAmount(o),
        currency: 'RUB',
        reference: o.orderId,
        createdAt: o.createdAt,
        updatedAt: o.updatedAt,
        completable: !!session && sessionOpen(ctx, session),
        history: o.history.map((h) => ({ at: h.at, status: h.state, reason: h.errCode ?? null, note: h.command })),
        data: { ...o, ...(session ? { session } : {}) },
      });
    }
    for (const s of Table.values(state.sessions).filter((x) => x.sessionType === 'Add')) {
      const status = s.result ? (s.result.success ? 'Added' : 'Failed') : 'Open';
      out.push({
        id: s.sessionId,
        provider: 'payture',
        merchant: key,
        kind: 'ewallet Add (hosted page)',
        status,
        reason: s.result?.errCode ?? null,
        reference: s.customer,
        createdAt: s.createdAt,
        updatedAt: s.result?.at ?? s.createdAt,
        completable: sessionOpen(ctx, s),
        history: [{ at: s.createdAt, status: 'Open' }, ...(s.result ? [{ at: s.result.at, status, reason: s.result.errCode ?? null }] : [])],
        data: s,
      });
    }
  }
  return out;
}

const ACS: Record<string, 'Y' | 'N' | 'U'> = { 'acs-authenticated': 'Y', 'acs-wrong-code': 'N', 'acs-cancelled': 'U' };

/** The session of a SessionId, or of an OrderId created by Init (when only one terminal has it). */
function sessionOf(ctx: PaytureContext, id: string): Found | undefined {
  const direct = findSession(ctx, id);
  if (direct) return direct;
  const owners = ctx.store.entries().filter(([, st]) => Table.get(st.orders, id)?.sessionId);
  if (owners.length !== 1) return undefined;
  return findSession(ctx, Table.get(owners[0]![1].orders, id)!.sessionId!);
}

function view(ctx: PaytureContext, f: Found) {
  const s = f.session;
  const order = Table.get(f.state.orders, s.orderId);
  return {
    SessionId: s.sessionId,
    SessionType: s.sessionType,
    OrderId: s.orderId,
    Amount: s.amount,
    Success: s.result?.success ? 'True' : 'False',
    ...(s.result?.errCode ? { ErrCode: s.result.errCode } : {}),
    ...(order ? { State: order.state } : {}),
    ...(returnUrl(s) ? { RedirectUrl: returnUrl(s) } : {}),
    finished: !!s.result,
  };
}

export async function complete(ctx: PaytureContext, request: CompleteRequest): Promise<unknown> {
  const acs = request.outcome !== undefined ? lookup(ACS, request.outcome) : undefined;
  const f = sessionOf(ctx, request.id);
  if (f) {
    const scenario = request.outcome !== undefined ? (ctx.scenarios.get(request.outcome) as PaytureScenario | undefined) : undefined;
    if (request.outcome !== undefined && !acs && (!scenario || scenario.group !== 'payment')) throw new AdminError(400, `"${request.outcome}" is not a payment scenario of payture (see GET /__admin/scenarios)`);
    const given = request.card === undefined ? DEFAULT_TEST_CARD : String(request.card).replace(/[\s-]/g, '');
    const stored = /^\d+$/.test(given) ? undefined : given;
    const year = String((new Date(ctx.clock.nowMs()).getUTCFullYear() + 3) % 100).padStart(2, '0');
    const input: PageInput = {
      card: {
        pan: stored ? '' : given,
        eMonth: String(request.eMonth ?? '12'),
        eYear: String(request.eYear ?? year),
        cvv: String(request.secureCode ?? '123'),
        holder: String(request.cardHolder ?? 'IVAN IVANOV'),
      },
      ...(stored ? { cardId: stored } : {}),
      ...(scenario && !acs ? { outcome: scenario.id } : {}),
      ...(request.saveCard === false ? { saveCard: false } : {}),
    };
    const outcome = submitOnSession(ctx, undefined, f, input, f.session.origin);
    if (outcome.kind === 'retry' || outcome.kind === 'closed') throw new AdminError(409, outcome.message);
    if (outcome.kind === '3ds') returnFromAcs(ctx, undefined, outcome.record.md, acsAnswer(ctx, outcome.record, acs ?? 'Y', outcome.termUrl));
    return view(ctx, findSession(ctx, f.session.sessionId)!);
  }
  const owner = findThreeDS(ctx, request.id);
  if (!owner) return undefined;
  if (request.outcome !== undefined && !acs) throw new AdminError(400, 'A ThreeDSKey takes an ACS outcome: acs-authenticated, acs-wrong-code or acs-cancelled');
  const paRes = acsAnswer(ctx, owner.record, acs ?? 'Y', owner.record.termUrl);
  const state = ctx.store.merchant(owner.merchant);
  const session = Table.values(state.sessions).find((s) => s.pendingMd === request.id);
  if (session) {
    returnFromAcs(ctx, undefined, request.id, paRes);
    return view(ctx, findSession(ctx, session.sessionId)!);
  }
  return { MD: request.id, PaRes: paRes, result: owner.record.result, ...(owner.record.termUrl ? { TermUrl: owner.record.termUrl } : {}) };
}
