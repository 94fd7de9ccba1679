// Bodies over real HTTP: chunked, absent (DELETE, OPTIONS) and oversize chunked ones; and
// the body step's own read of a streamed body, as MSW hands requests in.
import { request } from 'node:http';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { limitBody } from '../../emulators/kernel/body.ts';
import type { PasarelaEnv } from '../../emulators/kernel/types.ts';
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

describe('a body without Content-Length, read by the body step (MSW requests carry none)', () => {
  // Split inside a multi-byte character, and with a byte that is not UTF-8 at all.
  const chunks = [Buffer.from('CardHolder=Ива'), Buffer.from('н Иванов&Raw='), Buffer.from([0xff, 0x26]), Buffer.from('Amount=10')].flatMap((b, i) =>
    i === 0 ? [b.subarray(0, b.length - 1), b.subarray(b.length - 1)] : [b],
  );
  const whole = Buffer.concat(chunks);
  const app = new Hono<PasarelaEnv>()
    .use(limitBody(1024, () => new Response('too large', { status: 413 })))
    .post('/echo', async (c) => {
      const bytes = Buffer.from(await c.req.arrayBuffer());
      const form = await c.req.parseBody();
      return c.json({ text: await c.req.text(), bytes: bytes.toString('hex'), holder: form.CardHolder, amount: form.Amount });
    });
  const streamed = () =>
    new Request('http://sandbox.test/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new ReadableStream({ start: (ctl) => (chunks.forEach((c) => ctl.enqueue(new Uint8Array(c))), ctl.close()) }),
      duplex: 'half',
    } as RequestInit);

  it('gives the route the same text, bytes and form fields as a buffered read', async () => {
    const res = await app.fetch(streamed());
    expect(res.status).toBe(200);
    const out = (await res.json()) as Record<string, string>;
    expect(out.text).toBe(await new Response(whole).text());
    expect(out.bytes).toBe(whole.toString('hex'));
    expect(out.holder).toBe('Иван Иванов');
    expect(out.amount).toBe('10');
  });

  it('still refuses one over the limit', async () => {
    const big = new Request('http://sandbox.test/echo', { method: 'POST', body: new ReadableStream({ start: (ctl) => (ctl.enqueue(new Uint8Array(2048)), ctl.close()) }), duplex: 'half' } as RequestInit);
    expect((await app.fetch(big)).status).toBe(413);
  });
});
