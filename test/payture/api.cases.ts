/**
 * PaytureAPI (`/api`) behaviour, run over real HTTP and through MSW by
 * `families.http.test.ts` / `families.msw.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { testPayToken } from '../../scenarios/payture.ts';
import { acs, card, client, conforms, get, KEY, list, orderId, PASSWORD, post, xml, type PaytureTarget } from './helpers.ts';

export function apiCases(t: PaytureTarget) {
  const url = (command: string) => `${t.base('api')}/api/${command}`;
  const pay = (command: 'Pay' | 'Block', id: string, pan = '4111111111100031', amount = 1000, extra: Record<string, string> = {}) =>
    xml(post(url(command), { Key: KEY, OrderId: id, Amount: amount, PayInfo: card(pan, { OrderId: id, Amount: amount }), ...extra }));
  const state = (id: string) => xml(post(url('GetState'), { Key: KEY, OrderId: id }));

  describe('Pay and Block', () => {
    it('Pay answers <Pay OrderId Key Success="True" Amount/> and the order is Charged', async () => {
      const id = orderId();
      const res = await pay('Pay', id);
      expect(res.raw).toBe(`<Pay OrderId="${id}" Key="${KEY}" Success="True" Amount="1000" />`);
      conforms('api-pay', res);
      const s = await state(id);
      expect(s.attributes).toMatchObject({ Success: 'True', OrderId: id, State: 'Charged', Forwarded: 'False', MerchantContract: KEY, Amount: '1000' });
      expect(s.attributes.RRN).toMatch(/^\d{12}$/);
      conforms('api-getstate', s);
    });

    it('Block holds (Authorized); the same OrderId again is DUPLICATE_ORDER_ID, also after Charge', async () => {
      const id = orderId();
      conforms('api-block', await pay('Block', id));
      expect((await state(id)).attributes.State).toBe('Authorized');
      const again = await pay('Block', id);
      expect(again.attributes).toMatchObject({ OrderId: id, Success: 'False', ErrCode: 'DUPLICATE_ORDER_ID' });
      await xml(post(url('Charge'), { Key: KEY, OrderId: id }));
      expect((await pay('Pay', id)).attributes.ErrCode).toBe('DUPLICATE_ORDER_ID');
    });

    it('GET with everything in the query, and POST with an empty body and the query, work alike', async () => {
      const a = orderId();
      const viaGet = await xml(get(url('Pay'), { Key: KEY, OrderId: a, Amount: 500, PayInfo: card('5218851946955484') }));
      expect(viaGet.attributes.Success).toBe('True');
      const b = orderId();
      const query = new URLSearchParams({ Key: KEY, OrderId: b, Amount: '500', PayInfo: card('4011111111111112') });
      const viaQuery = await xml(fetch(`${url('Pay')}?${query}`, { method: 'POST', body: '' }));
      expect(viaQuery.attributes.Success).toBe('True');
    });

    it('accepts every recorded PayInfo encoding: raw, inner-encoded, double-encoded, "; " separated, lowercase keys, trailing ";"', async () => {
      const raw = 'PAN=4111111111100031;EMonth=12;EYear=30;CardHolder=Ivan Ivanov;SecureCode=123';
      const variants = [
        raw,
        'PAN=4111111111100031;EMonth=12;EYear=30;CardHolder=Ivan+Ivanov;SecureCode=123',
        encodeURIComponent(raw),
        raw.replace(/;/g, '; '),
        raw.replace(/;/g, ';\n    '),
        `${raw.toLowerCase().replace('ivan ivanov', 'Ivan Ivanov')};`,
      ];
      for (const PayInfo of variants) {
        const id = orderId('ENC');
        const res = await xml(post(url('Block'), { Key: KEY, OrderId: id, Amount: 700, PayInfo }));
        expect(res.attributes, PayInfo).toMatchObject({ Success: 'True', Amount: '700' });
      }
    });

    it('the unencoded GET of the official PHP SDK (inner ; and = raw in the query) works', async () => {
      const id = orderId();
      const res = await xml(fetch(`${url('Pay')}?Key=${KEY}&Amount=100&OrderId=${id}&PayInfo=PAN=4111111111100031;EMonth=12;EYear=30;SecureCode=123`));
      expect(res.attributes.Success).toBe('True');
    });

    it('follows the validation the sandbox QA suites recorded, in order', async () => {
      const id = orderId();
      const block = (params: Record<string, string | number | undefined>) => xml(post(url('Block'), params));
      expect((await block({ OrderId: id, Amount: 1, PayInfo: card('4111111111100031') })).raw).toBe('<Block Success="False" ErrCode="ACCESS_DENIED" />');
      expect((await block({ Key: KEY, Amount: 1, PayInfo: card('4111111111100031') })).attributes).toEqual({ OrderId: '', Key: KEY, Success: 'False', ErrCode: 'WRONG_PARAMS' });
      expect((await block({ Key: KEY, OrderId: id, PayInfo: card('4111111111100031') })).attributes.ErrCode).toBe('AMOUNT_ERROR');
      const noInfo = await block({ Key: KEY, OrderId: id, Amount: 1 });
      expect(noInfo.attributes).toEqual({ Key: KEY, Success: 'False', ErrCode: 'WRONG_PAY_INFO' });
      expect((await block({ Key: KEY, OrderId: id, Amount: 1, PayInfo: 'EMonth=12;EYear=30' })).attributes.ErrCode).toBe('WRONG_PAN');
      expect((await block({ Key: KEY, OrderId: id, Amount: 1, PayInfo: 'PAN=4111111111100031;EYear=30' })).attributes.ErrCode).toBe('WRONG_EXPIRE_DATE');
      expect((await block({ Key: KEY, OrderId: id, Amount: 1, PayInfo: 'PAN=4111111111100031;EMonth=12' })).attributes.ErrCode).toBe('CARD_EXPIRED');
      // The test card's own decline comes before the expiry check (sandbox3, 2023: 12/19 → WRONG_EXPIRE_DATE).
      expect((await block({ Key: KEY, OrderId: orderId(), Amount: 1, PayInfo: card('4400000000000008', { EMonth: 12, EYear: 19 }) })).attributes.ErrCode).toBe('WRONG_EXPIRE_DATE');
      expect((await block({ Key: KEY, OrderId: orderId(), Amount: 1, PayInfo: card('4400000000000008') })).attributes.ErrCode).toBe('WRONG_EXPIRE_DATE');
      // A PayInfo without its own OrderId/Amount is accepted (the sandbox defect the suite noted).
      expect((await block({ Key: KEY, OrderId: orderId(), Amount: 1, PayInfo: card('4111111111100031') })).attributes.Success).toBe('True');
    });

    it('the test cards of reference §9 answer as documented', async () => {
      const decline = async (pan: string, amount = 1000) => (await pay('Block', orderId('CARD'), pan, amount)).attributes.ErrCode;
      expect(await decline('3300000000000001')).toBe('AMOUNT_EXCEED');
      expect(await decline('5500000000000004')).toBe('ISSUER_BLOCKED_CARD');
      expect(await decline('6600000000000001')).toBe('ISSUER_CARD_FAIL');
      expect(await decline('4111111111100056')).toBe('PROCESSING_ERROR');
      expect(await decline('4111111111100072')).toBe('ISSUER_BLOCKED_CARD');
      expect(await decline('4111111111100080')).toBe('ISSUER_CARD_FAIL');
      expect(await decline('4111101000000046', 10_001)).toBe('AMOUNT_EXCEED');
      expect(await decline('4111101000000046', 10_000)).toBeUndefined();
      const cvv = await xml(post(url('Pay'), { Key: KEY, OrderId: orderId(), Amount: 10, PayInfo: list({ PAN: '4111111111100023', EMonth: 12, EYear: 30 }) }));
      expect(cvv.attributes.ErrCode).toBe('WRONG_CVV');
      const declined = orderId();
      await pay('Pay', declined, '5500000000000004');
      expect((await state(declined)).attributes).toMatchObject({ State: 'Rejected' });
      const technical = orderId();
      await pay('Pay', technical, '4111111111100056');
      expect((await state(technical)).attributes.State).toBe('Error');
    });

    it('a card number that fails Luhn is accepted (sandbox3 took 654111111111100000); a bad cardholder or CVV is refused', async () => {
      expect((await pay('Pay', orderId(), '4111111111111113')).attributes.Success).toBe('True');
      expect((await pay('Pay', orderId(), '4556737586899855')).attributes.Success).toBe('True');
      expect((await xml(post(url('Pay'), { Key: KEY, OrderId: orderId(), Amount: 1, PayInfo: card('4111111111100031', { CardHolder: 'Иван' }) }))).attributes.ErrCode).toBe('WRONG_CARDHOLDER');
      expect((await xml(post(url('Pay'), { Key: KEY, OrderId: orderId(), Amount: 1, PayInfo: card('4111111111100031', { SecureCode: '12' }) }))).attributes.ErrCode).toBe('WRONG_CVV');
      expect((await xml(post(url('Pay'), { Key: KEY, OrderId: orderId(), Amount: 0, PayInfo: card('4111111111100031') }))).attributes.ErrCode).toBe('WRONG_AMOUNT');
    });
  });

  describe('Charge, Unblock, Refund', () => {
    it('partial Charge releases the rest; a second Charge is ILLEGAL_ORDER_STATE', async () => {
      const id = orderId();
      await pay('Block', id, '4111111111100031', 1000);
      expect((await xml(post(url('Charge'), { Key: KEY, OrderId: id, Amount: 1001 }))).raw).toBe(`<Charge Success="False" OrderId="${id}" ErrCode="AMOUNT_ERROR" />`);
      const charged = await xml(post(url('Charge'), { Key: KEY, OrderId: id, Amount: 600 }));
      expect(charged.raw).toBe(`<Charge Success="True" OrderId="${id}" Amount="600" />`);
      conforms('api-charge', charged);
      expect((await state(id)).attributes).toMatchObject({ State: 'Charged', Amount: '600' });
      expect((await xml(post(url('Charge'), { Key: KEY, OrderId: id }))).attributes.ErrCode).toBe('ILLEGAL_ORDER_STATE');
    });

    it('Unblock: partial (legacy Amount) keeps the rest held, the rest gives Voided with NewAmount 0', async () => {
      const id = orderId();
      await pay('Block', id, '4111111111100031', 1000);
      expect((await xml(post(url('Unblock'), { Key: KEY, OrderId: id, Amount: 1500 }))).attributes.ErrCode).toBe('AMOUNT_ERROR');
      expect((await xml(post(url('Unblock'), { Key: KEY, OrderId: id, Amount: 400 }))).raw).toBe(`<Unblock Success="True" OrderId="${id}" NewAmount="600" />`);
      expect((await state(id)).attributes).toMatchObject({ State: 'Authorized', Amount: '600' });
      const full = await xml(post(url('Unblock'), { Key: KEY, OrderId: id }));
      expect(full.attributes).toEqual({ Success: 'True', OrderId: id, NewAmount: '0' });
      conforms('api-unblock', full);
      expect((await state(id)).attributes.State).toBe('Voided');
      expect((await xml(post(url('Charge'), { Key: KEY, OrderId: id }))).attributes.ErrCode).toBe('ILLEGAL_ORDER_STATE');
    });

    it('Refund needs the Password; partial, repeated, then full; above the rest AMOUNT_ERROR', async () => {
      const id = orderId();
      await pay('Pay', id, '4111111111100031', 3000);
      expect((await xml(post(url('Refund'), { Key: KEY, OrderId: id, Amount: 100 }))).attributes).toEqual({ Success: 'False', ErrCode: 'ACCESS_DENIED' });
      expect((await xml(post(url('Refund'), { Key: KEY, Password: 'wrong', OrderId: id }))).attributes.ErrCode).toBe('ACCESS_DENIED');
      const refund = (amount?: number) => xml(post(url('Refund'), { Key: KEY, Password: PASSWORD, OrderId: id, Amount: amount }));
      expect((await refund(1000)).attributes).toEqual({ Success: 'True', OrderId: id, NewAmount: '2000' });
      expect((await refund(500)).attributes.NewAmount).toBe('1500');
      expect((await state(id)).attributes).toMatchObject({ State: 'Charged', Amount: '1500' });
      expect((await refund(1501)).attributes).toEqual({ Success: 'False', OrderId: id, ErrCode: 'AMOUNT_ERROR' });
      const last = await refund();
      expect(last.attributes.NewAmount).toBe('0');
      conforms('api-refund', last);
      expect((await state(id)).attributes).toMatchObject({ State: 'Refunded', Amount: '3000' });
      expect((await refund(1)).attributes.ErrCode).toBe('ILLEGAL_ORDER_STATE');
    });

    it('a held order cannot be refunded; unknown orders are ORDER_NOT_FOUND everywhere', async () => {
      const id = orderId();
      await pay('Block', id);
      expect((await xml(post(url('Refund'), { Key: KEY, Password: PASSWORD, OrderId: id }))).attributes.ErrCode).toBe('ILLEGAL_ORDER_STATE');
      for (const command of ['Charge', 'Unblock', 'GetState']) {
        const res = await xml(post(url(command), { Key: KEY, OrderId: 'no-such-order' }));
        expect(res.attributes.ErrCode, command).toBe('ORDER_NOT_FOUND');
        expect(res.name).toBe(command);
      }
    });

    it('test cards fail Charge, Unblock and Refund with PROCESSING_ERROR and leave the order as it was', async () => {
      const c1 = orderId();
      await pay('Block', c1, '4111111111100221');
      expect((await xml(post(url('Charge'), { Key: KEY, OrderId: c1 }))).attributes.ErrCode).toBe('PROCESSING_ERROR');
      expect((await state(c1)).attributes.State).toBe('Authorized');
      const u1 = orderId();
      await pay('Block', u1, '4111111111100627');
      expect((await xml(post(url('Unblock'), { Key: KEY, OrderId: u1 }))).attributes.ErrCode).toBe('PROCESSING_ERROR');
      const r1 = orderId();
      await pay('Pay', r1, '4111111111102029');
      expect((await xml(post(url('Refund'), { Key: KEY, Password: PASSWORD, OrderId: r1 }))).attributes.ErrCode).toBe('PROCESSING_ERROR');
      expect((await state(r1)).attributes.State).toBe('Charged');
    });
  });

  describe('3-D Secure 1.0', () => {
    it('a 3DS card answers Success="3DS" with ACSUrl, PaReq, ThreeDSKey; the ACS page posts PaRes back; Pay3DS charges', async () => {
      const id = orderId();
      const challenge = await pay('Pay', id, '5486732058864471');
      expect(challenge.attributes).toMatchObject({ OrderId: id, Key: KEY, Success: '3DS' });
      expect(challenge.attributes.ACSUrl).toBe(`${new URL(t.base('api')).origin}/simulp3ds/ACS/`);
      expect(challenge.attributes.PaReq).toMatch(/^[A-Za-z0-9+/]{480}$/);
      expect(challenge.attributes.ThreeDSKey).toMatch(/^[0-9a-f-]{36}$/);
      conforms('api-pay', challenge);
      expect((await state(id)).attributes.State).toBe('PreAuthorized3DS');
      const { paRes, md } = await acs(challenge.attributes as never);
      expect(md).toBe(challenge.attributes.ThreeDSKey);
      const done = await xml(post(url('Pay3DS'), { Key: KEY, OrderId: id, PaRes: paRes }));
      expect(done.attributes).toEqual({ OrderId: id, Key: KEY, Success: 'True', Amount: '1000' });
      conforms('api-pay3ds', done);
      expect((await state(id)).attributes.State).toBe('Charged');
      expect((await xml(post(url('Pay3DS'), { Key: KEY, OrderId: id, PaRes: paRes }))).attributes.ErrCode).toBe('ILLEGAL_ORDER_STATE');
    });

    it('Block3DS holds; a forged PaRes is THREE_DS_AUTH_ERROR; Pay3DS on a Block order is refused', async () => {
      const id = orderId();
      const challenge = await pay('Block', id, '4111111111111111');
      const { paRes } = await acs(challenge.attributes as never);
      expect((await xml(post(url('Pay3DS'), { Key: KEY, OrderId: id, PaRes: paRes }))).attributes.ErrCode).toBe('ILLEGAL_ORDER_STATE');
      expect((await xml(post(url('Block3DS'), { Key: KEY, OrderId: id, PaRes: paRes }))).attributes.Success).toBe('True');
      expect((await state(id)).attributes.State).toBe('Authorized');
      const forged = orderId();
      await pay('Block', forged, '2202208311110010');
      const bad = await xml(post(url('Block3DS'), { Key: KEY, OrderId: forged, PaRes: btoa('forged') }));
      expect(bad.attributes.ErrCode).toBe('THREE_DS_AUTH_ERROR');
    });

    it('a wrong code or a cancel on the ACS page fail the completion; 4111111111111114 fails after the ACS', async () => {
      for (const [result, errCode, pan] of [
        ['N', 'THREE_DS_USER_AUTH_FAIL', '5486732058864471'],
        ['U', 'THREE_DS_NOT_ATTEMPTED', '5486732058864471'],
        ['Y', 'THREE_DS_ERROR', '4111111111111114'],
      ] as const) {
        const id = orderId();
        const { paRes } = await acs((await pay('Pay', id, pan)).attributes as never, result);
        expect((await xml(post(url('Pay3DS'), { Key: KEY, OrderId: id, PaRes: paRes }))).attributes.ErrCode).toBe(errCode);
        expect(['Rejected', 'Error']).toContain((await state(id)).attributes.State);
      }
    });

    it('the completion comes too late: THREE_DS_TIME_OUT (virtual clock)', async () => {
      const id = orderId();
      const { paRes } = await acs((await pay('Pay', id, '5486732058864471')).attributes as never);
      t.sandbox().clock.advance(16 * 60);
      expect((await xml(post(url('Pay3DS'), { Key: KEY, OrderId: id, PaRes: paRes }))).attributes.ErrCode).toBe('THREE_DS_TIME_OUT');
    });
  });

  describe('wallets on /api', () => {
    it('MobilePay / MobileBlock take a Base64 PayToken; the token amount must match Amount', async () => {
      const id = orderId();
      const res = await xml(post(url('MobilePay'), { Key: KEY, OrderId: id, PayToken: testPayToken({ amount: 1200 }) }));
      expect(res.raw).toBe(`<MobilePay OrderId="${id}" Key="${KEY}" Success="True" Amount="1200" />`);
      conforms('api-mobilepay', res);
      const blocked = orderId();
      conforms('api-mobileblock', await xml(post(url('MobileBlock'), { Key: KEY, OrderId: blocked, Amount: 500, PayToken: testPayToken() })));
      expect((await state(blocked)).attributes.State).toBe('Authorized');
      expect((await xml(post(url('MobilePay'), { Key: KEY, OrderId: orderId(), Amount: 5, PayToken: testPayToken({ amount: 6 }) }))).attributes.ErrCode).toBe('AMOUNT_ERROR');
      expect((await xml(post(url('MobilePay'), { Key: KEY, OrderId: orderId(), Amount: 5, PayToken: 'not base64!' }))).attributes.ErrCode).toBe('FORMAT_ERROR');
      expect((await xml(post(url('MobilePay'), { Key: KEY, OrderId: orderId(), Amount: 5 }))).attributes.ErrCode).toBe('WRONG_PARAMS');
      expect((await xml(post(url('MobilePay'), { Key: KEY, OrderId: orderId(), PayToken: testPayToken({ pan: '5500000000000004', amount: 9 }) }))).attributes.ErrCode).toBe('ISSUER_BLOCKED_CARD');
    });

    it('ApplePay / AndroidPay (Method=PAY|BLOCK) generate the OrderId when absent; MPPay / MPBlock', async () => {
      const apple = await xml(post(url('ApplePay'), { Key: KEY, PayToken: testPayToken({ amount: 300 }), Method: 'PAY' }));
      expect(apple.attributes).toMatchObject({ Success: 'True', Amount: '300' });
      expect(apple.attributes.OrderId).toMatch(/^[0-9a-f-]{36}$/);
      conforms('api-applepay', apple);
      const android = await xml(post(url('AndroidPay'), { Key: KEY, OrderId: orderId(), PayToken: testPayToken(), Method: 'BLOCK', Amount: 400 }));
      conforms('api-androidpay', android);
      expect((await state(android.attributes.OrderId!)).attributes.State).toBe('Authorized');
      expect((await xml(post(url('AndroidPay'), { Key: KEY, PayToken: testPayToken(), Method: 'BLOCK' }))).attributes.ErrCode).toBe('AMOUNT_ERROR');
      expect((await xml(post(url('ApplePay'), { Key: KEY, PayToken: testPayToken(), Method: 'HOLD' }))).attributes.ErrCode).toBe('WRONG_PARAMS');
      conforms('api-mppay', await xml(post(url('MPPay'), { Key: KEY, OrderId: orderId(), Amount: 10, Token: 'mp-token', CVC2: 123 })));
      conforms('api-mpblock', await xml(post(url('MPBlock'), { Key: KEY, OrderId: orderId(), Amount: 10, Token: 'mp-token' })));
    });
  });

  describe('through the client', () => {
    it('payture.api: block → charge → refund → getState, and pay with 3-D Secure → pay3DS', async () => {
      const p = client(t.base('api'));
      const id = orderId('CL');
      const card3 = { pan: '4111111111100031', eMonth: 12, eYear: 30, cardHolder: 'Ivan Ivanov', secureCode: '123' };
      expect(await p.api.block({ orderId: id, amount: 2000, card: card3, customFields: { IP: '10.0.0.1', Product: 'Ticket; VIP' } })).toMatchObject({ success: true, amount: 2000, orderId: id });
      expect(await p.api.charge({ orderId: id, amount: 1500 })).toMatchObject({ success: true, amount: 1500 });
      expect(await p.api.refund({ orderId: id, amount: 500 })).toMatchObject({ success: true, newAmount: 1000 });
      expect(await p.api.getState(id)).toMatchObject({ success: true, state: 'Charged', amount: 1000, forwarded: false });
      expect(await p.api.unblock({ orderId: id })).toMatchObject({ success: false, errCode: 'ILLEGAL_ORDER_STATE' });

      const id3 = orderId('CL3');
      const first = await p.api.pay({ orderId: id3, amount: 900, card: { ...card3, pan: '5486732058864471' } });
      expect(first).toMatchObject({ success: false, status: '3DS' });
      const { paRes } = await acs({ ACSUrl: first.threeDS!.acsUrl, PaReq: first.threeDS!.paReq, ThreeDSKey: first.threeDS!.threeDSKey });
      expect(await p.api.pay3DS({ orderId: id3, paRes })).toMatchObject({ success: true, amount: 900 });
      const id4 = orderId('CL4');
      const held = await p.api.block({ orderId: id4, amount: 900, card: { ...card3, pan: '4111111111111111' } });
      const r4 = await acs({ ACSUrl: held.threeDS!.acsUrl, PaReq: held.threeDS!.paReq, ThreeDSKey: held.threeDS!.threeDSKey });
      expect(await p.api.block3DS({ orderId: id4, paRes: r4.paRes })).toMatchObject({ success: true });
    });

    it('payture.api with method GET, mobile and MasterPass commands', async () => {
      const p = client(t.base('api'), { method: 'GET' });
      const card3 = { pan: '5218851946955484', eMonth: '12', eYear: '2030', cardHolder: 'Ivan Ivanov' };
      expect(await p.api.pay({ orderId: orderId('G'), amount: 10, card: card3 })).toMatchObject({ success: true });
      expect(await p.api.mobilePay({ orderId: orderId('M'), amount: 10, payToken: testPayToken() })).toMatchObject({ success: true, command: 'MobilePay' });
      expect(await p.api.mobileBlock({ orderId: orderId('M'), amount: 10, payToken: testPayToken(), checksum: false })).toMatchObject({ success: true, command: 'MobileBlock' });
      expect(await p.api.mpPay({ orderId: orderId('MP'), amount: 10, token: 't' })).toMatchObject({ success: true });
      expect(await p.api.mpBlock({ orderId: orderId('MP'), amount: 10, token: 't', cvc2: 123 })).toMatchObject({ success: true });
    });

    it('payture.apple and payture.android (the SDKs\' digital wallet families)', async () => {
      const p = client(t.base('wallets'));
      const ap = await p.apple.pay({ payToken: testPayToken({ amount: 100 }) });
      expect(ap).toMatchObject({ success: true, command: 'ApplePay', amount: 100 });
      expect(await p.apple.block({ payToken: testPayToken({ amount: 100 }), orderId: orderId('AB') })).toMatchObject({ success: true });
      expect(await p.android.pay({ payToken: testPayToken(), orderId: orderId('GP'), amount: 250 })).toMatchObject({ success: true, command: 'AndroidPay', amount: 250 });
      const held = await p.android.block({ payToken: testPayToken(), amount: 250 });
      expect((await p.api.getState(held.orderId!)).state).toBe('Authorized');
    });
  });
}
