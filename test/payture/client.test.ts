// The Payture client on its own: what it sends (encoding, credentials per family as
// reference §4) and how it reads answers, with an injected fetch.
import { describe, expect, it } from 'vitest';
import { encodeList, parseNotification, Payture, PAYTURE_COMMANDS, PaytureTransportError, toResult } from '../../clients/payture/index.ts';
import { ContractError } from '../../contracts/index.ts';
import { NestedList } from '../../emulators/payture/params.ts';

interface Sent {
  url: URL;
  method: string;
  params: URLSearchParams;
}

function recorder(answer = '<Pay Success="True" OrderId="o" Amount="1" />', status = 200) {
  const sent: Sent[] = [];
  const fetchStub = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    sent.push({ url, method: init?.method ?? 'GET', params: new URLSearchParams(init?.body ? String(init.body) : url.search) });
    return new Response(answer, { status, headers: { 'content-type': 'text/xml; charset=utf-8' } });
  }) as typeof fetch;
  return { sent, fetch: fetchStub };
}

const customer = { login: 'a@b.c', password: 'p;w=1 +x' };
const card = { pan: '4111111111100031', eMonth: 12, eYear: 30, cardHolder: 'Ivan Ivanov', secureCode: 123 };

describe('Payture client requests', () => {
  it('encodes lists as the reference recommends and the emulator decodes them back', async () => {
    expect(encodeList({ Product: 'The order', Url: 'https://x/?a=1&b={success}', Empty: '', None: undefined })).toBe('Product=The%20order;Url=https%3A%2F%2Fx%2F%3Fa%3D1%26b%3D%7Bsuccess%7D');
    const r = recorder();
    await new Payture({ key: 'K', password: 'P', fetch: r.fetch }).api.pay({ orderId: 'o1', amount: 100, card, customFields: { IP: '1.2.3.4', Description: 'a;b=c' } });
    const { url, method, params } = r.sent[0]!;
    expect([method, url.toString()]).toEqual(['POST', 'https://sandbox3.payture.com/api/Pay']);
    expect(Object.fromEntries(params)).toMatchObject({ Key: 'K', OrderId: 'o1', Amount: '100' });
    expect(params.get('PayInfo')).toBe('PAN=4111111111100031;EMonth=12;EYear=30;CardHolder=Ivan%20Ivanov;SecureCode=123;OrderId=o1;Amount=100');
    expect(Object.fromEntries(new NestedList(params.get('CustomFields')!).entries())).toEqual({ IP: '1.2.3.4', Description: 'a;b=c' });
    expect(params.has('Password')).toBe(false);
  });

  it('puts credentials where each family wants them', async () => {
    const r = recorder();
    const p = new Payture({ key: 'K', password: 'P', vwid: 'VW', fetch: r.fetch, baseUrl: 'https://sandbox.payture.com/' });
    await p.api.charge({ orderId: 'o' });
    await p.api.refund({ orderId: 'o', amount: 5 });
    await p.inpay.charge({ orderId: 'o' });
    await p.ewallet.charge({ orderId: 'o', amount: 3 });
    await p.ewallet.refund({ orderId: 'o', amount: 3 });
    await p.ewallet.getState('o');
    await p.ewallet.delete('a@b.c');
    await p.ewallet.paySubmit3DS({ md: 'm', paRes: 'p+/=' });
    await p.ewallet.register(customer);
    const [apiCharge, apiRefund, inpayCharge, ewCharge, ewRefund, ewState, ewDelete, submit, register] = r.sent.map((s): Record<string, string> => ({ path: s.url.pathname, ...Object.fromEntries(s.params) }));
    expect(apiCharge).toEqual({ path: '/api/Charge', Key: 'K', OrderId: 'o' });
    expect(apiRefund).toEqual({ path: '/api/Refund', Key: 'K', Password: 'P', OrderId: 'o', Amount: '5' });
    expect(inpayCharge).toEqual({ path: '/apim/Charge', Key: 'K', Password: 'P', OrderId: 'o' });
    expect(ewCharge).toEqual({ path: '/vwapi/Charge', VWID: 'VW', Password: 'P', OrderId: 'o', Amount: '3' });
    expect(ewRefund).toEqual({ path: '/vwapi/Refund', VWID: 'VW', DATA: 'Password=P;OrderId=o;Amount=3' });
    expect(ewState).toEqual({ path: '/vwapi/GetState', Key: 'K', OrderId: 'o' });
    expect(ewDelete).toEqual({ path: '/vwapi/Delete', VWID: 'VW', DATA: 'VWUserLgn=a%40b.c;Password=P' });
    expect(submit).toEqual({ path: '/vwapi/PaySubmit3DS', MD: 'm', PaRes: 'p+/=' });
    expect(Object.fromEntries(new NestedList(register!.DATA!).entries())).toEqual({ VWUserLgn: 'a@b.c', VWUserPsw: 'p;w=1 +x' });
  });

  it('GET mode sends everything in the query string', async () => {
    const r = recorder();
    await new Payture({ key: 'K', password: 'P', fetch: r.fetch, method: 'GET' }).api.getState('o 1');
    expect(r.sent[0]!.method).toBe('GET');
    expect(r.sent[0]!.url.search).toBe('?Key=K&OrderId=o+1');
  });

  it('has a method for every command of the SDK table, in every family', () => {
    const p = new Payture({ key: 'K', password: 'P' });
    const method = (family: string, command: string) => {
      const f = (p as unknown as Record<string, Record<string, unknown>>)[family]!;
      const name = command === 'Pay3DS' ? 'pay3DS' : command === 'Block3DS' ? 'block3DS' : command === 'PaySubmit3DS' ? 'paySubmit3DS' : command[0]!.toLowerCase() + command.slice(1);
      return f[name];
    };
    for (const [family, commands] of Object.entries(PAYTURE_COMMANDS)) for (const command of commands) expect(typeof method(family, command), `${family}.${command}`).toBe('function');
  });
});

describe('Payture client answers', () => {
  it('reads every attribute into typed fields and keeps the raw XML', () => {
    const r = toResult('<GetState Success="True" OrderId="o" State="Charged" Forwarded="False" MerchantContract="M" Amount="600" RRN="0037" VWUserLgn="u" PANMask="411111xxxxxx0031" CardId="c"><AddInfo Key="AuthCode" Value="123456"/></GetState>');
    expect(r).toMatchObject({ command: 'GetState', success: true, orderId: 'o', state: 'Charged', forwarded: false, amount: 600, rrn: '0037', vwUserLgn: 'u', panMask: '411111xxxxxx0031', cardId: 'c', addInfo: { AuthCode: '123456' } });
    expect(r.raw).toContain('<GetState');
    const three = toResult('<Pay OrderId="o" Success="3DS" ACSUrl="https://a/" PaReq="p" ThreeDSKey="k" />');
    expect(three).toMatchObject({ success: false, status: '3DS', threeDS: { acsUrl: 'https://a/', paReq: 'p', threeDSKey: 'k' } });
    expect(toResult('<PayStatus Success="True" Status="Authorized" />').state).toBe('Authorized');
  });

  it('throws PaytureTransportError for HTTP errors and bodies that are not XML, ContractError with validate', async () => {
    const html = recorder('<html><body>502 Bad Gateway</body></html>', 502);
    await expect(new Payture({ key: 'K', password: 'P', fetch: html.fetch }).api.getState('o')).rejects.toMatchObject({ name: 'PaytureTransportError', httpStatus: 502 });
    const junk = recorder('not xml');
    await expect(new Payture({ key: 'K', password: 'P', fetch: junk.fetch }).api.getState('o')).rejects.toBeInstanceOf(PaytureTransportError);
    const wrong = recorder('<GetState Success="True" />');
    await expect(new Payture({ key: 'K', password: 'P', fetch: wrong.fetch, validate: true }).api.getState('o')).rejects.toBeInstanceOf(ContractError);
  });

  it('parses notifications and refuses what is not one', () => {
    const n = parseNotification('Notification=EngineBlockFail&Success=False&TransactionDate=08.05.2019+15%3A36%3A27&ErrCode=ISSUER_FAIL&OrderId=o&Amount=5&MerchantContract=M&Is3DS=False');
    expect(n).toMatchObject({ notification: 'EngineBlockFail', success: false, errCode: 'ISSUER_FAIL', orderId: 'o', amount: 5 });
    expect(() => parseNotification('a=b')).toThrow(/Not a Payture notification/);
  });
});
