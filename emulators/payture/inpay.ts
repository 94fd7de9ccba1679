/**
 * PaytureInPay, `/apim/{Command}` (reference §5.2): Init opens a session on Payture's
 * payment page (`pages.tsx`), Charge / Unblock / Refund need the Password, PayStatus
 * answers `State` (and `Success="False" ErrCode="NONE"` until the customer has paid),
 * GetState reads the order.
 */
import { Table } from '../kernel/table.ts';
import { splitHref } from '../kernel/paths.ts';
import type { PaytureScenario } from '../../scenarios/payture.ts';
import { getState, type CommandHandler } from './api.ts';
import { fail } from './errors.ts';
import { displayAmount, PAID_STATES } from './machine.ts';
import { moneyCommand } from './money.ts';
import { assertNewOrderId, findOrder, newOrder } from './orders.ts';
import { checkAmount, reply } from './replies.ts';
import { begin, type OpSpec, type PaytureRequest } from './requests.ts';
import { createSession, sessionExpired } from './sessions.ts';
import type { OrderRecord, PaytureContext, PaytureState } from './state.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import type { Attrs } from './xml.ts';

/** A payment scenario sent with Init decides the payment on the page (like a header on Pay). */
export function initScenario(c: PasarelaContext, ctx: PaytureContext): string | undefined {
  const s = ctx.scenarios.fromHeader(c) as PaytureScenario | undefined;
  if (!s || s.group !== 'payment') return undefined;
  c.set('scenario', { id: s.id, source: 'header' });
  return s.id;
}

/**
 * Why PayStatus cannot say Success="True" yet, as Payture answers it. A session that timed
 * out answers only the request's echo (`timeOutAttrs`): the 2017 recording has no Amount,
 * CardId or Status, and VWUserLgn="".
 */
export function unpaidStatus(ctx: PaytureContext, state: PaytureState, order: OrderRecord, echoAttrs: Attrs, timeOutAttrs: Attrs = echoAttrs): never {
  const session = order.sessionId ? Table.get(state.sessions, order.sessionId) : undefined;
  if (order.state === 'New' && session && sessionExpired(ctx, session)) throw fail('ORDER_TIME_OUT', `The session expired at ${session.expiresAt}`, timeOutAttrs);
  if (order.state === 'New' || order.state === 'PreAuthorized3DS') throw fail('NONE', 'Not paid yet', echoAttrs);
  throw fail(order.errCode ?? 'PROCESSING_ERROR', `The payment failed (${order.state})`, echoAttrs);
}

export function inpayCommands(ctx: PaytureContext): Record<string, CommandHandler> {
  const initSpec: OpSpec = { contract: 'inpay-init', root: 'Init', template: 'init', auth: 'Key', plain: ['request', 'status'] };
  const init: CommandHandler = async (c) => {
    const { req, merchant } = await begin(c, ctx, initSpec);
    const data = req.l('Data');
    const amount = Number(data.Amount);
    checkAmount(merchant, amount, {});
    if (ctx.options.requireIp === true && !data.IP) throw fail('WRONG_PARAMS', 'Data has no IP (option requireIp)');
    const state = ctx.store.merchant(merchant.key);
    assertNewOrderId(state, data.OrderId!);
    const sessionType = data.SessionType as 'Pay' | 'Block';
    const forced = initScenario(c, ctx);
    const session = createSession(
      ctx,
      merchant,
      { family: 'inpay', sessionType, orderId: data.OrderId!, amount, origin: splitHref(c.req.url).origin, ...(data.Url ? { url: data.Url } : {}), ...(data.IP ? { ip: data.IP } : {}), ...(forced ? { forcedOutcome: forced } : {}) },
      data,
    );
    newOrder(ctx, state, { orderId: data.OrderId!, family: 'inpay', sessionType, amount, sessionId: session.sessionId, ...(data.IP ? { ip: data.IP } : {}) }, 'apim/Init');
    return reply('Init', 'init', { Success: 'True', OrderId: data.OrderId, Amount: amount, SessionId: session.sessionId });
  };

  const statusEcho = (r: PaytureRequest) => ({ OrderId: r.s('OrderId') ?? '' });
  const statusSpec: OpSpec = { contract: 'inpay-paystatus', root: 'PayStatus', template: 'inpayStatus', auth: 'Key', echo: statusEcho, plain: ['request', 'status'] };
  const payStatus: CommandHandler = async (c) => {
    const { req, merchant } = await begin(c, ctx, statusSpec);
    const state = ctx.store.merchant(merchant.key);
    const order = findOrder(state, req.s('OrderId')!, statusEcho(req));
    // RRN once the order has one (lamoda's end-to-end test against the sandbox asserts it after a Refund).
    const attrs = { OrderId: order.orderId, Amount: displayAmount(order), State: order.state, RRN: order.rrn };
    if (!PAID_STATES.includes(order.state)) unpaidStatus(ctx, state, order, attrs, statusEcho(req));
    return reply('PayStatus', 'inpayStatus', { Success: 'True', ...attrs });
  };

  return {
    Init: init,
    Charge: moneyCommand(ctx, 'inpay', 'charge'),
    Unblock: moneyCommand(ctx, 'inpay', 'unblock'),
    Refund: moneyCommand(ctx, 'inpay', 'refund'),
    PayStatus: payStatus,
    GetState: getState(ctx, 'inpay-getstate', 'inpay'),
  };
}
