// Notifications (reference §12): URL-encoded POSTs after payments, Engine* and Customer*,
// Moscow dates, one attempt unless configured, only the events the terminal wants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNotification } from '../../clients/payture/index.ts';
import { dotNetTicks, transactionDate } from '../../emulators/payture/notify.ts';
import { startReceiver } from '../helpers/receiver.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { card, list, post } from './helpers.ts';

describe('Payture notifications', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const ref = useSandbox({ providers: ['payture'], freezeAt: '2019-05-08T12:36:27Z' });
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  const addTerminal = async (key: string, extra: Record<string, unknown> = {}) => {
    const res = await fetch(`${ref.urls.payture}/__admin/merchants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key, password: 'pw', notificationUrl: `${receiver.url}/payture/${key}`, ...extra }),
    });
    expect(res.status).toBe(201);
  };
  const received = (key: string) => receiver.received.filter((r) => r.path === `/payture/${key}`).map((r) => parseNotification(r.body));
  const flush = () => ref.sandbox.webhooks.flush();

  it('Engine* for PaytureAPI: Pay, Block, Charge, Refund, Unblock, and Fail with the ErrCode', async () => {
    await addTerminal('engine', { merchantId: 7, contract: 'EngineContract' });
    const u = (c: string) => `${ref.urls.payture}/api/${c}`;
    await post(u('Pay'), { Key: 'engine', OrderId: 'n1', Amount: 12677, PayInfo: card('4111111111100031') });
    await post(u('Block'), { Key: 'engine', OrderId: 'n2', Amount: 500, PayInfo: card('4111111111100031') });
    await post(u('Charge'), { Key: 'engine', OrderId: 'n2', Amount: 300 });
    await post(u('Refund'), { Key: 'engine', Password: 'pw', OrderId: 'n1', Amount: 77 });
    await post(u('Block'), { Key: 'engine', OrderId: 'n3', Amount: 500, PayInfo: card('4111111111100031') });
    await post(u('Unblock'), { Key: 'engine', OrderId: 'n3' });
    await post(u('Pay'), { Key: 'engine', OrderId: 'n4', Amount: 5, PayInfo: card('5500000000000004') });
    await post(u('Charge'), { Key: 'engine', OrderId: 'n1' }); // refused by the state machine: no notification
    await flush();
    const got = received('engine');
    expect(got.map((n) => n.notification)).toEqual(['EnginePaySuccess', 'EngineBlockSuccess', 'EngineChargeSuccess', 'EngineRefundSuccess', 'EngineBlockSuccess', 'EngineUnblockSuccess', 'EnginePayFail']);
    expect(got[0]!.fields).toEqual({
      Notification: 'EnginePaySuccess',
      Is3DS: 'False',
      ForwardedTo: 'NotForwarded',
      MerchantContract: 'EngineContract',
      Success: 'True',
      TransactionDate: '08.05.2019 15:36:27',
      ErrCode: 'NONE',
      OrderId: 'n1',
      Amount: '12677',
      MerchantId: '7',
    });
    expect(got[3]!.fields).toMatchObject({ Amount: '77', NewAmount: '12600' });
    expect(got[6]).toMatchObject({ success: false, errCode: 'ISSUER_BLOCKED_CARD', orderId: 'n4' });
    expect(receiver.received.find((r) => r.path === '/payture/engine')!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('Customer* for eWallet: Add, Pay, Refund, SendCode; CardNumber masked, DateTime in .NET ticks', async () => {
    await addTerminal('wallet');
    const u = (c: string) => `${ref.urls.payture}/vwapi/${c}`;
    const who = { VWUserLgn: 'n@example.com', VWUserPsw: 'p' };
    await post(u('Register'), { VWID: 'wallet', DATA: list({ ...who, PhoneNumber: '79000000000', Email: 'n@example.com' }) });
    const added = await (await post(u('Add'), { VWID: 'wallet', DATA: list({ ...who, CardNumber: '4111111111100031', EMonth: 12, EYear: 30, CardHolder: 'Ivan Ivanov' }) })).text();
    const cardId = /CardId="([^"]+)"/.exec(added)![1]!;
    await post(u('Activate'), { VWID: 'wallet', DATA: list({ ...who, CardId: cardId, Amount: 101 }) });
    await post(u('SendCode'), { VWID: 'wallet', DATA: list({ ...who, CardId: cardId, OrderId: 'w1', Amount: 900 }) });
    await post(u('Pay'), { VWID: 'wallet', DATA: list({ ...who, CardId: cardId, OrderId: 'w1', Amount: 900, ConfirmCode: 1234, IP: '10.9.8.7' }) });
    await post(u('Refund'), { VWID: 'wallet', DATA: list({ Password: 'pw', OrderId: 'w1', Amount: 100 }) });
    await post(u('Add'), { VWID: 'wallet', DATA: list({ ...who, CardNumber: '3300000000000001', EMonth: 12, EYear: 30 }) });
    await flush();
    const got = received('wallet');
    expect(got.map((n) => n.notification)).toEqual(['CustomerAddSuccess', 'CustomerSendCode', 'CustomerPaySuccess', 'CustomerRefundSuccess', 'CustomerAddFail']);
    expect(got[0]!.fields).toMatchObject({ VWUserLgn: who.VWUserLgn, PhoneNumber: '79000000000', CardNumber: '411111xxxxxx0031', CardName: '411111xxxxxx0031', CardId: cardId, CardHolder: 'Ivan Ivanov', DateTime: dotNetTicks(Date.parse('2019-05-08T12:36:27Z')) });
    expect(got[1]!.fields).toMatchObject({ Email: 'n@example.com', OrderId: 'w1', Amount: '900' });
    expect(got[2]!.fields).toMatchObject({ VWUserLgn: who.VWUserLgn, CardId: cardId, OrderId: 'w1', Amount: '900', IP: '10.9.8.7', CardNumber: '411111xxxxxx0031', SessionType: 'Pay' });
    expect(got[3]!.fields).toMatchObject({ OrderId: 'w1', NewAmount: '800', Success: 'True' });
    expect(got[4]).toMatchObject({ success: false, errCode: 'AMOUNT_EXCEED' });
  });

  it('sends only the configured events, once by default, and retries only when asked and the answer is not 200', async () => {
    await addTerminal('picky', { notifications: ['EngineBlockSuccess'] });
    await addTerminal('retry', { notificationAttempts: 3 });
    receiver.answerWith((r) => ({ status: r.path.endsWith('/retry') ? 500 : 200 }));
    const u = (c: string) => `${ref.urls.payture}/api/${c}`;
    await post(u('Pay'), { Key: 'picky', OrderId: 'p1', Amount: 5, PayInfo: card('4111111111100031') });
    await post(u('Block'), { Key: 'picky', OrderId: 'p2', Amount: 5, PayInfo: card('4111111111100031') });
    await post(u('Pay'), { Key: 'retry', OrderId: 'r1', Amount: 5, PayInfo: card('4111111111100031') });
    await ref.sandbox.webhooks.flush({ retries: true });
    expect(received('picky').map((n) => n.notification)).toEqual(['EngineBlockSuccess']);
    expect(receiver.received.filter((r) => r.path === '/payture/retry')).toHaveLength(3);
    const engine = ref.sandbox.webhooks.deliveries({ merchant: 'engine' });
    expect(engine.every((d) => d.attempts.length === 1 && d.state === 'delivered')).toBe(true);
  });

  it('formats Moscow dates', () => {
    expect(transactionDate(Date.parse('2019-12-31T21:00:05Z'))).toBe('01.01.2020 00:00:05');
    expect(dotNetTicks(Date.parse('2016-01-26T14:42:33.052Z'))).toBe('635894269530520000');
  });
});
