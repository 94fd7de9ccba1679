/**
 * Tpaga v2 contract suite. The client validates every response, error bodies included,
 * against `contracts/tpaga` (`validate: true`), so each call is also a schema check.
 * Runs against the emulator (default) or the live sandbox (TPAGA_PRIVATE_KEY,
 * TPAGA_PUBLIC_KEY, optional TPAGA_BASE_URL, default https://sandbox.tpaga.co/api).
 * Cards other than 4111111111111111 are the emulator's own: those cases are emulator-only.
 */
import { describe, expect, it } from 'vitest';
import { SANDBOX_URL, Tpaga, TpagaAuthError, TpagaDeclinedError, TpagaError, TpagaRefundRefusedError, TpagaValidationError } from '../../clients/tpaga/index.ts';
import { tpagaScenarios } from '../../scenarios/tpaga.ts';
import { contractTarget } from './target.ts';

const target = contractTarget({
  provider: 'tpaga',
  env: { privateKey: 'TPAGA_PRIVATE_KEY', publicKey: 'TPAGA_PUBLIC_KEY' },
  baseUrlEnv: 'TPAGA_BASE_URL',
  liveBaseUrl: SANDBOX_URL,
  emulator: { privateKey: 'sandbox-private-key', publicKey: 'sandbox-public-key' },
});

// The emulator's URL is its origin; the live one already ends in /api.
const base = () => (target.kind === 'emulator' ? `${target.baseUrl}/api` : target.baseUrl);
const client = (o: Partial<ConstructorParameters<typeof Tpaga>[0]> = {}) => new Tpaga({ ...target.credentials, baseUrl: base(), validate: true, ...o });
const year = String(new Date().getUTCFullYear() + 3);
const card = (pan = '4111111111111111') => ({ primaryAccountNumber: pan, cardHolderName: 'Pasarela Contract', expirationMonth: '12', expirationYear: year, cvc: '123' });

async function failure<E extends TpagaError>(promise: Promise<unknown>, type: new (...a: never[]) => E): Promise<E> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(type);
  return error as E;
}

async function storedCard(pan?: string) {
  const customer = await client().createCustomer({ firstName: 'Pasarela', lastName: 'Contract', email: 'contract@example.com' });
  const { token, used } = await client().tokenize(card(pan));
  expect(used).toBe(false);
  return { customer, card: await client().associateCard(customer.id, token) };
}

describe.skipIf(target.skip)(target.title, () => {
  describe('the seed flow', () => {
    it('customer → token → card → charge (201 authorized) → get → refund (202 voided) → refund again (406)', async () => {
      const { customer, card: stored } = await storedCard();
      expect(stored).toMatchObject({ customer: customer.id, bin: '411111', lastFour: '1111', type: 'VISA' });
      const charge = await client().chargeCard({ creditCard: stored.id, amount: 4500, orderId: `CT-${Date.now()}`, description: 'Pasarela contract suite' });
      expect(charge).toMatchObject({ paid: true, errorCode: '00', amount: '4500.00', transactionInfo: { status: 'authorized' } });
      const fees = ['tpagaFeeAmount', 'reteRentaAmount', 'reteIcaAmount', 'reteIvaAmount'].reduce((sum, k) => sum + Number(charge[k]), 0);
      expect(Number(charge.netAmount)).toBeCloseTo(4500 - fees, 2);
      expect((await client().getCharge(charge.id)).id).toBe(charge.id);
      const refunded = await client().refundCharge(charge.id);
      expect(refunded).toMatchObject({ id: charge.id, paid: false, transactionInfo: { status: 'voided' } });
      const again = await failure(client().refundCharge(charge.id), TpagaRefundRefusedError);
      expect(again.status).toBe(406);
    });

    it('an empty customer {} is created; getting it returns the same id', async () => {
      const created = await client().createCustomer({});
      expect((await client().getCustomer(created.id)).id).toBe(created.id);
    });

    it('deleting a customer twice fails the second time', async () => {
      const { id } = await client().createCustomer({});
      await client().deleteCustomer(id);
      const error = await failure(client().deleteCustomer(id), TpagaError);
      expect(error.status).toBeGreaterThanOrEqual(400);
    });
  });

  describe('validation (422 with the bad field named)', () => {
    it('card number 41111111', async () => {
      const error = await failure(client().tokenize(card('41111111')), TpagaValidationError);
      expect(error.status).toBe(422);
      expect(error.fieldErrors[0]!.field).toBe('primaryAccountNumber');
    });

    it('an email that is not one', async () => {
      const error = await failure(client().createCustomer({ email: 'foo00000' }), TpagaValidationError);
      expect(error.fieldErrors.map((f) => f.field)).toContain('email');
    });

    it('an expiry in the past', async () => {
      const error = await failure(client().tokenize({ ...card(), expirationYear: '2015' }), TpagaValidationError);
      expect(error.fieldErrors[0]!.field).toMatch(/^expiration(Year|Month)$/);
    });

    it('a token used twice', async () => {
      const { id } = await client().createCustomer({});
      const { token } = await client().tokenize(card());
      await client().associateCard(id, token);
      const error = await failure(client().associateCard(id, token), TpagaValidationError);
      expect(error.fieldErrors[0]!.field).toBe('token');
    });
  });

  describe('authentication (401)', () => {
    it('a wrong private key', async () => {
      expect((await failure(client({ privateKey: `${target.credentials.privateKey}x` }).createCustomer({}), TpagaAuthError)).status).toBe(401);
    });
    it('the public key on a private endpoint', async () => {
      await failure(client({ privateKey: target.credentials.publicKey }).createCustomer({}), TpagaAuthError);
    });
    it('the private key on /tokenize/credit_card', async () => {
      await failure(client({ publicKey: target.credentials.privateKey }).tokenize(card()), TpagaAuthError);
    });
  });

  describe(`outcomes of the emulator's test cards${target.kind === 'live' ? ' (emulator only: the real sandbox publishes no decline cards)' : ''}`, () => {
    const declines = tpagaScenarios.filter((s) => s.effect.kind === 'decline');
    it.skipIf(target.kind === 'live').each(declines.map((s) => [s.id, s] as const))('%s → 402 with its errorCode', async (_id, scenario) => {
      const { card: stored } = await storedCard(scenario.trigger!.card as string);
      const error = await failure(client().chargeCard({ creditCard: stored.id, amount: 10000 }), TpagaDeclinedError);
      expect(error.errorCode).toBe(scenario.outcome.errorCode);
      expect(error.charge.transactionInfo.status).toBe(scenario.outcome.status);
    });

    it.skipIf(target.kind === 'live')('processor-timeout-charged → 504, and the charge is there to reconcile', async () => {
      const { card: stored } = await storedCard('4000000060000504');
      const error = await failure(client().chargeCard({ creditCard: stored.id, amount: 10000 }), TpagaError);
      expect(error.status).toBe(504);
      const ghost = target.sandbox!.provider('tpaga').transactions().find((t) => (t.data as { creditCard: string }).creditCard === stored.id);
      expect(ghost?.status).toBe('authorized');
    });
  });
});
