// The shop's checkout against the emulator: create → pay → notification → verify → query.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type FreshMerchant } from 'pasarela/vitest';
import { listenForNotifications, Shop } from '../src/shop.js';

const pasarela = connect(inject('pasarela').urls);

describe('checkout with PuntoPagos', () => {
  let shop: Shop;
  let site: FreshMerchant<'puntopagos'>;
  let receiver: Awaited<ReturnType<typeof listenForNotifications>>;

  beforeAll(async () => {
    receiver = await listenForNotifications((headers, raw) => shop.onNotification(headers, raw));
    // On http URLs the real service only calls `GET {url}{token}`; `post` asks for the signed POST it sends to https ones.
    site = await pasarela.freshMerchant('puntopagos', { notificationUrl: receiver.url, notificationMode: 'post' });
    shop = new Shop({ key: site.key, secret: site.secret, baseUrl: site.baseUrl });
  });
  afterAll(() => receiver.close());

  it('approved: the signed notification arrives, is verified and acknowledged, and the order is paid', async () => {
    const { token, processUrl } = await shop.checkout(1001, 15000);
    expect(processUrl).toContain(`/transaccion/procesar/${token}`);
    // The buyer pays on the hosted page; here without a browser, with Webpay's test Visa.
    await pasarela.complete({ id: token, card: '4051885600446623' });
    const [delivery] = await pasarela.webhooks.flush();
    expect(delivery).toMatchObject({ provider: 'puntopagos', subject: token, state: 'delivered' });
    expect(shop.orders.get('1001')?.state).toBe('paid');
  });

  it('declined: Webpay\'s test Mastercard is rejected; the query says so', async () => {
    const { token } = await shop.checkout(1002, 15000);
    await pasarela.complete({ id: token, card: '5186059559590568' });
    await pasarela.webhooks.flush();
    expect(await shop.refresh('1002')).toBe('declined');
  });

  it('pending: until the buyer pays, the status is 6 and nothing is notified', async () => {
    const { token } = await shop.checkout(1003, 15000);
    expect(await shop.refresh('1003')).toBe('awaiting-payment');
    await pasarela.webhooks.flush();
    expect(await pasarela.webhooks.list({ subject: token })).toEqual([]);
    await pasarela.complete({ id: token, outcome: 'approved' });
    await pasarela.webhooks.flush();
    expect(shop.orders.get('1003')?.state).toBe('paid');
  });

  it('a notification without this merchant\'s signature is refused', async () => {
    const { token } = await shop.checkout(1004, 15000);
    const forged = await shop.onNotification({ fecha: new Date().toUTCString(), autorizacion: `PP ${site.key}:AAAA` }, JSON.stringify({ token, trx_id: 1004, monto: 15000, respuesta: '00' }));
    expect(forged.status).toBe(401);
    expect(shop.orders.get('1004')?.state).toBe('awaiting-payment');
  });
});
