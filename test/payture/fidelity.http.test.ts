// Payture fidelity cases over real HTTP (port 0), plus what only HTTP can carry: a GET with a body.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parsePaytureXml } from '../../contracts/index.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { fidelityCases } from './fidelity.cases.ts';
import { KEY, list, orderId, post, xml } from './helpers.ts';

/** GET with a form body, as payture-official (`request` with a HAR postData) sends it. */
function getWithBody(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const r = request(url, { method: 'GET', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8') }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

describe('Payture fidelity over HTTP', () => {
  const ref = useSandbox({ providers: ['payture'] });
  const target = { base: () => ref.urls.payture!, sandbox: () => ref.sandbox };
  fidelityCases(target);

  it('reads the form body of a GET (payture-official: InPay PayStatus, api GetState, eWallet GetList)', async () => {
    const base = ref.urls.payture!;
    const id = orderId('GB');
    await xml(post(`${base}/apim/Init`, { Key: KEY, Data: list({ SessionType: 'Pay', OrderId: id, Amount: 100 }) }));
    const status = await getWithBody(`${base}/apim/PayStatus`, `Key=${KEY}&OrderId=${id}`);
    expect(status.text).toBe(`<PayStatus Success="False" OrderId="${id}" Amount="100" State="New" ErrCode="NONE" />`);
    const state = await getWithBody(`${base}/api/GetState`, `Key=${KEY}&OrderId=${id}`);
    expect(parsePaytureXml(state.text).attributes).toMatchObject({ Success: 'True', OrderId: id, State: 'New' });
    // The query still wins over the body for a name in both.
    const both = await getWithBody(`${base}/api/GetState?OrderId=${id}`, `Key=${KEY}&OrderId=other`);
    expect(parsePaytureXml(both.text).attributes.OrderId).toBe(id);
  });

  it('a GET body over the body limit is refused in the XML shape', async () => {
    const big = await getWithBody(`${ref.urls.payture!}/api/GetState`, `Key=${KEY}&OrderId=${'x'.repeat(600 * 1024)}`);
    expect(big.status).toBe(413);
    expect(big.text).toContain('Success="False"');
  });
});
