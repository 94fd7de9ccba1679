/**
 * The seed's tokenization page in a real browser (Chromium driven by playwright-core;
 * which one: ./chromium.ts). The page is served by a "merchant" server on another origin; its
 * jQuery call goes cross-origin to the Tpaga emulator (CORS preflight with Authorization
 * and Content-Type), the token goes to the merchant server in the hidden form, and the
 * server finishes the seed's flow with its Python client (transcribed): associate, charge,
 * refund.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.ts';
import { seedMerchant, TpagaTestClient, TPAGA_PUBLIC_TOKEN } from '../tpaga/seed-client.ts';
import { launch } from './chromium.ts';

const fixture = readFileSync(new URL('./fixtures/seed-tokenize.html', import.meta.url), 'utf8');
const jquery = readFileSync(new URL('../../node_modules/jquery/dist/jquery.min.js', import.meta.url));
const escape = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

describe('Tpaga tokenization from a browser page on another origin', () => {
  // The seed's form offers expiry years 2016–2025: run on the blog post's date.
  const ref = useSandbox({ providers: ['tpaga'], merchants: seedMerchant, freezeAt: '2016-08-18T13:53:45Z' });
  let merchant: Server;
  let merchantUrl = '';
  let browser: Browser;

  beforeAll(async () => {
    merchant = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://merchant.local');
      if (req.method === 'GET' && url.pathname === '/jquery.min.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(jquery);
      if (req.method === 'GET' && url.pathname === '/') {
        const page = fixture
          .replace('https://sandbox.tpaga.co/api/tokenize/credit_card', `${ref.urls.tpaga}/api/tokenize/credit_card`)
          .replace(`'${TPAGA_PUBLIC_TOKEN}'`, `'${url.searchParams.get('key') ?? TPAGA_PUBLIC_TOKEN}'`);
        return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      }
      if (req.method === 'POST' && url.pathname === '/asociar-cliente-tarjeta-credito') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', async () => {
          // The seed's server side: cc_temp_token = request.POST['tmp_cc_token'], then the Python client.
          const ccTempToken = new URLSearchParams(body).get('tmp_cc_token') ?? '';
          const client = new TpagaTestClient(`${ref.urls.tpaga}/api/`);
          try {
            const customer = await client.createCustomer({ firstName: 'Horns and Hoofs', lastName: 'Perez', email: 'hornsandhoofs@example.com', phone: '012345678' });
            const card = await client.assocCcToCustomer(customer.id, ccTempToken);
            const charge = await client.chargeCc(card.id, 'BRG-2', 4500);
            const refund = await client.refundCc(charge.id);
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
              `<!DOCTYPE html><meta charset="utf-8"><title>Listo</title><h1>Tarjeta registrada</h1>
               <p id="card">${escape(card.type)} ${escape(card.bin)}******${escape(card.lastFour)}</p>
               <p id="charge">cobro ${escape(charge.amount)} ${escape(charge.transactionInfo.status)} neto ${escape(charge.netAmount)}</p>
               <p id="refund">reverso ${escape(refund.transactionInfo.status)}</p>`,
            );
          } catch (e) {
            res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
          }
        });
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((done) => merchant.listen(0, '127.0.0.1', done));
    merchantUrl = `http://localhost:${(merchant.address() as AddressInfo).port}`;
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => (merchant ? merchant.close(() => done()) : done()));
  });

  const open = async (query = '') => {
    const page = await browser.newPage({ viewport: { width: 800, height: 700 } });
    await page.goto(`${merchantUrl}/${query}`);
    return page;
  };
  const fill = async (page: Awaited<ReturnType<typeof open>>, pan: string) => {
    await page.fill('#id_primaryAccountNumber', pan);
    await page.fill('#id_cardHolderName', 'Иван Иваныч');
    await page.selectOption('#id_expirationMonth', '12');
    await page.selectOption('#id_expirationYear', '2017');
    await page.fill('#id_cvc', '123');
    await page.click('#submit-id-submit');
  };

  it('tokenizes cross-origin, the merchant server associates, charges and refunds; screenshot in test-results/', async () => {
    const page = await open();
    await fill(page, '4111111111111111');
    await page.waitForURL(`${merchantUrl}/asociar-cliente-tarjeta-credito`);
    expect(await page.textContent('#card')).toBe('VISA 411111******1111');
    expect(await page.textContent('#charge')).toBe('cobro 4500.00 authorized neto 3545.00');
    expect(await page.textContent('#refund')).toBe('reverso voided');
    mkdirSync('test-results', { recursive: true });
    const png = await page.screenshot({ path: 'test-results/tpaga-tokenize.png', fullPage: true });
    expect(png.byteLength).toBeGreaterThan(1000);
    // The browser really went cross-origin: a preflight, then the POST, both with the page's Origin.
    const journal = ref.sandbox.journal.entries({ provider: 'tpaga', path: '/api/tokenize/credit_card' });
    expect(journal.map((e) => [e.method, e.request.headers.origin, e.response.status])).toEqual([
      ['OPTIONS', merchantUrl, 204],
      ['POST', merchantUrl, 201],
    ]);
    expect(journal[0]!.response.headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
    expect(JSON.stringify(journal)).not.toContain('4111111111111111');
    await page.close();
  }, 60_000);

  it('a 422 reaches the page, which names the field by its label (errors[0].field)', async () => {
    const page = await open();
    await fill(page, '41111111');
    await page.waitForSelector('.payment-errors:has-text("Datos erróneos")');
    expect(await page.textContent('.payment-errors')).toBe('Datos erróneos en el campo Número de la tarjeta');
    expect(page.url()).toBe(`${merchantUrl}/`);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/tpaga-tokenize-422.png', fullPage: true });
    await page.close();
  }, 60_000);

  it('a 401 (wrong public key) reaches the page without an authentication dialog', async () => {
    const page = await open('?key=pk_test_wrong');
    await fill(page, '4111111111111111');
    await page.waitForSelector('.payment-errors:has-text("autenticación")');
    expect(await page.textContent('.payment-errors')).toBe('Error de autenticación a la plataforma de pagos.');
    await page.close();
  }, 60_000);
});
