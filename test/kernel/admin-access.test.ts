/**
 * The admin API and the inspector over real HTTP: no cross-origin page, no rebinding Host
 * and, beyond loopback, no caller without the token can read or change the sandbox. The
 * providers' own routes keep their behaviour. In-process calls (tests, MSW) are trusted.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../emulators/index.ts';
import { connect } from '../../emulators/remote.ts';
import { useSandbox } from '../helpers/sandbox.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** node:http, so that Host can be set as a rebinding browser would send it. */
function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { ...init.headers, ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}) };
    const r = request(url, { method: init.method ?? 'GET', headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    r.on('error', reject);
    r.end(init.body);
  });
}

const EVIL = 'https://evil.example';
const concrete = (path: string) => path.replace(/:[a-z]+/gi, 'x');

/** What a request could have changed: state, clock, faults, scenario queue, webhooks. */
const stateOf = (s: Sandbox) => JSON.stringify({ ...s.snapshot(), takenAt: undefined, faults: s.faults.list(), queue: s.scenarios.list() });

describe('on loopback, without a token', () => {
  const ref = useSandbox();
  let before = '';
  beforeAll(async () => {
    // Something to lose: a session, a fault, a queued scenario.
    const site = await (await ref.sandbox.admin('merchants', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"provider":"placetopay","fresh":true}' })).json();
    expect(site.merchant.login).toBeTruthy();
    await ref.sandbox.admin('faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"provider":"tpaga","path":"/api/x","action":{"type":"status","status":503}}' });
    before = stateOf(ref.sandbox);
  });

  it('every admin route, on the control port and on each provider port, refuses a cross-origin simple request and its preflight', async () => {
    const routes = ref.sandbox.adminRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const bases = Object.values(ref.urls);
    const seen: string[] = [];
    for (const base of bases) {
      for (const { method, path } of routes) {
        const url = `${base}${concrete(path)}`;
        const simple = await send(url, { method, headers: { origin: EVIL, 'content-type': 'text/plain' }, body: method === 'GET' ? undefined : '{}' });
        seen.push(`${simple.status} ${method} ${url}`);
        expect(simple.status, `${method} ${url}`).toBe(403);
        expect(JSON.parse(simple.text).error.message).toMatch(/Cross-origin/);
        expect(simple.headers['access-control-allow-origin']).toBeUndefined();
        const preflight = await send(url, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' } });
        expect(preflight.status, `OPTIONS ${url}`).toBe(403);
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      }
    }
    expect(seen.length).toBe(bases.length * routes.length);
    expect(stateOf(ref.sandbox)).toBe(before);
  });

  it('a text/plain or form post without an Origin is refused (415): only JSON bodies reach the admin API', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await send(`${ref.urls.control}/__admin/reset`, { method: 'POST', headers: { 'content-type': type }, body: '{}' });
      expect(res.status).toBe(415);
      expect(JSON.parse(res.text).error.message).toMatch(/application\/json/);
    }
    expect(stateOf(ref.sandbox)).toBe(before);
  });

  it('a rebinding Host is refused on the admin API and the inspector, on every port', async () => {
    for (const base of Object.values(ref.urls)) {
      const port = new URL(base).port;
      const res = await send(`${base}/__admin/journal`, { headers: { host: `rebind.evil.example:${port}` } });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text).error.message).toMatch(/DNS rebinding/);
    }
    for (const path of ['/', '/__inspector/events', '/__inspector/section/journal']) {
      expect((await send(`${ref.urls.control}${path}`, { headers: { host: 'rebind.evil.example' } })).status).toBe(403);
    }
    const reset = await send(`${ref.urls.control}/__admin/reset`, { method: 'POST', headers: { host: '10.0.0.9:4100', 'content-type': 'application/json' }, body: '{}' });
    expect(reset.status).toBe(403);
    expect(stateOf(ref.sandbox)).toBe(before);
  });

  it('loopback names, the own origin (the inspector) and JSON bodies are served', async () => {
    const control = ref.urls.control!;
    const port = new URL(control).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `app.localhost:${port}`]) expect((await send(`${control}/__admin/health`, { headers: { host } })).status).toBe(200);
    const own = await send(`${control}/__admin/clock`, { method: 'POST', headers: { origin: control, 'content-type': 'application/json; charset=utf-8' }, body: '{"advanceSeconds":0}' });
    expect(own.status).toBe(200);
    // The inspector page on the control port calls a provider port's admin API: also its own origin.
    expect((await send(`${ref.urls.tpaga}/__admin/health`, { headers: { origin: control } })).status).toBe(200);
    expect((await send(`${control}/`)).status).toBe(200);
  });

  it("the providers' own routes keep their behaviour (Tpaga's CORS for browser tokenization)", async () => {
    const preflight = await send(`${ref.urls.tpaga}/api/tokenize/credit_card`, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-origin']).toBeDefined();
  });

  it('in-process calls (the test itself, MSW) are not checked', async () => {
    expect((await ref.sandbox.admin('journal', { headers: { origin: EVIL } })).status).toBe(200);
  });
});

describe('with an admin token', () => {
  const token = 'a-long-admin-token-1';
  let sandbox: Sandbox;
  let urls: Record<string, string>;
  beforeAll(async () => {
    sandbox = createSandbox({ admin: { token, allowHosts: ['devbox.lan'] }, logError: () => {} });
    urls = (await sandbox.start({ port: 0 })).urls;
  });
  afterAll(() => sandbox.stop());

  it('refuses callers without it (401), serves the Bearer header, keeps health open', async () => {
    expect((await send(`${urls.control}/__admin/journal`)).status).toBe(401);
    expect((await send(`${urls.payture}/__admin/journal`, { headers: { authorization: 'Bearer wrong-token-xx' } })).status).toBe(401);
    expect((await send(`${urls.control}/`)).status).toBe(401);
    expect((await send(`${urls.control}/__admin/journal`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await send(`${urls.control}/__admin/health`)).status).toBe(200);
    // An allowed host name, with the token.
    expect((await send(`${urls.control}/__admin/journal`, { headers: { host: 'devbox.lan:4100', authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('a one-time login URL sets the cookie the inspector then uses; the link works once', async () => {
    const login = sandbox.loginUrl()!;
    expect(login).toMatch(/\/__admin\/login\?code=/);
    const first = await send(login);
    expect(first.status).toBe(303);
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await send(`${urls.control}/`, { headers: { cookie } })).status).toBe(200);
    expect((await send(`${urls.control}/__admin/reset`, { method: 'POST', headers: { cookie, origin: urls.control!, 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
    expect((await send(login)).status).toBe(403);
  });

  it('connect() passes it (option or PASARELA_ADMIN_TOKEN)', async () => {
    await expect(connect(urls).journal()).rejects.toThrow(/401/);
    expect(await connect(urls, { adminToken: token }).journal()).toEqual(expect.any(Array));
    process.env.PASARELA_ADMIN_TOKEN = token;
    try {
      expect(await connect(urls).journal()).toEqual(expect.any(Array));
    } finally {
      delete process.env.PASARELA_ADMIN_TOKEN;
    }
  });
});

describe('beyond loopback without a token', () => {
  let sandbox: Sandbox;
  let urls: Record<string, string>;
  beforeAll(async () => {
    sandbox = createSandbox({ logError: () => {} });
    urls = (await sandbox.start({ host: '0.0.0.0', port: 0 })).urls;
  });
  afterAll(() => sandbox.stop());

  it('the admin API refuses every call but health, even from loopback; the providers still answer', async () => {
    expect(sandbox.exposed).toBe(true);
    const local = (u: string) => u.replace('0.0.0.0', '127.0.0.1');
    const res = await send(`${local(urls.control!)}/__admin/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).error.message).toMatch(/--admin-token/);
    expect((await send(`${local(urls.placetopay!)}/__admin/journal`)).status).toBe(403);
    expect((await send(`${local(urls.control!)}/`)).status).toBe(403);
    expect((await send(`${local(urls.control!)}/__admin/health`)).status).toBe(200);
    expect((await send(`${local(urls.placetopay!)}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  });
});
