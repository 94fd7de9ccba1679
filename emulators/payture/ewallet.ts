/**
 * PaytureEWallet, `/vwapi/{Command}` (reference §5.3): customers (Register, Update,
 * Check, Delete), their cards (Add, AddSubmit3DS, Activate, Remove, GetList), payments
 * with a stored card or `CardId=FreePay` (Pay, PaySubmit3DS, SendCode), sessions on
 * Payture's pages (Init; `Pay`/`Add` with a SessionId open the page), and the order
 * commands. `VWUserLgn` in answers echoes the request's DATA (empty when not sent), as
 * the recorded sandbox did.
 */
import { Table } from '../kernel/table.ts';
import { splitHref } from '../kernel/paths.ts';
import type { PaytureScenario } from '../../scenarios/payture.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import { getState, type CommandHandler } from './api.ts';
import { checkCard } from './cards.ts';
import { fail } from './errors.ts';
import { initScenario, unpaidStatus } from './inpay.ts';
import { displayAmount, PAID_STATES } from './machine.ts';
import { readToken } from './mobile.ts';
import { moneyCommand } from './money.ts';
import { readParams } from './params.ts';
import { notifySendCode } from './notify.ts';
import { assertNewOrderId, findOrder, guid, newOrder, nowIso, unpaidInitOrder } from './orders.ts';
import { authorizePayment, closeInitSession, complete3DS, type PaymentInput } from './payments.ts';
import { checkAmount, paymentReply, reply, storedCardId } from './replies.ts';
import { begin, beginPublic, type OpSpec, type PaytureRequest } from './requests.ts';
import { createSession } from './sessions.ts';
import type { PaytureContext, PaytureMerchant } from './state.ts';
import { findThreeDS, paResProblem, threeDSAttrs } from './threeds.ts';
import { addCard, authCustomer, cardExpired, customerCodes, findCard, findCustomer, finishCardAdd, hashPassword } from './wallet.ts';
import { maskPan } from './cards.ts';
import { cardScenario, DEFAULT_TEST_CARD } from '../../scenarios/payture.ts';

const login = (r: PaytureRequest) => ({ VWUserLgn: r.l('DATA').VWUserLgn ?? '' });
const CUSTOMER_PLAIN = ['request', 'customer'] as const;
const CARD_PLAIN = ['request', 'customer', 'card'] as const;

const spec = (command: string, template: OpSpec['template'], plain: OpSpec['plain'], echo: OpSpec['echo'] = login, extra: Partial<OpSpec> = {}): OpSpec => ({
  contract: `ewallet-${command.toLowerCase()}`,
  root: command,
  template,
  auth: 'VWID',
  echo,
  plain,
  ...extra,
});

/** `SessionId` without `VWID`: the customer's browser asking for Payture's page. */
export async function isPageRequest(c: PasarelaContext): Promise<boolean> {
  const params = await readParams(c);
  return params.get('SessionId') !== undefined && params.get('VWID') === undefined;
}

export function ewalletCommands(ctx: PaytureContext, pages: { pay: CommandHandler; add: CommandHandler }): Record<string, CommandHandler> {
  const state = (m: PaytureMerchant) => ctx.store.merchant(m.key);
  const withPage = (page: CommandHandler, merchantSide: CommandHandler): CommandHandler => async (c) => ((await isPageRequest(c)) ? page(c) : merchantSide(c));

  const register: CommandHandler = async (c) => {
    const { req, merchant } = await begin(c, ctx, spec('Register', 'customer', CUSTOMER_PLAIN));
    const data = req.l('DATA');
    const s = state(merchant);
    if (Table.has(s.customers, data.VWUserLgn!)) throw fail(customerCodes(ctx).duplicate, `Customer "${data.VWUserLgn}" already exists`);
    Table.set(s.customers, data.VWUserLgn!, {
      login: data.VWUserLgn!,
      passwordHash: hashPassword(data.VWUserPsw!),
      ...(data.PhoneNumber ? { phone: data.PhoneNumber } : {}),
      ...(data.Email ? { email: data.Email } : {}),
      createdAt: nowIso(ctx),
      cards: Table.create(),
      codes: Table.create(),
    });
    return reply('Register', 'customer', { Success: 'True', VWUserLgn: data.VWUserLgn });
  };

  const update: CommandHandler = async (c) => {
    const { req, merchant } = await begin(c, ctx, spec('Update', 'customer', CUSTOMER_PLAIN));
    const data = req.l('DATA');
    const customer = authCustomer(ctx, state(merchant), data, login(req));
    if (data.PhoneNumber !== undefined) customer.phone = data.PhoneNumber;
    if (data.Email !== undefined) customer.email = data.Email;
    return reply('Update', 'customer', { Success: 'True', VWUserLgn: customer.login });
  };

  const check: CommandHandler = async (c) => {
    const { req, merchant } = await begin(c, ctx, spec('Check', 'customer', CUSTOMER_PLAIN));
    const customer = authCustomer(ctx, state(merchant), req.l('DATA'), login(req));
    return reply('Check', 'customer', { Success: 'True', VWUserLgn: customer.login });
  };

  const deleteCustomer: CommandHandler = async (c) => {
    const { req, merchant } = await begin(c, ctx, spec('Delete', 'customer', CUSTOMER_PLAIN, login, { password: 'DATA' }));
    const customer = findCustomer(ctx, state(merchant), req.l('DATA').VWUserLgn!, login(req));
    Table.delete(state(merchant).customers, customer.login);
    return reply('Delete', 'customer', { Success: 'True', VWUserLgn: customer.login });
  };

  const add: CommandHandler = async (c) => {
    const { req, merchant } = await begin(c, ctx, spec('Add', 'add', CARD_PLAIN));
    const data = req.l('DATA');
    const echo = login(req);
    const customer = authCustomer(ctx, state(merchant), data, echo);
    const card = checkCard({ pan: data.CardNumber!, eMonth: data.EMonth!, eYear: data.EYear!, holder: data.CardHolder, cvv: data.SecureCode }, ctx.clock.nowMs(), { luhn: ctx.options.luhn === true, echo, step: 'add' });
    const result = addCard(ctx, c, merchant, customer, card, { echo, verified: false });
    if (result.kind === 'declined') throw fail(result.errCode, result.detail, echo);
    const three = result.kind === '3ds' ? { Success: '3DS', ...threeDSAttrs(splitHref(c.req.url).origin, result.record) } : { Success: 'True' };
    return reply('Add', 'add', { ...echo, ...three, CardName: result.card.mask, CardId: result.card.cardId });
  };

  const addSubmit3DS: CommandHandler = async (c) => {
    const s = spec('AddSubmit3DS', 'add', ['request'], () => ({ VWUserLgn: '' }), { auth: 'none' });
    const req = await beginPublic(c, ctx, s);
    const owner = findThreeDS(ctx, req.s('MD')!);
    const merchant = owner?.cardId ? ctx.merchants.get(owner.merchant) : undefined;
    const customer = merchant && Table.get(state(merchant).customers, owner!.customer!);
    const card = customer && Table.get(customer.cards, owner!.cardId!);
    if (!owner || !merchant || !customer || !card) throw fail('CARD_NOT_FOUND', 'No card waits for 3-D Secure with this MD');
    c.set('merchant', merchant.key);
    const echo = { VWUserLgn: customer.login };
    if (card.status !== 'Pending3DS') throw fail('REFUSAL_BY_GATE', `Card ${card.cardId} is not waiting for 3-D Secure`, echo);
    const problem = paResProblem(ctx, owner.record, req.s('PaRes')!);
    const forced = problem ? undefined : ctx.scenarios.resolve(c, { accept: (x) => (x as PaytureScenario).group === '3ds' && !!(x as PaytureScenario).errCode, merchant: merchant.key });
    const errCode = problem?.errCode ?? (forced?.scenario as PaytureScenario | undefined)?.errCode ?? owner.record.then;
    finishCardAdd(ctx, merchant, customer, card, errCode);
    if (errCode) throw fail(errCode, problem?.detail ?? 'The card was refused after 3-D Secure', echo);
    return reply('AddSubmit3DS', 'add', { ...echo, Success: 'True', CardName: card.mask, CardId: card.cardId });
  };

  const activate: CommandHandler = async (c) => {
    const echo = (r: PaytureRequest) => ({ ...login(r), CardId: '' });
    const { req, merchant } = await begin(c, ctx, spec('Activate', 'card', CARD_PLAIN, echo));
    const data = req.l('DATA');
    const customer = authCustomer(ctx, state(merchant), data, echo(req));
    const card = findCard(customer, data.CardId!, echo(req));
    if (card.status === 'Pending3DS') throw fail('REFUSAL_BY_GATE', 'The card stopped at 3-D Secure during Add', echo(req));
    if (card.status === 'NotActive') {
      if (Number(data.Amount) !== card.hold) throw fail('WRONG_AUTHORIZATION_CODE', `Activate must quote the test hold placed at Add (${card.hold})`, echo(req));
      card.status = 'IsActive';
      card.hold = 0;
    }
    return reply('Activate', 'card', { Success: 'True', VWUserLgn: customer.login, CardId: card.cardId });
  };

  const removeCard: CommandHandler = async (c) => {
    const echo = (r: PaytureRequest) => ({ ...login(r), CardId: r.l('DATA').CardId ?? '' });
    const { req, merchant } = await begin(c, ctx, spec('Remove', 'card', CARD_PLAIN, echo));
    const data = req.l('DATA');
    const customer = authCustomer(ctx, state(merchant), data, echo(req));
    const card = findCard(customer, data.CardId!, echo(req));
    card.removed = true;
    return reply('Remove', 'card', { Success: 'True', VWUserLgn: customer.login, CardId: card.cardId });
  };

  const getList: CommandHandler = async (c) => {
    const { req, merchant } = await begin(c, ctx, spec('GetList', 'customer', CUSTOMER_PLAIN));
    const customer = authCustomer(ctx, state(merchant), req.l('DATA'), login(req));
    const now = ctx.clock.nowMs();
    // Reference §5.3: no removed or expired cards, most recently used first, at most 20.
    const cards = Table.values(customer.cards)
      .filter((k) => !k.removed && !cardExpired(k, now))
      .sort((a, b) => (b.lastUsedAt ?? b.createdAt).localeCompare(a.lastUsedAt ?? a.createdAt))
      .slice(0, 20);
    const items = cards.map((k) => ({
      name: 'Item' as const,
      attrs: { CardName: k.mask, CardId: k.cardId, CardHolder: k.holder, Status: k.status === 'IsActive' ? 'IsActive' : 'NotActive', NoCVV: 'false', Expired: 'false' },
    }));
    return reply('GetList', 'customer', { Success: 'True', VWUserLgn: customer.login }, items);
  };

  const sendCode: CommandHandler = async (c) => {
    const echo = (r: PaytureRequest) => ({ ...login(r), Amount: 0, OrderId: r.l('DATA').OrderId ?? '' });
    const { req, merchant } = await begin(c, ctx, spec('SendCode', 'sendCode', CARD_PLAIN, echo));
    const data = req.l('DATA');
    const customer = authCustomer(ctx, state(merchant), data, echo(req));
    const card = findCard(customer, data.CardId!, echo(req));
    if (!customer.phone) throw fail('WRONG_PHONE', 'The customer has no PhoneNumber to send the code to', echo(req));
    const amount = Number(data.Amount);
    Table.set(customer.codes, data.OrderId!, { amount, cardId: card.cardId });
    notifySendCode(ctx, merchant, customer, data.OrderId!, amount);
    return reply('SendCode', 'sendCode', { Success: 'True', VWUserLgn: customer.login, Amount: amount, OrderId: data.OrderId });
  };

  const payEcho = (r: PaytureRequest) => ({ ...login(r), OrderId: r.l('DATA').OrderId ?? '' });
  const merchantPay: CommandHandler = async (c) => {
    const { req, merchant } = await begin(c, ctx, spec('Pay', 'ewalletPay', CARD_PLAIN, payEcho, { plain: ['request', 'customer', 'card', 'status'] }));
    const data = req.l('DATA');
    const echo = payEcho(req);
    const s = state(merchant);
    const amount = Number(data.Amount);
    checkAmount(merchant, amount, echo);
    const existing = unpaidInitOrder(s, data.OrderId!, echo);
    // No SessionType: the Init's (the 2014 FreePay Pay completed a Block session), else Pay.
    const mode = data.SessionType === 'Block' || data.SessionType === 'Pay' ? data.SessionType : (existing?.sessionType ?? 'Pay');
    const now = ctx.clock.nowMs();
    let card: PaymentInput['card'];
    let allow3DS = true;
    if (data.CardId!.toLowerCase() === 'freepay') {
      // A card that is not stored: the customer need not exist, but a known one must give the right password.
      // A customer the wallet does not know is echoed VWUserLgn="" (sandbox 2014, Pay FreePay of new@dom.com).
      if (Table.has(s.customers, data.VWUserLgn!)) authCustomer(ctx, s, data, echo);
      else echo.VWUserLgn = '';
      if (data.PayToken) {
        const token = readToken(data.PayToken, echo);
        const pan = token.pan ?? DEFAULT_TEST_CARD;
        card = { mask: maskPan(pan), scenario: cardScenario(pan), cardId: 'FreePay' };
        allow3DS = false;
      } else {
        if (!data.CardNumber) throw fail('WRONG_PAN', 'CardId=FreePay needs CardNumber (or PayToken)', echo);
        if (!data.EMonth) throw fail('WRONG_EXPIRE_DATE', 'CardId=FreePay needs EMonth', echo);
        if (!data.EYear) throw fail('CARD_EXPIRED', 'CardId=FreePay needs EYear', echo);
        const checked = checkCard({ pan: data.CardNumber, eMonth: data.EMonth, eYear: data.EYear, holder: data.CardHolder, cvv: data.SecureCode }, now, { luhn: ctx.options.luhn === true, echo });
        card = { mask: checked.mask, holder: checked.holder, expiry: checked.expiry, cardId: 'FreePay', scenario: checked.scenario };
      }
    } else {
      const customer = authCustomer(ctx, s, data, echo);
      const stored = findCard(customer, data.CardId!, echo);
      if (stored.status !== 'IsActive') throw fail('WRONG_CARD', `Card ${stored.cardId} is not activated`, echo);
      if (cardExpired(stored, now)) throw fail('CARD_EXPIRED', `Card ${stored.cardId} has expired`, echo);
      if (stored.cvvRequired && !data.SecureCode) throw fail('WRONG_CVV', 'This card needs SecureCode', echo);
      const code = Table.get(customer.codes, data.OrderId!);
      const expected = String(ctx.options.confirmCode ?? '1234');
      if ((code || data.ConfirmCode !== undefined) && (data.ConfirmCode !== expected || !code || code.cardId !== stored.cardId)) {
        throw fail('WRONG_CONFIRM_CODE', code ? 'ConfirmCode is not the code sent by SendCode' : 'No code was sent with SendCode for this OrderId', echo);
      }
      Table.delete(customer.codes, data.OrderId!);
      stored.lastUsedAt = nowIso(ctx);
      card = { mask: stored.mask, holder: stored.holder, expiry: `${String(stored.expMonth).padStart(2, '0')}/${String(stored.expYear).slice(-2)}`, cardId: stored.cardId, scenario: stored.scenario ? (ctx.scenarios.get(stored.scenario) as PaytureScenario) : undefined };
    }
    const result = authorizePayment(ctx, c, merchant, {
      family: 'ewallet',
      command: 'vwapi/Pay',
      mode,
      orderId: data.OrderId!,
      amount,
      card,
      customer: echo.VWUserLgn,
      ip: data.IP ?? c.env?.remoteAddress,
      allow3DS,
      ...(existing ? { existing } : {}),
    });
    closeInitSession(ctx, merchant, result);
    return paymentReply(c, merchant, result, { root: 'Pay', template: 'ewalletPay', echo });
  };

  const paySubmit3DS: CommandHandler = async (c) => {
    const req = await beginPublic(c, ctx, spec('PaySubmit3DS', 'ewalletPay', ['request'], () => ({ VWUserLgn: '', OrderId: '' }), { auth: 'none' }));
    const owner = findThreeDS(ctx, req.s('MD')!);
    const merchant = owner?.orderId !== undefined ? ctx.merchants.get(owner.merchant) : undefined;
    if (!owner || !merchant) throw fail('ORDER_NOT_FOUND', 'No order waits for 3-D Secure with this MD');
    c.set('merchant', merchant.key);
    const order = findOrder(state(merchant), owner.orderId!);
    const echo = { VWUserLgn: order.customer ?? '', OrderId: order.orderId };
    const result = complete3DS(ctx, c, merchant, order, req.s('PaRes')!, 'vwapi/PaySubmit3DS', { echo });
    return paymentReply(c, merchant, result, { root: 'PaySubmit3DS', template: 'ewalletPay', echo });
  };

  const init: CommandHandler = async (c) => {
    const { req, merchant } = await begin(c, ctx, spec('Init', 'init', ['request', 'customer', 'card', 'status'], () => ({})));
    const data = req.l('DATA');
    const s = state(merchant);
    const sessionType = data.SessionType as 'Pay' | 'Block' | 'Add';
    const known = Table.has(s.customers, data.VWUserLgn!);
    // Add needs a registered customer; Pay/Block may be a customer the wallet does not know yet.
    if (sessionType === 'Add' || known) authCustomer(ctx, s, data, {});
    if (data.CardId && data.CardId.toLowerCase() !== 'freepay') findCard(findCustomer(ctx, s, data.VWUserLgn!, {}), data.CardId, {});
    let orderId = data.OrderId ?? '';
    let amount = 0;
    if (sessionType !== 'Add') {
      if (!data.OrderId) throw fail('WRONG_PARAMS', `SessionType=${sessionType} needs OrderId`);
      if (data.Amount === undefined) throw fail('AMOUNT_ERROR', `SessionType=${sessionType} needs Amount`);
      amount = Number(data.Amount);
      checkAmount(merchant, amount, {});
      assertNewOrderId(s, data.OrderId);
    } else if (!orderId) {
      orderId = guid(ctx.ids);
    }
    const forced = initScenario(c, ctx);
    const session = createSession(
      ctx,
      merchant,
      {
        family: 'ewallet',
        sessionType,
        orderId,
        amount,
        origin: splitHref(c.req.url).origin,
        customer: data.VWUserLgn!,
        ...(data.CardId ? { cardId: data.CardId } : {}),
        ...(data.Url ? { url: data.Url } : {}),
        ...(data.IP ? { ip: data.IP } : {}),
        ...(forced ? { forcedOutcome: forced } : {}),
      },
      data,
    );
    if (sessionType !== 'Add') {
      newOrder(ctx, s, { orderId, family: 'ewallet', sessionType, amount, customer: data.VWUserLgn!, sessionId: session.sessionId, ...(data.IP ? { ip: data.IP } : {}) }, 'vwapi/Init');
    }
    return reply('Init', 'init', { Success: 'True', OrderId: orderId, Amount: amount, SessionId: session.sessionId, SessionType: sessionType });
  };

  const statusEcho = (r: PaytureRequest) => ({ ...login(r), OrderId: r.l('DATA').OrderId ?? '', Forwarded: 'False' });
  const payStatus: CommandHandler = async (c) => {
    const { req, merchant } = await begin(c, ctx, spec('PayStatus', 'ewalletStatus', ['request', 'status'], statusEcho));
    const s = state(merchant);
    const order = findOrder(s, req.l('DATA').OrderId!, statusEcho(req));
    // VWUserLgn is the order's customer, not an echo (sandbox 2017: DATA had only OrderId, the answer the Init's login).
    const attrs = { ...statusEcho(req), VWUserLgn: order.customer ?? '', Amount: displayAmount(order), CardId: storedCardId(order), Status: order.state };
    if (!PAID_STATES.includes(order.state)) unpaidStatus(ctx, s, order, attrs, { ...statusEcho(req), VWUserLgn: '' });
    return reply('PayStatus', 'ewalletStatus', { Success: 'True', ...attrs });
  };

  return {
    Register: register,
    Update: update,
    Check: check,
    Delete: deleteCustomer,
    Add: withPage(pages.add, add),
    AddSubmit3DS: addSubmit3DS,
    Activate: activate,
    Remove: removeCard,
    GetList: getList,
    SendCode: sendCode,
    Init: init,
    Pay: withPage(pages.pay, merchantPay),
    PaySubmit3DS: paySubmit3DS,
    Charge: moneyCommand(ctx, 'ewallet', 'charge'),
    Unblock: moneyCommand(ctx, 'ewallet', 'unblock'),
    Refund: moneyCommand(ctx, 'ewallet', 'refund'),
    PayStatus: payStatus,
    GetState: getState(ctx, 'ewallet-getstate', 'ewallet'),
  };
}
