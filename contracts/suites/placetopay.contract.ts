/**
 * PlacetoPay WebCheckout contract suite. The client validates every response against
 * `contracts/placetopay` (`validate: true`), so each call below is also a schema check.
 * Runs against the emulator (default) or the live test environment
 * (PLACETOPAY_LOGIN, PLACETOPAY_SECRET_KEY, optional PLACETOPAY_BASE_URL).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlacetoPay, PlacetoPayError, TEST_URL } from '../../clients/placetopay/index.ts';
import { placetopayScenarios, type PlacetoPayScenario } from '../../scenarios/placetopay.ts';
import { assertValid } from '../index.ts';
import { contractTarget } from './target.ts';

const target = contractTarget({
  provider: 'placetopay',
  env: { login: 'PLACETOPAY_LOGIN', secretKey: 'PLACETOPAY_SECRET_KEY' },
  baseUrlEnv: 'PLACETOPAY_BASE_URL',
  liveBaseUrl: TEST_URL,
  emulator: { login: 'sandbox-login', secretKey: 'sandbox-secret-key' },
});

const client = (overrides: Partial<ConstructorParameters<typeof PlacetoPay>[0]> = {}) =>
  new PlacetoPay({ ...target.credentials, baseUrl: target.baseUrl, validate: true, ...overrides });

let n = 0;
const reference = () => `CT-${Date.now().toString(36)}-${++n}`;
const paymentRequest = (extra: Record<string, unknown> = {}, amount = 150) => ({
  locale: 'en_US',
  payment: { reference: reference(), description: 'Pasarela contract suite', amount: { currency: 'USD', total: amount } },
  ipAddress: '127.0.0.1',
  userAgent: 'pasarela-contract',
  returnUrl: 'https://example.com/return',
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<PlacetoPayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlacetoPayError);
  return error as PlacetoPayError;
}

const pay = async (requestId: number, body: Record<string, unknown>) => {
  await target.sandbox!.complete({ id: String(requestId), ...body } as { id: string });
};

describe.skipIf(target.skip)(target.title, () => {
  describe('sessions', () => {
    it('creates a session: OK/PC, integer requestId, processUrl', async () => {
      const created = await client().createSession(paymentRequest());
      expect(created.status).toMatchObject({ status: 'OK', reason: 'PC' });
      expect(Number.isInteger(created.requestId)).toBe(true);
      expect(created.processUrl).toMatch(/^https?:\/\/.+\/session\/\d+\/[0-9a-f]{32}$/);
    });

    it('queries a fresh session: PENDING, payment null, request echoed with _processUrl_', async () => {
      const created = await client().createSession(paymentRequest());
      const info = await client().query(created.requestId);
      expect(info.requestId).toBe(created.requestId);
      expect(info.status.status).toBe('PENDING');
      expect(info.payment).toBeNull();
      expect(info.subscription).toBeNull();
      expect(info.request.fields).toContainEqual({ keyword: '_processUrl_', value: created.processUrl, displayOn: 'none' });
    });

    it('cancels a pending session (REJECTED MC), then refuses a second cancel with action_not_allowed', async () => {
      const created = await client().createSession(paymentRequest());
      const cancelled = await client().cancel(created.requestId);
      expect(cancelled.status.status).toBe('OK');
      expect(cancelled.session.status).toMatchObject({ status: 'REJECTED', reason: 'MC' });
      const again = await failure(client().cancel(created.requestId));
      expect(again.httpStatus).toBe(400);
      expect(again.reason).toBe('action_not_allowed');
    });

    it('answers an unknown session with a FAILED status', async () => {
      const error = await failure(client().query(999_999_999));
      assertValid('placetopay', 'error.response', error.body);
    });

    it('refuses a session without returnUrl', async () => {
      const { returnUrl: _omit, ...incomplete } = paymentRequest();
      const error = await failure(client().createSession(incomplete as never));
      expect(error.status?.status).toBe('FAILED');
      assertValid('placetopay', 'error.response', error.body);
    });
  });

  describe('authentication', () => {
    it('a wrong secret key gets HTTP 401, reason 401, "… 102"', async () => {
      const error = await failure(client({ secretKey: `${target.credentials.secretKey}-wrong` }).createSession(paymentRequest()));
      expect(error.httpStatus).toBe(401);
      expect(error.reason).toBe(401);
      expect(error.status?.message).toMatch(/102$/);
    });

    it('SHA-1 tranKeys are accepted as well as SHA-256', async () => {
      const created = await client({ algorithm: 'sha1' }).createSession(paymentRequest());
      expect(created.status.status).toBe('OK');
    });

    it('a seed ten minutes old gets "… 103"', async () => {
      const error = await failure(client({ now: () => new Date(Date.now() - 10 * 60_000) }).createSession(paymentRequest()));
      expect(error.httpStatus).toBe(401);
      expect(error.status?.message).toMatch(/103$/);
    });
  });

  describe('instruments and transactions', () => {
    it('invalidating an unknown token answers 400 XN', async () => {
      const error = await failure(client().invalidate({ token: 'f'.repeat(64) }));
      expect(error.httpStatus).toBe(400);
      expect(error.reason).toBe('XN');
    });

    it('an action on an unknown internalReference fails', async () => {
      const error = await failure(client().refund(987_654_321));
      expect(error.httpStatus).toBe(400);
      assertValid('placetopay', 'error.response', error.body);
    });
  });

  const immediate = (s: PlacetoPayScenario) => s.stage === 'payment' && s.effect && ['approve', 'reject', 'exception'].includes(s.effect.kind);

  describe(`payment outcomes${target.emulatorOnly}`, () => {
    it.skipIf(target.kind === 'live').each(placetopayScenarios.filter((s) => immediate(s) && s.trigger === null).map((s) => [s.id, s] as const))(
      'outcome %s',
      async (_id, scenario) => {
        const created = await client().createSession(paymentRequest());
        await pay(created.requestId, { outcome: scenario.id });
        const info = await client().query(created.requestId);
        expect(info.payment?.[0]?.status).toMatchObject({ status: scenario.outcome.status, reason: scenario.outcome.reason });
        expect(info.status.status).toBe(scenario.outcome.status === 'APPROVED' ? 'APPROVED' : 'PENDING');
      },
    );

    it.skipIf(target.kind === 'live').each(placetopayScenarios.filter((s) => immediate(s) && s.trigger !== null && !s.threeDS).map((s) => [s.id, s] as const))(
      'test card of %s',
      async (_id, scenario) => {
        const created = await client().createSession(paymentRequest());
        const card = (scenario.trigger!.cards as string[])[0]!;
        await pay(created.requestId, { card, expiry: '12/30', cvv: '123' });
        const info = await client().query(created.requestId);
        expect(info.payment?.[0]?.status.status).toBe(scenario.outcome.status);
        expect(info.payment?.[0]?.processorFields).toContainEqual({ keyword: 'lastDigits', value: card.slice(-4), displayOn: 'none' });
      },
    );

    it.skipIf(target.kind === 'live')('refunds an approved payment: transaction APPROVED, refunded flag, session stays APPROVED', async () => {
      const created = await client().createSession(paymentRequest());
      await pay(created.requestId, { outcome: 'approved' });
      const paid = await client().query(created.requestId);
      const internalReference = paid.payment![0]!.internalReference;
      const refund = await client().refund(internalReference);
      expect(refund.status).toMatchObject({ status: 'APPROVED', reason: '00' });
      const after = await client().query(created.requestId);
      expect(after.status.status).toBe('APPROVED');
      expect(after.payment![0]!.refunded).toBe(true);
      const twice = await failure(client().reverse(internalReference));
      expect(twice.reason).toBe('BR');
    });

    it.skipIf(target.kind === 'live')('subscription then collect: the token charges and can be invalidated', async () => {
      const created = await client().createSession({ ...paymentRequest(), payment: undefined, subscription: { reference: reference(), description: 'Card on file' } });
      await pay(created.requestId, { card: '4110760000000081', expiry: '12/30', cvv: '123' });
      const info = await client().query(created.requestId);
      expect(info.status.status).toBe('APPROVED');
      const token = info.subscription!.instrument.find((i) => i.keyword === 'token')!.value as string;
      const charge = await client().collect({
        payment: { reference: reference(), amount: { currency: 'USD', total: 25 } },
        instrument: { token: { token } },
        payer: { name: 'Ana', surname: 'Gómez', email: 'ana@example.com', document: '1040035000', documentType: 'CC' },
        ipAddress: '127.0.0.1',
        userAgent: 'pasarela-contract',
      });
      expect(charge.status.status).toBe('APPROVED');
      expect((await client().invalidate({ token })).status.status).toBe('OK');
    });
  });

  describe(`notifications${target.emulatorOnly}`, () => {
    let receiver: Server;
    let url = '';
    const received: unknown[] = [];
    beforeAll(async () => {
      receiver = createServer((req, res) => {
        let text = '';
        req.on('data', (chunk: Buffer) => (text += chunk.toString()));
        req.on('end', () => {
          received.push(JSON.parse(text));
          res.end('ok');
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
    });
    afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

    it.skipIf(target.kind === 'live')('an approved session notifies with a body that validates and a signature that verifies', async () => {
      const created = await client().createSession(paymentRequest({ notificationUrl: url }));
      await pay(created.requestId, { outcome: 'approved' });
      await target.sandbox!.webhooks.flush();
      const body = received.find((b) => (b as { requestId: number }).requestId === created.requestId);
      assertValid('placetopay', 'notification.request', body);
      expect(client().verifyNotification(body as never)).toBe(true);
    });
  });
});
