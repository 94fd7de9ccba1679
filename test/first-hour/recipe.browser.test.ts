// The PlacetoPay recipe once through the real hosted page, in Chromium: the shop creates a
// session, the buyer types a test card on the page at processUrl, the signed notification
// reaches the shop's receiver and verifies, and the query says APPROVED.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlacetoPay, verifyNotification } from '../../clients/placetopay/index.ts';
import { connect } from '../../emulators/remote.ts';
import { launch } from '../browser/chromium.ts';
import { startReceiver } from '../helpers/receiver.ts';
import { useSandbox } from '../helpers/sandbox.ts';

describe('recipe: PlacetoPay through the hosted page', () => {
  const ref = useSandbox({ providers: ['placetopay'] });
  let browser: Browser;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
  });

  it('create → pay on the page → notification verified → query APPROVED', async () => {
    const pasarela = connect(ref.urls);
    const site = await pasarela.freshMerchant('placetopay', { notificationUrl: `${receiver.url}/notify` });
    const shop = new PlacetoPay({ login: site.login, secretKey: site.secretKey, baseUrl: site.baseUrl });
    const { requestId, processUrl } = await shop.createSession({
      payment: { reference: 'BROWSER-1', amount: { currency: 'USD', total: 12 } },
      ipAddress: '127.0.0.1', userAgent: 'recipe', returnUrl: `${receiver.url}/return`,
    });

    const page = await browser.newPage();
    await page.goto(processUrl);
    await page.fill('#cardNumber', '4110 7600 0000 0081');
    await page.fill('#expiry', '12/30');
    await page.fill('#cvv', '123');
    await page.click('[data-testid="pay"]');
    await page.locator('[data-status="APPROVED"]').first().waitFor();
    await page.close();

    await pasarela.webhooks.flush();
    const notification = receiver.received.find((r) => r.path === '/notify');
    expect(notification).toBeDefined();
    const body = JSON.parse(notification!.body) as Parameters<typeof verifyNotification>[0] & { requestId: number };
    expect(body.requestId).toBe(requestId);
    expect(verifyNotification(body, site.secretKey)).toBe(true);
    expect(verifyNotification(body, 'another-secret')).toBe(false);
    expect((await shop.query(requestId)).status.status).toBe('APPROVED');
  });
});
