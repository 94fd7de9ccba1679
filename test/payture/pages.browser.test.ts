/**
 * Payture's hosted pages in a real browser (Chromium via playwright-core, chosen by
 * test/browser/chromium.ts): the InPay page with a 3-D Secure card goes to the ACS simulator by itself (auto-posted form),
 * the cardholder authenticates, the browser comes back through ThreeDSReturn and the
 * result page sends it to the merchant's Url with {orderid} and {success} filled in. Then
 * an eWallet Add page stores a card.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Payture } from '../../clients/payture/index.ts';
import { startReceiver } from '../helpers/receiver.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { launch } from '../browser/chromium.ts';

describe('Payture hosted pages in a browser', () => {
  const ref = useSandbox({ providers: ['payture'], options: { payture: { redirectDelaySeconds: 0 } } });
  let browser: Browser;
  let shop: Awaited<ReturnType<typeof startReceiver>>;
  const payture = () => new Payture({ key: 'sandbox-merchant', password: 'sandbox-password', baseUrl: ref.urls.payture! });

  beforeAll(async () => {
    shop = await startReceiver(() => ({ status: 200, body: 'back at the shop' }));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  it('InPay: card with 3-D Secure → ACS → back to the shop, order Charged', async () => {
    const orderId = `BR-${Date.now().toString(36)}`;
    const init = await payture().inpay.init({ sessionType: 'Pay', orderId, amount: 12345, url: `${shop.url}/return?order={orderid}&ok={success}`, product: 'Concert ticket' });
    const page = await browser.newPage();
    await page.goto(init.redirectUrl!);
    expect(await page.textContent('[data-testid="amount"]')).toBe('123.45 RUB');
    await page.fill('#CardNumber', '5486732058864471');
    await page.fill('#EMonth', '12');
    await page.fill('#EYear', '30');
    await page.fill('#SecureCode', '123');
    await page.fill('#CardHolder', 'IVAN IVANOV');
    await Promise.all([page.waitForURL(/\/simulp3ds\/ACS\/$/), page.click('[data-testid="pay"]')]);
    await Promise.all([page.waitForURL(`${shop.url}/return?order=${orderId}&ok=True`), page.click('[data-testid="authenticate"]')]);
    expect(await page.textContent('body')).toContain('back at the shop');
    expect(await payture().inpay.payStatus(orderId)).toMatchObject({ success: true, state: 'Charged', amount: 12345 });
    await page.close();
  });

  it('eWallet Add: the card entered on the page is stored active', async () => {
    const customer = { login: `browser-${Date.now().toString(36)}@example.com`, password: 'p' };
    await payture().ewallet.register(customer);
    const init = await payture().ewallet.init(customer, { sessionType: 'Add', url: `${shop.url}/cards?ok={success}` });
    const page = await browser.newPage();
    await page.goto(init.redirectUrl!);
    await page.fill('#CardNumber', '5218851946955484');
    await page.fill('#EMonth', '12');
    await page.fill('#EYear', '30');
    await page.fill('#CardHolder', 'IVAN IVANOV');
    await Promise.all([page.waitForURL(`${shop.url}/cards?ok=True`), page.click('[data-testid="pay"]')]);
    expect((await payture().ewallet.getList(customer)).cards).toMatchObject([{ cardName: '521885xxxxxx5484', active: true }]);
    await page.close();
  });
});
