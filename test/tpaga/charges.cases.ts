/**
 * Charges, scenarios and refunds, over any transport (see api.http / api.msw). The
 * sandbox clock is frozen at FROZEN_AT (10:00 in Bogotá); tests that move it put it back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TpagaDeclinedError, TpagaGatewayError, TpagaRefundRefusedError } from '../../clients/tpaga/index.ts';
import type { CreditCardCharge } from '../../clients/tpaga/types.ts';
import { validate } from '../../contracts/index.ts';
import { tpagaScenarios } from '../../scenarios/tpaga.ts';
import { card, FROZEN_AT, helpers, PRIVATE, PUBLIC, type Target } from './helpers.ts';

export function chargeCases(t: Target) {
  const { call, client, storedCard, expectErrors } = helpers(t);
  const seedCharge = (creditCard: string, amount = 4500) => ({ orderId: 'BRG-2', currency: 'COP', taxAmount: 0, description: 'One bridge in good condition.', installments: 1, amount, creditCard });
  const admin = (path: string, body?: unknown) =>
    fetch(`${new URL(t.base()).origin}/__admin/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const chargesOf = (cardId: string) => t.sandbox().provider('tpaga').transactions().filter((x) => (x.data as CreditCardCharge).creditCard === cardId);
  const rejection = async (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

  describe('charge', () => {
    it("the seed's charge of 4500: 201 authorized, two-decimal strings, fees as observed (868 / 68 / 19 / 0 → net 3545)", async () => {
      const { customer, card: stored } = await storedCard();
      const res = await call('POST', '/charge/credit_card', seedCharge(stored.id));
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({
        amount: '4500.00', taxAmount: '0.00', iacAmount: '0.00', tipAmount: '0.00',
        tpagaFeeAmount: '868.00', reteRentaAmount: '68.00', reteIcaAmount: '19.00', reteIvaAmount: '0.00', netAmount: '3545.00',
        currency: 'COP', creditCard: stored.id, customer: customer.id, installments: 1, orderId: 'BRG-2', description: 'One bridge in good condition.',
        thirdPartyId: null, paid: true, errorCode: '00', errorMessage: 'Approved',
        transactionInfo: { authorizationCode: expect.stringMatching(/^\d{6}$/), status: 'authorized' },
        dateCreated: FROZEN_AT,
      });
      expect(res.json.id).toMatch(/^[0-9a-z]{32}$/);
      expect(res.json.paymentTransaction).toMatch(/^[0-9a-z]{32}$/);
      expect(validate('tpaga', 'charge.response', res.json).errors).toEqual([]);
      const got = await call('GET', `/charge/credit_card/${res.json.id}`);
      expect(got.status).toBe(200);
      expect(got.json).toEqual(res.json);
    });

    it('withholdings are on the net sale and reteIVA on the tax: 11900 with IVA 1900', async () => {
      const { card: stored } = await storedCard();
      const charge = await client().chargeCard({ creditCard: stored.id, amount: 11900, taxAmount: 1900 });
      // fee (11900 × 2.99% + 595) × 1.19 = 1131.46; base 10000: renta 150, ICA 41.4; reteIVA 15% of 1900
      expect(charge).toMatchObject({ tpagaFeeAmount: '1131.00', reteRentaAmount: '150.00', reteIcaAmount: '41.00', reteIvaAmount: '285.00', netAmount: '10293.00', taxAmount: '1900.00' });
    });

    it("a merchant's configured rates change the fee", async () => {
      const keys = { key: 'cheap-private-key', publicKey: 'cheap-public-key' };
      const { card: stored, client: c } = await storedCard('4111111111111111', keys);
      expect(await c.chargeCard({ creditCard: stored.id, amount: 4500 })).toMatchObject({ tpagaFeeAmount: '45.00', reteRentaAmount: '68.00', netAmount: '4368.00' });
    });

    it.each(tpagaScenarios.filter((s) => s.effect.kind === 'decline').map((s) => [s.id, s] as const))('declines with the card of %s: 402, the charge object, no fees', async (_id, scenario) => {
      if (scenario.effect.kind !== 'decline') return;
      const { card: stored } = await storedCard(scenario.trigger!.card as string);
      const error = await rejection(client().chargeCard({ creditCard: stored.id, amount: 50000, orderId: scenario.id }));
      expect(error).toBeInstanceOf(TpagaDeclinedError);
      const declined = error as TpagaDeclinedError;
      expect(declined.status).toBe(402);
      expect(declined.errorCode).toBe(scenario.effect.errorCode);
      expect(declined.errorMessage).toBe(scenario.effect.errorMessage);
      expect(declined.outcomeUnknown).toBe(scenario.effect.status === 'created');
      expect(declined.charge).toMatchObject({ paid: false, amount: '50000.00', tpagaFeeAmount: '0.00', netAmount: '0.00', transactionInfo: { authorizationCode: null, status: scenario.effect.status } });
      expect((await client().getCharge(declined.charge.id)).transactionInfo.status).toBe(scenario.effect.status);
    });

    it.each(tpagaScenarios.filter((s) => s.effect.kind === 'approve').map((s) => [s.id, s] as const))('approves with the card of %s', async (_id, scenario) => {
      const { card: stored } = await storedCard(scenario.trigger!.card as string);
      expect(stored.type).toBe(scenario.cardType);
      expect((await client().chargeCard({ creditCard: stored.id, amount: 1000 })).transactionInfo.status).toBe('authorized');
    });

    it('processor-unavailable: HTML 502 and nothing charged', async () => {
      const { card: stored } = await storedCard('4000000070000502');
      const res = await call('POST', '/charge/credit_card', seedCharge(stored.id));
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.text).toContain('502 Bad Gateway');
      expect(chargesOf(stored.id)).toEqual([]);
      expect(await rejection(client().chargeCard({ creditCard: stored.id, amount: 1 }))).toBeInstanceOf(TpagaGatewayError);
    });

    it('processor-timeout-charged: HTML 504, yet the charge exists and is authorized (reconcile!)', async () => {
      const { card: stored } = await storedCard('4000000060000504');
      const res = await call('POST', '/charge/credit_card', seedCharge(stored.id));
      expect(res.status).toBe(504);
      expect(res.text).toContain('504 Gateway Time-out');
      const [ghost] = chargesOf(stored.id);
      expect(ghost).toMatchObject({ status: 'authorized', amount: 4500 });
      expect((await call('GET', `/charge/credit_card/${ghost!.id}`)).json.paid).toBe(true);
    });

    it('X-Pasarela-Scenario forces an outcome on the approving card; a queued one applies to the next charge only', async () => {
      const { card: stored } = await storedCard();
      const forced = await call('POST', '/charge/credit_card', seedCharge(stored.id), PRIVATE, { 'x-pasarela-scenario': 'declined-51-insufficient-funds' });
      expect(forced.status).toBe(402);
      expect(forced.json.errorCode).toBe('51');
      const queued = await admin('scenarios/next', { scenario: 'fraudulent', path: '/api/charge/credit_card' });
      expect(queued.status).toBe(201);
      const first = await call('POST', '/charge/credit_card', seedCharge(stored.id));
      expect([first.status, first.json.transactionInfo.status, first.json.errorCode]).toEqual([402, 'fraudulent', '59']);
      expect((await call('POST', '/charge/credit_card', seedCharge(stored.id))).status).toBe(201);
    });

    it('concurrent charges on one card all succeed, each its own charge', async () => {
      const { card: stored } = await storedCard();
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => client().chargeCard({ creditCard: stored.id, amount: 1000 + i })));
      expect(new Set(results.map((r) => r.id)).size).toBe(12);
      expect(results.map((r) => r.amount).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `${1000 + i}.00`).sort());
      expect(chargesOf(stored.id)).toHaveLength(12);
    });

    const invalid: [string, Record<string, unknown>, string[]][] = [
      ['an empty body', {}, ['creditCard', 'amount', 'currency', 'installments']],
      ['installments 37', { installments: 37 }, ['installments']],
      ['installments 0 and a fractional one', { installments: 1.5 }, ['installments']],
      ['currency USD', { currency: 'USD' }, ['currency']],
      ['amount 0', { amount: 0 }, ['amount']],
      ['amount as a word', { amount: 'lots' }, ['amount']],
      ['amount with three decimals', { amount: 10.555 }, ['amount']],
      ['a negative tip and an orderId that is no string nor number', { tipAmount: -1, orderId: ['A-1'] }, ['tipAmount', 'orderId']],
      ['tax larger than the amount', { amount: 1000, taxAmount: 2000 }, ['taxAmount']],
      ['an unknown card', { creditCard: 'nope' }, ['creditCard']],
    ];
    it.each(invalid)('%s → 422 naming %j', async (_name, patch, fields) => {
      const { card: stored } = await storedCard();
      const body = Object.keys(patch).length ? { ...seedCharge(stored.id), ...patch } : {};
      const errors = expectErrors(await call('POST', '/charge/credit_card', body), 422);
      expect(errors.map((e) => e.field)).toEqual(fields);
      expect(chargesOf(stored.id)).toEqual([]);
    });

    it("numbers sent as strings are bound like numbers (Tpaga's PHP example posts installments from a form)", async () => {
      const { card: stored } = await storedCard();
      const res = await call('POST', '/charge/credit_card', { taxAmount: 0, amount: '4500', currency: 'COP', creditCard: stored.id, installments: '1' });
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ amount: '4500.00', installments: 1, netAmount: '3545.00' });
      const errors = expectErrors(await call('POST', '/charge/credit_card', { ...seedCharge(stored.id), amount: 'lots', installments: '40' }), 422);
      expect(errors.map((e) => e.message)).toEqual([
        'Property [amount] of class [class CreditCardCharge] with value [lots] must be a valid number',
        'Property [installments] of class [class CreditCardCharge] with value [40] exceeds maximum value [36]',
      ]);
    });

    it('a card that was deleted cannot be charged; a card with charges cannot be deleted', async () => {
      const a = await storedCard();
      await client().deleteCard(a.customer.id, a.card.id);
      expect(expectErrors(await call('POST', '/charge/credit_card', seedCharge(a.card.id)), 422)[0]!.field).toBe('creditCard');
      const b = await storedCard();
      await client().chargeCard({ creditCard: b.card.id, amount: 1000 });
      expect(expectErrors(await call('DELETE', `/customer/${b.customer.id}/credit_card/${b.card.id}`), 422)[0]!.field).toBe('charges');
    });

    it('GET of an unknown charge is a 404', async () => {
      expectErrors(await call('GET', '/charge/credit_card/unknown'), 404);
    });
  });

  describe('refund', () => {
    afterEach(() => t.sandbox().clock.set(new Date(FROZEN_AT)));
    const charged = async () => {
      const { card: stored } = await storedCard();
      return client().chargeCard({ ...seedCharge(stored.id) } as never);
    };

    it('same day: 202, the charge voided and not paid, every other field unchanged', async () => {
      const charge = await charged();
      const res = await call('POST', '/refund/credit_card', { id: charge.id });
      expect(res.status).toBe(202);
      expect(res.json).toEqual({ ...charge, paid: false, transactionInfo: { ...charge.transactionInfo, status: 'voided' } });
      expect(validate('tpaga', 'refund.response', res.json).valid).toBe(true);
      expect((await client().getCharge(charge.id)).transactionInfo.status).toBe('voided');
    });

    it('twice: the second is a 406 with the voided charge', async () => {
      const charge = await charged();
      await client().refundCharge(charge.id);
      const error = await rejection(client().refundCharge(charge.id));
      expect(error).toBeInstanceOf(TpagaRefundRefusedError);
      expect((error as TpagaRefundRefusedError).status).toBe(406);
      expect((error as TpagaRefundRefusedError).charge).toMatchObject({ id: charge.id, paid: false, transactionInfo: { status: 'voided' } });
    });

    it('the next day: 406, and the charge reads as settled', async () => {
      const charge = await charged();
      t.sandbox().clock.advance(24 * 3600);
      const res = await call('POST', '/refund/credit_card', { id: charge.id });
      expect(res.status).toBe(406);
      expect(res.json).toMatchObject({ id: charge.id, paid: true, transactionInfo: { status: 'settled' } });
      expect(res.headers.get('x-pasarela-detail')).toMatch(/day of the charge/);
      expect((await client().getCharge(charge.id)).transactionInfo.status).toBe('settled');
    });

    it('the window is the Bogotá calendar day: 23:59 is fine, 00:01 is too late', async () => {
      t.sandbox().clock.set(new Date('2026-03-11T04:59:00.000Z')); // 23:59 on 10 March in Bogotá
      const late = await charged();
      const lateToo = await charged();
      t.sandbox().clock.advance(30);
      expect((await call('POST', '/refund/credit_card', { id: late.id })).status).toBe(202);
      t.sandbox().clock.advance(60);
      expect((await call('POST', '/refund/credit_card', { id: lateToo.id })).status).toBe(406);
      const history = t.sandbox().provider('tpaga').transactions().find((x) => x.id === lateToo.id)!.history;
      expect(history.map((h) => h.status)).toEqual(['authorized', 'settled']);
    });

    it('a declined charge cannot be refunded (406)', async () => {
      const { card: stored } = await storedCard('4000000000000051');
      const declined = (await call('POST', '/charge/credit_card', seedCharge(stored.id))).json;
      const res = await call('POST', '/refund/credit_card', { id: declined.id });
      expect(res.status).toBe(406);
      expect(res.json.transactionInfo.status).toBe('processor_declined');
    });

    it('concurrent refunds of one charge: exactly one 202', async () => {
      const charge = await charged();
      const statuses = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/refund/credit_card', { id: charge.id }).then((r) => r.status)));
      expect(statuses.sort()).toEqual([202, 406, 406, 406, 406, 406]);
    });

    it('an unknown or missing id is a 422 on id', async () => {
      expect(expectErrors(await call('POST', '/refund/credit_card', { id: 'nope' }), 422)[0]!.field).toBe('id');
      expect(expectErrors(await call('POST', '/refund/credit_card', {}), 422)[0]!.message).toBe('Property [id] of class [class CreditCardRefund] cannot be null');
    });
  });

  describe('admin and privacy', () => {
    it('GET /__admin/scenarios lists the catalog with Tpaga outcomes', async () => {
      const { scenarios } = (await (await admin('scenarios')).json()) as { scenarios: { id: string; outcome: { httpStatus: number } }[] };
      expect(scenarios.map((s) => s.id)).toEqual(tpagaScenarios.map((s) => s.id));
      expect(scenarios.find((s) => s.id === 'declined-43-stolen')!.outcome).toEqual({ httpStatus: 402, errorCode: '43', status: 'processor_declined' });
    });

    it('the journal records the merchant (by its public key: the private key names nothing) and the scenario that decided a charge', async () => {
      const { card: stored } = await storedCard('4000000050000043');
      await call('POST', '/charge/credit_card', seedCharge(stored.id));
      await call('POST', '/charge/credit_card', seedCharge(stored.id), PRIVATE, { 'x-pasarela-scenario': 'approved-visa' });
      const [magic, header] = t.sandbox().journal.entries({ provider: 'tpaga', path: '/api/charge/credit_card' }).slice(-2);
      expect([magic!.merchant, magic!.scenario, magic!.response.status]).toEqual([PUBLIC, { id: 'declined-43-stolen', source: 'magic' }, 402]);
      expect([header!.scenario, header!.response.status]).toEqual([{ id: 'approved-visa', source: 'header' }, 201]);
      const shown = JSON.stringify([t.sandbox().journal.entries({ provider: 'tpaga' }), t.sandbox().provider('tpaga').transactions(), t.sandbox().snapshot()]);
      expect(shown).not.toContain(PRIVATE);
    });

    it('a fault rule on the charge path answers in the errors envelope, then the charge works again', async () => {
      const { card: stored } = await storedCard();
      const added = await admin('faults', { path: '/api/charge/credit_card', action: { type: 'status', status: 503 }, times: 1 });
      expect(added.status).toBe(201);
      const faulted = await call('POST', '/charge/credit_card', seedCharge(stored.id));
      expect(faulted.status).toBe(503);
      expect(faulted.json.errors[0].message).toBe('Service Unavailable');
      expect(chargesOf(stored.id)).toEqual([]);
      expect((await call('POST', '/charge/credit_card', seedCharge(stored.id))).status).toBe(201);
    });

    it('no card number or CVC is stored, journaled or answered', async () => {
      const pan = '5555555555554444';
      const { customer } = await storedCard(pan, { card: { cvc: '9731' } });
      await client().addCreditCard(customer.id, { ...card(pan), cardVerificationCode: '8642' } as never);
      const state = JSON.stringify(t.sandbox().snapshot());
      expect(state).not.toContain(pan);
      expect(state).not.toMatch(/"(cvc|cardVerificationCode|primaryAccountNumber)"/);
      const journal = JSON.stringify(t.sandbox().journal.entries({ provider: 'tpaga' }));
      expect(journal).not.toContain(pan);
      // As JSON values: a random id may contain the digits by chance.
      expect(journal).not.toMatch(/"(9731|8642)"/);
      expect(journal).toContain('"cvc":"[redacted]"');
      expect(journal).toContain('"cardVerificationCode":"[redacted]"');
      expect(journal).toContain('555555******4444');
      expect(journal).not.toContain(`Basic ${Buffer.from(`${PUBLIC}:`).toString('base64')}`);
    });
  });
}
