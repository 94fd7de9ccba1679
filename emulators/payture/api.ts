/**
 * PaytureAPI, `/api/{Command}` (reference §5.1): card data entered on the merchant's side.
 * Pay and Block authorize (or ask for 3-D Secure), Pay3DS / Block3DS complete it, Charge /
 * Unblock / Refund move the money, GetState reads the order. Mobile wallets are in
 * `mobile.ts`. Each handler: parse → authenticate → validate → transition → render.
 */
import type { PasarelaContext } from '../kernel/types.ts';
import { checkCard } from './cards.ts';
import { displayAmount } from './machine.ts';
import { findOrder, unpaidInitOrder } from './orders.ts';
import { moneyCommand } from './money.ts';
import { authorizePayment, closeInitSession, complete3DS } from './payments.ts';
import { addInfo, checkAmount, paymentReply, reply, stateAttrs } from './replies.ts';
import { begin, type OpSpec, type PaytureRequest } from './requests.ts';
import type { PaytureContext } from './state.ts';

export type CommandHandler = (c: PasarelaContext) => Promise<Response>;

const paymentEcho = (r: PaytureRequest) => ({ OrderId: r.s('OrderId') ?? '', Key: r.s('Key') });

function payment(ctx: PaytureContext, mode: 'Pay' | 'Block'): CommandHandler {
  const spec: OpSpec = { contract: `api-${mode.toLowerCase()}`, root: mode, template: 'payment', auth: 'Key', echo: paymentEcho, plain: ['request', 'status'] };
  return async (c) => {
    const { req, merchant } = await begin(c, ctx, spec);
    const echo = paymentEcho(req);
    const orderId = req.s('OrderId')!;
    const amount = req.n('Amount')!;
    const info = req.l('PayInfo');
    checkAmount(merchant, amount, echo);
    // The PayInfo's own OrderId and Amount are not checked: sandbox3 took a PayInfo without them
    // and one whose OrderId differed from the top-level OrderId (payture-eli-* cases).
    const existing = unpaidInitOrder(ctx.store.merchant(merchant.key), orderId, echo);
    const card = checkCard({ pan: info.PAN!, eMonth: info.EMonth!, eYear: info.EYear!, holder: info.CardHolder, cvv: info.SecureCode }, ctx.clock.nowMs(), { luhn: ctx.options.luhn === true, echo });
    const result = authorizePayment(ctx, c, merchant, {
      family: 'api',
      command: `api/${mode}`,
      mode,
      orderId,
      amount,
      card: { mask: card.mask, holder: card.holder, expiry: card.expiry, scenario: card.scenario },
      ip: req.l('CustomFields').IP ?? c.env?.remoteAddress,
      customFields: req.l('CustomFields'),
      allow3DS: true,
      ...(existing ? { existing } : {}),
    });
    closeInitSession(ctx, merchant, result);
    return paymentReply(c, merchant, result, { root: mode, template: 'payment', echo });
  };
}

function payment3DS(ctx: PaytureContext, mode: 'Pay' | 'Block'): CommandHandler {
  const root = `${mode}3DS`;
  const spec: OpSpec = { contract: `api-${root.toLowerCase()}`, root, template: 'payment', auth: 'Key', echo: paymentEcho, plain: ['request', 'status'] };
  return async (c) => {
    const { req, merchant } = await begin(c, ctx, spec);
    const echo = paymentEcho(req);
    const order = findOrder(ctx.store.merchant(merchant.key), req.s('OrderId')!, echo);
    const result = complete3DS(ctx, c, merchant, order, req.s('PaRes')!, `api/${root}`, { mode, echo });
    return paymentReply(c, merchant, result, { root, template: 'payment', echo });
  };
}

export function getState(ctx: PaytureContext, contract: string, family: 'api' | 'inpay' | 'ewallet'): CommandHandler {
  const echo = (r: PaytureRequest) => ({ OrderId: r.s('OrderId') ?? '', Forwarded: 'False' });
  const spec: OpSpec = { contract, root: 'GetState', template: 'getState', auth: 'Key', echo, plain: ['request', 'status'] };
  return async (c) => {
    const { req, merchant } = await begin(c, ctx, spec);
    const order = findOrder(ctx.store.merchant(merchant.key), req.s('OrderId')!, echo(req));
    return reply('GetState', 'getState', stateAttrs(merchant, order, family, displayAmount(order)), addInfo(merchant, order));
  };
}

export function apiCommands(ctx: PaytureContext): Record<string, CommandHandler> {
  return {
    Pay: payment(ctx, 'Pay'),
    Block: payment(ctx, 'Block'),
    Pay3DS: payment3DS(ctx, 'Pay'),
    Block3DS: payment3DS(ctx, 'Block'),
    Charge: moneyCommand(ctx, 'api', 'charge'),
    Unblock: moneyCommand(ctx, 'api', 'unblock'),
    Refund: moneyCommand(ctx, 'api', 'refund'),
    GetState: getState(ctx, 'api-getstate', 'api'),
  };
}
