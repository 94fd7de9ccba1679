// Tpaga API cases over real HTTP (port 0).
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../clients/tpaga/auth.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { chargeCases } from './charges.cases.ts';
import { caseMerchants, FROZEN_AT } from './helpers.ts';
import { tpagaApiCases } from './api.cases.ts';
import { realClientCases } from './real-clients.cases.ts';

describe('Tpaga over HTTP', () => {
  const ref = useSandbox({ providers: ['tpaga'], merchants: caseMerchants, freezeAt: FROZEN_AT });
  const target = { base: () => `${ref.urls.tpaga!}/api`, sandbox: () => ref.sandbox };
  tpagaApiCases(target);
  chargeCases(target);
  realClientCases(target);

  // Over HTTP only: fetch (and so MSW) cannot send a body on GET; PHP's curl with POSTFIELDS does.
  it('a GET with a JSON body is answered as if it had none', async () => {
    const auth = basicAuthorization('sandbox-private-key');
    const created = (await (await fetch(`${target.base()}/customer`, { method: 'POST', headers: { authorization: auth } })).json()) as { id: string };
    const body = '{"id":"someone-else","firstName":"x"}';
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${target.base()}/customer/${created.id}`, { method: 'GET', headers: { authorization: auth, 'content-type': 'application/json', 'content-length': String(body.length) } }, (r) => {
        let text = '';
        r.on('data', (d: Buffer) => (text += d.toString()));
        r.on('end', () => resolve({ status: r.statusCode!, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ ...created });
  });

  // Over HTTP only: MSW's own handler lookup throws on a malformed %-escape before any handler runs.
  it('a malformed percent-escape in the path is a 404 in the envelope, not a 500', async () => {
    const res = await fetch(`${target.base()}/charge/credit_card/%ff%`, { headers: { authorization: basicAuthorization('sandbox-private-key') } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { errors: unknown[] }).errors).toHaveLength(1);
  });
});
