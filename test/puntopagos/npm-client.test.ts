/**
 * puntopagos-node 1.3.2, the one PuntoPagos client on npm, driven unmodified through its
 * public API (pay, validate, generateId, paymentMethod, config). Its base URL is hard-coded
 * (https://www.puntopagos.com/, or the sandbox host when NODE_ENV=debug) and it sends with the
 * `request` library over node:https, so its users point it at Pasarela the only way it allows:
 * MSW on the real host. Twice: answered in process by the sandbox's handlers, and forwarded
 * by MSW over real HTTP to the sandbox's listener.
 *
 * Its config(key, secret) assigns its parameters to themselves (they shadow the module's
 * variables), so it always signs with its placeholder key "replace_with_production_key":
 * the emulator's merchant is configured with that key and secret.
 */
import { createRequire } from 'node:module';
import { http, type HttpHandler } from 'msw';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';

interface PuntoPagosNode {
  paymentMethod: Record<string, { code: number; displayName: string }>;
  config(key: string, secret: string): void;
  generateId(): string;
  pay(trxId: string, amount: number, method: { code: number }, cb: (err: string | null, data: { token: string | null; redirect: string | null }) => void): void;
  validate(token: string, trxId: string, price: number, cb: (err: string | null, data: string | null) => void): void;
}

// The module logs its mode and "Pagando..." on every pay: keep the test output clean.
vi.spyOn(console, 'log').mockImplementation(() => {});
const client = createRequire(import.meta.url)('puntopagos-node') as PuntoPagosNode;
const merchant = { key: 'replace_with_production_key', secret: 'replace_with_production_secret', fechaWindowSeconds: 120 };

const pay = (trxId: string, amount: number) =>
  new Promise<{ err: string | null; token: string | null; redirect: string | null }>((resolve) => client.pay(trxId, amount, client.paymentMethod.webpay!, (err, data) => resolve({ err, ...data })));
const validate = (token: string, trxId: string, price: number) =>
  new Promise<{ err: string | null; data: string | null }>((resolve) => client.validate(token, trxId, price, (err, data) => resolve({ err, data })));

function flows(sandbox: () => ReturnType<typeof createSandbox>) {
  it('pay(): a 19-digit generated trx_id, "15000.00" and medio_pago 3 create a transaction; redirect is the hosted page', async () => {
    const trxId = client.generateId();
    expect(trxId).toMatch(/^[1-8]\d{18}$/);
    const { err, token, redirect } = await pay(trxId, 15000);
    expect(err).toBeNull();
    expect(token).toMatch(/^[A-Z0-9]{16}$/);
    expect(redirect).toBe(`https://www.puntopagos.com/transaccion/procesar/${token}`);
    const sent = sandbox().journal.entries({ path: '/transaccion/crear' }).at(-1)!;
    // The journal masks the 19-digit id when it looks like a card number; the signature was checked on the full one.
    expect(sent.request.body).toMatchObject({ trx_id: expect.stringMatching(/^\d{6}[\d*]{9}\d{4}$/), monto: '15000.00', medio_pago: 3 });
    expect(sent.request.headers).toMatchObject({ 'user-agent': 'puntopagos-node-1.3.0.js', 'content-type': 'application/json; charset=utf-8', 'accept-charset': 'utf-8' });
    expect(sent.request.headers.fecha).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it('validate(): "Codigo pago errorneo" before paying, "Compra OK" once the sandbox Visa paid', async () => {
    const trxId = client.generateId();
    const { token } = await pay(trxId, 4990);
    expect(await validate(token!, trxId, 4990)).toEqual({ err: 'Codigo pago errorneo', data: null });
    await sandbox().complete({ id: token!, card: '4051885600446623' });
    expect(await validate(token!, trxId, 4990)).toEqual({ err: null, data: 'Compra OK' });
    const sent = sandbox().journal.entries({ path: `/transaccion/${token}` }).at(-1)!;
    expect(sent.method).toBe('GET');
    expect(sent.request.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('a rejected payment (the sandbox Mastercard) is "Codigo pago errorneo"', async () => {
    const trxId = client.generateId();
    const { token } = await pay(trxId, 2000);
    await sandbox().complete({ id: token!, card: '5186059559590568' });
    expect(await validate(token!, trxId, 2000)).toEqual({ err: 'Codigo pago errorneo', data: null });
  });

  it('pay() with 1000.5 sends "1000.5.00": refused with 99, the client says "Cannot complete transaction 0x1735"', async () => {
    const { err, token } = await pay(client.generateId(), 1000.5);
    expect({ err, token }).toEqual({ err: 'Cannot complete transaction 0x1735', token: null });
    expect(sandbox().journal.entries({ path: '/transaccion/crear' }).at(-1)!.response.body).toMatchObject({ respuesta: '99', error: 'Input string was not in a correct format.' });
  });

  it('config() does not change the key it signs with (the parameters shadow the module variables)', async () => {
    client.config('sandbox-key', 'sandbox-secret');
    await pay(client.generateId(), 100);
    const sent = sandbox().journal.entries({ path: '/transaccion/crear' }).at(-1)!;
    expect(sent.merchant).toBe('replace_with_production_key');
  });
}

describe('puntopagos-node through MSW, answered in process', () => {
  const sandbox = createSandbox({ providers: ['puntopagos'], merchants: { puntopagos: [merchant] }, logError: () => {} });
  useMsw(() => sandbox.handlers());
  flows(() => sandbox);
});

describe('puntopagos-node through MSW, forwarded over real HTTP to the listener', () => {
  const sandbox = createSandbox({ providers: ['puntopagos'], merchants: { puntopagos: [merchant] }, logError: () => {} });
  let base = '';
  beforeAll(async () => {
    base = (await sandbox.start({ port: 0 })).urls.puntopagos!;
  });
  afterAll(() => sandbox.stop());
  const forward: HttpHandler = http.all('https://www.puntopagos.com/*', async ({ request }) => {
    const url = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    return fetch(`${base}${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body });
  });
  useMsw(() => [forward]);
  flows(() => sandbox);

  it('the exchanges went over HTTP', () => {
    expect(new Set(sandbox.journal.entries({ path: '/transaccion/*' }).map((e) => e.transport))).toEqual(new Set(['http']));
  });
});
