// No full card number, CVV or customer password in the journal, the webhook log or the
// stored state, whatever encoding the client used (reference §3) and whichever way the
// card arrived (PayInfo, DATA, query string, hosted page, JSON page helper).
import { describe, expect, it } from 'vitest';
import { startReceiver } from '../helpers/receiver.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { KEY, list, post } from './helpers.ts';

const PANS = ['4111111111100031', '4111111111111114', '3300000000000001', '5486732058864471', '4111111111111112', '2202201111110010'];
const CVV = '987';
const PSW = 'Customer-Secret-42';

describe('Payture journal redaction', () => {
  const ref = useSandbox({ providers: ['payture'] });

  it('keeps only masked numbers and hides CVVs and passwords', async () => {
    const receiver = await startReceiver();
    const res = await fetch(`${ref.urls.payture}/__admin/merchants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'journal-terminal', password: 'journal-password', notificationUrl: `${receiver.url}/n` }),
    });
    expect(res.status).toBe(201);
    const base = `${ref.urls.payture}`;
    const K = 'journal-terminal';
    const pi = (pan: string) => `PAN=${pan};EMonth=12;EYear=30;CardHolder=Ivan Ivanov;SecureCode=${CVV}`;
    // PayInfo: raw, inner-encoded, double-encoded, and in an unencoded GET query.
    await post(`${base}/api/Pay`, { Key: K, OrderId: 'j1', Amount: 10, PayInfo: pi(PANS[0]!) });
    await post(`${base}/api/Pay`, { Key: K, OrderId: 'j2', Amount: 10, PayInfo: pi(PANS[1]!).replace(/ /g, '+') });
    await post(`${base}/api/Pay`, { Key: K, OrderId: 'j3', Amount: 10, PayInfo: encodeURIComponent(pi(PANS[2]!)) });
    await fetch(`${base}/api/Block?Key=${K}&OrderId=j4&Amount=10&PayInfo=PAN=${PANS[3]};EMonth=12;EYear=30;SecureCode=${CVV}`);
    await fetch(`${base}/api/Block?${new URLSearchParams({ Key: K, OrderId: 'j5', Amount: '10', PayInfo: encodeURIComponent(pi(PANS[0]!)) })}`);
    // eWallet DATA, double-encoded like the Ruby clients, with the customer password.
    const who = { VWUserLgn: 'j@example.com', VWUserPsw: PSW };
    await post(`${base}/vwapi/Register`, { VWID: K, DATA: encodeURIComponent(list(who)) });
    await post(`${base}/vwapi/Add`, { VWID: K, DATA: encodeURIComponent(list({ ...who, CardNumber: PANS[4]!, EMonth: 12, EYear: 30, SecureCode: CVV })) });
    await post(`${base}/vwapi/Pay`, { VWID: K, DATA: list({ ...who, CardId: 'FreePay', OrderId: 'j6', Amount: 5, CardNumber: PANS[5]!, EMonth: 12, EYear: 30, SecureCode: CVV }) });
    // Hosted page: the form fields and the JSON helper's Data list.
    const init = await (await post(`${base}/apim/Init`, { Key: K, Data: list({ SessionType: 'Pay', OrderId: 'j7', Amount: 5 }) })).text();
    const sessionId = /SessionId="([^"]+)"/.exec(init)![1]!;
    await post(`${base}/apim/PaySubmit`, { Key: sessionId, CardNumber: '4111111111111113', EMonth: 12, EYear: 30, SecureCode: CVV });
    await post(`${base}/apim/PaySubmit`, { Data: list({ Key: sessionId, cardNumber: PANS[0]!, EMonth: 12, EYear: 30, SecureCode: CVV }), Json: 'true' });
    await ref.sandbox.webhooks.flush();

    // Hosted pages list the public test cards (a datalist to pick from): their HTML is not card data.
    const journal = ref.sandbox.journal.entries().map((e) => (e.response.headers['content-type']?.startsWith('text/html') ? { ...e, response: { ...e.response, body: '[page]' } } : e));
    expect(journal.length).toBeGreaterThan(10);
    const everything = JSON.stringify({
      journal,
      webhooks: ref.sandbox.webhooks.deliveries(),
      state: ref.sandbox.snapshot(),
      transactions: ref.sandbox.provider('payture').transactions(),
    });
    const around = (pan: string) => (everything.includes(pan) ? everything.slice(everything.indexOf(pan) - 150, everything.indexOf(pan) + 40) : '');
    for (const pan of [...PANS, '4111111111111113']) expect(around(pan), pan).toBe('');
    expect(everything).not.toContain(PSW);
    expect(everything).not.toMatch(new RegExp(`(SecureCode|CVV)(=|%3D|%253D|":")${CVV}`, 'i'));
    expect(everything).toContain('411111******0031');
    expect(everything).toContain('411111xxxxxx0031');
    expect(ref.sandbox.webhooks.deliveries().length).toBeGreaterThan(3);
    await receiver.close();
  });

  it('an api/Pay sent as text/xml keeps neither the PAN nor the CVV', async () => {
    await fetch(`${ref.urls.payture}/api/Pay`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: `<Pay><Key>${KEY}</Key><OrderId>x1</OrderId><Amount>10</Amount><PAN>4111111111100031</PAN><SecureCode>817</SecureCode></Pay>`,
    });
    const [entry] = ref.sandbox.journal.entries({ provider: 'payture', path: '/api/Pay' }).slice(-1);
    const text = JSON.stringify(entry);
    expect(text).toContain('<SecureCode>[redacted]</SecureCode>');
    expect(text).not.toMatch(/817|4111111111100031/);
  });
});
