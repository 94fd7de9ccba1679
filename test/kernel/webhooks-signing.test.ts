// WebhookDispatcher: the per-attempt signing hook and waiting for a first attempt.
import { afterEach, describe, expect, it } from 'vitest';
import { Clock } from '../../emulators/kernel/clock.ts';
import { Redactor } from '../../emulators/kernel/redact.ts';
import { WebhookDispatcher } from '../../emulators/kernel/webhooks.ts';

describe('WebhookDispatcher', () => {
  const clock = new Clock();
  clock.freeze(new Date('2024-04-16T17:58:49Z'));
  const sent: { headers: Record<string, string>; at: number }[] = [];
  let status = 500;
  const fetchStub = (async (_url: string, init: RequestInit) => {
    sent.push({ headers: init.headers as Record<string, string>, at: clock.nowMs() });
    return new Response('{}', { status });
  }) as typeof fetch;
  let dispatcher: WebhookDispatcher | undefined;
  afterEach(() => dispatcher?.stop());

  it('attempted() resolves after the first attempt, which it starts at once', async () => {
    dispatcher = new WebhookDispatcher(clock, new Redactor(), { fetch: fetchStub, delayMs: 60_000 });
    status = 200;
    const d = dispatcher.enqueue({ provider: 'p', merchant: 'm', event: 'E', url: 'https://merchant.example/n' });
    const done = await dispatcher.attempted(d.id);
    expect(done?.attempts).toHaveLength(1);
    expect(done?.state).toBe('delivered');
    expect(await dispatcher.attempted('wh_unknown')).toBeUndefined();
  });

  it('sign() is called for every attempt and its headers are merged and logged', async () => {
    dispatcher = new WebhookDispatcher(clock, new Redactor(), { fetch: fetchStub, policy: () => ({ attempts: 2, backoffSeconds: 30, factor: 1, maxBackoffSeconds: 30, timeoutMs: 1000 }) });
    status = 500;
    sent.length = 0;
    const d = dispatcher.enqueue({
      provider: 'p',
      merchant: 'm',
      event: 'E',
      url: 'https://merchant.example/n',
      headers: { 'content-type': 'application/json' },
      sign: () => ({ fecha: new Date(clock.nowMs()).toUTCString() }),
    });
    expect(d.request.headers.fecha).toBe('Tue, 16 Apr 2024 17:58:49 GMT');
    await dispatcher.attempted(d.id);
    clock.advance(30);
    await dispatcher.flush();
    expect(sent.map((s) => s.headers.fecha)).toEqual(['Tue, 16 Apr 2024 17:58:49 GMT', 'Tue, 16 Apr 2024 17:59:19 GMT']);
    expect(sent[1]!.headers['content-type']).toBe('application/json');
    expect(dispatcher.get(d.id)?.request.headers.fecha).toBe('Tue, 16 Apr 2024 17:59:19 GMT');
  });

  it('a snapshot keeps no signing code, only the headers of the last signing', async () => {
    dispatcher = new WebhookDispatcher(clock, new Redactor(), { fetch: fetchStub, policy: () => ({ attempts: 3, backoffSeconds: 30, factor: 1, maxBackoffSeconds: 30, timeoutMs: 1000 }) });
    status = 500;
    const d = dispatcher.enqueue({ provider: 'p', merchant: 'm', event: 'E', url: 'https://merchant.example/n', sign: () => ({ fecha: new Date(clock.nowMs()).toUTCString() }) });
    await dispatcher.attempted(d.id);
    const snapshot = structuredClone(dispatcher.snapshot());
    const job = snapshot.jobs.find((j) => j.delivery.id === d.id)!;
    expect(job.request).not.toHaveProperty('sign');
    expect(job.request?.headers?.fecha).toBe(new Date(clock.nowMs()).toUTCString());
  });
});
