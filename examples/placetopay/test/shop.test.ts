// The shop's checkout against the emulator: create → pay → notification → verify → query.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type FreshMerchant } from 'pasarela/vitest';
import { listenForNotifications, Shop } from '../src/shop.js';

const pasarela = connect(inject('pasarela').urls);

describe('checkout with PlacetoPay', () => {
  let shop: Shop;
  let site: FreshMerchant<'placetopay'>;
  let receiver: Awaited<ReturnType<typeof listenForNotifications>>;

  beforeAll(async () => {
    receiver = await listenForNotifications((body) => shop.onNotification(body));
    // Own credentials for this file (own, empty state); the notification URL is a merchant setting, as on the real service.
    site = await pasarela.freshMerchant('placetopay', { notificationUrl: receiver.url });
    shop = new Shop({ login: site.login, secretKey: site.secretKey, baseUrl: site.baseUrl, returnUrl: 'https://shop.example/return' });
  });
  afterAll(() => receiver.close());
  // The virtual clock is the whole sandbox's: put it back for the next test.
  afterEach(() => pasarela.clock.reset());

  it('approved: the signed notification arrives, the shop verifies it and the order is paid', async () => {
    const { requestId, processUrl } = await shop.checkout('ORDER-1', 25);
    expect(processUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    // The buyer pays on the hosted page; here without a browser, with a test card.
    await pasarela.complete({ id: String(requestId), card: '4110760000000081' });
    const [delivery] = await pasarela.webhooks.flush();
    expect(delivery).toMatchObject({ provider: 'placetopay', subject: String(requestId), state: 'delivered' });
    expect(shop.orders.get('ORDER-1')?.state).toBe('paid');
  });

  it('declined: the session stays PENDING for a retry, no notification is sent, the query shows the rejected attempt', async () => {
    const { requestId } = await shop.checkout('ORDER-2', 25);
    await pasarela.complete({ id: String(requestId), card: '4110760000000016' });
    await pasarela.webhooks.flush();
    expect(await pasarela.webhooks.list({ subject: String(requestId) })).toEqual([]);
    expect(await shop.refresh('ORDER-2')).toBe('declined');
  });

  it('pending: the shop waits; when the transaction resolves the notification says so', async () => {
    const { requestId } = await shop.checkout('ORDER-3', 25);
    // A test card whose transaction stays PENDING for 180 s of virtual time, then is approved.
    await pasarela.complete({ id: String(requestId), card: '4110760000000024' });
    expect(await shop.refresh('ORDER-3')).toBe('pending');
    expect(await pasarela.webhooks.list({ subject: String(requestId) })).toEqual([]);
    // Within the ±5 minutes PlacetoPay allows between the auth seed and its clock: the shop's
    // own requests (with the real time) still authenticate after the jump.
    await pasarela.clock.advance(180);
    await pasarela.webhooks.flush();
    expect(shop.orders.get('ORDER-3')?.state).toBe('paid');
  });

  it('a notification with a wrong signature is refused', async () => {
    const { requestId } = await shop.checkout('ORDER-4', 25);
    const forged = { requestId, reference: 'ORDER-4', status: { status: 'APPROVED', reason: '00', message: '', date: new Date().toISOString() }, signature: 'f'.repeat(40) };
    expect(await shop.onNotification(forged)).toEqual({ status: 400 });
    expect(shop.orders.get('ORDER-4')?.state).toBe('awaiting-payment');
  });
});
