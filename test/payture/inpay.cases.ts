/** PaytureInPay (`/apim`) and its hosted page, run over real HTTP and through MSW. */
import { describe, expect, it } from 'vitest';
import { acs, client, conforms, formOf, KEY, list, orderId, PASSWORD, post, xml, type PaytureTarget } from './helpers.ts';

const RETURN = 'https://shop.example/return?order={orderid}&ok={success}';

/** The meta-refresh target of a result page. */
export const refreshTarget = (html: string) => /http-equiv="refresh" content="(\d+);url=([^"]+)"/.exec(html)?.slice(1).map((s) => s.replace(/&amp;/g, '&')) ?? [];

export function inpayCases(t: PaytureTarget) {
  const base = () => t.base('inpay');
  const url = (command: string) => `${base()}/apim/${command}`;
  const init = (id: string, extra: Record<string, string | number> = {}, type = 'Pay', amount = 2500) =>
    xml(post(url('Init'), { Key: KEY, Data: list({ SessionType: type, OrderId: id, Amount: amount, IP: '10.1.2.3', Url: RETURN, Product: 'Ticket', Total: '25.00', ...extra }) }));
  const status = (id: string) => xml(post(url('PayStatus'), { Key: KEY, OrderId: id }));
  const submit = (sessionId: string, fields: Record<string, string | number> = {}) =>
    fetch(url('PaySubmit'), { method: 'POST', body: new URLSearchParams({ Key: sessionId, CardNumber: '4111111111100031', EMonth: '12', EYear: '30', SecureCode: '123', CardHolder: 'IVAN IVANOV', ...(fields as Record<string, string>) }) });

  describe('Init and PayStatus', () => {
    it('Init answers OrderId, Amount and a SessionId; the order is New and PayStatus says NONE until paid', async () => {
      const id = orderId('IN');
      const res = await init(id);
      expect(res.attributes).toMatchObject({ Success: 'True', OrderId: id, Amount: '2500' });
      expect(res.attributes.SessionId).toMatch(/^[0-9a-f-]{36}$/);
      conforms('inpay-init', res);
      const s = await status(id);
      expect(s.raw).toBe(`<PayStatus Success="False" OrderId="${id}" Amount="2500" State="New" ErrCode="NONE" />`);
      conforms('inpay-paystatus', s);
      expect((await xml(post(url('GetState'), { Key: KEY, OrderId: id }))).attributes).toMatchObject({ Success: 'True', State: 'New' });
    });

    it('takes DATA as well as Data, and inner-encoded or double-encoded lists', async () => {
      const a = orderId('IN');
      expect((await xml(post(url('Init'), { Key: KEY, DATA: list({ SessionType: 'Block', OrderId: a, Amount: 10 }) }))).attributes.Success).toBe('True');
      const b = orderId('IN');
      const encoded = encodeURIComponent(list({ SessionType: 'Pay', OrderId: b, Amount: 10, Url: 'https://x.example/?a=1' }));
      expect((await xml(post(url('Init'), { Key: KEY, Data: encoded }))).attributes.OrderId).toBe(b);
    });

    it('refuses a reused OrderId, a missing or wrong SessionType, a missing Amount, an unknown Key', async () => {
      const id = orderId('IN');
      await init(id);
      expect((await init(id)).raw).toBe('<Init Success="False" ErrCode="DUPLICATE_ORDER_ID" />');
      expect((await xml(post(url('Init'), { Key: KEY, Data: list({ OrderId: orderId(), Amount: 1 }) }))).attributes.ErrCode).toBe('WRONG_PARAMS');
      expect((await xml(post(url('Init'), { Key: KEY, Data: list({ SessionType: 'Add', OrderId: orderId(), Amount: 1 }) }))).attributes.ErrCode).toBe('WRONG_PARAMS');
      expect((await xml(post(url('Init'), { Key: KEY, Data: list({ SessionType: 'Pay', OrderId: orderId() }) }))).attributes.ErrCode).toBe('AMOUNT_ERROR');
      expect((await xml(post(url('Init'), { Key: 'nobody', Data: list({ SessionType: 'Pay', OrderId: orderId(), Amount: 1 }) }))).attributes.ErrCode).toBe('ACCESS_DENIED');
    });
  });

  describe('hosted page', () => {
    it('GET and POST /apim/Pay?SessionId= show the page; an unknown session is a 404 page', async () => {
      const id = orderId('PG');
      const sessionId = (await init(id)).attributes.SessionId!;
      for (const res of [await fetch(`${url('Pay')}?SessionId=${sessionId}`), await post(url('Pay'), { SessionId: sessionId })]) {
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        const html = await res.text();
        expect(formOf(html)).toMatchObject({ action: '/apim/PaySubmit', fields: { Key: sessionId } });
        expect(html).toContain('25.00 RUB');
        expect(html).not.toMatch(/<script|https?:\/\/cdn/i);
      }
      expect((await fetch(`${url('Pay')}?SessionId=nope`)).status).toBe(404);
    });

    it('a card entered on the page pays the order and sends the customer to Url with {orderid} and {success} after 3 s', async () => {
      const id = orderId('PG');
      const sessionId = (await init(id)).attributes.SessionId!;
      const res = await submit(sessionId);
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(refreshTarget(html)).toEqual(['3', `https://shop.example/return?order=${id}&ok=True`]);
      const s = await status(id);
      expect(s.attributes).toEqual({ Success: 'True', OrderId: id, Amount: '2500', State: 'Charged', RRN: expect.stringMatching(/^\d{12}$/) });
      // One payment per session: the page now shows the result.
      expect(await (await fetch(`${url('Pay')}?SessionId=${sessionId}`)).text()).toContain('data-success="True"');
      expect((await submit(sessionId)).status).toBe(410);
    });

    it('a Block session holds; Charge, Unblock and Refund need the Password on /apim', async () => {
      const id = orderId('PB');
      const sessionId = (await init(id, {}, 'Block', 4000)).attributes.SessionId!;
      await submit(sessionId);
      expect((await status(id)).attributes.State).toBe('Authorized');
      expect((await xml(post(url('Charge'), { Key: KEY, OrderId: id }))).attributes.ErrCode).toBe('ACCESS_DENIED');
      const charged = await xml(post(url('Charge'), { Key: KEY, Password: PASSWORD, OrderId: id, Amount: 3000 }));
      expect(charged.attributes).toEqual({ Success: 'True', OrderId: id, Amount: '3000' });
      conforms('inpay-charge', charged);
      const refunded = await xml(post(url('Refund'), { Key: KEY, Password: PASSWORD, OrderId: id, Amount: 1000 }));
      expect(refunded.attributes).toEqual({ Success: 'True', OrderId: id, NewAmount: '2000' });
      conforms('inpay-refund', refunded);
      const g = await xml(post(url('GetState'), { Key: KEY, OrderId: id }));
      expect(g.attributes).toMatchObject({ State: 'Charged', Amount: '2000', PANMask: '411111xxxxxx0031' });
      conforms('inpay-getstate', g);
      const other = orderId('PB');
      await submit((await init(other, {}, 'Block', 100)).attributes.SessionId!);
      const released = await xml(post(url('Unblock'), { Key: KEY, Password: PASSWORD, OrderId: other }));
      expect(released.attributes.NewAmount).toBe('0');
      conforms('inpay-unblock', released);
    });

    it('a 3-D Secure card goes to the ACS and back to ThreeDSReturn, then to the store', async () => {
      const id = orderId('P3');
      const sessionId = (await init(id)).attributes.SessionId!;
      const toAcs = formOf(await (await submit(sessionId, { CardNumber: '5486732058864471' })).text());
      expect(toAcs.action).toBe(`${new URL(base()).origin}/simulp3ds/ACS/`);
      expect(toAcs.fields.TermUrl).toBe(`${new URL(base()).origin}/apim/ThreeDSReturn`);
      expect((await status(id)).attributes.State).toBe('PreAuthorized3DS');
      const { paRes, md } = await acs({ ACSUrl: toAcs.action, PaReq: toAcs.fields.PaReq!, ThreeDSKey: toAcs.fields.MD! }, 'Y', toAcs.fields.TermUrl);
      const back = await post(toAcs.fields.TermUrl!, { PaRes: paRes, MD: md });
      expect(refreshTarget(await back.text())[1]).toBe(`https://shop.example/return?order=${id}&ok=True`);
      expect((await status(id)).attributes.State).toBe('Charged');
    });

    it('the sandbox helper form of PaySubmit (Data list, Json=true) answers JSON', async () => {
      const id = orderId('PJ');
      const sessionId = (await init(id, {}, 'Pay', 700)).attributes.SessionId!;
      const res = await fetch(url('PaySubmit'), {
        method: 'POST',
        headers: { 'x-requested-with': 'XMLHttpRequest' },
        body: new URLSearchParams({ Data: list({ OrderId: id, Amount: 700, TemplateTag: 'json', cardNumber: '4111111111100031', SecureCode: 123, EYear: 30, EMonth: 12, CardHolder: 'IVAN IVANOV', Key: sessionId }), Json: 'true' }),
      });
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await res.json()).toMatchObject({ Success: true, OrderId: id });
    });

    it('cancel on the page is CANCELED_BY_CLIENT; three bad entries end the session with LIMIT_EXCHAUST', async () => {
      const a = orderId('PC');
      const sa = (await init(a)).attributes.SessionId!;
      const cancelled = await (await submit(sa, { Cancel: '1' })).text();
      expect(refreshTarget(cancelled)[1]).toBe(`https://shop.example/return?order=${a}&ok=False`);
      expect((await status(a)).attributes).toMatchObject({ Success: 'False', ErrCode: 'CANCELED_BY_CLIENT', State: 'Rejected' });
      const b = orderId('PL');
      const sb = (await init(b)).attributes.SessionId!;
      const bad = await submit(sb, { CardNumber: '12' });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('data-testid="error"');
      await submit(sb, { EMonth: '13' });
      await submit(sb, { CardNumber: '4111111111100031', SecureCode: '1' });
      expect((await status(b)).attributes).toMatchObject({ ErrCode: 'LIMIT_EXCHAUST' });
    });

    it('an unpaid session expires after 60 minutes: PayStatus ORDER_TIME_OUT, the page is gone', async () => {
      const id = orderId('PX');
      const sessionId = (await init(id)).attributes.SessionId!;
      t.sandbox().clock.advance(61 * 60);
      expect((await status(id)).attributes).toMatchObject({ Success: 'False', ErrCode: 'ORDER_TIME_OUT' });
      expect((await fetch(`${url('Pay')}?SessionId=${sessionId}`)).status).toBe(410);
    });

    it('a payment scenario sent with Init decides the payment on the page', async () => {
      const id = orderId('PS');
      const res = await xml(fetch(url('Init'), { method: 'POST', headers: { 'x-pasarela-scenario': 'issuer-fail' }, body: new URLSearchParams({ Key: KEY, Data: list({ SessionType: 'Pay', OrderId: id, Amount: 1 }) }) }));
      await submit(res.attributes.SessionId!);
      expect((await status(id)).attributes).toMatchObject({ ErrCode: 'ISSUER_FAIL', State: 'Rejected' });
    });
  });

  describe('POST /__admin/complete', () => {
    const complete = async (body: Record<string, unknown>, expected = 200) => {
      const res = await fetch(`${base()}/__admin/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(expected);
      return (await res.json()) as { provider: string; result: Record<string, unknown>; error?: unknown };
    };

    it('pays a session by SessionId or OrderId, with a card (3-D Secure passes) or an outcome', async () => {
      const a = orderId('AC');
      const sa = (await init(a)).attributes.SessionId!;
      expect((await complete({ id: sa, card: '4111111111100031' })).result).toMatchObject({ Success: 'True', State: 'Charged', RedirectUrl: `https://shop.example/return?order=${a}&ok=True` });
      const b = orderId('AC');
      await init(b);
      expect((await complete({ id: b, card: '5486732058864471' })).result).toMatchObject({ Success: 'True', State: 'Charged' });
      const c = orderId('AC');
      const sc = (await init(c, {}, 'Block')).attributes.SessionId!;
      expect((await complete({ id: sc, outcome: 'fraud-error-ip' })).result).toMatchObject({ Success: 'False', ErrCode: 'FRAUD_ERROR_IP', State: 'Rejected' });
      expect((await complete({ id: sc, card: '4111111111100031' }, 409)).error).toBeDefined();
      const d = orderId('AC');
      const sd = (await init(d)).attributes.SessionId!;
      expect((await complete({ id: sd, card: '5486732058864471', outcome: 'acs-wrong-code' })).result).toMatchObject({ Success: 'False', ErrCode: 'THREE_DS_USER_AUTH_FAIL' });
      expect((await complete({ id: 'no-such-session', card: '4111111111100031' }, 404)).error).toBeDefined();
      expect((await complete({ id: sd, outcome: 'refund-not-alowed' }, 400)).error).toBeDefined();
    });
  });

  describe('through the client', () => {
    it('payture.inpay: init → page → payStatus → charge → refund → unblock → getState', async () => {
      const p = client(base());
      const id = orderId('CI');
      const started = await p.inpay.init({ sessionType: 'Block', orderId: id, amount: 5000, ip: '127.0.0.1', url: RETURN, product: 'Concert', total: 50, templateTag: 'tag', language: 'EN', extra: { AdditionalField1: 'Value1' } });
      expect(started).toMatchObject({ success: true, orderId: id, amount: 5000 });
      expect(started.redirectUrl).toBe(`${base()}/apim/Pay?SessionId=${started.sessionId}`);
      const page = await p.inpay.pay(started.sessionId!);
      expect(page.status).toBe(200);
      expect(page.html).toContain('Concert');
      expect(await p.inpay.payStatus(id)).toMatchObject({ success: false, errCode: 'NONE', state: 'New' });
      await submit(started.sessionId!);
      expect(await p.inpay.payStatus(id)).toMatchObject({ success: true, state: 'Authorized', amount: 5000 });
      expect(await p.inpay.charge({ orderId: id, amount: 4000 })).toMatchObject({ success: true, amount: 4000 });
      expect(await p.inpay.refund({ orderId: id })).toMatchObject({ success: true, newAmount: 0 });
      expect(await p.inpay.unblock({ orderId: id })).toMatchObject({ success: false, errCode: 'ILLEGAL_ORDER_STATE' });
      expect(await p.inpay.getState(id)).toMatchObject({ success: true, state: 'Refunded', amount: 4000 });
    });
  });
}
