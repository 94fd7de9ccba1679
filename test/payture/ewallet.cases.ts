/** PaytureEWallet (`/vwapi`): customers, cards, payments, pages; run over real HTTP and through MSW. */
import { describe, expect, it } from 'vitest';
import { testPayToken } from '../../scenarios/payture.ts';
import { acs, client, conforms, formOf, KEY, list, orderId, PASSWORD, post, xml, type PaytureTarget } from './helpers.ts';
import { refreshTarget } from './inpay.cases.ts';

export function ewalletCases(t: PaytureTarget) {
  const base = () => t.base('ewallet');
  const url = (command: string) => `${base()}/vwapi/${command}`;
  const vw = (command: string, data: Record<string, string | number>, extra: Record<string, string | number> = {}) => xml(post(url(command), { VWID: KEY, DATA: list(data), ...extra }));
  let n = 0;
  const newCustomer = async (extra: Record<string, string> = {}) => {
    const who = { VWUserLgn: `user${++n}-${Date.now().toString(36)}@example.com`, VWUserPsw: 'pass-1' };
    expect((await vw('Register', { ...who, PhoneNumber: '79001234567', Email: 'user@example.com', ...extra })).attributes.Success).toBe('True');
    return who;
  };
  const cardData = (pan: string, extra: Record<string, string | number> = {}) => ({ CardNumber: pan, EMonth: 12, EYear: 30, CardHolder: 'Ivan Ivanov', SecureCode: 123, ...extra });
  const addActive = async (who: Record<string, string>, pan = '4111111111100031') => {
    const added = await vw('Add', { ...who, ...cardData(pan) });
    const cardId = added.attributes.CardId!;
    expect((await vw('Activate', { ...who, CardId: cardId, Amount: 101 })).attributes.Success).toBe('True');
    return cardId;
  };

  describe('customers', () => {
    it('Register, Check, Update; a second Register is DUPLICATE_USER (as recorded); bad phone WRONG_PHONE', async () => {
      const who = await newCustomer();
      const check = await vw('Check', who);
      expect(check.raw).toBe(`<Check Success="True" VWUserLgn="${who.VWUserLgn}" />`);
      conforms('ewallet-check', check);
      const dup = await vw('Register', who);
      expect(dup.raw).toBe(`<Register Success="False" VWUserLgn="${who.VWUserLgn}" ErrCode="DUPLICATE_USER" />`);
      conforms('ewallet-register', dup);
      conforms('ewallet-update', await vw('Update', { ...who, Email: 'new@example.com' }));
      expect((await vw('Update', { ...who, PhoneNumber: '+7 900' })).attributes.ErrCode).toBe('WRONG_PHONE');
      expect((await vw('Check', { ...who, VWUserPsw: 'wrong' })).attributes.ErrCode).toBe('WRONG_USER_PARAMS');
      expect((await vw('Check', { VWUserLgn: 'nobody@example.com', VWUserPsw: 'x' })).attributes.ErrCode).toBe('CUSTOMER_NOT_FOUND');
      expect((await xml(post(url('Check'), { VWID: 'nobody', DATA: list(who) }))).attributes.ErrCode).toBe('ACCESS_DENIED');
    });

    it('accepts DATA encoded twice (the 2014/2017 Ruby clients) and lowercase inner keys', async () => {
      const login = `ruby-${Date.now().toString(36)}@example.com`;
      const twice = encodeURIComponent(`VWUserLgn=${login};VWUserPsw=123`).replace(/%20/g, '+');
      expect((await xml(post(url('Register'), { VWID: KEY, DATA: twice }))).attributes).toMatchObject({ Success: 'True', VWUserLgn: login });
      expect((await xml(post(url('Check'), { VWID: KEY, DATA: `vwuserlgn=${login}; vwuserpsw=123;` }))).attributes.Success).toBe('True');
    });

    it('Delete needs the merchant Password inside DATA', async () => {
      const who = await newCustomer();
      expect((await vw('Delete', { VWUserLgn: who.VWUserLgn, Password: 'wrong' })).attributes.ErrCode).toBe('ACCESS_DENIED');
      expect((await vw('Delete', { VWUserLgn: who.VWUserLgn }, { Password: PASSWORD })).attributes.ErrCode).toBe('ACCESS_DENIED');
      const del = await vw('Delete', { VWUserLgn: who.VWUserLgn, Password: PASSWORD });
      expect(del.attributes).toEqual({ Success: 'True', VWUserLgn: who.VWUserLgn });
      conforms('ewallet-delete', del);
      expect((await vw('Check', who)).attributes.ErrCode).toBe('CUSTOMER_NOT_FOUND');
    });
  });

  describe('cards', () => {
    it('Add stores a NotActive card; Activate must quote the test hold; GetList lists it; the same card again is DUPLICATE_CARD with its CardId', async () => {
      const who = await newCustomer();
      const added = await vw('Add', { ...who, ...cardData('4111111111111112') });
      expect(added.attributes).toMatchObject({ VWUserLgn: who.VWUserLgn, Success: 'True', CardName: '411111xxxxxx1112' });
      conforms('ewallet-add', added);
      const cardId = added.attributes.CardId!;
      const list1 = await vw('GetList', who);
      expect(list1.children.map((c) => c.attributes)).toEqual([{ CardName: '411111xxxxxx1112', CardId: cardId, CardHolder: 'Ivan Ivanov', Status: 'NotActive', NoCVV: 'false', Expired: 'false' }]);
      expect(list1.raw).toContain('>\r\n  <Item ');
      conforms('ewallet-getlist', list1);
      const dup = await vw('Add', { ...who, ...cardData('4111111111111112') });
      expect(dup.raw).toBe(`<Add VWUserLgn="${who.VWUserLgn}" Success="False" ErrCode="DUPLICATE_CARD" CardId="${cardId}" />`);
      const payInactive = await vw('Pay', { ...who, CardId: cardId, OrderId: 'inactive-1', Amount: 100, SecureCode: 123 });
      expect(payInactive.raw).toBe(`<Pay VWUserLgn="${who.VWUserLgn}" OrderId="inactive-1" Success="False" ErrCode="WRONG_CARD" />`);
      expect((await vw('Activate', { ...who, CardId: cardId, Amount: 100 })).attributes.ErrCode).toBe('WRONG_AUTHORIZATION_CODE');
      const activated = await vw('Activate', { ...who, CardId: cardId, Amount: 101 });
      expect(activated.attributes).toEqual({ Success: 'True', VWUserLgn: who.VWUserLgn, CardId: cardId });
      conforms('ewallet-activate', activated);
      expect((await vw('GetList', who)).children[0]!.attributes.Status).toBe('IsActive');
    });

    it('a 3-D Secure card: Add answers 3DS with CardName and CardId, Activate is REFUSAL_BY_GATE, AddSubmit3DS activates', async () => {
      const who = await newCustomer();
      const added = await vw('Add', { ...who, ...cardData('5486732058864471') });
      expect(added.attributes).toMatchObject({ Success: '3DS', CardName: '548673xxxxxx4471' });
      conforms('ewallet-add', added);
      const refused = await vw('Activate', { ...who, CardId: added.attributes.CardId!, Amount: 101 });
      expect(refused.raw).toBe(`<Activate Success="False" VWUserLgn="${who.VWUserLgn}" CardId="" ErrCode="REFUSAL_BY_GATE" />`);
      const { paRes, md } = await acs(added.attributes as never);
      const done = await xml(post(url('AddSubmit3DS'), { MD: md, PaRes: paRes }));
      expect(done.attributes).toMatchObject({ Success: 'True', CardId: added.attributes.CardId, VWUserLgn: who.VWUserLgn });
      conforms('ewallet-addsubmit3ds', done);
      expect((await vw('GetList', who)).children[0]!.attributes.Status).toBe('IsActive');
      expect((await xml(post(url('AddSubmit3DS'), { MD: md, PaRes: paRes }))).attributes.ErrCode).toBe('REFUSAL_BY_GATE');
      expect((await xml(post(url('AddSubmit3DS'), { MD: 'unknown', PaRes: paRes }))).attributes.ErrCode).toBe('CARD_NOT_FOUND');
    });

    it('Add declines with the test cards (AMOUNT_EXCEED, WRONG_PARAMS for 4400000000000008, PROCESSING_ERROR)', async () => {
      const who = await newCustomer();
      expect((await vw('Add', { ...who, ...cardData('3300000000000001') })).attributes.ErrCode).toBe('AMOUNT_EXCEED');
      expect((await vw('Add', { ...who, ...cardData('4400000000000008') })).attributes.ErrCode).toBe('WRONG_PARAMS');
      expect((await vw('Add', { ...who, ...cardData('4111111111100056') })).attributes.ErrCode).toBe('PROCESSING_ERROR');
      expect((await vw('GetList', who)).children).toEqual([]);
    });

    it('Remove hides the card from GetList; expired cards are left out and cannot pay', async () => {
      const who = await newCustomer();
      const cardId = await addActive(who);
      const removed = await vw('Remove', { ...who, CardId: cardId });
      expect(removed.attributes).toEqual({ Success: 'True', VWUserLgn: who.VWUserLgn, CardId: cardId });
      conforms('ewallet-remove', removed);
      expect((await vw('GetList', who)).children).toEqual([]);
      expect((await vw('Remove', { ...who, CardId: cardId })).attributes.ErrCode).toBe('CARD_NOT_FOUND');
      const now = t.sandbox().clock.now();
      const soon = await vw('Add', { ...who, ...cardData('5218851946955484', { EMonth: now.getUTCMonth() + 1, EYear: now.getUTCFullYear() % 100 }) });
      await vw('Activate', { ...who, CardId: soon.attributes.CardId!, Amount: 101 });
      expect((await vw('GetList', who)).children).toHaveLength(1);
      t.sandbox().clock.advance(32 * 24 * 3600);
      expect((await vw('GetList', who)).children).toEqual([]);
      expect((await vw('Pay', { ...who, CardId: soon.attributes.CardId!, OrderId: orderId(), Amount: 1 })).attributes.ErrCode).toBe('CARD_EXPIRED');
    });
  });

  describe('payments', () => {
    it('stored card: Block → PayStatus (Status) → Charge with top-level Password → Refund with Password in DATA → GetState with Key', async () => {
      const who = await newCustomer();
      const cardId = await addActive(who);
      const id = orderId('EW');
      const paid = await vw('Pay', { ...who, CardId: cardId, OrderId: id, Amount: 3000, SessionType: 'Block', IP: '10.0.0.2', SecureCode: 123 });
      expect(paid.raw).toBe(`<Pay VWUserLgn="${who.VWUserLgn}" OrderId="${id}" Success="True" Amount="3000" />`);
      conforms('ewallet-pay', paid);
      const status = await vw('PayStatus', { OrderId: id });
      // VWUserLgn is the order's customer, though DATA names none (sandbox 2017).
      expect(status.raw).toBe(`<PayStatus Success="True" VWUserLgn="${who.VWUserLgn}" OrderId="${id}" Forwarded="False" Amount="3000" CardId="${cardId}" Status="Authorized" />`);
      conforms('ewallet-paystatus', status);
      expect((await xml(post(url('Charge'), { VWID: KEY, OrderId: id, Amount: 2500 }))).attributes.ErrCode).toBe('ACCESS_DENIED');
      const charged = await xml(post(url('Charge'), { VWID: KEY, Password: PASSWORD, OrderId: id, Amount: 2500 }));
      expect(charged.raw).toBe(`<Charge Success="True" OrderId="${id}" Amount="2500" />`);
      conforms('ewallet-charge', charged);
      expect((await xml(post(url('Refund'), { VWID: KEY, Password: PASSWORD, OrderId: id }))).attributes.ErrCode).toBe('ACCESS_DENIED');
      const refund = await vw('Refund', { Password: PASSWORD, OrderId: id, Amount: 500 });
      expect(refund.raw).toBe(`<Refund VWUserLgn="" OrderId="${id}" Success="True" NewAmount="2000" />`);
      conforms('ewallet-refund', refund);
      expect((await vw('Refund', { Password: PASSWORD, OrderId: id, Amount: 5000 })).raw).toBe(`<Refund VWUserLgn="" OrderId="${id}" Success="False" ErrCode="AMOUNT_ERROR" />`);
      const state = await xml(post(url('GetState'), { Key: KEY, OrderId: id }));
      expect(state.attributes).toMatchObject({ State: 'Charged', Amount: '2000', VWUserLgn: who.VWUserLgn, PANMask: '411111xxxxxx0031', CardId: cardId });
      conforms('ewallet-getstate', state);
      expect((await xml(post(url('GetState'), { VWID: KEY, OrderId: id }))).attributes.ErrCode).toBe('ACCESS_DENIED');
    });

    it('Unblock takes Amount top-level; AMOUNT_ERROR above the hold', async () => {
      const who = await newCustomer();
      const cardId = await addActive(who);
      const id = orderId('EU');
      await vw('Pay', { ...who, CardId: cardId, OrderId: id, Amount: 1000, SessionType: 'Block' });
      expect((await xml(post(url('Unblock'), { VWID: KEY, Password: PASSWORD, OrderId: id, Amount: 2000 }))).attributes.ErrCode).toBe('AMOUNT_ERROR');
      const res = await xml(post(url('Unblock'), { VWID: KEY, Password: PASSWORD, OrderId: id, Amount: 1000 }));
      expect(res.raw).toBe(`<Unblock Success="True" OrderId="${id}" NewAmount="0" />`);
      conforms('ewallet-unblock', res);
    });

    it('CardId=FreePay pays with a card that is not stored, or a wallet token; 3-D Secure completes with PaySubmit3DS', async () => {
      const who = { VWUserLgn: `free-${Date.now().toString(36)}@example.com`, VWUserPsw: 'x' };
      const a = orderId('FP');
      expect((await vw('Pay', { ...who, CardId: 'FreePay', OrderId: a, Amount: 100, ...cardData('4011111111111112') })).attributes.Success).toBe('True');
      expect((await vw('Pay', { ...who, CardId: 'FreePay', OrderId: orderId(), Amount: 100, PayToken: testPayToken() })).attributes.Success).toBe('True');
      expect((await vw('Pay', { ...who, CardId: 'FreePay', OrderId: orderId(), Amount: 100 })).attributes.ErrCode).toBe('WRONG_PAN');
      const b = orderId('FP3');
      const challenge = await vw('Pay', { ...who, CardId: 'FreePay', OrderId: b, Amount: 100, ...cardData('2202208311110010') });
      expect(challenge.attributes).toMatchObject({ Success: '3DS', OrderId: b });
      const { paRes, md } = await acs(challenge.attributes as never);
      const done = await xml(post(url('PaySubmit3DS'), { MD: md, PaRes: paRes }));
      expect(done.attributes).toMatchObject({ OrderId: b, Success: 'True', Amount: '100' });
      conforms('ewallet-paysubmit3ds', done);
      expect((await xml(post(url('PaySubmit3DS'), { MD: 'unknown', PaRes: paRes }))).attributes.ErrCode).toBe('ORDER_NOT_FOUND');
    });

    it('SendCode, then Pay needs that ConfirmCode; no phone is WRONG_PHONE; a CVV-required card needs SecureCode', async () => {
      const who = await newCustomer();
      const cardId = await addActive(who);
      const id = orderId('SC');
      const sent = await vw('SendCode', { ...who, CardId: cardId, OrderId: id, Amount: 700 });
      expect(sent.attributes).toEqual({ Success: 'True', VWUserLgn: who.VWUserLgn, Amount: '700', OrderId: id });
      conforms('ewallet-sendcode', sent);
      expect((await vw('Pay', { ...who, CardId: cardId, OrderId: id, Amount: 700 })).attributes.ErrCode).toBe('WRONG_CONFIRM_CODE');
      expect((await vw('Pay', { ...who, CardId: cardId, OrderId: id, Amount: 700, ConfirmCode: '0000' })).attributes.ErrCode).toBe('WRONG_CONFIRM_CODE');
      expect((await vw('Pay', { ...who, CardId: cardId, OrderId: id, Amount: 700, ConfirmCode: '1234' })).attributes.Success).toBe('True');
      const silent = { VWUserLgn: `nophone-${Date.now().toString(36)}@example.com`, VWUserPsw: 'p' };
      await vw('Register', silent);
      const silentCard = await addActive(silent, '4111111111100023');
      const noPhone = await vw('SendCode', { ...silent, CardId: silentCard, OrderId: orderId(), Amount: 5 });
      expect(noPhone.attributes).toMatchObject({ Success: 'False', Amount: '0', ErrCode: 'WRONG_PHONE' });
      expect((await vw('Pay', { ...silent, CardId: silentCard, OrderId: orderId(), Amount: 5 })).attributes.ErrCode).toBe('WRONG_CVV');
    });
  });

  describe('sessions on Payture\'s pages', () => {
    it('Init Add → /vwapi/Add page → the card is stored active and the customer goes back to Url', async () => {
      const who = await newCustomer();
      const started = await vw('Init', { ...who, SessionType: 'Add', IP: '10.0.0.3', Url: 'https://shop.example/cards?ok={success}&o={orderid}' });
      expect(started.attributes).toMatchObject({ Success: 'True', Amount: '0', SessionType: 'Add' });
      conforms('ewallet-init', started);
      const page = await fetch(`${url('Add')}?SessionId=${started.attributes.SessionId}`);
      expect(formOf(await page.text()).action).toBe('/vwapi/PaySubmit');
      const res = await post(url('PaySubmit'), { Key: started.attributes.SessionId!, CardNumber: '5218851946955484', EMonth: 12, EYear: 30, CardHolder: 'IVAN IVANOV' });
      expect(refreshTarget(await res.text())[1]).toBe(`https://shop.example/cards?ok=True&o=${started.attributes.OrderId}`);
      const items = (await vw('GetList', who)).children;
      expect(items.map((i) => i.attributes)).toMatchObject([{ CardName: '521885xxxxxx5484', Status: 'IsActive' }]);
      expect((await vw('Init', { VWUserLgn: 'nobody@example.com', VWUserPsw: 'x', SessionType: 'Add' })).attributes.ErrCode).toBe('CUSTOMER_NOT_FOUND');
    });

    it('Init Pay → /vwapi/Pay page with the stored cards; paying with one; PayStatus ORDER_TIME_OUT for an expired session', async () => {
      const who = await newCustomer();
      const cardId = await addActive(who);
      const id = orderId('WP');
      const started = await vw('Init', { ...who, SessionType: 'Pay', OrderId: id, Amount: 1500, CardId: cardId });
      expect(started.attributes).toMatchObject({ OrderId: id, Amount: '1500', SessionType: 'Pay' });
      const html = await (await post(url('Pay'), { SessionId: started.attributes.SessionId! })).text();
      expect(html).toContain(`value="${cardId}" checked`);
      const res = await post(url('PaySubmit'), { Key: started.attributes.SessionId!, CardId: cardId, SecureCode: 123 });
      expect(await res.text()).toContain('data-success="True"');
      expect((await vw('PayStatus', { OrderId: id })).attributes).toMatchObject({ Success: 'True', Status: 'Charged', CardId: cardId });
      const late = orderId('WX');
      await vw('Init', { ...who, SessionType: 'Block', OrderId: late, Amount: 10 });
      t.sandbox().clock.advance(3601);
      expect((await vw('PayStatus', { OrderId: late })).raw).toBe(`<PayStatus Success="False" VWUserLgn="" OrderId="${late}" Forwarded="False" ErrCode="ORDER_TIME_OUT" />`);
    });

    it('a new card paid on the Pay page joins the wallet (unless "do not keep")', async () => {
      const who = await newCustomer();
      const a = await vw('Init', { ...who, SessionType: 'Pay', OrderId: orderId('NK'), Amount: 10 });
      await post(url('PaySubmit'), { Key: a.attributes.SessionId!, CardNumber: '4011111111111112', EMonth: 12, EYear: 30, CardHolder: 'IVAN IVANOV' });
      const b = await vw('Init', { ...who, SessionType: 'Pay', OrderId: orderId('NK'), Amount: 10 });
      await post(url('PaySubmit'), { Key: b.attributes.SessionId!, CardNumber: '5218851946955484', EMonth: 12, EYear: 30, CardHolder: 'IVAN IVANOV', DontSave: 1 });
      expect((await vw('GetList', who)).children.map((c) => c.attributes.CardName)).toEqual(['401111xxxxxx1112']);
    });
  });

  describe('through the client', () => {
    it('payture.ewallet: every command of the SDK table', async () => {
      const p = client(base());
      const customer = { login: `client-${Date.now().toString(36)}@example.com`, password: 'p@ss;word=1', phone: '79001112233', email: 'c@example.com' };
      expect(await p.ewallet.register(customer)).toMatchObject({ success: true, vwUserLgn: customer.login });
      expect(await p.ewallet.check(customer)).toMatchObject({ success: true });
      expect(await p.ewallet.update({ ...customer, email: 'd@example.com' })).toMatchObject({ success: true });
      const card = { pan: '4111111111100031', eMonth: 12, eYear: 30, cardHolder: 'Ivan Ivanov', secureCode: 123 };
      const added = await p.ewallet.add(customer, card);
      expect(added).toMatchObject({ success: true, cardName: '411111xxxxxx0031' });
      expect(await p.ewallet.activate(customer, added.cardId!, 101)).toMatchObject({ success: true, cardId: added.cardId });
      expect((await p.ewallet.getList(customer)).cards).toEqual([{ cardName: '411111xxxxxx0031', cardId: added.cardId, cardHolder: 'Ivan Ivanov', status: 'IsActive', active: true, noCVV: false, expired: false }]);
      const id = orderId('CE');
      expect(await p.ewallet.sendCode(customer, { cardId: added.cardId!, orderId: id, amount: 900 })).toMatchObject({ success: true, amount: 900 });
      expect(await p.ewallet.pay(customer, { orderId: id, amount: 900, cardId: added.cardId!, sessionType: 'Block', confirmCode: '1234', secureCode: 123 })).toMatchObject({ success: true });
      expect(await p.ewallet.payStatus(id)).toMatchObject({ success: true, state: 'Authorized' });
      expect(await p.ewallet.charge({ orderId: id, amount: 800 })).toMatchObject({ success: true, amount: 800 });
      expect(await p.ewallet.refund({ orderId: id, amount: 300 })).toMatchObject({ success: true, newAmount: 500 });
      expect(await p.ewallet.getState(id)).toMatchObject({ success: true, state: 'Charged', amount: 500, cardId: added.cardId });
      const held = orderId('CE');
      await p.ewallet.pay(customer, { orderId: held, amount: 50, card: { ...card, pan: '5218851946955484' }, sessionType: 'Block' });
      expect(await p.ewallet.unblock({ orderId: held })).toMatchObject({ success: true, newAmount: 0 });
      const three = await p.ewallet.pay(customer, { orderId: orderId('CE3'), amount: 50, card: { ...card, pan: '5486732058864471' } });
      const r3 = await acs({ ACSUrl: three.threeDS!.acsUrl, PaReq: three.threeDS!.paReq, ThreeDSKey: three.threeDS!.threeDSKey });
      expect(await p.ewallet.paySubmit3DS({ md: r3.md, paRes: r3.paRes })).toMatchObject({ success: true, command: 'PaySubmit3DS' });
      const add3 = await p.ewallet.add(customer, { ...card, pan: '4111111111111111' });
      const a3 = await acs({ ACSUrl: add3.threeDS!.acsUrl, PaReq: add3.threeDS!.paReq, ThreeDSKey: add3.threeDS!.threeDSKey });
      expect(await p.ewallet.addSubmit3DS({ md: a3.md, paRes: a3.paRes })).toMatchObject({ success: true, command: 'AddSubmit3DS' });
      const addSession = await p.ewallet.init(customer, { sessionType: 'Add', ip: '127.0.0.1' });
      expect(addSession.redirectUrl).toBe(`${base()}/vwapi/Add?SessionId=${addSession.sessionId}`);
      expect((await p.ewallet.addPage(addSession.sessionId!)).status).toBe(200);
      const paySession = await p.ewallet.init(customer, { sessionType: 'Pay', orderId: orderId('CS'), amount: 10, cardId: added.cardId });
      expect(paySession.redirectUrl).toBe(p.ewallet.payUrl(paySession.sessionId!));
      expect((await p.ewallet.payPage(paySession.sessionId!)).html).toContain(added.cardId);
      expect(await p.ewallet.remove(customer, added.cardId!)).toMatchObject({ success: true });
      expect(await p.ewallet.delete(customer.login)).toMatchObject({ success: true });
      expect(await p.ewallet.check(customer)).toMatchObject({ success: false, errCode: 'CUSTOMER_NOT_FOUND' });
    });
  });
}
