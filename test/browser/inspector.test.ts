// The inspector in a real browser: live updates without reload, and every control used once.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlacetoPay } from '../../clients/placetopay/index.ts';
import { createSandbox, type Sandbox } from '../../emulators/index.ts';
import { startReceiver } from '../helpers/receiver.ts';
import { launch } from './chromium.ts';

describe('inspector page', () => {
  let sandbox: Sandbox;
  let urls: Record<string, string>;
  let browser: Browser;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const client = () => new PlacetoPay({ login: 'sandbox-login', secretKey: 'sandbox-secret-key', baseUrl: urls.placetopay!, now: () => sandbox.clock.now() });
  const create = (extra: Record<string, unknown> = {}) =>
    client().createSession({ payment: { reference: `INSP-${Math.random().toString(36).slice(2, 8)}`, amount: { currency: 'USD', total: 42 } }, ipAddress: '127.0.0.1', userAgent: 'inspector-test', returnUrl: 'https://shop.example/r', ...extra });

  beforeAll(async () => {
    receiver = await startReceiver(() => ({ status: 500, body: 'down' }));
    sandbox = createSandbox({ logError: () => {} });
    ({ urls } = await sandbox.start({ port: 0 }));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(urls.control!);
    await page.waitForSelector('body[data-live="yes"]');
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    await receiver?.close();
  });

  it('lists every emulator with its URL and credentials', async () => {
    const row = page.locator('[data-provider="placetopay"]');
    await expect.poll(() => row.textContent()).toContain(urls.placetopay);
    expect(await row.textContent()).toContain('sandbox-login');
  });

  it('shows a new session and its journal entry without a reload, then approves it from the page', async () => {
    const { requestId } = await create();
    const row = page.locator(`[data-transaction="placetopay:${requestId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('PENDING');
    await page.locator('[data-journal]', { hasText: 'POST /api/session' }).first().waitFor();
    await row.getByRole('button', { name: 'Approve' }).click();
    await page.locator(`[data-transaction="placetopay:${requestId}"][data-status="APPROVED"]`).waitFor();
    expect((await client().query(requestId)).status.status).toBe('APPROVED');
  });

  it('completes with any outcome picked from the list', async () => {
    const { requestId } = await create();
    await page.locator(`select[data-outcome-for="placetopay:${requestId}"]`).selectOption('rejected-51');
    await page.locator(`[data-transaction="placetopay:${requestId}"]`).getByRole('button', { name: 'Complete' }).click();
    await expect.poll(async () => (await client().query(requestId)).payment?.[0]?.status.reason).toBe('51');
  });

  it('shows a failed webhook and redelivers it once the receiver is back', async () => {
    const { requestId } = await create({ notificationUrl: `${receiver.url}/notify` });
    await sandbox.complete({ id: String(requestId), outcome: 'approved' });
    const row = page.locator('[data-webhook][data-state="failed"]').first();
    await row.waitFor();
    receiver.answerWith(() => ({ status: 200, body: 'ok' }));
    await row.getByRole('button', { name: 'Redeliver' }).click();
    await page.locator('[data-webhook][data-state="delivered"]').first().waitFor();
    expect(sandbox.webhooks.deliveries({ subject: String(requestId) })[0]!.state).toBe('delivered');
  });

  it('adds a fault from the form, which then answers 503, and removes it', async () => {
    const form = page.locator('form[data-form="fault"]');
    await form.locator('select[name="provider"]').selectOption('placetopay');
    await form.locator('input[name="path"]').fill('/api/session');
    await form.locator('select[name="type"]').selectOption('status');
    await form.locator('input[name="value"]').fill('503');
    await form.getByRole('button', { name: 'Add fault' }).click();
    const rule = page.locator('[data-fault]');
    await rule.waitFor();
    const error = await create().then(() => undefined, (e: { httpStatus?: number }) => e);
    expect(error?.httpStatus).toBe(503);
    await rule.getByRole('button', { name: 'Remove' }).click();
    await rule.waitFor({ state: 'detached' });
    expect(sandbox.faults.list()).toHaveLength(0);
  });

  it('moves the virtual clock; a pending session expires on the page', async () => {
    const { requestId } = await create();
    await page.locator(`[data-transaction="placetopay:${requestId}"]`).waitFor();
    const before = await page.getByTestId('clock-now').textContent();
    await page.locator('#clock').getByRole('button', { name: '+30 min' }).click();
    await page.locator('#clock').getByRole('button', { name: '+1 min' }).click();
    await page.locator(`[data-transaction="placetopay:${requestId}"][data-status="REJECTED"]`).waitFor();
    expect(Date.parse((await page.getByTestId('clock-now').textContent())!) - Date.parse(before!)).toBeGreaterThanOrEqual(31 * 60_000);
  });

  it('takes a screenshot of the page', async () => {
    mkdirSync('test-results', { recursive: true });
    const png = await page.screenshot({ path: 'test-results/inspector.png', fullPage: true });
    expect(png.byteLength).toBeGreaterThan(10_000);
  });
});
