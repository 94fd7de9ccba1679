/**
 * Charge, Unblock and Refund in all three families (reference §4, §5): the same state
 * machine, with the credentials where each family wants them. PaytureAPI needs the
 * Password for Refund only; InPay for all three; eWallet takes Charge/Unblock parameters
 * top-level but Refund's (Password, OrderId, Amount) inside DATA.
 */
import { findOrder } from './orders.ts';
import { capture, sleep, type CaptureOp } from './payments.ts';
import { reply } from './replies.ts';
import { begin, type OpSpec, type PaytureRequest } from './requests.ts';
import type { Family, PaytureContext } from './state.ts';
import type { CommandHandler } from './api.ts';

const ROOT: Record<CaptureOp, 'Charge' | 'Unblock' | 'Refund'> = { charge: 'Charge', unblock: 'Unblock', refund: 'Refund' };

export function moneyCommand(ctx: PaytureContext, family: Family, op: CaptureOp): CommandHandler {
  const root = ROOT[op];
  const inData = family === 'ewallet' && op === 'refund';
  const orderId = (r: PaytureRequest) => (inData ? r.l('DATA').OrderId : r.s('OrderId'));
  const amount = (r: PaytureRequest) => (inData ? r.n('Amount', 'DATA') : r.n('Amount'));
  const echo = (r: PaytureRequest) => (inData ? { VWUserLgn: r.l('DATA').VWUserLgn ?? '', OrderId: orderId(r) ?? '' } : { OrderId: orderId(r) ?? '' });
  const template = op === 'charge' ? 'charge' : inData ? 'ewalletRefund' : 'release';
  const needsPassword = op === 'refund' || family !== 'api';
  const spec: OpSpec = {
    contract: `${family}-${root.toLowerCase()}`,
    root,
    template,
    auth: family === 'ewallet' ? 'VWID' : 'Key',
    ...(needsPassword ? { password: inData ? ('DATA' as const) : ('top' as const) } : {}),
    echo,
    plain: ['request', 'status'],
  };
  return async (c) => {
    const { req, merchant } = await begin(c, ctx, spec);
    const echoAttrs = echo(req);
    const order = findOrder(ctx.store.merchant(merchant.key), orderId(req)!, echoAttrs);
    const done = capture(ctx, c, merchant, order, op, amount(req), `${family}/${root}`, echoAttrs);
    if (done.delayMs) await sleep(done.delayMs, c.req.raw.signal);
    if (op === 'charge') return reply(root, 'charge', { Success: 'True', OrderId: order.orderId, Amount: done.amount });
    return reply(root, template, { ...echoAttrs, Success: 'True', OrderId: order.orderId, NewAmount: done.newAmount });
  };
}
