// The bodies reference §6 recorded from real sandboxes or quotes from the docs validate
// against the contracts; what the emulator writes for the same cases has the same shape.
import { describe, expect, it } from 'vitest';
import { parsePaytureXml, validate } from '../../contracts/index.ts';

const PAREQ = 'A'.repeat(480);
// Ids cut with "…" in the reference are completed with made-up hex digits.
const RECORDED: [string, string][] = [
  ['api-charge', '<Charge Success="True" OrderId="new123" Amount="1000" />'],
  ['ewallet-charge', '<Charge Success="True" OrderId="new123" Amount="1000" />'],
  ['ewallet-add', '<Add VWUserLgn="rom1@dom.com" Success="False" ErrCode="DUPLICATE_CARD" />'],
  ['ewallet-pay', '<Pay VWUserLgn="rom2@dom.com" OrderId="123asdf123" Success="False" ErrCode="WRONG_CARD" />'],
  ['ewallet-register', '<Register Success="False" VWUserLgn="123@ya.ru" ErrCode="DUPLICATE_USER" />'],
  ['ewallet-init', '<Init Success="True" OrderId="new123" Amount="1000" SessionId="ede6348e-ff39-41a0-8a9b-bf28d106de13" SessionType="Block" />'],
  ['ewallet-paystatus', '<PayStatus Success="True" VWUserLgn="" OrderId="new123" Amount="1000" CardId="" Status="Authorized" />'],
  ['ewallet-refund', '<Refund VWUserLgn="" OrderId="order123" Success="True" NewAmount="2000" />'],
  ['ewallet-unblock', '<Unblock Success="True" OrderId="order123" NewAmount="0" />'],
  ['ewallet-add', '<Add VWUserLgn="user_login" Success="False" ErrCode="DUPLICATE_CARD" CardId="3eb24d67-19d4-4e09-b0a4-16939a6fab64" />'],
  ['ewallet-activate', '<Activate Success="False" VWUserLgn="user_login" CardId="" ErrCode="REFUSAL_BY_GATE" />'],
  [
    'ewallet-getlist',
    '<GetList Success="True" VWUserLgn="rom@dom.com">\r\n  <Item CardName="411111xxxxxx1112" CardId="7a79e50c-0000-4000-8000-000000000000" CardHolder="Ivan Ivanov" Status="NotActive" NoCVV="false" Expired="false" />\r\n</GetList>',
  ],
  [
    'ewallet-add',
    `<Add VWUserLgn="user_login" Success="3DS" ACSUrl="https://sandbox3-3ds.payture.com/simulp3ds/ACS/" PaReq="${PAREQ}" ThreeDSKey="18d0a26c-33b7-4abb-824b-6fa1018030cb" CardName="548673xxxxxx4471" CardId="7925d5c3-0000-4000-8000-000000000000" />`,
  ],
  ['api-getstate', '<GetState Success="True" OrderId="5f63838d-fb03-00c6-c890-c67cfc1c54ea" State="Refunded" Forwarded="False" MerchantContract="Merchant" Amount="12480" RRN="003770024290"/>'],
  ['ewallet-getstate', '<GetState Success="True" OrderId="5f63838d-fb03-00c6-c890-c67cfc1c54ea" State="Refunded" Forwarded="False" MerchantContract="Merchant" Amount="12480" RRN="003770024290" VWUserLgn="123@ya.ru" PANMask="521885xxxxxx5484"/>'],
  ['api-unblock', '<Unblock Success="True" OrderId="5f63838d-fb03-00c6-c890-c67cfc1c54ea" NewAmount="0"/>'],
  ['inpay-refund', '<Refund Success="True" OrderId="5f63838d-fb03-00c6-c890-c67cfc1c54ea" NewAmount="2000"/>'],
  ['ewallet-remove', '<Remove Success="True" VWUserLgn="123@ya.ru" CardId="00a94d92-0000-4000-8000-000000000000"/>'],
  ['ewallet-paystatus', '<PayStatus Success="False" VWUserLgn="" OrderId="o1" Forwarded="False" ErrCode="ORDER_TIME_OUT"/>'],
  ['inpay-paystatus', '<PayStatus Success="True" OrderId="o1" Amount="2000" State="Charged"/>'],
  ['api-charge', '<Charge Success="False" OrderId="o1" ErrCode="AMOUNT_ERROR"/>'],
  ['inpay-init', '<Init Success="False" ErrCode="DUPLICATE_ORDER_ID"/>'],
  [
    'inpay-getstate',
    '<GetState Success="True" OrderId="o1" State="Charged" Forwarded="False" MerchantContract="Merchant" Amount="100"><AddInfo Key="PaymentSystem" Value="MasterCard"/><AddInfo Key="BankHumanName" Value="SBERBANK"/><AddInfo Key="BankCountryCode" Value="RU"/><AddInfo Key="BankCity" Value=""/></GetState>',
  ],
];

describe('recorded and documented Payture bodies validate', () => {
  it.each(RECORDED.map(([op, body], i) => [`${i + 1}. ${op}`, op, body] as const))('%s', (_name, op, body) => {
    const result = validate('payture', `${op}.response`, parsePaytureXml(body));
    expect(result.errors).toEqual([]);
  });

  it('the contracts are not vacuous: a wrong root, a missing ErrCode or a bad mask fail', () => {
    expect(validate('payture', 'api-charge.response', parsePaytureXml('<Refund Success="True" OrderId="o" Amount="1"/>')).valid).toBe(false);
    expect(validate('payture', 'api-charge.response', parsePaytureXml('<Charge Success="False" OrderId="o"/>')).valid).toBe(false);
    expect(validate('payture', 'ewallet-add.response', parsePaytureXml('<Add Success="True" CardName="4111111111111112" CardId="x"/>')).valid).toBe(false);
    expect(validate('payture', 'api-pay.response', parsePaytureXml('<Pay Success="3DS" OrderId="o"/>')).valid).toBe(false);
  });

  it('a documented notification validates', () => {
    const body = { Notification: 'EnginePaySuccess', Is3DS: 'False', ForwardedTo: 'NotForwarded', MerchantContract: 'Merchant', Success: 'True', TransactionDate: '08.05.2019 15:36:27', ErrCode: 'NONE', OrderId: 'o', Amount: '12677', MerchantId: '1' };
    expect(validate('payture', 'notification.request', body).errors).toEqual([]);
    expect(validate('payture', 'notification.request', { ...body, Notification: 'Whatever' }).valid).toBe(false);
  });
});
