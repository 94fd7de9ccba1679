// Every ErrCode of reference §7: produced by the recorded rules and test cards where they
// exist, and by its scenario on a command of its group for all of them.
import { afterAll, describe, expect, it } from 'vitest';
import { ERR_CODES, errCodeInfo } from '../../clients/payture/errcodes.ts';
import { parsePaytureXml } from '../../contracts/index.ts';
import { createSandbox } from '../../emulators/index.ts';
import { errCodeScenarioId } from '../../scenarios/payture.ts';
import { card, KEY, list, PASSWORD } from './helpers.ts';

const produced = new Set<string>();

function harness(options: Record<string, unknown> = {}) {
  const sandbox = createSandbox({ providers: ['payture'], logError: () => {}, options: { payture: options } });
  const call = async (path: string, params: Record<string, string | number>, headers: Record<string, string> = {}) => {
    const body = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
    const res = await sandbox.fetch('payture', path, { method: 'POST', body, headers });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const x = parsePaytureXml(text);
    if (x.attributes.ErrCode) produced.add(x.attributes.ErrCode);
    return x;
  };
  return { sandbox, call };
}

const main = harness({ maxRefunds: 2 });
const legacy = harness({ customerErrors: 'legacy' });
const current = harness({ customerErrors: 'current' });
afterAll(async () => {
  await main.sandbox.stop();
  await legacy.sandbox.stop();
  await current.sandbox.stop();
});

let seq = 0;
const id = () => `E-${++seq}`;
const { call } = main;
const pay = (command: string, orderId: string, pan = '4111111111100031', headers: Record<string, string> = {}) =>
  call(`/api/${command}`, { Key: KEY, OrderId: orderId, Amount: 1000, PayInfo: card(pan) }, headers);
const who = { VWUserLgn: 'errcodes@example.com', VWUserPsw: 'p' };

/** Runs the three steps a 3-D Secure completion needs and completes with `headers`. */
async function threeDSCompletion(headers: Record<string, string>, acsOutcome = 'acs-authenticated') {
  const orderId = id();
  const challenge = await pay('Pay', orderId, '5486732058864471');
  const { result } = (await main.sandbox.complete({ id: challenge.attributes.ThreeDSKey!, outcome: acsOutcome })) as { result: { PaRes: string } };
  return call('/api/Pay3DS', { Key: KEY, OrderId: orderId, PaRes: result.PaRes }, headers);
}

describe('ErrCodes from the recorded rules, test cards and options', () => {
  it('customer codes: the recorded DUPLICATE_USER by default, the current docs\' names with customerErrors: current, the 2014 names with legacy', async () => {
    expect((await call('/vwapi/Register', { VWID: KEY, DATA: list(who) })).attributes.Success).toBe('True');
    expect((await call('/vwapi/Register', { VWID: KEY, DATA: list(who) })).attributes.ErrCode).toBe('DUPLICATE_USER');
    await current.call('/vwapi/Register', { VWID: KEY, DATA: list(who) });
    expect((await current.call('/vwapi/Register', { VWID: KEY, DATA: list(who) })).attributes.ErrCode).toBe('DUPLICATE_CUSTOMER');
    expect((await current.call('/vwapi/Check', { VWID: KEY, DATA: list({ VWUserLgn: 'x@y.z', VWUserPsw: 'p' }) })).attributes.ErrCode).toBe('CUSTOMER_NOT_FOUND');
    expect((await call('/vwapi/Check', { VWID: KEY, DATA: list({ VWUserLgn: 'x@y.z', VWUserPsw: 'p' }) })).attributes.ErrCode).toBe('CUSTOMER_NOT_FOUND');
    await legacy.call('/vwapi/Register', { VWID: KEY, DATA: list(who) });
    expect((await legacy.call('/vwapi/Register', { VWID: KEY, DATA: list(who) })).attributes).toEqual({ Success: 'False', VWUserLgn: who.VWUserLgn, ErrCode: 'DUPLICATE_USER' });
    expect((await legacy.call('/vwapi/Check', { VWID: KEY, DATA: list({ VWUserLgn: 'x@y.z', VWUserPsw: 'p' }) })).attributes.ErrCode).toBe('USER_NOT_FOUND');
  });

  it('RETRY_LIMIT_EXCEEDED after maxRefunds refunds (option)', async () => {
    const orderId = id();
    await pay('Pay', orderId);
    for (const amount of [100, 100]) expect((await call('/api/Refund', { Key: KEY, Password: PASSWORD, OrderId: orderId, Amount: amount })).attributes.Success).toBe('True');
    expect((await call('/api/Refund', { Key: KEY, Password: PASSWORD, OrderId: orderId, Amount: 100 })).attributes.ErrCode).toBe('RETRY_LIMIT_EXCEEDED');
  });

  it('the 3-D Secure completion codes come from the ACS answer and the clock', async () => {
    expect((await threeDSCompletion({}, 'acs-wrong-code')).attributes.ErrCode).toBe('THREE_DS_USER_AUTH_FAIL');
    expect((await threeDSCompletion({}, 'acs-cancelled')).attributes.ErrCode).toBe('THREE_DS_NOT_ATTEMPTED');
  });

  it('the rules and cards of the other suites, in one place', async () => {
    const natural: [string, () => Promise<{ attributes: Record<string, string> }>][] = [
      ['ACCESS_DENIED', () => call('/api/GetState', { OrderId: 'x' })],
      ['WRONG_PARAMS', () => call('/api/GetState', { Key: KEY })],
      ['AMOUNT_ERROR', () => call('/api/Block', { Key: KEY, OrderId: id(), PayInfo: card('4111111111100031') })],
      ['WRONG_PAY_INFO', () => call('/api/Block', { Key: KEY, OrderId: id(), Amount: 1 })],
      ['WRONG_PAN', () => call('/api/Block', { Key: KEY, OrderId: id(), Amount: 1, PayInfo: 'EMonth=1;EYear=30' })],
      ['WRONG_EXPIRE_DATE', () => call('/api/Block', { Key: KEY, OrderId: id(), Amount: 1, PayInfo: 'PAN=4111111111100031;EYear=30' })],
      ['CARD_EXPIRED', () => call('/api/Block', { Key: KEY, OrderId: id(), Amount: 1, PayInfo: 'PAN=4111111111100031;EMonth=1' })],
      ['WRONG_CVV', () => call('/api/Pay', { Key: KEY, OrderId: id(), Amount: 1, PayInfo: 'PAN=4111111111100023;EMonth=1;EYear=30' })],
      ['WRONG_CARDHOLDER', () => call('/api/Pay', { Key: KEY, OrderId: id(), Amount: 1, PayInfo: card('4111111111100031', { CardHolder: '12' }) })],
      ['WRONG_AMOUNT', () => call('/api/Pay', { Key: KEY, OrderId: id(), Amount: 0, PayInfo: card('4111111111100031') })],
      ['AMOUNT_EXCEED', () => pay('Block', id(), '3300000000000001')],
      ['ISSUER_BLOCKED_CARD', () => pay('Block', id(), '5500000000000004')],
      ['ISSUER_CARD_FAIL', () => pay('Block', id(), '6600000000000001')],
      ['PROCESSING_ERROR', () => pay('Block', id(), '4111111111100056')],
      ['ORDER_NOT_FOUND', () => call('/api/GetState', { Key: KEY, OrderId: 'missing' })],
      ['FORMAT_ERROR', () => call('/api/MobilePay', { Key: KEY, OrderId: id(), Amount: 1, PayToken: 'a' })],
      ['THREE_DS_AUTH_ERROR', async () => {
        const orderId = id();
        await pay('Pay', orderId, '5486732058864471');
        return call('/api/Pay3DS', { Key: KEY, OrderId: orderId, PaRes: 'AAAA' });
      }],
      ['THREE_DS_ERROR', async () => {
        const orderId = id();
        const c = await pay('Pay', orderId, '4111111111111114');
        const { result } = (await main.sandbox.complete({ id: c.attributes.ThreeDSKey!, outcome: 'acs-authenticated' })) as { result: { PaRes: string } };
        return call('/api/Pay3DS', { Key: KEY, OrderId: orderId, PaRes: result.PaRes });
      }],
      ['DUPLICATE_ORDER_ID', async () => {
        const orderId = id();
        await pay('Pay', orderId);
        return pay('Pay', orderId);
      }],
      ['ILLEGAL_ORDER_STATE', async () => {
        const orderId = id();
        await pay('Pay', orderId);
        return call('/api/Charge', { Key: KEY, OrderId: orderId });
      }],
      ['NONE', async () => {
        const orderId = id();
        await call('/apim/Init', { Key: KEY, Data: list({ SessionType: 'Pay', OrderId: orderId, Amount: 5 }) });
        return call('/apim/PayStatus', { Key: KEY, OrderId: orderId });
      }],
    ];
    for (const [code, run] of natural) expect((await run()).attributes.ErrCode, code).toBe(code);
  });
});

describe('every ErrCode by its scenario', () => {
  const forced = (code: string) => ({ 'x-pasarela-scenario': errCodeScenarioId(code) });
  const order = async (mode: 'Pay' | 'Block') => {
    const orderId = id();
    await pay(mode, orderId);
    return orderId;
  };
  const byGroup: Record<string, (code: string) => Promise<{ attributes: Record<string, string>; name: string }>> = {
    request: (code) => call('/api/GetState', { Key: KEY, OrderId: 'any' }, forced(code)),
    status: (code) => call('/apim/PayStatus', { Key: KEY, OrderId: 'any' }, forced(code)),
    payment: async (code) => {
      const orderId = id();
      const res = await pay('Block', orderId, '4111111111100031', forced(code));
      const state = await call('/api/GetState', { Key: KEY, OrderId: orderId });
      expect(state.attributes.State, code).toBe(errCodeInfo(code)!.technical ? 'Error' : 'Rejected');
      return res;
    },
    '3ds': (code) => threeDSCompletion(forced(code)),
    capture: async (code) => call('/api/Charge', { Key: KEY, OrderId: await order('Block') }, forced(code)),
    refund: async (code) => call('/api/Refund', { Key: KEY, Password: PASSWORD, OrderId: await order('Pay') }, forced(code)),
    customer: (code) => call('/vwapi/Check', { VWID: KEY, DATA: list(who) }, forced(code)),
    card: (code) => call('/vwapi/Activate', { VWID: KEY, DATA: list({ ...who, CardId: 'any', Amount: 1 }) }, forced(code)),
  };

  it.each(ERR_CODES.map((e) => [e.code, e.group] as const))('%s (%s)', async (code, group) => {
    const res = await byGroup[group]!(code);
    expect(res.attributes.Success).toBe('False');
    expect(res.attributes.ErrCode).toBe(code);
  });

  it('covers the whole list of reference §7', () => {
    expect([...produced].sort()).toEqual(ERR_CODES.map((e) => e.code).sort());
    expect(ERR_CODES.length).toBeGreaterThanOrEqual(90);
  });
});
