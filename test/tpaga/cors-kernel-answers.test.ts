// CORS headers are on every answer a browser can get, the kernel's own included.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.ts';

describe('Tpaga CORS on kernel answers', () => {
  const ref = useSandbox({ providers: ['tpaga'] });
  const origin = 'http://shop.example:8080';
  const tokenize = (body: string) =>
    fetch(`${ref.urls.tpaga}/api/tokenize/credit_card`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', authorization: `Basic ${Buffer.from('sandbox-public-key:').toString('base64')}` },
      body,
    });

  // What a credentialed XHR needs on every answer: the origin reflected, credentials, the exposed header, Vary once.
  const expectCors = (res: Response, from = origin) => {
    expect(res.headers.get('access-control-allow-origin')).toBe(from);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-expose-headers')).toBe('X-Pasarela-Detail');
    expect(res.headers.get('vary')).toBe('Origin');
  };

  it('a route answer, a refused one and a network-error fault keep their CORS headers and body', async () => {
    const ok = await tokenize(JSON.stringify({ primaryAccountNumber: '4111111111111111', expirationMonth: 12, expirationYear: 2031, cvc: '123', cardHolderName: 'Ana' }));
    expect(ok.status).toBe(201);
    expectCors(ok);
    expect(((await ok.json()) as { token?: string }).token).toMatch(/\S/);
    const refused = await tokenize('{}');
    expect(refused.status).toBe(422);
    expectCors(refused);
    const noOrigin = await fetch(`${ref.urls.tpaga}/api/tokenize/credit_card`, { method: 'POST', body: '{}' });
    expectCors(noOrigin, '*');
    ref.sandbox.faults.add({ provider: 'tpaga', path: '/api/tokenize/credit_card', action: { type: 'network-error' }, times: 1 });
    await expect(tokenize('{}')).rejects.toThrow();
  });

  it('a fault answer carries Access-Control-Allow-Origin', async () => {
    ref.sandbox.faults.add({ provider: 'tpaga', path: '/api/tokenize/credit_card', action: { type: 'status', status: 503 }, times: 1 });
    const res = await tokenize('{}');
    expect(res.status).toBe(503);
    expectCors(res);
  });

  it('a body-too-large answer carries Access-Control-Allow-Origin', async () => {
    const res = await tokenize(JSON.stringify({ pad: 'x'.repeat(600 * 1024) }));
    expect(res.status).toBe(413);
    expectCors(res);
  });

  it('the preflight is answered before faults apply', async () => {
    ref.sandbox.faults.add({ provider: 'tpaga', action: { type: 'status', status: 500 }, times: 1, method: 'OPTIONS' });
    const res = await fetch(`${ref.urls.tpaga}/api/tokenize/credit_card`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  });
});
