/**
 * Payture contract suite. The client validates every answer against `contracts/payture`
 * (`validate: true`), so each call below is also a schema check. Runs against the
 * emulator (default) or the live sandbox (PAYTURE_KEY, PAYTURE_PASSWORD, optional
 * PAYTURE_BASE_URL; the key is also used as the eWallet VWID). Cases that need the
 * emulator's ACS page, admin API or test wallet tokens are emulator-only.
 */
import { describe, expect, it } from 'vitest';
import { Payture, SANDBOX_URL, type PaytureResult } from '../../clients/payture/index.ts';
import { testPayToken } from '../../scenarios/payture.ts';
import { contractTarget } from './target.ts';

const target = contractTarget({
  provider: 'payture',
  env: { key: 'PAYTURE_KEY', password: 'PAYTURE_PASSWORD' },
  baseUrlEnv: 'PAYTURE_BASE_URL',
  liveBaseUrl: SANDBOX_URL,
  emulator: { key: 'sandbox-merchant', password: 'sandbox-password' },
});

const payture = () => new Payture({ ...target.credentials, baseUrl: target.baseUrl, validate: true });
let n = 0;
const orderId = () => `CT-${Date.now().toString(36)}-${++n}`;
const card = (pan = '4111111111100031') => ({ pan, eMonth: 12, eYear: 30, cardHolder: 'Ivan Ivanov', secureCode: 123 });

/** The ACS page of the emulator, walked like a browser, answering "authenticated". */
async function passAcs(r: PaytureResult): Promise<{ md: string; paRes: string }> {
  const body = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields) });
  const page = await (await fetch(r.threeDS!.acsUrl, body({ PaReq: r.threeDS!.paReq, MD: r.threeDS!.threeDSKey, TermUrl: 'https://shop.example/3ds' }))).text();
  const answer = await (await fetch(new URL(/action="([^"]+)"/.exec(page)![1]!, r.threeDS!.acsUrl), body({ MD: r.threeDS!.threeDSKey, TermUrl: 'https://shop.example/3ds', Result: 'Y' }))).text();
  return { md: r.threeDS!.threeDSKey, paRes: /name="PaRes" value="([^"]+)"/.exec(answer)![1]! };
}

describe.skipIf(target.skip)(target.title, () => {
  describe('PaytureAPI', () => {
    it('Pay charges; GetState reads it; the same OrderId again is DUPLICATE_ORDER_ID', async () => {
      const id = orderId();
      expect(await payture().api.pay({ orderId: id, amount: 1000, card: card() })).toMatchObject({ success: true, orderId: id, amount: 1000 });
      expect(await payture().api.getState(id)).toMatchObject({ success: true, state: 'Charged', amount: 1000 });
      expect(await payture().api.pay({ orderId: id, amount: 1000, card: card() })).toMatchObject({ success: false, errCode: 'DUPLICATE_ORDER_ID' });
    });

    it('Block → partial Charge → partial Refund → GetState; Unblock releases a hold', async () => {
      const id = orderId();
      expect((await payture().api.block({ orderId: id, amount: 2000, card: card() })).success).toBe(true);
      expect(await payture().api.charge({ orderId: id, amount: 1500 })).toMatchObject({ success: true, amount: 1500 });
      expect(await payture().api.refund({ orderId: id, amount: 500 })).toMatchObject({ success: true, newAmount: 1000 });
      expect(await payture().api.getState(id)).toMatchObject({ state: 'Charged', amount: 1000 });
      const held = orderId();
      await payture().api.block({ orderId: held, amount: 300, card: card() });
      expect(await payture().api.unblock({ orderId: held })).toMatchObject({ success: true, newAmount: 0 });
      expect(await payture().api.charge({ orderId: held })).toMatchObject({ success: false, errCode: 'ILLEGAL_ORDER_STATE' });
    });

    it('the recorded validation: no PayInfo → WRONG_PAY_INFO, no PAN → WRONG_PAN; unknown order → ORDER_NOT_FOUND; Refund without Password → ACCESS_DENIED', async () => {
      const post = (command: string, fields: Record<string, string>) => fetch(`${target.baseUrl}/api/${command}`, { method: 'POST', body: new URLSearchParams(fields) }).then((r) => r.text());
      expect(await post('Block', { Key: target.credentials.key, OrderId: orderId(), Amount: '100' })).toMatch(/ErrCode="WRONG_PAY_INFO"/);
      expect(await post('Block', { Key: target.credentials.key, OrderId: orderId(), Amount: '100', PayInfo: 'EMonth=12;EYear=30' })).toMatch(/ErrCode="WRONG_PAN"/);
      expect(await post('Refund', { Key: target.credentials.key, OrderId: orderId() })).toMatch(/ErrCode="ACCESS_DENIED"/);
      expect(await payture().api.getState(`missing-${orderId()}`)).toMatchObject({ success: false, errCode: 'ORDER_NOT_FOUND' });
    });

    it('a 3-D Secure card answers Success="3DS" with ACSUrl, PaReq and ThreeDSKey', async () => {
      const r = await payture().api.pay({ orderId: orderId(), amount: 100, card: card('5486732058864471') });
      expect(r.status).toBe('3DS');
      expect(r.threeDS!.acsUrl).toMatch(/^https?:\/\//);
    });

    it.skipIf(target.kind === 'live')('3-D Secure completes through the ACS page and Pay3DS (emulator ACS)', async () => {
      const id = orderId();
      const r = await payture().api.pay({ orderId: id, amount: 100, card: card('4111111111111111') });
      const { paRes } = await passAcs(r);
      expect(await payture().api.pay3DS({ orderId: id, paRes })).toMatchObject({ success: true });
    });

    it.skipIf(target.kind === 'live')('wallet payments with test tokens (MobilePay, ApplePay, AndroidPay)', async () => {
      expect((await payture().api.mobilePay({ orderId: orderId(), payToken: testPayToken({ amount: 100 }) })).success).toBe(true);
      expect((await payture().apple.pay({ payToken: testPayToken({ amount: 100 }) })).success).toBe(true);
      expect((await payture().android.block({ orderId: orderId(), payToken: testPayToken(), amount: 100 })).success).toBe(true);
    });
  });

  describe('PaytureInPay', () => {
    it('Init gives a SessionId and a page; PayStatus says NONE until the customer pays', async () => {
      const id = orderId();
      const started = await payture().inpay.init({ sessionType: 'Pay', orderId: id, amount: 500, ip: '127.0.0.1', url: 'https://shop.example/r/{orderid}/{success}' });
      expect(started).toMatchObject({ success: true, orderId: id });
      expect((await payture().inpay.pay(started.sessionId!)).status).toBe(200);
      expect(await payture().inpay.payStatus(id)).toMatchObject({ success: false, errCode: 'NONE' });
    });

    it.skipIf(target.kind === 'live')('the page is paid (admin complete), then Charge/Refund with the Password', async () => {
      const id = orderId();
      const started = await payture().inpay.init({ sessionType: 'Block', orderId: id, amount: 500, ip: '127.0.0.1' });
      await target.sandbox!.complete({ id: started.sessionId!, card: '4111111111100031' });
      expect(await payture().inpay.payStatus(id)).toMatchObject({ success: true, state: 'Authorized' });
      expect((await payture().inpay.charge({ orderId: id })).success).toBe(true);
      expect(await payture().inpay.refund({ orderId: id, amount: 100 })).toMatchObject({ success: true, newAmount: 400 });
      expect(await payture().inpay.getState(id)).toMatchObject({ state: 'Charged', amount: 400 });
    });
  });

  describe('PaytureEWallet', () => {
    it('Register, Check, Add, Activate (101), GetList, Pay with the stored card, PayStatus, Charge, Refund, Remove, Delete', async () => {
      const customer = { login: `ct-${Date.now().toString(36)}@example.com`, password: 'ct-pass', phone: '79001234567' };
      const p = payture();
      expect((await p.ewallet.register(customer)).success).toBe(true);
      expect((await p.ewallet.check(customer)).success).toBe(true);
      const added = await p.ewallet.add(customer, card('4111111111100031'));
      expect(added.success).toBe(true);
      expect((await p.ewallet.activate(customer, added.cardId!, 101)).success).toBe(true);
      expect((await p.ewallet.getList(customer)).cards.map((c) => c.cardId)).toContain(added.cardId);
      const id = orderId();
      expect((await p.ewallet.pay(customer, { orderId: id, amount: 700, cardId: added.cardId!, sessionType: 'Block', secureCode: 123, ip: '127.0.0.1' })).success).toBe(true);
      expect(await p.ewallet.payStatus(id)).toMatchObject({ success: true, state: 'Authorized' });
      expect((await p.ewallet.charge({ orderId: id, amount: 700 })).success).toBe(true);
      expect(await p.ewallet.refund({ orderId: id, amount: 200 })).toMatchObject({ success: true, newAmount: 500 });
      expect((await p.ewallet.remove(customer, added.cardId!)).success).toBe(true);
      expect((await p.ewallet.delete(customer.login)).success).toBe(true);
    });

    it.skipIf(target.kind === 'live')('a 3-D Secure card is added with AddSubmit3DS and pays with PaySubmit3DS (emulator ACS)', async () => {
      const customer = { login: `ct3-${Date.now().toString(36)}@example.com`, password: 'ct-pass' };
      const p = payture();
      await p.ewallet.register(customer);
      const added = await p.ewallet.add(customer, card('5486732058864471'));
      expect((await p.ewallet.addSubmit3DS(await passAcs(added))).success).toBe(true);
      const paid = await p.ewallet.pay(customer, { orderId: orderId(), amount: 50, card: card('2202208311110010') });
      expect((await p.ewallet.paySubmit3DS(await passAcs(paid))).success).toBe(true);
    });
  });
});
