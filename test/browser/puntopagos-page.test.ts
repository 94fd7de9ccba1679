// The PuntoPagos hosted flow in a real browser: pick WebPay, pay with the sandbox's test
// cards, the merchant gets the signed notification, the browser lands on the success or
// failure URL with the token, and the status query agrees.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PuntoPagos } from '../../clients/puntopagos/index.ts';
import { createSandbox, type Sandbox } from '../../emulators/index.ts';
import { startReceiver } from '../helpers/receiver.ts';
import { launch } from './chromium.ts';

describe('PuntoPagos hosted page in a browser', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let shop: Awaited<ReturnType<typeof startReceiver>>;
  let client: PuntoPagos;

  beforeAll(async () => {
    shop = await startReceiver((r) =>
      r.path === '/notify' ? { status: 200, body: JSON.stringify({ respuesta: '00', token: JSON.parse(r.body).token }) } : { status: 200, body: '{"shop":"landing page"}' },
    );
    sandbox = createSandbox({
      providers: ['puntopagos'],
      logError: () => {},
      merchants: {
        puntopagos: [{ key: 'browser-key', secret: 'browser-secret', notificationUrl: `${shop.url}/notify`, notificationMode: 'post', successUrl: `${shop.url}/ok/`, failureUrl: `${shop.url}/fail/` }],
      },
    });
    const { urls } = await sandbox.start({ port: 0 });
    client = new PuntoPagos({ key: 'browser-key', secret: 'browser-secret', baseUrl: urls.puntopagos! });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    await shop?.close();
  });

  const payInBrowser = async (card: string, screenshot?: string) => {
    const trx_id = String(Date.now() % 1e12);
    const created = await client.create({ trx_id, monto: 1500, detalle: 'Browser test' });
    expect(created.data?.respuesta).toBe('00');
    const token = created.data!.token as string;
    const page = await browser.newPage();
    await page.goto(client.processUrl(token));
    await page.locator('[data-medio-pago="3"]').click();
    await page.locator('#cardNumber').fill(card);
    await page.locator('#expiry').fill('12/30');
    await page.locator('#cvv').fill('123');
    if (screenshot) {
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
    }
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/(ok|fail)\//);
    const landed = new URL(page.url());
    await page.close();
    return { token, trx_id, landed };
  };

  it('the approving Visa lands on successUrl + token after a signed notification; status says 00', async () => {
    const { token, trx_id, landed } = await payInBrowser('4051885600446623', 'test-results/puntopagos-page.png');
    expect(landed.pathname).toBe(`/ok/${token}`);
    const notice = shop.received.find((r) => r.path === '/notify' && JSON.parse(r.body).token === token)!;
    expect(notice).toBeDefined();
    expect(client.verifyNotification(notice.headers as Record<string, string>, notice.body)).toBe(true);
    expect(JSON.parse(notice.body)).toMatchObject({ token, respuesta: '00' });
    const status = await client.status({ token, trx_id, monto: 1500 });
    expect(status.data?.respuesta).toBe('00');
  });

  it('the rejecting Mastercard lands on failureUrl + token; status says 1', async () => {
    const { token, trx_id, landed } = await payInBrowser('5186059559590568');
    expect(landed.pathname).toBe(`/fail/${token}`);
    expect((await client.status({ token, trx_id, monto: 1500 })).data?.respuesta).toBe('1');
  });
});
