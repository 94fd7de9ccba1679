// Provider options for the choices the reference leaves open, set in code or in the
// config file's "$options". Driven in process: the client's fetch is sandbox.fetch.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuth } from '../../clients/placetopay/auth.ts';
import { PlacetoPay, PlacetoPayError } from '../../clients/placetopay/index.ts';
import { createSandbox, type SandboxOptions } from '../../emulators/index.ts';

function inProcess(options: Partial<SandboxOptions> = {}) {
  const sandbox = createSandbox({ providers: ['placetopay'], ...options });
  const client = new PlacetoPay({
    login: 'sandbox-login',
    secretKey: 'sandbox-secret-key',
    locale: 'en_US',
    now: () => sandbox.clock.now(),
    fetch: (url, init) => sandbox.fetch('placetopay', new Request(url as string, init)),
  });
  const create = (extra: Record<string, unknown> = {}) =>
    client.createSession({ payment: { reference: 'OPT', amount: { currency: 'USD', total: 50 } }, ipAddress: '1.1.1.1', userAgent: 'opt', returnUrl: 'https://s.example/r', ...extra });
  return { sandbox, client, create };
}
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as PlacetoPayError);

describe('PlacetoPay options', () => {
  it('unknownSession: "legacy-200" answers an unknown session with HTTP 200, reason 0', async () => {
    const { client } = inProcess({ options: { placetopay: { unknownSession: 'legacy-200' } } });
    const error = await failure(client.query(12345));
    expect(error?.httpStatus).toBe(200);
    expect(error?.reason).toBe(0);
  });

  it('settlement: "immediate" allows a partial refund at once', async () => {
    const { sandbox, client, create } = inProcess({ options: { placetopay: { settlement: 'immediate' } } });
    const { requestId } = await create();
    await sandbox.complete({ id: String(requestId), card: '4110760000000081' });
    const ref = (await client.query(requestId)).payment![0]!.internalReference;
    expect((await client.refund(ref, { currency: 'USD', total: 10 })).status.status).toBe('APPROVED');
  });

  it('unknownCards: "reject" rejects a valid card that is not a test card', async () => {
    const { sandbox, client, create } = inProcess({ options: { placetopay: { unknownCards: 'reject' } } });
    const { requestId } = await create();
    await sandbox.complete({ id: String(requestId), card: '4242424242424242' });
    expect((await client.query(requestId)).payment![0]!.status).toMatchObject({ status: 'REJECTED', reason: '05' });
    const dflt = inProcess();
    const other = await dflt.create();
    await dflt.sandbox.complete({ id: String(other.requestId), card: '4242424242424242' });
    expect((await dflt.client.query(other.requestId)).status.status).toBe('APPROVED');
  });

  it('processUrl is /spa/session/… by default; processUrlStyle: "session" builds the older /session/…; the page serves both', async () => {
    const spa = inProcess();
    const first = (await spa.create()).processUrl;
    expect(new URL(first).pathname).toMatch(/^\/spa\/session\/\d+\/[0-9a-f]{32}$/);
    expect((await spa.sandbox.fetch('placetopay', first)).status).toBe(200);
    const { sandbox, create } = inProcess({ options: { placetopay: { processUrlStyle: 'session' } } });
    const { processUrl } = await create();
    expect(new URL(processUrl).pathname).toMatch(/^\/session\/\d+\/[0-9a-f]{32}$/);
    expect((await sandbox.fetch('placetopay', processUrl)).status).toBe(200);
  });

  it('rejectReplayedNonce: the same nonce twice is "Authentication failed 102"', async () => {
    const { sandbox } = inProcess({ options: { placetopay: { rejectReplayedNonce: true } } });
    const auth = createAuth({ login: 'sandbox-login', secretKey: 'sandbox-secret-key', now: sandbox.clock.now() });
    const send = () => sandbox.fetch('placetopay', '/api/session/1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth }) });
    expect((await send()).status).toBe(404);
    const again = await send();
    expect(again.status).toBe(401);
    expect(((await again.json()) as { status: { message: string } }).status.message).toMatch(/102$/);
  });

  it('notifyOn and confirmationWindowSeconds, set through "$options" in a config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasarela-opts-'));
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify({
      placetopay: [{ login: 'sandbox-login', secretKey: 'sandbox-secret-key', notificationUrl: 'http://127.0.0.1:9/never' }],
      $options: { placetopay: { notifyOn: ['APPROVED_PARTIAL', 'APPROVED'], confirmationWindowSeconds: 60 } },
    }));
    const { sandbox, client, create } = inProcess({ configFile });
    const partial = await create({ payment: { reference: 'P', amount: { currency: 'USD', total: 50 }, allowPartial: true } });
    await sandbox.complete({ id: String(partial.requestId), card: '4110760000000081', amount: 10 });
    expect(sandbox.webhooks.deliveries().map((d) => d.event)).toEqual(['APPROVED_PARTIAL']);
    const confirm = await create({ metadata: { requiresConfirmation: true } });
    await sandbox.complete({ id: String(confirm.requestId), card: '4110760000000081' });
    sandbox.clock.advance(61);
    const ref = (await client.query(confirm.requestId)).payment![0]!.internalReference;
    expect((await failure(client.confirm(ref)))?.reason).toBe('transaction_request_error');
    expect(() => createSandbox({ merchants: { $options: [] } as never })).toThrow(/"\$options" must be an object/);
  });

  it('an autopay enrolment stores a token like a subscription', async () => {
    const { sandbox, client } = inProcess();
    const { requestId } = await client.createSession({
      type: 'autopay',
      autopay: { action: 'CREATE', reference: 'AUTO-1', description: 'Monthly', recurring: { type: 'TOTAL_BALANCE', periodicity: 'M', interval: 1 } },
      ipAddress: '1.1.1.1', userAgent: 'opt', returnUrl: 'https://s.example/r',
    });
    await sandbox.complete({ id: String(requestId), card: '4110760000000081', expiry: '10/30' });
    const info = await client.query(requestId);
    expect(info.status.status).toBe('APPROVED');
    expect(info.subscription?.status.status).toBe('OK');
  });
});
