/**
 * Seed 002 (the official Payture Python SDK's documentation): its documented calls, built in
 * TypeScript byte for byte as the SDK (PyPI `payture` 0.0.17) puts them on the wire, then sent to
 * the emulator. The SDK's rules: `requests.post(url, dict)` (form body, dict order, `quote_plus`),
 * `;`-lists from `dir()` (attributes in ASCII order) as `Key=str(value);`, unset ones as `None`.
 */
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.ts';
import { xml } from './helpers.ts';

const MERCHANT = { key: 'MyMerchantAccount', password: 'MyPassword' };

/** Python's `urllib.parse.quote_plus` (what `requests` uses for a form dict). */
const quotePlus = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
const form = (pairs: [string, string | number][]) => pairs.map(([k, v]) => `${quotePlus(k)}=${quotePlus(String(v))}`).join('&');
/** `EncodeString._getPropertiesString`: attributes sorted as `dir()` sorts them, `None` for unset. */
const props = (o: Record<string, string | number | null>) =>
  Object.keys(o)
    .sort()
    .map((k) => `${k}=${o[k] === null ? 'None' : String(o[k])};`)
    .join('');
const customer = (login: string, password: string, phone: string | null = null, email: string | null = null) => props({ VWUserLgn: login, VWUserPsw: password, PhoneNumber: phone, Email: email });

describe('seed 002: the Python SDK documented calls, byte for byte', () => {
  const ref = useSandbox({ providers: ['payture'], merchants: { payture: [MERCHANT] } });
  const send = async (path: string, body: string) => xml(fetch(`${ref.urls.payture}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }));

  it('PayInfo, Data and Customer lists are what the SDK writes', () => {
    expect(props({ PAN: '4111111111111112', EMonth: '10', EYear: '20', CardHolder: 'Test Test', SecureCode: '123', OrderId: 'TestOrder0000000000512154545', Amount: 41000 })).toBe(
      'Amount=41000;CardHolder=Test Test;EMonth=10;EYear=20;OrderId=TestOrder0000000000512154545;PAN=4111111111111112;SecureCode=123;',
    );
    expect(customer('testCustomerEW', 'testPass')).toBe('Email=None;PhoneNumber=None;VWUserLgn=testCustomerEW;VWUserPsw=testPass;');
    expect(props({ SessionType: 'Pay', IP: '93.45.120.14', OrderId: 'TESTORD000000000000000000', Amount: 102000 })).toBe('Amount=102000;IP=93.45.120.14;OrderId=TESTORD000000000000000000;SessionType=Pay;');
  });

  it('api Pay (expandPayBlock) with customFields, customerKey and an empty paytureId, then api Charge is refused on a Pay order', async () => {
    const info = props({ PAN: '4111111111100031', EMonth: '10', EYear: '30', CardHolder: 'Test Test', SecureCode: '123', OrderId: 'TestOrder0000000000512154545', Amount: 41000 });
    const body = form([['PayInfo', info], ['OrderId', 'TestOrder0000000000512154545'], ['Amount', 41000], ['CustomFields', ''], ['CustomerKey', 'testKey'], ['PaytureId', ''], ['Key', MERCHANT.key]]);
    expect(body).toBe(
      'PayInfo=Amount%3D41000%3BCardHolder%3DTest+Test%3BEMonth%3D10%3BEYear%3D30%3BOrderId%3DTestOrder0000000000512154545%3BPAN%3D4111111111100031%3BSecureCode%3D123%3B&OrderId=TestOrder0000000000512154545&Amount=41000&CustomFields=&CustomerKey=testKey&PaytureId=&Key=MyMerchantAccount',
    );
    expect((await send('/api/Pay', body)).attributes).toMatchObject({ Success: 'True', OrderId: 'TestOrder0000000000512154545', Amount: '41000' });
    const charge = form([['OrderId', 'TestOrder0000000000512154545'], ['Amount', 7444444], ['Key', MERCHANT.key]]);
    expect(charge).toBe('OrderId=TestOrder0000000000512154545&Amount=7444444&Key=MyMerchantAccount');
    expect((await send('/api/Charge', charge)).attributes.ErrCode).toBe('ILLEGAL_ORDER_STATE');
  });

  it('InPay Init (expandInit), then InPay Charge with the Password', async () => {
    const data = props({ SessionType: 'Block', IP: '93.45.120.14', OrderId: 'TESTORD000000000000000000', Amount: 102000 });
    const body = form([['Data', data], ['Key', MERCHANT.key]]);
    expect(body).toBe('Data=Amount%3D102000%3BIP%3D93.45.120.14%3BOrderId%3DTESTORD000000000000000000%3BSessionType%3DBlock%3B&Key=MyMerchantAccount');
    const init = await send('/apim/Init', body);
    expect(init.attributes).toMatchObject({ Success: 'True', OrderId: 'TESTORD000000000000000000', Amount: '102000' });
    const done = await fetch(`${ref.urls.payture}/__admin/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: init.attributes.SessionId, card: "4111111111100031" }) });
    expect(done.status, await done.clone().text()).toBe(200);
    const charge = form([['OrderId', 'TESTORD000000000000000000'], ['Amount', 102000], ['Key', MERCHANT.key], ['Password', MERCHANT.password]]);
    expect((await send('/apim/Charge', charge)).attributes).toMatchObject({ Success: 'True', Amount: '102000' });
  });

  it('eWallet Register (expandCustomer) with phone and e-mail; Add without phone sends PhoneNumber=None (refused: WRONG_PHONE)', async () => {
    const reg = form([['DATA', customer('testCustomerEW', 'testPass', '78456865353', 'newCustTest@example.com')], ['VWID', MERCHANT.key]]);
    expect(reg).toBe('DATA=Email%3DnewCustTest%40example.com%3BPhoneNumber%3D78456865353%3BVWUserLgn%3DtestCustomerEW%3BVWUserPsw%3DtestPass%3B&VWID=MyMerchantAccount');
    expect((await send('/vwapi/Register', reg)).attributes).toMatchObject({ Success: 'True', VWUserLgn: 'testCustomerEW' });
    const card = props({ CardNumber: '4111111111100031', EMonth: 10, EYear: 30, CardHolder: 'Card Holder', SecureCode: 111, CardId: null });
    const add = form([['DATA', customer('testCustomerEW', 'testPass') + card], ['VWID', MERCHANT.key]]);
    // What Payture makes of the literal "None" is unknown; the emulator reads it as a phone number.
    expect((await send('/vwapi/Add', add)).attributes.ErrCode).toBe('WRONG_PHONE');
  });

  it('eWallet PayStatus and Refund (expand): DATA as the SDK writes it, Password also top-level on Refund', async () => {
    const status = form([['DATA', 'OrderId=TESTORD000000000000000001;'], ['VWID', MERCHANT.key]]);
    expect(status).toBe('DATA=OrderId%3DTESTORD000000000000000001%3B&VWID=MyMerchantAccount');
    expect((await send('/vwapi/PayStatus', status)).attributes.ErrCode).toBe('ORDER_NOT_FOUND');
    const refund = form([['DATA', `OrderId=TESTORD000000000000000001;Amount=7444444;Password=${MERCHANT.password};`], ['VWID', MERCHANT.key], ['Password', MERCHANT.password]]);
    expect((await send('/vwapi/Refund', refund)).attributes.ErrCode).toBe('ORDER_NOT_FOUND');
  });

  it('eWallet Charge with an amount (the SDK omits OrderId there): a Payture error, not a crash', async () => {
    const body = form([['Amount', 7444444], ['VWID', MERCHANT.key], ['Password', MERCHANT.password]]);
    expect(body).toBe('Amount=7444444&VWID=MyMerchantAccount&Password=MyPassword');
    const res = await send('/vwapi/Charge', body);
    expect(res.attributes.Success).toBe('False');
    expect(res.attributes.ErrCode).toMatch(/^[A-Z_]+$/);
  });
});
