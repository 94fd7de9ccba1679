/**
 * A body over the limit: the client always reads the provider-format 413, even while it is
 * still writing (the listener drains the rest before closing), and other clients are served
 * meanwhile. The emulator runs as `pasarela start` in its own process (in one process the
 * client and the server share an event loop, and the broken pipe does not show); the client
 * is plain node:http, as users' code sends it.
 */
import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { randomBase, useStart } from '../helpers/cli.ts';

const start = useStart();
const ref = { urls: {} as Record<string, string> };
beforeAll(async () => {
  const base = randomBase();
  await start(['--providers', 'placetopay,payture', '--port', String(base)]);
  ref.urls = { control: `http://127.0.0.1:${base}`, payture: `http://127.0.0.1:${base + 3}`, placetopay: `http://127.0.0.1:${base + 4}` };
}, 60_000);

interface Outcome {
  status?: number;
  connection?: string;
  text?: string;
  error?: string;
}

/** Sends `size` bytes (or, with `endless`, writes until the answer arrives) and reads the answer. */
function send(url: string, opts: { size?: number; endless?: boolean; contentType: string }): Promise<Outcome> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const headers: Record<string, string> = { 'content-type': opts.contentType };
    if (!opts.endless) headers['content-length'] = String(opts.size);
    const req = request(url, { method: 'POST', headers, agent: false });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        req.destroy();
        answered = true;
        resolve({ status: res.statusCode, connection: res.headers.connection, text });
      });
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (!answered) resolve({ error: e.code ?? e.message });
    });
    if (!opts.endless) {
      // The whole body in one write, as `http.request(...).end(body)` does: still being sent
      // when the answer comes.
      req.end(Buffer.alloc(opts.size!, 'a'));
      return;
    }
    // Writes until the answer has been read in full (a streaming upload that does not watch
    // for an early answer).
    let done = false;
    req.on('close', () => (done = true));
    const pump = () => {
      while (!done) if (!req.write(chunk)) return void req.once('drain', pump);
    };
    pump();
  });
}

const health = async (base: string) => (await fetch(`${base}/__admin/health`)).status;

describe('oversized bodies get a readable answer', () => {
  for (const [label, opts] of [
    ['2 MB', { size: 2 * 1024 * 1024 }],
    ['10 MB', { size: 10 * 1024 * 1024 }],
    ['a never-ending chunked', { endless: true }],
  ] as const) {
    it(`${label} body to PlacetoPay /api/session: the 413 in PlacetoPay's format, 20 times out of 20`, async () => {
      const base = ref.urls.placetopay!;
      const outcomes: Outcome[] = [];
      for (let i = 0; i < 20; i++) {
        const [outcome, other] = await Promise.all([send(`${base}/api/session`, { ...opts, contentType: 'application/json' }), health(base)]);
        outcomes.push(outcome);
        expect(other).toBe(200);
      }
      for (const o of outcomes) {
        expect(o.error).toBeUndefined();
        expect(o.status).toBe(413);
        expect(o.connection).toBe('close');
        expect(JSON.parse(o.text!).status.status).toBe('FAILED');
      }
      // A fresh connection works afterwards.
      expect(await health(base)).toBe(200);
    }, 60_000);
  }

  it("Payture answers its own XML 413 to a 2 MB form body, and the admin API its JSON one to 17 MB", async () => {
    const pay = await send(`${ref.urls.payture}/api/Pay`, { size: 2 * 1024 * 1024, contentType: 'application/x-www-form-urlencoded' });
    expect(pay.status).toBe(413);
    expect(pay.text).toMatch(/^<Pay /);
    const admin = await send(`${ref.urls.control}/__admin/restore`, { size: 17 * 1024 * 1024, contentType: 'application/json' });
    expect(admin.status).toBe(413);
    expect(JSON.parse(admin.text!).error.message).toMatch(/larger than/);
  }, 60_000);

  it('the same answer through the in-process transport (as MSW gets it)', async () => {
    const sandbox = createSandbox({ providers: ['placetopay'] });
    const res = await sandbox.fetch('placetopay', '/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { status: { status: string } }).status.status).toBe('FAILED');
  });
});
