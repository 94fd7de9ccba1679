/**
 * Payture's own Node SDK, `payture-official` (npm 0.0.6), unmodified, through its public API
 * against the emulator over real HTTP (the host is a constructor argument). It sends every
 * call as a form body, several of them (InPay and eWallet PayStatus, eWallet GetList, api
 * GetState) as GET with that body, `Data` (not `DATA`) to /vwapi, and every optional inner
 * key empty. (MSW cannot carry a GET body, so this runs over HTTP only.)
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useSandbox } from '../helpers/sandbox.ts';
import { KEY, orderId, PASSWORD } from './helpers.ts';

const payture = createRequire(import.meta.url)('payture-official') as {
  InPay: new (host: string, merchant: { Key: string; Password: string }) => Record<string, (...args: unknown[]) => void>;
  EWallet: new (host: string, merchant: { Key: string; Password: string }) => Record<string, (...args: unknown[]) => void>;
  Api: new (host: string, merchant: { Key: string; Password: string }) => Record<string, (...args: unknown[]) => void>;
};

type Answer = Record<string, string> & { List: Record<string, Record<string, string>>; RedirectUrl?: string };

/** One SDK call as a promise of its parsed answer (the SDK's own parse of the XML). */
function call(client: Record<string, (...args: unknown[]) => void>, method: string, ...args: unknown[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    client[method]!(...args, (error: Error | null, _res: unknown, body: string, parsed: Answer) => {
      if (error) reject(error);
      else if (!parsed) reject(new Error(`${method}: no parsed answer (${body})`));
      else resolve(parsed);
    });
  });
}

describe('payture-official (npm 0.0.6) against the emulator over HTTP', () => {
  const ref = useSandbox({ providers: ['payture'] });
  const merchant = { Key: KEY, Password: PASSWORD };
  let log: ReturnType<typeof vi.spyOn>;
  // The SDK logs every answer to the console.
  beforeAll(() => {
    log = vi.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterAll(() => log.mockRestore());
  const complete = async (sessionId: string, card = '4111111111100031') => {
    const res = await fetch(`${ref.urls.payture}/__admin/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: sessionId, card }) });
    expect(res.status).toBe(200);
  };

  it('PaytureInPay: init (Data with "&" in a value), payStatus (GET with a body) before and after payment, charge, refund; unblock of a second order', async () => {
    const inpay = new payture.InPay(ref.urls.payture!, merchant);
    const id = orderId('SDK');
    const init = await call(inpay, 'init', { SessionType: 'Block', OrderId: id, Amount: 12576, IP: '127.0.0.1', Url: 'https://shop.example/ret?o={orderid}&s={success}', Product: 'Ticket & co' });
    expect(init).toMatchObject({ Success: 'True', OrderId: id, Amount: '12576' });
    expect(init.RedirectUrl).toBe(`${ref.urls.payture}/apim/Pay?SessionId=${init.SessionId}`);
    expect(await call(inpay, 'payStatus', id)).toMatchObject({ Success: 'False', OrderId: id, ErrCode: 'NONE' });
    await complete(init.SessionId!);
    expect(await call(inpay, 'payStatus', id)).toMatchObject({ Success: 'True', OrderId: id, State: 'Authorized', Amount: '12576' });
    // charge without Amount: the SDK drops the undefined parameter, the whole hold is charged.
    expect(await call(inpay, 'charge', { OrderId: id })).toMatchObject({ Success: 'True', OrderId: id, Amount: '12576' });
    expect(await call(inpay, 'refund', { OrderId: id, Amount: 576 })).toMatchObject({ Success: 'True', OrderId: id, NewAmount: '12000' });
    const second = orderId('SDK');
    const s2 = await call(inpay, 'init', { SessionType: 'Block', OrderId: second, Amount: 500, IP: '127.0.0.1' });
    await complete(s2.SessionId!);
    expect(await call(inpay, 'unblock', { OrderId: second, Amount: 500 })).toMatchObject({ Success: 'True', OrderId: second, NewAmount: '0' });
  });

  it('PaytureEWallet: customers, cards, payments with a stored card and FreePay, Init, payStatus, refund', async () => {
    const ew = new payture.EWallet(ref.urls.payture!, merchant);
    const who = { VWUserLgn: `sdk-${orderId('c').toLowerCase()}@example.com`, VWUserPsw: 'pw 1&2' };
    expect(await call(ew, 'registerCustomer', who)).toMatchObject({ Success: 'True', VWUserLgn: who.VWUserLgn });
    expect(await call(ew, 'registerCustomer', who)).toMatchObject({ Success: 'False', ErrCode: 'DUPLICATE_USER' });
    expect(await call(ew, 'checkCustomer', who)).toMatchObject({ Success: 'True' });
    expect(await call(ew, 'updateCustomer', { ...who, PhoneNumber: '79001234567', Email: 'new@example.com' })).toMatchObject({ Success: 'True' });
    const added = await call(ew, 'merchantAddCard', { ...who, CardNumber: '4111111111100031', CardHolder: 'Ivan Ivanov', SecureCode: '123', EMonth: '12', EYear: '30' });
    expect(added).toMatchObject({ Success: 'True', CardName: '411111xxxxxx0031' });
    expect(await call(ew, 'activateCard', { ...who, CardId: added.CardId, Amount: 101 })).toMatchObject({ Success: 'True', CardId: added.CardId });
    const listed = await call(ew, 'getCardList', who);
    expect(listed).toMatchObject({ Success: 'True', VWUserLgn: who.VWUserLgn });
    expect(Object.values(listed.List).map((i) => i.CardId)).toEqual([added.CardId]);

    const paid = orderId('SDKW');
    expect(await call(ew, 'merchantPayRegCard', { ...who, IP: '1.2.3.4', OrderId: paid, Amount: 300, CardId: added.CardId, SecureCode: '123' })).toMatchObject({ Success: 'True', OrderId: paid, Amount: '300' });
    expect(await call(ew, 'payStatus', { OrderId: paid })).toMatchObject({ Success: 'True', VWUserLgn: who.VWUserLgn, Status: 'Charged', CardId: added.CardId });
    expect(await call(ew, 'refund', { OrderId: paid, Amount: 300 })).toMatchObject({ Success: 'True', NewAmount: '0' });

    const free = orderId('SDKF');
    expect(await call(ew, 'merchantPayNoRegCard', { ...who, IP: '1.2.3.4', OrderId: free, Amount: 200, CardNumber: '5218851946955484', CardHolder: 'Ivan Ivanov', EMonth: '12', EYear: '30', SecureCode: '123' })).toMatchObject({ Success: 'True', OrderId: free });

    const session = orderId('SDKI');
    const init = await call(ew, 'init', { ...who, SessionType: 'Block', IP: '1.2.3.4', OrderId: session, Amount: 700 });
    expect(init).toMatchObject({ Success: 'True', OrderId: session, SessionType: 'Block' });
    expect(init.RedirectUrl).toBe(`${ref.urls.payture}/vwapi/Pay?SessionId=${init.SessionId}`);
    await complete(init.SessionId!, '5218851946955484');
    expect(await call(ew, 'payStatus', { OrderId: session })).toMatchObject({ Success: 'True', Status: 'Authorized', VWUserLgn: who.VWUserLgn });
    expect(await call(ew, 'charge', { OrderId: session, Amount: 700 })).toMatchObject({ Success: 'True', Amount: '700' });

    expect(await call(ew, 'removeCard', { ...who, CardId: added.CardId })).toMatchObject({ Success: 'True' });
    expect(await call(ew, 'deleteCustomer', who)).toMatchObject({ Success: 'True' });
    expect(await call(ew, 'checkCustomer', who)).toMatchObject({ Success: 'False', ErrCode: 'CUSTOMER_NOT_FOUND' });
  });

  it('PaytureAPI: pay, block (empty PaytureId, CustomerKey, CustomFields), charge, unblock, refund, getState (GET with a body)', async () => {
    const api = new payture.Api(ref.urls.payture!, merchant);
    const card = { PAN: '4111111111100031', EMonth: '12', EYear: '30', CardHolder: 'Ivan Ivanov', SecureCode: '123' };
    const p = orderId('SDKA');
    expect(await call(api, 'pay', { ...card, OrderId: p, Amount: 1000 })).toMatchObject({ Success: 'True', OrderId: p, Amount: '1000' });
    expect(await call(api, 'refund', { OrderId: p, Amount: 400 })).toMatchObject({ Success: 'True', NewAmount: '600' });
    expect(await call(api, 'getState', { OrderId: p })).toMatchObject({ Success: 'True', OrderId: p, State: 'Charged', Amount: '600' });
    const b = orderId('SDKA');
    expect(await call(api, 'block', { ...card, OrderId: b, Amount: 900 })).toMatchObject({ Success: 'True', OrderId: b });
    expect(await call(api, 'charge', { OrderId: b })).toMatchObject({ Success: 'True', Amount: '900' });
    const u = orderId('SDKA');
    await call(api, 'block', { ...card, OrderId: u, Amount: 800 });
    expect(await call(api, 'unblock', { OrderId: u, Amount: 800 })).toMatchObject({ Success: 'True', NewAmount: '0' });
    expect(await call(api, 'getState', { OrderId: u })).toMatchObject({ State: 'Voided' });
  });
});
