// Bad input gets Payture's XML (or a 404 for what is not a command), never a 500, and
// never changes what is stored.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePaytureXml } from '../../contracts/index.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { card, KEY, list, PASSWORD, post } from './helpers.ts';

describe('Payture bad input', () => {
  const ref = useSandbox({ providers: ['payture'] });
  const base = () => ref.urls.payture!;
  const answer = async (res: Response) => {
    const text = await res.text();
    expect(res.status, text).not.toBe(500);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    return { status: res.status, xml: parsePaytureXml(text), detail: res.headers.get('x-pasarela-detail') };
  };

  it('garbage DATA and PayInfo are WRONG_PARAMS / WRONG_PAY_INFO with a detail header', async () => {
    const reg = await answer(await post(`${base()}/vwapi/Register`, { VWID: KEY, DATA: '%%%;;==;\u0000;abc' }));
    expect(reg.xml.attributes).toMatchObject({ Success: 'False', ErrCode: 'WRONG_PARAMS', VWUserLgn: '' });
    expect(reg.detail).toMatch(/^DATA /);
    const block = await answer(await post(`${base()}/api/Block`, { Key: KEY, OrderId: 'g1', Amount: 1, PayInfo: '\u00ff\u0001;;;' }));
    expect(block.xml.attributes.ErrCode).toBe('WRONG_PAY_INFO');
  });

  it('unknown commands and paths are 404 in the XML shape; other methods too', async () => {
    const foo = await answer(await post(`${base()}/api/Foo`, { Key: KEY }));
    expect(foo.status).toBe(404);
    expect(foo.xml).toMatchObject({ name: 'Foo', attributes: { Success: 'False', ErrCode: 'WRONG_PARAMS' } });
    const odd = await answer(await fetch(`${base()}/vwapi/${encodeURIComponent('<x y="1">')}`));
    expect(odd.status).toBe(404);
    expect(odd.xml.name).toBe('Error');
    expect((await answer(await fetch(`${base()}/`))).status).toBe(404);
    expect((await answer(await fetch(`${base()}/api/Pay`, { method: 'PUT', body: 'Key=x' }))).status).toBe(404);
  });

  it('command names match case-insensitively; the answer keeps Payture\'s spelling', async () => {
    const res = await answer(await post(`${base()}/api/getstate`, { Key: KEY, OrderId: 'none' }));
    expect(res.xml).toMatchObject({ name: 'GetState', attributes: { ErrCode: 'ORDER_NOT_FOUND' } });
    expect((await answer(await post(`${base()}/VWAPI/Check`, { VWID: KEY }))).status).toBe(404);
  });

  it('an unknown X-Pasarela-Scenario is a 400 that names it, in the XML shape', async () => {
    const res = await answer(await fetch(`${base()}/api/GetState`, { method: 'POST', headers: { 'x-pasarela-scenario': 'no-such-thing' }, body: new URLSearchParams({ Key: KEY, OrderId: 'x' }) }));
    expect(res.status).toBe(400);
    expect(res.xml.attributes.ErrCode).toBe('WRONG_PARAMS');
    expect(res.detail).toContain('no-such-thing');
  });

  it('huge parameters: a 100 000-digit PAN, a 10 000-character OrderId, 500 custom fields', async () => {
    const pan = await answer(await post(`${base()}/api/Pay`, { Key: KEY, OrderId: 'h1', Amount: 1, PayInfo: `PAN=${'4'.repeat(100_000)};EMonth=12;EYear=30` }));
    expect(pan.xml.attributes.ErrCode).toBe('WRONG_PAN');
    const order = await answer(await post(`${base()}/api/Pay`, { Key: KEY, OrderId: 'o'.repeat(10_000), Amount: 1, PayInfo: card('4111111111100031') }));
    expect(order.xml.attributes.ErrCode).toBe('WRONG_PARAMS');
    const fields = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`F${i}`, 'v']));
    const custom = await answer(await post(`${base()}/api/Pay`, { Key: KEY, OrderId: 'h2', Amount: 1, PayInfo: card('4111111111100031'), CustomFields: list(fields) }));
    expect(custom.xml.attributes.ErrCode).toBe('WRONG_PARAMS');
  });

  it('a body over the limit is 413 and a request line over 8 KiB is 414, both in the XML shape', async () => {
    const big = await answer(await fetch(`${base()}/api/Pay`, { method: 'POST', body: `Key=${KEY}&PayInfo=${'A'.repeat(600 * 1024)}` }));
    expect(big.status).toBe(413);
    const long = await answer(await fetch(`${base()}/api/GetState?Key=${KEY}&OrderId=${'x'.repeat(9000)}`));
    expect(long.status).toBe(414);
    expect(long.xml.name).toBe('GetState');
  });

  it('an existing order survives garbage sent to every command that could touch it', async () => {
    await post(`${base()}/api/Block`, { Key: KEY, OrderId: 'keep', Amount: 500, PayInfo: card('4111111111100031') });
    const before = await (await post(`${base()}/api/GetState`, { Key: KEY, OrderId: 'keep' })).text();
    for (const [command, params] of [
      ['Charge', { Key: KEY, OrderId: 'keep', Amount: 'ten' }],
      ['Charge', { Key: KEY, OrderId: 'keep', Amount: '-5' }],
      ['Unblock', { Key: KEY, OrderId: 'keep', Amount: '1e3' }],
      ['Refund', { Key: KEY, Password: PASSWORD, OrderId: 'keep' }],
      ['Block', { Key: KEY, OrderId: 'keep', Amount: 1, PayInfo: card('4111111111100031') }],
      ['Block3DS', { Key: KEY, OrderId: 'keep', PaRes: 'x' }],
    ] as const) {
      expect((await answer(await post(`${base()}/api/${command}`, params))).xml.attributes.Success, command).toBe('False');
    }
    expect(await (await post(`${base()}/api/GetState`, { Key: KEY, OrderId: 'keep' })).text()).toBe(before);
  });

  it('random parameters to random commands: always XML, 200 or 404, never 500 (property)', async () => {
    const commands = ['api/Pay', 'api/Block', 'api/Charge', 'api/Refund', 'api/GetState', 'api/Pay3DS', 'api/MobilePay', 'api/ApplePay', 'apim/Init', 'apim/PayStatus', 'vwapi/Register', 'vwapi/Add', 'vwapi/Pay', 'vwapi/Init', 'vwapi/Refund', 'vwapi/PaySubmit3DS', 'vwapi/GetList'];
    const names = ['Key', 'VWID', 'OrderId', 'Amount', 'PayInfo', 'DATA', 'Data', 'Password', 'PaRes', 'MD', 'PayToken', 'SessionId', 'x'];
    const value = fc.oneof(fc.string(), fc.constantFrom(KEY, PASSWORD, '1000', '0', '-1', 'PAN=4111111111100031;EMonth=12;EYear=30', 'VWUserLgn=a;VWUserPsw=b', 'SessionType=Pay;OrderId=z;Amount=1', '%', '=;='));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commands), fc.dictionary(fc.constantFrom(...names), value), fc.boolean(), async (command, params, viaGet) => {
        const query = new URLSearchParams(params).toString();
        const res = await ref.sandbox.fetch('payture', viaGet ? `/${command}?${query}` : `/${command}`, viaGet ? undefined : { method: 'POST', body: query });
        const text = await res.text();
        expect([200, 404]).toContain(res.status);
        if (res.headers.get('content-type')?.startsWith('text/xml')) expect(() => parsePaytureXml(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
