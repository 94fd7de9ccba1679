// The hosted payment page over real HTTP, without a browser: GET the page, read its form, POST it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PuntoPagos } from '../../clients/puntopagos/index.ts';
import { startReceiver } from '../helpers/receiver.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { nextTrxId } from './signed.ts';

const SHOP = 'https://shop.example';

describe('PuntoPagos hosted page over HTTP', () => {
  const ref = useSandbox({ providers: ['puntopagos'] });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const base = () => ref.urls.puntopagos!;

  beforeAll(async () => {
    receiver = await startReceiver((r) => ({ status: 200, body: JSON.stringify({ respuesta: '00', token: JSON.parse(r.body || '{}').token }) }));
    const merchants = [
      { key: 'shop', secret: 'shop-secret', notificationUrl: `${receiver.url}/pp/notify`, notificationMode: 'post', successUrl: `${SHOP}/ok/`, failureUrl: `${SHOP}/fail/` },
      { key: 'webpay-shop', secret: 's', paymentMethods: [3], successUrl: `${SHOP}/ok?token=`, failureUrl: `${SHOP}/fail?token=` },
    ];
    for (const m of merchants) {
      const res = await fetch(`${base()}/__admin/merchants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m) });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => receiver?.close());

  const client = (key = 'shop', secret = 'shop-secret') => new PuntoPagos({ key, secret, baseUrl: base(), now: () => ref.sandbox.clock.now() });
  const create = async (extra: Record<string, unknown> = {}, key?: string, secret?: string) => {
    const trx_id = nextTrxId();
    const res = await client(key, secret).create({ trx_id, monto: '15000', detalle: 'Zapatillas', ...extra });
    expect(res.data?.respuesta).toBe('00');
    return { token: res.data!.token!, trx_id, monto: 15000 };
  };
  const page = async (path: string) => {
    const res = await fetch(`${base()}${path}`);
    return { status: res.status, html: await res.text() };
  };
  const formOf = (html: string) => {
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    const inputs = [...new Set([...html.matchAll(/<(?:input|select|button)[^>]*name="([^"]+)"/g)].map((m) => m[1]))];
    return { action, inputs };
  };
  const submit = (action: string, fields: Record<string, string>) =>
    fetch(`${base()}${action}`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  const statusOf = async (tx: { token: string; trx_id: number; monto: number }, key?: string, secret?: string) => (await client(key, secret).status(tx)).data!;
  const notificationsFor = (token: string) => receiver.received.filter((r) => r.body.includes(token) || r.path.endsWith(token));

  it('without medio_pago the buyer first chooses among the merchant\'s methods', async () => {
    const tx = await create();
    const { status, html } = await page(`/transaccion/procesar/${tx.token}`);
    expect(status).toBe(200);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('Zapatillas');
    expect(html).toContain('$15.000');
    expect(html).toContain(`href="/transaccion/procesar/${tx.token}?medio_pago=3"`);
    expect(html).toContain('WebPay Transbank');
    expect(html).toContain('Botón de Pago BCI');
    expect(formOf(html).action).toBeUndefined();
    // No scripts and nothing from another origin.
    expect(html).not.toMatch(/<script|<link|src="http/);

    const limited = await create({}, 'webpay-shop', 's');
    const only = await page(`/transaccion/procesar/${limited.token}`);
    expect([...only.html.matchAll(/data-medio-pago="(\d+)"/g)].map((m) => m[1])).toEqual(['3']);
  });

  it('pays with the Visa test card: notification first, then 303 to {successUrl}{token}; status 00', async () => {
    const tx = await create();
    const { html } = await page(`/transaccion/procesar/${tx.token}?medio_pago=3`);
    const form = formOf(html);
    expect(form.action).toBe(`/transaccion/procesar/${tx.token}`);
    expect(form.inputs).toEqual(expect.arrayContaining(['medio_pago', 'cardNumber', 'expiry', 'cvv', 'cuotas', 'outcome', 'accion']));
    const res = await submit(form.action!, { medio_pago: '3', cardNumber: '4051 8856 0044 6623', expiry: '12/30', cvv: '123', cuotas: '0', outcome: '', accion: 'pagar' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${SHOP}/ok/${tx.token}`);
    // The merchant heard before the browser was redirected.
    const notes = notificationsFor(tx.token);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.method).toBe('POST');
    expect(client().verifyNotification(notes[0]!.headers as Record<string, string>, notes[0]!.body)).toBe(true);
    expect(await statusOf(tx)).toMatchObject({ respuesta: '00', numero_tarjeta: '6623', medio_pago: '3' });
  });

  it('never keeps the full card number or the CVV: journal and state show 405188******6623', async () => {
    const tx = await create({ medio_pago: 3 });
    await submit(`/transaccion/procesar/${tx.token}`, { cardNumber: '4051885600446623', cvv: '123', accion: 'pagar' });
    const journal = JSON.stringify(ref.sandbox.journal.entries({ provider: 'puntopagos' }));
    const state = JSON.stringify(ref.sandbox.snapshot());
    for (const text of [journal, state, JSON.stringify(ref.sandbox.webhooks.deliveries())]) {
      expect(text).not.toContain('4051885600446623');
      expect(text).not.toMatch(/"cvv":"123"/);
    }
    expect(journal).toContain('405188******6623');
    // Page requests carry no credentials; the journal still names the merchant.
    expect(ref.sandbox.journal.entries({ provider: 'puntopagos', merchant: 'shop', path: `/transaccion/procesar/${tx.token}` })).toHaveLength(1);
  });

  it.each([
    ['the Mastercard test card', { cardNumber: '5186059559590568', cvv: '123', accion: 'pagar' }, '1'],
    ['"Anular compra"', { accion: 'anular' }, '2'],
    ['the outcome picker: issuer error', { cardNumber: '4051885600446623', outcome: 'issuer-error', accion: 'pagar' }, '7'],
    ['the outcome picker: charged with problems', { outcome: 'charged-with-problems', accion: 'pagar' }, '11'],
  ])('%s → 303 to {failureUrl}{token}, notified with its code', async (_name, fields, respuesta) => {
    const tx = await create({ medio_pago: 3 });
    const res = await submit(`/transaccion/procesar/${tx.token}`, fields);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${SHOP}/fail/${tx.token}`);
    expect((await statusOf(tx)).respuesta).toBe(respuesta);
    expect(JSON.parse(notificationsFor(tx.token)[0]!.body)).toMatchObject({ respuesta, token: tx.token, trx_id: String(tx.trx_id) });
  });

  it('"Volver al comercio" leaves it incomplete (6), unnotified, and payable later', async () => {
    const tx = await create({ medio_pago: 3 });
    const back = await submit(`/transaccion/procesar/${tx.token}`, { accion: 'volver' });
    expect(back.headers.get('location')).toBe(`${SHOP}/fail/${tx.token}`);
    expect((await statusOf(tx)).respuesta).toBe('6');
    expect(notificationsFor(tx.token)).toHaveLength(0);
    expect(formOf((await page(`/transaccion/procesar/${tx.token}`)).html).inputs).toContain('cardNumber');
    const paid = await submit(`/transaccion/procesar/${tx.token}`, { cardNumber: '4051885600446623', accion: 'pagar' });
    expect(paid.headers.get('location')).toBe(`${SHOP}/ok/${tx.token}`);
  });

  it('a processed transaction shows "Transaccion ya procesada" and refuses a second payment (409)', async () => {
    const tx = await create({ medio_pago: 3 });
    await submit(`/transaccion/procesar/${tx.token}`, { cardNumber: '4051885600446623', accion: 'pagar' });
    const again = await page(`/transaccion/procesar/${tx.token}`);
    expect(again.html).toContain('data-respuesta="5"');
    expect(again.html).toContain(`href="${SHOP}/ok/${tx.token}"`);
    const res = await submit(`/transaccion/procesar/${tx.token}`, { cardNumber: '5186059559590568', accion: 'pagar' });
    expect(res.status).toBe(409);
    expect((await statusOf(tx)).respuesta).toBe('00');
    expect(notificationsFor(tx.token)).toHaveLength(1);
  });

  it.each([
    ['a number that fails the Luhn check', { cardNumber: '4051885600446624' }, 'no es válido'],
    ['an expired card', { cardNumber: '4051885600446623', expiry: '12/20' }, 'vencida'],
    ['a 2-digit CVV', { cardNumber: '4051885600446623', cvv: '12' }, 'CVV'],
    ['no card and no outcome', {}, 'Ingrese el número de tarjeta'],
    ['an outcome that is not a payment outcome', { outcome: 'system-error' }, 'Resultado desconocido'],
  ])('%s: 422, the form again with the problem, nothing changed', async (_name, fields, message) => {
    const tx = await create({ medio_pago: 3 });
    const res = await submit(`/transaccion/procesar/${tx.token}`, { accion: 'pagar', ...fields });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('data-testid="error"');
    expect(html).toContain(message);
    expect((await statusOf(tx)).respuesta).toBe('6');
    expect(notificationsFor(tx.token)).toHaveLength(0);
  });

  it('a bank button (medio_pago 4) simulates the bank: no card fields, approved by default', async () => {
    const tx = await create({ medio_pago: 4 });
    const { html } = await page(`/transaccion/procesar/${tx.token}`);
    expect(formOf(html).inputs).not.toContain('cardNumber');
    const res = await submit(`/transaccion/procesar/${tx.token}`, { accion: 'pagar' });
    expect(res.headers.get('location')).toBe(`${SHOP}/ok/${tx.token}`);
    expect(await statusOf(tx)).toMatchObject({ respuesta: '00', medio_pago: '4', medio_pago_descripcion: 'Botón de Pago Banco de Chile', numero_tarjeta: null, tipo_cuotas: null });
  });

  it('Tarjeta Ripley (10) with its manual test card is approved', async () => {
    const tx = await create({ medio_pago: 10 });
    const res = await submit(`/transaccion/procesar/${tx.token}`, { cardNumber: '6281561467501027', cvv: '360', accion: 'pagar' });
    expect(res.headers.get('location')).toBe(`${SHOP}/ok/${tx.token}`);
    expect(await statusOf(tx)).toMatchObject({ respuesta: '00', medio_pago: '10', medio_pago_descripcion: 'Tarjeta Ripley', numero_tarjeta: '1027' });
  });

  it('a card the sandbox does not know is declined (option unknownCards)', async () => {
    const tx = await create({ medio_pago: 3 });
    await submit(`/transaccion/procesar/${tx.token}`, { cardNumber: '4111111111111111', accion: 'pagar' });
    expect((await statusOf(tx)).respuesta).toBe('1');
  });

  it('success URLs ending in "?token=" get the token appended verbatim', async () => {
    const tx = await create({}, 'webpay-shop', 's');
    const res = await submit(`/transaccion/procesar/${tx.token}`, { medio_pago: '3', cardNumber: '4051885600446623', accion: 'pagar' });
    expect(res.headers.get('location')).toBe(`${SHOP}/ok?token=${tx.token}`);
  });

  it('a merchant without return URLs sees the result on the page', async () => {
    const tx = await create({ medio_pago: 3 }, 'sandbox-key', 'sandbox-secret');
    const res = await submit(`/transaccion/procesar/${tx.token}`, { cardNumber: '4051885600446623', accion: 'pagar' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-respuesta="00"');
  });

  it('an unknown token is a 404 page; a method the merchant lacks shows the method list', async () => {
    const missing = await page('/transaccion/procesar/NOSUCHTOKEN00000');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('data-respuesta="4"');
    const tx = await create({}, 'webpay-shop', 's');
    expect((await page(`/transaccion/procesar/${tx.token}?medio_pago=5`)).html).toContain('data-testid="methods"');
  });
});
