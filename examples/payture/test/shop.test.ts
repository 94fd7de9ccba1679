// The shop's checkout against the emulator: session → pay on the page → notification → GetState.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type FreshMerchant } from 'pasarela/vitest';
import { listenForNotifications, Shop } from '../src/shop.js';

const pasarela = connect(inject('pasarela').urls);

describe('checkout with Payture InPay', () => {
  let shop: Shop;
  let site: FreshMerchant<'payture'>;
  let receiver: Awaited<ReturnType<typeof listenForNotifications>>;

  beforeAll(async () => {
    receiver = await listenForNotifications((raw) => shop.onNotification(raw));
    // Payture support configures the notification URL per terminal; here it is a merchant setting.
    site = await pasarela.freshMerchant('payture', { notificationUrl: receiver.url });
    shop = new Shop({ key: site.key, password: site.password, baseUrl: site.baseUrl });
  });
  afterAll(() => receiver.close());

  it('approved: the notification arrives, GetState confirms, the order is paid', async () => {
    const { sessionId, redirectUrl } = await shop.checkout('ORDER-1', 150000);
    expect(redirectUrl).toContain(sessionId);
    // The buyer types a test card on Payture's page; here without a browser.
    await pasarela.complete({ id: sessionId, card: '4111111111100031' });
    const deliveries = await pasarela.webhooks.flush();
    expect(deliveries.filter((d) => d.merchant === site.key).map((d) => d.state)).toContain('delivered');
    expect(shop.orders.get('ORDER-1')?.state).toBe('paid');
  });

  it('declined: insufficient funds (AMOUNT_EXCEED); GetState does not say Charged', async () => {
    const { sessionId } = await shop.checkout('ORDER-2', 150000);
    await pasarela.complete({ id: sessionId, card: '3300000000000001' });
    await pasarela.webhooks.flush();
    expect(await shop.refresh('ORDER-2')).toBe('declined');
  });

  it('pending: until the buyer pays, the order is New and nothing is notified for it', async () => {
    await shop.checkout('ORDER-3', 150000);
    expect(await shop.refresh('ORDER-3')).toBe('awaiting-payment');
    await pasarela.webhooks.flush();
    const mine = (await pasarela.webhooks.list()).filter((d) => d.merchant === site.key && JSON.stringify(d).includes('ORDER-3'));
    expect(mine).toEqual([]);
  });

  it('a body that is not a Payture notification is refused', async () => {
    expect(await shop.onNotification('hello=world')).toEqual({ status: 400 });
  });
});
