// Notifications to the merchant: signed POST or bare GET, acknowledgements, retries, and a
// merchant that queries the status while PuntoPagos waits for its answer.
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PuntoPagos } from '../../clients/puntopagos/index.ts';
import { parseHttpDate } from '../../clients/puntopagos/signature.ts';
import { validate } from '../../contracts/index.ts';
import { createSandbox } from '../../emulators/index.ts';
import { startReceiver } from '../helpers/receiver.ts';
import { useMsw } from '../helpers/msw.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { nextTrxId } from './signed.ts';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

const SHOP = 'https://shop.example';
const seen: Seen[] = [];
let ack: (body: string) => Response = (body) => HttpResponse.json({ respuesta: '00', token: JSON.parse(body).token });
let onQueryBack: (body: string) => Promise<void> = async () => {};

const record = async (request: Request) => {
  const body = await request.text();
  seen.push({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body });
  return body;
};

describe('PuntoPagos notifications', () => {
  useMsw(() => [
    http.post(`${SHOP}/pp/notify`, async ({ request }) => HttpResponse.json({ respuesta: '00', token: JSON.parse(await record(request)).token })),
    http.get(`${SHOP}/pp/get/*`, async ({ request }) => (await record(request), new HttpResponse('ok'))),
    http.post(`${SHOP}/pp/ack`, async ({ request }) => ack(await record(request))),
    http.post(`${SHOP}/pp/query-back`, async ({ request }) => {
      const body = await record(request);
      await onQueryBack(body);
      return HttpResponse.json({ respuesta: '00', token: JSON.parse(body).token });
    }),
  ]);
  const ref = useSandbox({ providers: ['puntopagos'] });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const base = () => ref.urls.puntopagos!;

  const merchants = () => [
    { key: 'auto-https', secret: 's1', notificationUrl: `${SHOP}/pp/notify` },
    { key: 'auto-http', secret: 's2', notificationUrl: `${receiver.url}/pp/notify?token=` },
    { key: 'forced-post', secret: 's3', notificationUrl: `${receiver.url}/pp/post`, notificationMode: 'post' },
    { key: 'forced-get', secret: 's4', notificationUrl: `${SHOP}/pp/get/`, notificationMode: 'get' },
    { key: 'sha512-shop', secret: 's5', notificationUrl: `${SHOP}/pp/notify`, algorithm: 'sha512' },
    { key: 'ack-shop', secret: 's6', notificationUrl: `${SHOP}/pp/ack` },
    { key: 'query-back', secret: 's7', notificationUrl: `${SHOP}/pp/query-back` },
    { key: 'no-url', secret: 's8' },
  ];
  const secretOf = (key: string) => merchants().find((m) => m.key === key)!.secret;
  const algorithmOf = (key: string) => (merchants().find((m) => m.key === key) as { algorithm?: 'sha512' }).algorithm;

  beforeAll(async () => {
    receiver = await startReceiver(() => ({ status: 200, body: 'gracias' }));
    for (const m of merchants()) {
      const res = await fetch(`${base()}/__admin/merchants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m) });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => receiver?.close());

  const client = (key: string, o: Partial<ConstructorParameters<typeof PuntoPagos>[0]> = {}) =>
    new PuntoPagos({ key, secret: secretOf(key), algorithm: algorithmOf(key), baseUrl: base(), now: () => ref.sandbox.clock.now(), ...o });
  const create = async (key: string, monto: number | string = 1000) => {
    const trx_id = nextTrxId();
    const res = await client(key).create({ trx_id, monto, medio_pago: 3 });
    expect(res.data?.respuesta).toBe('00');
    return { token: res.data!.token!, trx_id, monto };
  };
  const complete = async (token: string, body: Record<string, unknown>) => {
    const res = await fetch(`${base()}/__admin/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: token, ...body }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { result: { notification: { state: string; attempts: { note?: string; ok: boolean }[] } | null; redirect: string | null } }).result;
  };
  const seenFor = (token: string) => seen.filter((s) => s.body.includes(token) || s.url.endsWith(token));

  it('https URL (auto): a signed POST whose signature verifies with the merchant\'s secret', async () => {
    const tx = await create('auto-https', '1000');
    const result = await complete(tx.token, { card: '4051885600446623' });
    expect(result.notification?.state).toBe('delivered');
    const [n] = seenFor(tx.token);
    expect(n!.method).toBe('POST');
    expect(n!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(n!.headers.autorizacion).toMatch(/^PP auto-https:[A-Za-z0-9+/]{27}=$/);
    expect(Math.abs(parseHttpDate(n!.headers.fecha)! - ref.sandbox.clock.nowMs())).toBeLessThan(5000);
    expect(n!.body).toContain('"monto":1000.00');
    expect(validate('puntopagos', 'notification.request', JSON.parse(n!.body)).errors).toEqual([]);
    expect(JSON.parse(n!.body)).toMatchObject({ respuesta: '00', token: tx.token, trx_id: String(tx.trx_id), numero_tarjeta: '6623', codigo_autorizacion: '281172' });

    expect(client('auto-https').verifyNotification(n!.headers, n!.body)).toBe(true);
    expect(client('auto-https').verifyNotification(new Headers(n!.headers), JSON.parse(n!.body))).toBe(true);
    expect(client('auto-https', { secret: 'other' }).verifyNotification(n!.headers, n!.body)).toBe(false);
    expect(client('auto-http', { secret: 's1' }).verifyNotification(n!.headers, n!.body)).toBe(false);
    expect(client('auto-https').verifyNotification(n!.headers, n!.body.replace('"monto":1000.00', '"monto":1.00'))).toBe(false);
    expect(client('auto-https').verifyNotification({ ...n!.headers, fecha: 'Mon, 15 Jun 2009 20:48:30 GMT' }, n!.body)).toBe(false);
    expect(client('auto-https').verifyNotification(n!.headers, 'not json')).toBe(false);
    expect(client('auto-https').verifyNotification({}, n!.body)).toBe(false);
  });

  it('http URL (auto): GET {url}{token} with no body, accepted on any 2xx', async () => {
    const tx = await create('auto-http');
    const result = await complete(tx.token, { card: '4051885600446623' });
    expect(result.notification?.state).toBe('delivered');
    const got = receiver.received.filter((r) => r.path.endsWith(tx.token));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ method: 'GET', path: `/pp/notify?token=${tx.token}`, body: '' });
    expect(got[0]!.headers.autorizacion).toBeUndefined();
  });

  it('notificationMode post / get force the variant whatever the scheme', async () => {
    const post = await create('forced-post');
    await complete(post.token, { outcome: 'approved' });
    const posted = receiver.received.find((r) => r.body.includes(post.token))!;
    expect(posted.method).toBe('POST');
    expect(client('forced-post').verifyNotification(posted.headers as Record<string, string>, posted.body)).toBe(true);

    const get = await create('forced-get');
    await complete(get.token, { outcome: 'approved' });
    expect(seenFor(get.token).map((s) => [s.method, s.url])).toEqual([['GET', `${SHOP}/pp/get/${get.token}`]]);
  });

  it('an HMAC-SHA512 merchant gets notifications signed with SHA-512', async () => {
    const tx = await create('sha512-shop');
    await complete(tx.token, { outcome: 'approved' });
    const [n] = seenFor(tx.token);
    expect(n!.headers.autorizacion).toMatch(/^PP sha512-shop:[A-Za-z0-9+/]{86}==$/);
    expect(client('sha512-shop', { algorithm: 'sha512' }).verifyNotification(n!.headers, n!.body)).toBe(true);
    expect(client('sha512-shop', { algorithm: 'sha1' }).verifyNotification(n!.headers, n!.body)).toBe(false);
  });

  it('a rejected payment is notified with trx_id and monto, and verifies; an abandoned one is not notified', async () => {
    const rejected = await create('auto-https', 2500);
    await complete(rejected.token, { card: '5186059559590568' });
    const [n] = seenFor(rejected.token);
    expect(JSON.parse(n!.body)).toMatchObject({ respuesta: '1', error: 'Transaccion rechazada', trx_id: String(rejected.trx_id), monto: 2500 });
    expect(client('auto-https').verifyNotification(n!.headers, n!.body)).toBe(true);

    const left = await create('auto-https');
    expect((await complete(left.token, { outcome: 'abandoned' })).notification).toBeNull();
    expect(seenFor(left.token)).toHaveLength(0);
  });

  it.each([
    ['{"respuesta":"00","token":"<token>"}', 200, 'delivered', /respuesta "00"/],
    ['{"respuesta":"99","token":"<token>","error":"Firma invalida"}', 200, 'pending', /respuesta "99".*Firma invalida/],
    ['Notice: undefined index\n{"respuesta":"00","token":"<token>"}', 200, 'delivered', /text before the JSON/],
    ['{"response":"00"}', 200, 'delivered', /key "response" instead of "respuesta"/],
    ['{"respuesta":"00","token":"SOMEONEELSE"}', 200, 'delivered', /token "SOMEONEELSE" is not/],
    ['<html>Fatal error</html>', 200, 'pending', /not an acknowledgement/],
    ['', 204, 'pending', /not an acknowledgement/],
    ['{"respuesta":"00"}', 500, 'pending', /HTTP 500/],
  ])('the merchant answers %j (HTTP %s): %s, recorded, nothing breaks', async (reply, status, state, note) => {
    const tx = await create('ack-shop');
    ack = () => new HttpResponse(reply.replace('<token>', tx.token), { status, headers: { 'content-type': 'application/json' } });
    const result = await complete(tx.token, { card: '4051885600446623' });
    expect(result.notification?.state).toBe(state);
    expect(result.notification?.attempts[0]?.note).toMatch(note);
    expect((await client('ack-shop').status(tx)).data?.respuesta).toBe('00');
  });

  it('a refused notification is retried 30 s later on the virtual clock, re-signed with a new Fecha', async () => {
    const tx = await create('ack-shop');
    ack = () => HttpResponse.json({ respuesta: '99', error: 'try again' });
    await complete(tx.token, { outcome: 'approved' });
    ack = (body) => HttpResponse.json({ respuesta: '00', token: JSON.parse(body).token });
    ref.sandbox.clock.advance(30);
    await ref.sandbox.webhooks.flush();
    const [first, second] = seenFor(tx.token);
    expect(second).toBeDefined();
    expect(parseHttpDate(second!.headers.fecha)! - parseHttpDate(first!.headers.fecha)!).toBeGreaterThanOrEqual(30_000);
    expect(second!.headers.autorizacion).not.toBe(first!.headers.autorizacion);
    expect(client('ack-shop').verifyNotification(second!.headers, second!.body)).toBe(true);
    const [delivery] = ref.sandbox.webhooks.deliveries({ subject: tx.token });
    expect(delivery).toMatchObject({ state: 'delivered', attempts: [{ ok: false }, { ok: true }] });
    // The log keeps the key id and hides the signature.
    expect(delivery!.request.headers.Autorizacion ?? delivery!.request.headers.autorizacion).toBe('PP ack-shop:[redacted]');
  });

  it('status queries are answered while PuntoPagos waits for the merchant\'s reply', async () => {
    const tx = await create('query-back', 4200);
    const order: string[] = [];
    onQueryBack = async (body) => {
      const n = JSON.parse(body) as { token: string; trx_id: string; monto: number };
      const status = await client('query-back').status({ token: n.token, trx_id: n.trx_id, monto: n.monto });
      order.push(`status ${status.data?.respuesta}`);
    };
    const result = await complete(tx.token, { card: '4051885600446623' });
    order.push('complete returned');
    expect(order).toEqual(['status 00', 'complete returned']);
    expect(result.notification?.state).toBe('delivered');
  });

  it('the page waits for the notification, then redirects (the merchant has heard first)', async () => {
    const tx = await create('query-back');
    let heard = false;
    onQueryBack = async () => {
      await new Promise((r) => setTimeout(r, 50));
      heard = true;
    };
    const res = await fetch(`${base()}/transaccion/procesar/${tx.token}`, {
      method: 'POST',
      body: new URLSearchParams({ cardNumber: '4051885600446623', accion: 'pagar' }),
      redirect: 'manual',
    });
    expect(heard).toBe(true);
    expect(res.status).toBe(200); // no success URL configured for this merchant: the result page
  });

  it('a merchant without a notification URL is not notified', async () => {
    const tx = await create('no-url');
    expect((await complete(tx.token, { outcome: 'approved' })).notification).toBeNull();
  });
});

describe('PuntoPagos notification options', () => {
  const sandbox = createSandbox({
    providers: ['puntopagos'],
    merchants: { puntopagos: [{ key: 'k', secret: 's', notificationUrl: `${SHOP}/pp/options` }] },
    options: { puntopagos: { notifyOn: ['00'], awaitNotification: false } },
    logError: () => {},
  });
  const got: string[] = [];
  useMsw(() => [
    ...sandbox.handlers(),
    http.post(`${SHOP}/pp/options`, async ({ request }) => {
      got.push(await request.text());
      return HttpResponse.json({ respuesta: '00' });
    }),
  ]);
  afterAll(() => sandbox.stop());
  const client = new PuntoPagos({ key: 'k', secret: 's', now: () => sandbox.clock.now() });

  it('notifyOn limits the notified codes; awaitNotification false returns before the first attempt', async () => {
    const rejected = await client.create({ trx_id: nextTrxId(), monto: 10 });
    const r1 = await sandbox.complete({ id: rejected.data!.token!, outcome: 'rejected' });
    expect((r1.result as { notification: unknown }).notification).toBeNull();

    const approved = await client.create({ trx_id: nextTrxId(), monto: 10 });
    const r2 = await sandbox.complete({ id: approved.data!.token!, outcome: 'approved' });
    expect((r2.result as { notification: { attempts: unknown[] } }).notification.attempts).toEqual([]);
    await sandbox.webhooks.flush();
    expect(got.filter((b) => b.includes(approved.data!.token!))).toHaveLength(1);
    expect(got.filter((b) => b.includes(rejected.data!.token!))).toHaveLength(0);
  });
});
