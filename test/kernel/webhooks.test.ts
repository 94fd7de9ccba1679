// Webhook delivery: retries with backoff on the virtual clock, a receiver that comes
// back, the delivery log, manual redelivery, flush(), and MSW receivers.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../emulators/kernel/sandbox.ts';
import type { RetryPolicy } from '../../emulators/kernel/webhooks.ts';
import { startReceiver } from '../helpers/receiver.ts';
import { fixtureProvider } from './fixture-provider.ts';

async function setup(receiverUrl: string, policy: Partial<RetryPolicy> = { attempts: 3, backoffSeconds: 60, factor: 2, timeoutMs: 2000 }) {
  const sandbox = createSandbox({
    modules: [fixtureProvider],
    merchants: { fixture: [{ key: 'fixture-key', notificationUrl: receiverUrl }] },
    webhooks: { policy },
    logError: () => {},
  });
  const pay = () => sandbox.fetch('fixture', '/pay', { method: 'POST', headers: { authorization: 'Bearer fixture-key' }, body: JSON.stringify({ card: '4242424242424242', amount: 5 }) });
  return { sandbox, pay };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('webhooks', () => {
  it('delivers once, logs the attempt with the receiver answer, and hides secrets in the log', async () => {
    const receiver = await startReceiver(() => ({ status: 200, body: '{"received":true}' }));
    cleanups.push(receiver.close);
    const { sandbox, pay } = await setup(`${receiver.url}/hook`);
    await pay();
    const [d] = await sandbox.webhooks.flush();
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ status: 'approved', secret: 'hidden-in-log' });
    expect(d).toMatchObject({ state: 'delivered', event: 'approved', subject: 'pay_1', attempts: [{ n: 1, ok: true, status: 200, responseBody: '{"received":true}' }] });
    expect(d!.request.body).toMatchObject({ secret: '[redacted]' });
  });

  it('retries with exponential backoff on the virtual clock until the receiver comes back', async () => {
    const receiver = await startReceiver(() => ({ status: 503 }));
    cleanups.push(receiver.close);
    const { sandbox, pay } = await setup(receiver.url);
    await pay();
    await sandbox.webhooks.flush();
    let d = sandbox.webhooks.deliveries()[0]!;
    expect(d.state).toBe('pending');
    expect(d.attempts).toHaveLength(1);
    const firstRetry = Date.parse(d.nextAttemptAt!);
    expect(firstRetry - sandbox.clock.nowMs()).toBeGreaterThan(55_000);

    await sandbox.webhooks.flush();
    expect(sandbox.webhooks.deliveries()[0]!.attempts).toHaveLength(1); // not due yet

    receiver.answerWith(() => ({ status: 204 }));
    sandbox.clock.advance(61);
    await sandbox.webhooks.flush();
    d = sandbox.webhooks.deliveries()[0]!;
    expect(d.state).toBe('delivered');
    expect(d.attempts.map((a) => a.status)).toEqual([503, 204]);
    expect(receiver.received).toHaveLength(2);
  });

  it('backs off exponentially (60 s, 120 s, 240 s) up to the cap', async () => {
    const receiver = await startReceiver(() => ({ status: 503 }));
    cleanups.push(receiver.close);
    const { sandbox, pay } = await setup(receiver.url, { attempts: 5, backoffSeconds: 60, factor: 2, timeoutMs: 2000 });
    sandbox.clock.freeze();
    const capped = await setup(receiver.url, { attempts: 5, backoffSeconds: 60, factor: 2, timeoutMs: 2000, maxBackoffSeconds: 90 });
    capped.sandbox.clock.freeze();
    const gaps = async (s: typeof sandbox, send: () => Promise<unknown>) => {
      await send();
      const out: number[] = [];
      for (let i = 0; i < 3; i++) {
        await s.webhooks.flush();
        const d = s.webhooks.deliveries()[0]!;
        const wait = (Date.parse(d.nextAttemptAt!) - s.clock.nowMs()) / 1000;
        out.push(wait);
        s.clock.advance(wait);
      }
      return out;
    };
    expect(await gaps(sandbox, pay)).toEqual([60, 120, 240]);
    expect(await gaps(capped.sandbox, capped.pay)).toEqual([60, 90, 90]);
  });

  it('gives up after the policy attempts; flush({retries:true}) skips the waiting; redeliver tries once more', async () => {
    const receiver = await startReceiver(() => ({ status: 500 }));
    cleanups.push(receiver.close);
    const { sandbox, pay } = await setup(receiver.url);
    await pay();
    await sandbox.webhooks.flush({ retries: true });
    let d = sandbox.webhooks.deliveries()[0]!;
    expect(d.state).toBe('failed');
    expect(d.attempts).toHaveLength(3);
    expect(d.nextAttemptAt).toBeNull();

    receiver.answerWith(() => ({ status: 200 }));
    d = (await sandbox.webhooks.redeliver(d.id))!;
    expect(d.state).toBe('delivered');
    expect(d.attempts.at(-1)).toMatchObject({ manual: true, ok: true });
  });

  it('a receiver that is down (connection refused) or too slow is an attempt with an error', async () => {
    const receiver = await startReceiver();
    const url = receiver.url;
    await receiver.close();
    const { sandbox, pay } = await setup(url, { attempts: 1, backoffSeconds: 1, factor: 1, timeoutMs: 2000 });
    await pay();
    const [d] = await sandbox.webhooks.flush();
    expect(d!.state).toBe('failed');
    expect(d!.attempts[0]!.error).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('the admin API lists deliveries and redelivers', async () => {
    const receiver = await startReceiver(() => ({ status: 500 }));
    cleanups.push(receiver.close);
    const { sandbox, pay } = await setup(receiver.url, { attempts: 1, backoffSeconds: 1, factor: 1, timeoutMs: 2000 });
    await pay();
    await sandbox.webhooks.flush();
    const listed = (await (await sandbox.admin('webhooks?provider=fixture&state=failed')).json()) as { deliveries: { id: string }[] };
    expect(listed.deliveries).toHaveLength(1);
    receiver.answerWith(() => ({ status: 200 }));
    const res = await sandbox.admin(`webhooks/${listed.deliveries[0]!.id}/redeliver`, { method: 'POST' });
    expect(((await res.json()) as { delivery: { state: string } }).delivery.state).toBe('delivered');
    expect((await sandbox.admin('webhooks/wh_999/redeliver', { method: 'POST' })).status).toBe(404);
  });

  it('deliveries go through the global fetch, so an MSW handler in the test can receive them', async () => {
    const got: unknown[] = [];
    const server = setupServer(
      http.post('https://merchant.example/notify', async ({ request }) => {
        got.push(await request.json());
        return HttpResponse.json({ ok: true });
      }),
    );
    server.listen({ onUnhandledRequest: 'error' });
    cleanups.push(() => server.close());
    const { sandbox, pay } = await setup('https://merchant.example/notify');
    await pay();
    const [d] = await sandbox.webhooks.flush();
    expect(d!.state).toBe('delivered');
    expect(got).toEqual([expect.objectContaining({ id: 'pay_1', status: 'approved' })]);
  });

  it('chaos duplicates: a delivered notification arrives twice, the second marked as a duplicate', async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const { sandbox, pay } = await setup(receiver.url);
    sandbox.webhooks.setChaos({ duplicates: 1, seed: 1 });
    await pay();
    const [d] = await sandbox.webhooks.flush();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body);
    expect(d!.attempts.map((a) => !!a.duplicate)).toEqual([false, true]);
    expect(d!.state).toBe('delivered');
  });

  it('chaos reorder: events arrive in a seeded shuffled order, all of them, the same way each run', async () => {
    const order = async () => {
      const receiver = await startReceiver();
      cleanups.push(receiver.close);
      const { sandbox, pay } = await setup(receiver.url);
      // Frozen time: every held notification waits for flush(), so the order is the seed's alone.
      sandbox.clock.freeze();
      sandbox.webhooks.setChaos({ reorder: true, maxDelayMs: 5000, seed: 7 });
      for (let i = 0; i < 8; i++) await pay();
      await sandbox.webhooks.flush();
      return receiver.received.map((r) => (JSON.parse(r.body) as { id: string }).id);
    };
    const first = await order();
    expect([...first].sort()).toEqual(Array.from({ length: 8 }, (_, i) => `pay_${i + 1}`).sort());
    expect(first).not.toEqual([...first].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))));
    expect(await order()).toEqual(first);
  });

  it('chaos through the admin API is validated', async () => {
    const { sandbox } = await setup('http://127.0.0.1:9');
    const ok = await sandbox.admin('webhooks/chaos', { method: 'POST', body: JSON.stringify({ duplicates: 0.5, reorder: true }) });
    expect(await ok.json()).toMatchObject({ duplicates: 0.5, reorder: true });
    expect((await sandbox.admin('webhooks/chaos', { method: 'POST', body: JSON.stringify({ duplicates: 2 }) })).status).toBe(400);
    expect((await sandbox.admin('webhooks/chaos', { method: 'POST', body: JSON.stringify({ reorder: 'yes' }) })).status).toBe(400);
    expect(await (await sandbox.admin('webhooks/chaos')).json()).toMatchObject({ duplicates: 0.5 });
  });

  it('an undelivered notification survives a snapshot and restore, and reaches the receiver once it is back', async () => {
    const receiver = await startReceiver(() => ({ status: 503 }));
    cleanups.push(receiver.close);
    const first = await setup(receiver.url, { attempts: 5, backoffSeconds: 60, factor: 2, timeoutMs: 2000 });
    await first.pay();
    await first.sandbox.webhooks.flush();
    const snapshot = JSON.parse(JSON.stringify(first.sandbox.snapshot()));
    first.sandbox.webhooks.stop();

    const second = await setup(receiver.url, { attempts: 5, backoffSeconds: 60, factor: 2, timeoutMs: 2000 });
    second.sandbox.restore(snapshot);
    expect(second.sandbox.webhooks.deliveries()[0]).toMatchObject({ state: 'pending', attempts: [{ status: 503 }] });
    receiver.answerWith(() => ({ status: 200 }));
    second.sandbox.clock.advance(61);
    const [d] = await second.sandbox.webhooks.flush();
    expect(d).toMatchObject({ state: 'delivered' });
    expect(receiver.received).toHaveLength(2);
  });

  it('never notifies an admin path (its own or another Pasarela) or a non-web URL: the log says it was refused', async () => {
    const { sandbox, pay } = await setup('http://127.0.0.1:1/unused');
    const { urls } = await sandbox.start({ port: 0 });
    cleanups.push(() => sandbox.stop());
    await sandbox.fetch('fixture', '/pay', { method: 'POST', headers: { authorization: 'Bearer fixture-key' }, body: JSON.stringify({ card: '4000000000000002', amount: 5 }) });
    const before = sandbox.provider('fixture').store.entries().length;
    expect(before).toBe(1);
    const targets = [`${urls.control}/__admin/reset`, `${urls.fixture}//__admin/reset`, `${urls.control}/%5F%5Fadmin/reset`, `${urls.control}/./__admin/faults`, 'file:///etc/passwd', 'gopher://127.0.0.1:70/x', 'javascript:alert(1)'];
    for (const url of targets) {
      sandbox.provider('fixture').merchants.add({ key: 'fixture-key', notificationUrl: url });
      await pay();
    }
    const refused = (await sandbox.webhooks.flush()).filter((d) => targets.includes(d.url));
    expect(refused.map((d) => d.url)).toEqual(targets);
    for (const d of refused) expect(d).toMatchObject({ state: 'failed', attempts: [{ n: 1, ok: false, error: expect.stringMatching(/^refused: /) }] });
    // Nothing was reset: the first payment's merchant state is still there, and a redelivery is refused too.
    expect(sandbox.provider('fixture').store.entries().length).toBe(before);
    const again = await sandbox.webhooks.redeliver(refused[0]!.id);
    expect(again!.attempts.at(-1)).toMatchObject({ ok: false, error: expect.stringMatching(/^refused: /) });
    expect(sandbox.provider('fixture').store.entries().length).toBe(before);
  });
});
