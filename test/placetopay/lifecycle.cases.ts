/**
 * The PlacetoPay session lifecycle (reference §8) driven by the client, the virtual
 * clock and the admin `complete`: expiry, partial payments, pending resolutions,
 * attempts limit, confirmation flow, preauthorization, refunds, tokens, notifications.
 * Run over HTTP and MSW.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { PlacetoPay, PlacetoPayError, verifyNotification, type CreateSessionRequest, type RedirectInformation } from '../../clients/placetopay/index.ts';
import { validate } from '../../contracts/index.ts';
import type { Sandbox } from '../../emulators/index.ts';

export interface LifecycleTarget {
  base(): string;
  sandbox(): Sandbox;
  /** Where the test's notification receiver answers, and what it got. */
  notifications(): { url: string; bodies: () => { requestId: number; status: { status: string; reason: string; date: string }; signature: string }[] };
}

export function lifecycleCases(t: LifecycleTarget) {
  const client = (login = 'sandbox-login', secretKey = 'sandbox-secret-key') =>
    new PlacetoPay({ login, secretKey, baseUrl: t.base(), validate: true, locale: 'en_US', now: () => t.sandbox().clock.now() });
  let seq = 0;
  const create = (extra: Partial<CreateSessionRequest> = {}, c = client()) =>
    c.createSession({
      locale: 'en_US',
      payment: { reference: `L-${++seq}`, description: 'Lifecycle', amount: { currency: 'USD', total: 100 } },
      ipAddress: '127.0.0.1',
      userAgent: 'lifecycle',
      returnUrl: 'https://shop.example/return',
      notificationUrl: t.notifications().url,
      ...extra,
    });
  const complete = (requestId: number, body: Record<string, unknown>) => t.sandbox().complete({ id: String(requestId), ...body } as { id: string });
  const query = (requestId: number, c = client()) => c.query(requestId);
  const fail = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as PlacetoPayError);
  const notified = async (requestId: number) => {
    await t.sandbox().webhooks.flush();
    return t.notifications().bodies().filter((b) => b.requestId === requestId);
  };
  const firstTx = (info: RedirectInformation) => info.payment![0]!;

  beforeEach(() => {
    t.sandbox().clock.reset();
  });

  describe('expiry', () => {
    it('an unpaid session expires after 30 minutes of virtual time: REJECTED EX, notified once, signed', async () => {
      const { requestId } = await create();
      t.sandbox().clock.advance(29 * 60);
      expect((await query(requestId)).status.status).toBe('PENDING');
      t.sandbox().clock.advance(61);
      expect((await query(requestId)).status).toMatchObject({ status: 'REJECTED', reason: 'EX', message: 'The request has expired' });
      const bodies = await notified(requestId);
      expect(bodies).toHaveLength(1);
      expect(bodies[0]!.status).toMatchObject({ status: 'REJECTED', reason: 'EX' });
      expect(verifyNotification(bodies[0]!, 'sandbox-secret-key')).toBe(true);
      expect(validate('placetopay', 'notification.request', bodies[0]).valid).toBe(true);
    });

    it('a custom expiration is honoured and echoed exactly as sent (recordings: +00:00, .sssZ)', async () => {
      const at = new Date(t.sandbox().clock.nowMs() + 10 * 60_000);
      const { requestId } = await create({ expiration: at.toISOString() });
      const info = await query(requestId);
      expect(info.request.expiration).toBe(at.toISOString());
      t.sandbox().clock.advance(9 * 60);
      expect((await query(requestId)).status.status).toBe('PENDING');
      t.sandbox().clock.advance(2 * 60);
      expect((await query(requestId)).status.reason).toBe('EX');
    });

    it('a paid session does not expire; a hosted payment on an expired session is refused', async () => {
      const paid = await create();
      await complete(paid.requestId, { card: '4110760000000081' });
      const unpaid = await create();
      t.sandbox().clock.advance(3600);
      expect((await query(paid.requestId)).status.status).toBe('APPROVED');
      await expect(complete(unpaid.requestId, { card: '4110760000000081' })).rejects.toThrow(/REJECTED/);
    });
  });

  describe('partial payments', () => {
    it('40 + 60 of 100: APPROVED_PARTIAL P0, then APPROVED; only the final status is notified', async () => {
      const { requestId } = await create({ payment: { reference: 'PART', amount: { currency: 'USD', total: 100 }, allowPartial: true } });
      await complete(requestId, { card: '4110760000000081', amount: 40 });
      const partial = await query(requestId);
      expect(partial.status).toMatchObject({ status: 'APPROVED_PARTIAL', reason: 'P0' });
      expect(firstTx(partial).amount.from.total).toBe(40);
      await complete(requestId, { card: '5367680000000005', amount: 60 });
      const done = await query(requestId);
      expect(done.status.status).toBe('APPROVED');
      expect(done.payment!.map((p) => p.amount.from.total)).toEqual([60, 40]); // newest first
      expect((await notified(requestId)).map((b) => b.status.status)).toEqual(['APPROVED']);
    });

    it('partly paid and expired: PARTIAL_EXPIRED PX', async () => {
      const { requestId } = await create({ payment: { reference: 'PX', amount: { currency: 'USD', total: 100 }, allowPartial: true } });
      await complete(requestId, { card: '4110760000000081', amount: 25 });
      t.sandbox().clock.advance(31 * 60);
      expect((await query(requestId)).status).toMatchObject({ status: 'PARTIAL_EXPIRED', reason: 'PX' });
    });
  });

  describe('pending and rejected attempts', () => {
    it('a pending card keeps the session PENDING, then approves after 5 minutes and notifies', async () => {
      const { requestId } = await create();
      await complete(requestId, { card: '4110760000000073' });
      const pending = await query(requestId);
      expect(pending.status.status).toBe('PENDING');
      expect(firstTx(pending).status).toMatchObject({ status: 'PENDING', reason: '?-' });
      await expect(complete(requestId, { card: '4110760000000081' })).rejects.toThrow(/takes no more payments/);
      expect(await notified(requestId)).toHaveLength(0);
      t.sandbox().clock.advance(301);
      const approved = await query(requestId);
      expect(approved.status.status).toBe('APPROVED');
      expect(firstTx(approved).status).toMatchObject({ status: 'APPROVED', reason: '00' });
      expect(firstTx(approved).authorization).toMatch(/^\d{6}$/);
      expect((await notified(requestId)).map((b) => b.status.status)).toEqual(['APPROVED']);
    });

    it('the 180 s delay card approves after 180 s, not before', async () => {
      const { requestId } = await create();
      await complete(requestId, { card: '4110760000000024' });
      t.sandbox().clock.advance(170);
      expect((await query(requestId)).status.status).toBe('PENDING');
      t.sandbox().clock.advance(11);
      expect((await query(requestId)).status.status).toBe('APPROVED');
    });

    it('a rejected attempt leaves the session open; the next card can approve it', async () => {
      const { requestId } = await create();
      await complete(requestId, { card: '4110760000000016' });
      const after = await query(requestId);
      expect(after.status.status).toBe('PENDING');
      expect(firstTx(after).status).toMatchObject({ status: 'REJECTED', reason: '05' });
      expect(firstTx(after).authorization).toBe('000000');
      await complete(requestId, { card: '4110760000000081' });
      expect((await query(requestId)).status.status).toBe('APPROVED');
    });

    it('the attempts limit (site setting) rejects the session: REJECTED XN', async () => {
      const c = client('two-attempts', 'secret-2');
      const { requestId } = await create({}, c);
      await complete(requestId, { outcome: 'rejected-51' });
      expect((await query(requestId, c)).status.status).toBe('PENDING');
      await complete(requestId, { outcome: 'failed-exception' });
      expect((await query(requestId, c)).status).toMatchObject({ status: 'REJECTED', reason: 'XN' });
    });

    it('amount-dependent and data-dependent test cards', async () => {
      const cheap = await create({ payment: { reference: 'C', amount: { currency: 'USD', total: 150 } } });
      const dear = await create({ payment: { reference: 'D', amount: { currency: 'COP', total: 2_000_000 } } });
      await complete(cheap.requestId, { card: '4110760000000057' });
      await complete(dear.requestId, { card: '4110760000000057' });
      expect(firstTx(await query(cheap.requestId)).status.status).toBe('APPROVED');
      expect(firstTx(await query(dear.requestId)).status.status).toBe('REJECTED');
      const right = await create();
      const wrong = await create();
      await complete(right.requestId, { card: '4012888888881881', expiry: '11/28', cvv: '917' });
      await complete(wrong.requestId, { card: '4012888888881881', expiry: '11/28', cvv: '111' });
      expect((await query(right.requestId)).status.status).toBe('APPROVED');
      expect(firstTx(await query(wrong.requestId)).status.status).toBe('REJECTED');
    });

    it('a payment scenario queued with the admin API decides the next attempt', async () => {
      const { requestId } = await create();
      await t.sandbox().admin('scenarios/next', { method: 'POST', body: JSON.stringify({ provider: 'placetopay', scenario: 'rejected-51' }) });
      await complete(requestId, { card: '4110760000000081' });
      expect(firstTx(await query(requestId)).status).toMatchObject({ status: 'REJECTED', reason: '51', message: 'Insufficient funds' });
    });

    it('X-Pasarela-Scenario sent at creation decides the first payment attempt', async () => {
      const res = await fetch(`${t.base()}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pasarela-scenario': 'pending-rejected' },
        body: JSON.stringify({ auth: client().auth(), payment: { reference: 'H', amount: { currency: 'USD', total: 5 } }, ipAddress: '1.1.1.1', userAgent: 'x', returnUrl: 'https://s.t/r' }),
      });
      const { requestId } = (await res.json()) as { requestId: number };
      await complete(requestId, { card: '4110760000000081' });
      expect(firstTx(await query(requestId)).status.status).toBe('PENDING');
      t.sandbox().clock.advance(301);
      const info = await query(requestId);
      expect(firstTx(info).status.status).toBe('REJECTED');
      expect(info.status.status).toBe('PENDING');
    });
  });

  describe('confirmation flow (metadata.requiresConfirmation)', () => {
    const confirmable = () => create({ metadata: { requiresConfirmation: true } });

    it('payment → PENDING_CONFIRMATION; confirm → APPROVED; the session becomes APPROVED', async () => {
      const { requestId } = await confirmable();
      await complete(requestId, { card: '4110760000000081' });
      const held = await query(requestId);
      expect(held.status.status).toBe('PENDING');
      expect(firstTx(held).status).toMatchObject({ status: 'PENDING_CONFIRMATION', reason: 'PT' });
      const confirmed = await client().confirm(firstTx(held).internalReference);
      expect(confirmed.status).toMatchObject({ status: 'APPROVED', reason: '00' });
      expect((await query(requestId)).status.status).toBe('APPROVED');
      const again = await fail(client().confirm(firstTx(held).internalReference));
      expect(again?.status).toMatchObject({ reason: 'request_not_valid', message: 'The [confirm] action is only available for transactions in a pending confirmation state' });
    });

    it('cancel → REJECTED ?C at both levels, the session REJECTED', async () => {
      const { requestId } = await confirmable();
      await complete(requestId, { card: '4110760000000081' });
      const ref = firstTx(await query(requestId)).internalReference;
      const cancelled = await client().cancelTransaction(ref);
      expect(cancelled.status).toMatchObject({ status: 'REJECTED', reason: '?C', message: 'Cancelled by merchant' });
      expect(cancelled.payment.status.reason).toBe('?C');
      expect((await query(requestId)).status.status).toBe('REJECTED');
    });

    it('a network decline of confirm is HTTP 200 FAILED BR (scenario confirm-declined)', async () => {
      const { requestId } = await confirmable();
      await complete(requestId, { card: '4110760000000081' });
      const ref = firstTx(await query(requestId)).internalReference;
      const res = await fetch(`${t.base()}/api/transaction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pasarela-scenario': 'confirm-declined' },
        body: JSON.stringify({ auth: client().auth(), internalReference: ref, action: 'confirm' }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { status: { status: string; reason: string }; payment: { status: { reason: string } } };
      expect(body.status).toMatchObject({ status: 'FAILED', reason: 'BR' });
      expect(body.payment.status.reason).toBe('BR');
    });

    it('after the confirmation window: 400 transaction_request_error "already expired"', async () => {
      const { requestId } = await confirmable();
      await complete(requestId, { card: '4110760000000081' });
      const ref = firstTx(await query(requestId)).internalReference;
      t.sandbox().clock.advance(7 * 24 * 3600 + 1);
      const error = await fail(client().confirm(ref));
      expect(error?.httpStatus).toBe(400);
      expect(error?.status).toMatchObject({ reason: 'transaction_request_error', message: 'The transaction has already expired' });
      expect((await query(requestId)).status.status).toBe('REJECTED');
    });

    it('confirm on a session without the flag: "not supported for this session"', async () => {
      const { requestId } = await create();
      await complete(requestId, { card: '4110760000000081' });
      const error = await fail(client().confirm(firstTx(await query(requestId)).internalReference));
      expect(error?.status?.message).toBe('The [confirm] action is not supported for this session');
    });
  });

  describe('preauthorization (type checkin)', () => {
    it('hold → reauthorization → checkout; a second checkout is refused', async () => {
      const { requestId } = await create({ type: 'checkin' });
      await complete(requestId, { card: '4110760000000081' });
      const hold = firstTx(await query(requestId));
      expect(hold.status.status).toBe('APPROVED');
      const reauth = await client().reauthorize(hold.internalReference, { currency: 'USD', total: 150 });
      expect(reauth.payment.amount.from.total).toBe(150);
      expect(reauth.payment.internalReference).not.toBe(hold.internalReference);
      const wrongCurrency = await fail(client().checkout(hold.internalReference, { currency: 'COP', total: 150 }));
      expect(wrongCurrency?.httpStatus).toBe(400);
      const capture = await client().checkout(hold.internalReference, { currency: 'USD', total: 120 });
      expect(capture.status).toMatchObject({ status: 'APPROVED', reason: '00' });
      expect((await fail(client().checkout(hold.internalReference, { currency: 'USD', total: 1 })))?.httpStatus).toBe(400);
      expect((await query(requestId)).status.status).toBe('APPROVED');
    });

    it('checkout needs an amount; a plain payment cannot be checked out', async () => {
      const hold = await create({ type: 'checkin' });
      await complete(hold.requestId, { card: '4110760000000081' });
      const ref = firstTx(await query(hold.requestId)).internalReference;
      const noAmount = await fail(client().transaction({ internalReference: ref, action: 'checkout' }));
      expect(noAmount?.status?.message).toMatch(/amount/);
      const plain = await create();
      await complete(plain.requestId, { card: '4110760000000081' });
      const error = await fail(client().checkout(firstTx(await query(plain.requestId)).internalReference, { currency: 'USD', total: 1 }));
      expect(error?.status?.message).toBe('The [checkout] action is not supported for this session');
    });
  });

  describe('refunds', () => {
    const approved = async () => {
      const { requestId } = await create();
      await complete(requestId, { card: '4110760000000081' });
      return { requestId, ref: firstTx(await query(requestId)).internalReference };
    };

    it('before settlement only a full refund (cancellation) is possible; after it, partial refunds until the total', async () => {
      const { requestId, ref } = await approved();
      const early = await fail(client().refund(ref, { currency: 'USD', total: 30 }));
      expect(early?.status).toMatchObject({ reason: 'transaction_request_error' });
      t.sandbox().clock.advance(24 * 3600);
      const first = await client().refund(ref, { currency: 'USD', total: 30 });
      expect(first.payment.amount.from.total).toBe(30);
      expect(first.payment.internalReference).not.toBe(ref);
      expect(firstTx(await query(requestId)).refunded).toBe(false);
      const tooMuch = await fail(client().refund(ref, { currency: 'USD', total: 80 }));
      expect(tooMuch?.httpStatus).toBe(400);
      await client().refund(ref);
      const after = await query(requestId);
      expect(after.status.status).toBe('APPROVED');
      expect(after.payment).toHaveLength(1); // refunds are not listed in the session
      expect(firstTx(after).refunded).toBe(true);
      expect((await fail(client().refund(ref)))?.status).toMatchObject({ reason: 'BR', message: 'Transaction already refunded' });
    });

    it('legacy /api/reverse: full refund, then BR; a missing internalReference is reason 0', async () => {
      const { ref } = await approved();
      expect((await client().reverse(ref)).status.status).toBe('APPROVED');
      expect((await fail(client().reverse(ref)))?.reason).toBe('BR');
      const res = await fetch(`${t.base()}/api/reverse`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth: client().auth() }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { status: { reason: unknown } }).status.reason).toBe(0);
    });

    it('a rejected transaction cannot be refunded', async () => {
      const { requestId } = await create();
      await complete(requestId, { card: '4110760000000016' });
      const error = await fail(client().refund(firstTx(await query(requestId)).internalReference));
      expect(error?.httpStatus).toBe(400);
    });
  });

  describe('tokens: subscription, subscribe-on-payment, collect, invalidate', () => {
    const subscribe = async () => {
      const { requestId } = await create({ payment: undefined, subscription: { reference: `S-${++seq}`, description: 'card on file' } });
      await complete(requestId, { card: '4110760000000081', expiry: '12/29' });
      const info = await query(requestId);
      const pair = (k: string) => info.subscription!.instrument.find((i) => i.keyword === k)!.value as string;
      return { info, token: pair('token'), subtoken: pair('subtoken') };
    };
    const collect = (instrument: { token?: string; subtoken?: string }, reference = `COL-${++seq}`, total = 30) =>
      client().collect({
        payment: { reference, amount: { currency: 'USD', total } },
        instrument: { token: instrument },
        payer: { name: 'Ana', surname: 'Gómez', email: 'ana@example.com' },
        ipAddress: '127.0.0.1',
        userAgent: 'lifecycle',
      });

    it('a subscription session stores a token: APPROVED, payment null, subscription OK with the card', async () => {
      const { info, token, subtoken } = await subscribe();
      expect(info.status.status).toBe('APPROVED');
      expect(info.payment).toBeNull();
      expect(info.subscription).toMatchObject({ status: { status: 'OK', reason: '00' }, type: 'token' });
      expect(token).toMatch(/^[0-9a-f]{64}$/);
      expect(subtoken).toMatch(/^\d{12}0081$/);
      expect(info.subscription!.instrument).toContainEqual({ keyword: 'validUntil', value: '2029-12-31', displayOn: 'none' });
    });

    it('collect charges the token (and the subtoken); the same charge within 24 h returns the first result', async () => {
      const { token, subtoken } = await subscribe();
      const first = await collect({ token }, 'SAME-REF');
      expect(first.status.status).toBe('APPROVED');
      expect(firstTx(first).status.status).toBe('APPROVED');
      const dup = await collect({ token }, 'SAME-REF');
      expect(dup.requestId).toBe(first.requestId);
      t.sandbox().clock.advance(25 * 3600);
      expect((await collect({ token }, 'SAME-REF')).requestId).not.toBe(first.requestId);
      expect((await collect({ subtoken })).status.status).toBe('APPROVED');
    });

    it('a declined collect (scenario) is REJECTED XN with the transaction reason', async () => {
      const { token } = await subscribe();
      await t.sandbox().admin('scenarios/next', { method: 'POST', body: JSON.stringify({ provider: 'placetopay', scenario: 'rejected-51' }) });
      const declined = await collect({ token });
      expect(declined.status).toMatchObject({ status: 'REJECTED', reason: 'XN' });
      expect(firstTx(declined).status.reason).toBe('51');
    });

    it('invalidate: OK once, then the token is invalid for collect and invalidate (400 XN)', async () => {
      const { token } = await subscribe();
      expect((await client().invalidate({ token })).status).toMatchObject({ status: 'OK', reason: '00' });
      expect((await fail(collect({ token })))?.status).toMatchObject({ reason: 'XN', message: 'The token used is invalid' });
      expect((await fail(client().invalidate({ token })))?.httpStatus).toBe(400);
    });

    it('payment.subscribe stores a token along with an approved payment', async () => {
      const { requestId } = await create({ payment: { reference: 'SUB', amount: { currency: 'USD', total: 10 }, subscribe: true } });
      await complete(requestId, { card: '5367680000000005', expiry: '01/30' });
      const info = await query(requestId);
      expect(info.status.status).toBe('APPROVED');
      expect(info.subscription?.instrument).toContainEqual({ keyword: 'franchise', value: 'master', displayOn: 'none' });
    });
  });

  describe('notifications', () => {
    it('a SHA-256 site signs with the sha256: prefix', async () => {
      const c = client('sha256-site', 'secret-256');
      const { requestId } = await create({}, c);
      await complete(requestId, { card: '4110760000000081' });
      const [body] = await notified(requestId);
      expect(body!.signature).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(verifyNotification(body!, 'secret-256')).toBe(true);
      expect(verifyNotification(body!, 'sandbox-secret-key')).toBe(false);
    });

    it('a merchant cancel is notified as REJECTED MC; one attempt only when the receiver fails (real policy)', async () => {
      const { requestId } = await create({ notificationUrl: `${t.notifications().url.replace(/\/[^/]*$/, '')}/fail` });
      await client().cancel(requestId);
      await t.sandbox().webhooks.flush({ retries: true });
      const delivery = t.sandbox().webhooks.deliveries({ subject: String(requestId) })[0]!;
      expect(delivery).toMatchObject({ event: 'REJECTED', state: 'failed' });
      expect(delivery.attempts).toHaveLength(1);
    });
  });
}

export const lifecycleMerchants = {
  placetopay: [
    { login: 'two-attempts', secretKey: 'secret-2', attemptsLimit: 2 },
    { login: 'sha256-site', secretKey: 'secret-256', notificationSignature: 'sha256' },
  ],
};
