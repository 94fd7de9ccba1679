// Slow and half-open clients: a request whose headers or body trickle in is closed after
// the listener's timeouts, and other clients are answered meanwhile.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../emulators/kernel/sandbox.ts';
import { DEFAULT_TIMEOUTS } from '../../emulators/kernel/server.ts';
import { fixtureProvider } from './fixture-provider.ts';

let sandbox: Sandbox;
let port = 0;
beforeAll(async () => {
  sandbox = createSandbox({ modules: [fixtureProvider] });
  const { urls } = await sandbox.start({ port: 0, timeouts: { headersMs: 600, requestMs: 1_200 } });
  port = Number(new URL(urls.fixture!).port);
});
afterAll(() => sandbox.stop());

/** Opens a connection and sends `first`, then a line every `everyMs` until closed; resolves when the server closes it. */
function trickle(first: string, line: string, everyMs: number): { closed: Promise<{ afterMs: number; answer: string }>; socket: Socket } {
  const socket = connect(port, '127.0.0.1');
  const started = Date.now();
  let answer = '';
  socket.on('data', (d) => (answer += d.toString()));
  socket.write(first);
  const timer = setInterval(() => socket.writable && socket.write(line), everyMs);
  const closed = new Promise<{ afterMs: number; answer: string }>((resolve) =>
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ afterMs: Date.now() - started, answer });
    }),
  );
  socket.on('error', () => {});
  return { closed, socket };
}

describe('slow clients', () => {
  it('the documented defaults are 10 s for the headers and 60 s for the whole request', () => {
    expect(DEFAULT_TIMEOUTS).toEqual({ headersMs: 10_000, requestMs: 60_000 });
  });

  it('headers sent one line at a time are cut off after the headers timeout (408), while others are answered', { timeout: 15_000 }, async () => {
    const slow = Array.from({ length: 50 }, () => trickle('GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: 1\r\n', 200));
    const health = await fetch(`http://127.0.0.1:${port}/__admin/health`);
    expect(health.status).toBe(200);
    const results = await Promise.all(slow.map((s) => s.closed));
    for (const r of results) {
      expect(r.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(r.afterMs).toBeLessThan(8_000);
    }
  });

  it('a body that never ends is cut off after the request timeout', { timeout: 15_000 }, async () => {
    const { closed } = trickle('POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n', 'x', 200);
    const r = await closed;
    expect(r.afterMs).toBeLessThan(8_000);
    expect((await fetch(`http://127.0.0.1:${port}/__admin/health`)).status).toBe(200);
  });
});
