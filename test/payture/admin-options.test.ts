// The admin side and the options of the Payture emulator: AddInfo terminals, the slow
// test cards, queued scenarios, transactions, snapshots, and the documented switches.
import { describe, expect, it } from 'vitest';
import { parsePaytureXml } from '../../contracts/index.ts';
import { createSandbox } from '../../emulators/index.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { card, conforms, KEY, list, PASSWORD, post } from './helpers.ts';

const call = async (url: string, params: Record<string, string | number>) => parsePaytureXml(await (await post(url, params)).text());

describe('Payture admin and options', () => {
  const ref = useSandbox({
    providers: ['payture'],
    merchants: { payture: [{ key: 'addinfo', password: 'pw', addInfo: true, contract: 'VWMerchantGetshiny' }] },
    options: { payture: { slowDelayMs: 150, partialUnblock: false, requireIp: true, luhn: false } },
  });
  const api = (c: string) => `${ref.urls.payture}/api/${c}`;

  it('a terminal with addInfo answers AddInfo children on Pay and GetState, MerchantContract is its name', async () => {
    const paid = await call(api('Pay'), { Key: 'addinfo', OrderId: 'ai1', Amount: 100, PayInfo: card('5218851946955484') });
    const info = Object.fromEntries(paid.children.map((c) => [c.attributes.Key, c.attributes.Value]));
    expect(info).toMatchObject({ PaymentSystem: 'MasterCard', PANMask: '521885xxxxxx5484', CardHolder: 'Ivan Ivanov', BankCountryCode: 'RU' });
    expect(info.AuthCode).toMatch(/^\d{6}$/);
    conforms('api-pay', paid);
    const state = await call(api('GetState'), { Key: 'addinfo', OrderId: 'ai1' });
    expect(state.attributes.MerchantContract).toBe('VWMerchantGetshiny');
    expect(state.children).toHaveLength(8);
    expect((await call(api('Pay'), { Key: KEY, OrderId: 'ai2', Amount: 100, PayInfo: card('5218851946955484') })).children).toEqual([]);
  });

  it('the "40 s" test cards answer after slowDelayMs and still succeed', async () => {
    const timed = async (f: () => Promise<unknown>) => {
      const t0 = performance.now();
      await f();
      return performance.now() - t0;
    };
    expect(await timed(() => call(api('Block'), { Key: KEY, OrderId: 's1', Amount: 100, PayInfo: card('4100401111100062') }))).toBeGreaterThanOrEqual(140);
    await call(api('Block'), { Key: KEY, OrderId: 's2', Amount: 100, PayInfo: card('4100401111100328') });
    expect(await timed(() => call(api('Charge'), { Key: KEY, OrderId: 's2' }))).toBeGreaterThanOrEqual(140);
    await call(api('Block'), { Key: KEY, OrderId: 's3', Amount: 100, PayInfo: card('4100401111100724') });
    expect(await timed(() => call(api('Unblock'), { Key: KEY, OrderId: 's3' }))).toBeGreaterThanOrEqual(140);
    await call(api('Pay'), { Key: KEY, OrderId: 's4', Amount: 100, PayInfo: card('4100401111103025') });
    expect(await timed(() => call(api('Refund'), { Key: KEY, Password: PASSWORD, OrderId: 's4' }))).toBeGreaterThanOrEqual(140);
    expect(await timed(() => call(api('Pay'), { Key: KEY, OrderId: 's5', Amount: 100, PayInfo: card('4111111111100031') }))).toBeLessThan(140);
    expect((await call(api('GetState'), { Key: KEY, OrderId: 's4' })).attributes.State).toBe('Refunded');
  });

  it('partialUnblock: false releases the whole hold whatever Amount; requireIp: true wants IP in Init Data', async () => {
    await call(api('Block'), { Key: KEY, OrderId: 'pu', Amount: 1000, PayInfo: card('4111111111100031') });
    expect((await call(api('Unblock'), { Key: KEY, OrderId: 'pu', Amount: 400 })).attributes).toMatchObject({ Success: 'True', NewAmount: '0' });
    const init = (data: Record<string, string | number>) => call(`${ref.urls.payture}/apim/Init`, { Key: KEY, Data: list({ SessionType: 'Pay', Amount: 5, ...data }) });
    expect((await init({ OrderId: 'ip1' })).attributes.ErrCode).toBe('WRONG_PARAMS');
    expect((await init({ OrderId: 'ip2', IP: '10.0.0.1' })).attributes.Success).toBe('True');
    expect((await init({ OrderId: 'ip3', IP: 'not-an-ip' })).attributes.ErrCode).toBe('WRONG_PARAMS');
  });

  it('luhn: false lets any 12–19 digit number through; an injected fault answers in the XML shape', async () => {
    expect((await call(api('Pay'), { Key: KEY, OrderId: 'lu1', Amount: 5, PayInfo: card('4111111111111113') })).attributes.Success).toBe('True');
    const fault = await fetch(`${ref.urls.payture}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: '/api/GetState', action: { type: 'status', status: 503 }, times: 1 }) });
    expect(fault.status).toBe(201);
    const res = await post(api('GetState'), { Key: KEY, OrderId: 'lu1' });
    expect(res.status).toBe(503);
    expect(parsePaytureXml(await res.text())).toMatchObject({ name: 'GetState', attributes: { Success: 'False', ErrCode: 'INTERNAL_ERROR' } });
  });

  it('POST /__admin/scenarios/next queues an outcome for the next matching request', async () => {
    const res = await fetch(`${ref.urls.payture}/__admin/scenarios/next`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'issuer-limit-fail', path: '/api/Pay' }) });
    expect(res.status).toBe(201);
    await call(api('GetState'), { Key: KEY, OrderId: 'pu' });
    expect((await call(api('Pay'), { Key: KEY, OrderId: 'q1', Amount: 5, PayInfo: card('4111111111100031') })).attributes.ErrCode).toBe('ISSUER_LIMIT_FAIL');
    expect((await call(api('Pay'), { Key: KEY, OrderId: 'q2', Amount: 5, PayInfo: card('4111111111100031') })).attributes.Success).toBe('True');
    const journal = ref.sandbox.journal.entries({ provider: 'payture', path: '/api/Pay' });
    expect(journal.find((e) => e.scenario?.id === 'issuer-limit-fail')?.scenario?.source).toBe('queue');
    const scenarios = (await (await fetch(`${ref.urls.payture}/__admin/scenarios`)).json()) as { scenarios: { id: string; live: boolean }[] };
    expect(scenarios.scenarios.find((s) => s.id === 'card-3ds')).toMatchObject({ live: true });
  });

  it('GET /__admin/transactions lists orders with history, and hosted Add sessions; completable ones are marked', async () => {
    await call(`${ref.urls.payture}/apim/Init`, { Key: KEY, Data: list({ SessionType: 'Block', OrderId: 'tx1', Amount: 5, IP: '10.0.0.1' }) });
    await call(`${ref.urls.payture}/vwapi/Register`, { VWID: KEY, DATA: list({ VWUserLgn: 'tx@example.com', VWUserPsw: 'p' }) });
    await call(`${ref.urls.payture}/vwapi/Init`, { VWID: KEY, DATA: list({ VWUserLgn: 'tx@example.com', VWUserPsw: 'p', SessionType: 'Add', IP: '10.0.0.1' }) });
    const { transactions } = (await (await fetch(`${ref.urls.payture}/__admin/transactions`)).json()) as { transactions: { id: string; kind: string; status: string; completable: boolean; history: { status: string }[] }[] };
    expect(transactions.find((t) => t.id === 'tx1')).toMatchObject({ kind: 'inpay Block (hosted page)', status: 'New', completable: true });
    expect(transactions.find((t) => t.id === 's4')).toMatchObject({ status: 'Refunded', completable: false });
    expect(transactions.find((t) => t.id === 's4')!.history.map((h) => h.status)).toEqual(['New', 'Charged', 'Refunded']);
    expect(transactions.find((t) => t.kind === 'ewallet Add (hosted page)')).toMatchObject({ status: 'Open', completable: true });
  });

  it('a new attempt on the page supersedes one that stopped at the ACS (Obsolete in the history)', async () => {
    const init = await call(`${ref.urls.payture}/apim/Init`, { Key: KEY, Data: list({ SessionType: 'Pay', OrderId: 'ob1', Amount: 5, IP: '10.0.0.1' }) });
    const submit = (pan: string) => post(`${ref.urls.payture}/apim/PaySubmit`, { Key: init.attributes.SessionId!, CardNumber: pan, EMonth: 12, EYear: 30 });
    expect(await (await submit('5486732058864471')).text()).toContain('/simulp3ds/ACS/');
    expect(await (await submit('4111111111100031')).text()).toContain('data-success="True"');
    const tx = ref.sandbox.provider('payture').transactions().find((t) => t.id === 'ob1')!;
    expect(tx.history.map((h) => h.status)).toEqual(['New', 'PreAuthorized3DS', 'Obsolete', 'Charged']);
  });

  it('state is plain JSON: a snapshot restored into another sandbox answers the same', async () => {
    const copy = createSandbox({ providers: ['payture'], merchants: { payture: [{ key: 'addinfo', password: 'pw', addInfo: true }] } });
    copy.restore(JSON.parse(JSON.stringify(ref.sandbox.snapshot())));
    const body = new URLSearchParams({ Key: KEY, OrderId: 's4' });
    const here = await (await post(api('GetState'), Object.fromEntries(body))).text();
    const there = await (await copy.fetch('payture', '/api/GetState', { method: 'POST', body })).text();
    expect(there).toBe(here);
    await copy.stop();
  });

  it('merchant entries are validated (unknown fields and bad types refused)', async () => {
    const res = await fetch(`${ref.urls.payture}/__admin/merchants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: 'x', password: 'y', color: 'red' }) });
    expect(res.status).toBe(400);
    expect(() => createSandbox({ providers: ['payture'], merchants: { payture: [{ key: 'x', password: 'y', activationAmount: 'lots' }] } })).toThrow(/activationAmount/);
  });
});
