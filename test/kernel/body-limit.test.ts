// Bodies over real HTTP: chunked, absent (DELETE, OPTIONS) and oversize chunked ones.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.ts';
import { fixtureProvider } from './fixture-provider.ts';

function send(url: string, method: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method, headers: { authorization: 'Bearer fixture-key', 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk); // several writes: Transfer-Encoding: chunked
    req.end();
  });
}

describe('request bodies without Content-Length over HTTP', () => {
  const ref = useSandbox({ modules: [fixtureProvider], bodyLimit: 1024 });

  it('a chunked JSON body reaches the route intact', async () => {
    const res = await send(`${ref.urls.fixture}/pay`, 'POST', ['{"card":"4242424242424242",', '"amount":10}']);
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'approved' });
  });

  it('DELETE and OPTIONS with no body are routed (404 here), not a 500', async () => {
    expect((await send(`${ref.urls.fixture}/pay/1`, 'DELETE', [])).status).toBe(404);
    expect((await send(`${ref.urls.fixture}/pay`, 'OPTIONS', [])).status).toBe(404);
  });

  it('a chunked body over the limit is refused in the provider format', async () => {
    const res = await send(`${ref.urls.fixture}/pay`, 'POST', ['{"pad":"', 'x'.repeat(800), 'x'.repeat(800), '"}']);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'body-too-large' } });
  });
});
