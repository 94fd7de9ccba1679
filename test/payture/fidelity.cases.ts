/**
 * What the recordings showed that the reference did not (docs/payture.md "What real clients
 * send", conformance/payture/): request shapes of real clients and the sandbox's answers to
 * them. Run over real HTTP and through MSW.
 */
import { describe, expect, it } from 'vitest';
import { conforms, formOf, KEY, list, orderId, PASSWORD, post, get, xml, type PaytureTarget } from './helpers.ts';

export function fidelityCases(t: PaytureTarget) {
  const url = (family: 'api' | 'inpay' | 'ewallet', command: string) => `${t.base(family)}/${family === 'api' ? 'api' : family === 'inpay' ? 'apim' : 'vwapi'}/${command}`;
  const vw = (command: string, data: Record<string, string | number>, extra: Record<string, string | number> = {}) => xml(post(url('ewallet', command), { VWID: KEY, DATA: list(data), ...extra }));
  const login = () => `fid-${orderId('u').toLowerCase()}@example.com`;
  const twice = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');

  describe('request shapes real clients send', () => {
    it('"Data" on /vwapi (payture-official) and empty optional values (PhoneNumber=;Email=) are read', async () => {
      const who = login();
      const reg = await xml(post(url('ewallet', 'Register'), { VWID: KEY, Data: `VWUserLgn=${encodeURIComponent(who)};VWUserPsw=p1;PhoneNumber=;Email=` }));
      expect(reg.raw).toBe(`<Register Success="True" VWUserLgn="${who}" />`);
      const id = orderId('FI');
      const init = await xml(post(url('ewallet', 'Init'), { vwid: KEY, data: list({ SessionType: 'Pay', VWUserLgn: who, VWUserPsw: 'p1', OrderId: id, Amount: 500, IP: '10.0.0.1', PhoneNumber: '', CardId: '', TemplateTag: '', Language: '' }) }));
      expect(init.attributes).toMatchObject({ Success: 'True', OrderId: id, SessionType: 'Pay' });
      conforms('ewallet-init', init);
    });

    it('DATA percent-encoded twice keeps a "+" and lowercase inner keys (Ruby gems) work on Init', async () => {
      const who = login();
      const data = twice(`VWUserLgn=${who};VWUserPsw=a+b c;PhoneNumber=79001234567`);
      expect((await xml(get(url('ewallet', 'Register'), { VWID: KEY, DATA: data }))).attributes.Success).toBe('True');
      // The password kept its "+" and its space: "a b c" (a "+" read as a space) is not it.
      expect((await xml(get(url('ewallet', 'Check'), { VWID: KEY, DATA: twice(`VWUserLgn=${who};VWUserPsw=a+b c`) }))).attributes.Success).toBe('True');
      expect((await xml(get(url('ewallet', 'Check'), { VWID: KEY, DATA: twice(`VWUserLgn=${who};VWUserPsw=a b c`) }))).attributes.ErrCode).toBe('WRONG_USER_PARAMS');
      const id = orderId('LC');
      const init = await xml(get(url('ewallet', 'Init'), { VWID: KEY, DATA: twice(`sessiontype=Block;vwuserlgn=${who};vwuserpsw=a+b c;orderid=${id};amount=700;ip=1.2.3.4`) }));
      expect(init.attributes).toMatchObject({ Success: 'True', OrderId: id, Amount: '700', SessionType: 'Block' });
    });
  });

  describe('an unpaid Init does not make its OrderId a duplicate for a merchant-side payment', () => {
    it('eWallet Init Block, then Pay CardId=FreePay on its OrderId: True; PayStatus Authorized (VWUserLgn and CardId empty); Charge; a second Pay is DUPLICATE_ORDER_ID', async () => {
      const who = login();
      const id = orderId('FP');
      const init = await xml(get(url('ewallet', 'Init'), { VWID: KEY, DATA: twice(`SessionType=Block;VWUserLgn=${who};VWUserPsw=123;ip=1.2.3.4;amount=1000;OrderId=${id}`) }));
      expect(init.attributes.Success).toBe('True');
      const pay = await xml(get(url('ewallet', 'Pay'), { VWID: KEY, DATA: twice(`VWUserLgn=${who};VWUserPsw=123;CardId=FreePay;CardNumber=4111111111100031;EMonth=12;EYear=30;CardHolder=Ivan Ivanov;SecureCode=123;OrderId=${id};amount=1000;ip=1.2.3.4`) }));
      expect(pay.raw).toBe(`<Pay VWUserLgn="" OrderId="${id}" Success="True" Amount="1000" />`);
      const status = await vw('PayStatus', { OrderId: id });
      expect(status.raw).toBe(`<PayStatus Success="True" VWUserLgn="" OrderId="${id}" Forwarded="False" Amount="1000" CardId="" Status="Authorized" />`);
      const charge = await xml(post(url('ewallet', 'Charge'), { VWID: KEY, Password: PASSWORD, OrderId: id, Amount: 1000 }));
      expect(charge.raw).toBe(`<Charge Success="True" OrderId="${id}" Amount="1000" />`);
      const again = await xml(get(url('ewallet', 'Pay'), { VWID: KEY, DATA: twice(`VWUserLgn=${who};VWUserPsw=123;CardId=FreePay;CardNumber=4111111111100031;EMonth=12;EYear=30;SecureCode=123;OrderId=${id};Amount=1000`) }));
      expect(again.attributes.ErrCode).toBe('DUPLICATE_ORDER_ID');
      // The Init's page no longer takes a payment.
      const page = await fetch(`${t.base('ewallet')}/vwapi/Pay?SessionId=${init.attributes.SessionId}`);
      expect(await page.text()).not.toContain('name="CardNumber"');
    });

    it('apim Init, then /api/Block on its OrderId with a non-Luhn PAN and another PayInfo OrderId: True; GetState Authorized; Block after Charge DUPLICATE_ORDER_ID', async () => {
      const id = orderId('EB');
      expect((await xml(post(url('inpay', 'Init'), { Key: KEY, Data: list({ SessionType: 'Pay', OrderId: id, Amount: 12735, Product: 'Ticket' }) }))).attributes.Success).toBe('True');
      const info = `PAN=654111111111100000; \t\t\tEMonth=12; \t\t\tEYear=30; \t\t\tCardHolder=Ivan Ivanov; \t\t\tSecureCode=123; \t\t\tOrderId=another-${id}; \t\t\tAmount=12735`;
      const block = await xml(post(`${url('api', 'Block')}?${new URLSearchParams({ Key: KEY, Amount: '12735', OrderId: id, PayInfo: info })}`));
      expect(block.attributes).toMatchObject({ Success: 'True', OrderId: id, Amount: '12735' });
      const state = await xml(post(url('api', 'GetState'), { Key: KEY, OrderId: id }));
      expect(state.attributes.State).toBe('Authorized');
      expect((await xml(post(url('api', 'Charge'), { Key: KEY, OrderId: id }))).attributes.Success).toBe('True');
      const after = await xml(post(`${url('api', 'Block')}?${new URLSearchParams({ Key: KEY, Amount: '12735', OrderId: id, PayInfo: info })}`));
      expect(after.raw).toContain('Success="False" ErrCode="DUPLICATE_ORDER_ID"');
    });

    it('a merchant-side Pay on the OrderId of a paid or failed order stays DUPLICATE_ORDER_ID', async () => {
      const id = orderId('DP');
      const pay = (pan: string) => xml(post(url('api', 'Pay'), { Key: KEY, OrderId: id, Amount: 100, PayInfo: list({ PAN: pan, EMonth: 12, EYear: 30, CardHolder: 'Ivan Ivanov', SecureCode: 123 }) }));
      expect((await pay('5500000000000004')).attributes.ErrCode).toBe('ISSUER_BLOCKED_CARD');
      expect((await pay('4111111111100031')).attributes.ErrCode).toBe('DUPLICATE_ORDER_ID');
    });
  });

  describe('answers as recorded', () => {
    it('test card 4400000000000008 on eWallet Add answers WRONG_PARAMS, even with a passed expiry (sandbox3 2019, 09/2011)', async () => {
      const who = login();
      await vw('Register', { VWUserLgn: who, VWUserPsw: 'p' });
      const add = await vw('Add', { VWUserLgn: who, VWUserPsw: 'p', CardNumber: '4400000000000008', EMonth: 9, EYear: 2011, CardHolder: 'Ivan Ivanov', SecureCode: 123 });
      expect(add.raw).toBe(`<Add VWUserLgn="${who}" Success="False" ErrCode="WRONG_PARAMS" />`);
      // Other cards with a passed expiry are still CARD_EXPIRED.
      expect((await vw('Add', { VWUserLgn: who, VWUserPsw: 'p', CardNumber: '4111111111100031', EMonth: 9, EYear: 2011, SecureCode: 123 })).attributes.ErrCode).toBe('CARD_EXPIRED');
    });

    it('eWallet GetState (Key) names the CardId beside PANMask, empty for a card not stored', async () => {
      const who = login();
      const id = orderId('GS');
      await vw('Pay', { VWUserLgn: who, VWUserPsw: 'p', CardId: 'FreePay', CardNumber: '4111111111100031', EMonth: 12, EYear: 30, SecureCode: 123, OrderId: id, Amount: 300 });
      const state = await xml(post(url('ewallet', 'GetState'), { Key: KEY, OrderId: id }));
      expect(state.attributes).toMatchObject({ Success: 'True', State: 'Charged', CardId: '', PANMask: '411111xxxxxx0031' });
    });
  });

  describe('URLs a client gives (issue 15)', () => {
    const pay = async (returnTo: string) => {
      const id = orderId('URL');
      const init = await xml(post(url('inpay', 'Init'), { Key: KEY, Data: `SessionType=Pay;OrderId=${id};Amount=100;Url=${encodeURIComponent(returnTo)}` }));
      // No ErrCode for a bad Url is documented or recorded: Init accepts it.
      expect(init.attributes.Success).toBe('True');
      const res = await fetch(`${t.base('inpay')}/apim/PaySubmit`, { method: 'POST', body: new URLSearchParams({ Key: init.attributes.SessionId!, CardNumber: '4111111111100031', EMonth: '12', EYear: '30', SecureCode: '123', CardHolder: 'IVAN IVANOV' }) });
      return res.text();
    };

    it('the result page follows an http(s) Init Url (refresh and link), and shows any other as text only', async () => {
      const ok = await pay('https://shop.example/back?o={orderid}');
      expect(ok).toMatch(/http-equiv="refresh" content="\d+;url=https:\/\/shop\.example\/back\?o=URL-/);
      expect(ok).toContain('data-testid="return"');
      for (const bad of ['javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'JaVaScRiPt:alert(1)', '//evil.example/x']) {
        const html = await pay(bad);
        expect(html).not.toContain('http-equiv="refresh"');
        expect(html).not.toContain('data-testid="return"');
        expect(html).not.toMatch(/href="(?:javascript|data):/i);
        expect(html).toContain('data-testid="return-text"');
      }
    });

    it('the ACS simulator posts back by itself only to an http(s) TermUrl', async () => {
      const id = orderId('ACS');
      const block = await xml(post(url('api', 'Block'), { Key: KEY, OrderId: id, Amount: 100, PayInfo: list({ PAN: '4111111111111111', EMonth: 12, EYear: 30, CardHolder: 'Ivan Ivanov', SecureCode: 123 }) }));
      expect(block.attributes.Success).toBe('3DS');
      const answer = (termUrl: string) =>
        fetch(new URL('/simulp3ds/ACS/answer', block.attributes.ACSUrl!), { method: 'POST', body: new URLSearchParams({ MD: block.attributes.ThreeDSKey!, TermUrl: termUrl, Result: 'Y' }) }).then((r) => r.text());
      const good = await answer('https://shop.example/3ds');
      expect(formOf(good).action).toBe('https://shop.example/3ds');
      expect(good).toContain('document.forms[0].submit()');
      for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x']) {
        const html = await answer(bad);
        expect(html).not.toContain('document.forms[0].submit()');
        expect(html).not.toMatch(/action="(?:javascript|data|vbscript):/i);
        expect(html).toContain('data-testid="termurl-text"');
      }
    });
  });
}
