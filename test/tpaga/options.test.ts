// Sandbox options for the behaviours the reference leaves unconfirmed (docs/tpaga.md).
import { describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../clients/tpaga/auth.ts';
import { Tpaga } from '../../clients/tpaga/index.ts';
import { createSandbox } from '../../emulators/index.ts';
import { card, FROZEN_AT } from './helpers.ts';

function sandboxWith(options: Record<string, unknown>) {
  const sandbox = createSandbox({ providers: ['tpaga'], freezeAt: FROZEN_AT, options: { tpaga: options }, logError: () => {} });
  const fetchIn: typeof fetch = (input, init) => sandbox.fetch('tpaga', new Request(input as string, init));
  const client = new Tpaga({ privateKey: 'sandbox-private-key', publicKey: 'sandbox-public-key', fetch: fetchIn, validate: true });
  const stored = async () => {
    const customer = await client.createCustomer({});
    const { token } = await client.tokenize(card() as never);
    return { customer, card: await client.associateCard(customer.id, token) };
  };
  return { sandbox, client, stored, fetchIn };
}

describe('Tpaga sandbox options', () => {
  it('refundWindow "24h": a refund the next morning works, 24 h later it does not', async () => {
    const { sandbox, client, stored } = sandboxWith({ refundWindow: '24h' });
    const { card: c } = await stored();
    const a = await client.chargeCard({ creditCard: c.id, amount: 1000 });
    const b = await client.chargeCard({ creditCard: c.id, amount: 2000 });
    sandbox.clock.advance(23 * 3600);
    expect((await client.refundCharge(a.id)).transactionInfo.status).toBe('voided');
    sandbox.clock.advance(3600);
    await expect(client.refundCharge(b.id)).rejects.toMatchObject({ status: 406 });
    expect((await client.getCharge(b.id)).transactionInfo.status).toBe('settled');
  });

  it('the default window closes at midnight in Bogotá, 14 h after a 10:00 charge', async () => {
    const { sandbox, client, stored } = sandboxWith({});
    const { card: c } = await stored();
    const charge = await client.chargeCard({ creditCard: c.id, amount: 1000 });
    sandbox.clock.advance(14 * 3600 - 1);
    expect((await client.getCharge(charge.id)).transactionInfo.status).toBe('authorized');
    sandbox.clock.advance(1);
    expect((await client.getCharge(charge.id)).transactionInfo.status).toBe('settled');
  });

  it('deleteStatus 204: DELETE answers 204 with an empty body (default: 200 with the deleted object)', async () => {
    for (const [options, status, body] of [[{ deleteStatus: 204 }, 204, ''], [{}, 200, '{"id"']] as const) {
      const { fetchIn, stored } = sandboxWith(options);
      const { customer, card: c } = await stored();
      const auth = { authorization: basicAuthorization('sandbox-private-key') };
      for (const path of [`/customer/${customer.id}/credit_card/${c.id}`, `/customer/${customer.id}`]) {
        const res = await fetchIn(`https://sandbox.tpaga.co/api${path}`, { method: 'DELETE', headers: auth });
        expect(res.status).toBe(status);
        expect((await res.text()).slice(0, body.length)).toBe(body);
      }
    }
  });

  it('cardHolderLegalIdTypeDefault "CC": a card tokenized without a legal id answers type "CC" (tpaga_service), default null (a Django GET)', async () => {
    for (const [options, type] of [[{ cardHolderLegalIdTypeDefault: 'CC' }, 'CC'], [{}, null], [{ cardHolderLegalIdTypeDefault: '<b>' }, null]] as const) {
      const { stored } = sandboxWith(options);
      const { card: c } = await stored();
      expect([c.cardHolderLegalIdNumber, c.cardHolderLegalIdType]).toEqual([null, type]);
    }
  });

  it('requireCvc: tokenize without cvc is a 422 on cvc (default: accepted)', async () => {
    const strict = sandboxWith({ requireCvc: true });
    const error = await strict.client.tokenize({ ...card(), cvc: undefined } as never).catch((e: unknown) => e);
    expect((error as { fieldErrors: { field: string }[] }).fieldErrors.map((f) => f.field)).toEqual(['cvc']);
    const lax = sandboxWith({});
    expect((await lax.client.tokenize({ ...card(), cvc: undefined } as never)).used).toBe(false);
  });

  it('tokenTtlSeconds: an unused token expires (default: never)', async () => {
    const { sandbox, client } = sandboxWith({ tokenTtlSeconds: 600 });
    const { id } = await client.createCustomer({});
    const { token } = await client.tokenize(card() as never);
    sandbox.clock.advance(601);
    await expect(client.associateCard(id, token)).rejects.toMatchObject({ status: 422, fieldErrors: [{ field: 'token', message: expect.stringMatching(/expired/) }] });
  });

  it('a --config merchant: validationCharge and rates are filled with defaults and validated', async () => {
    const sandbox = createSandbox({ providers: ['tpaga'], merchants: { tpaga: [{ privateKey: 'k', publicKey: 'p', rates: { feeFixed: 0 } }] } });
    const m = sandbox.provider('tpaga').merchants.get('p') as { validationCharge: boolean; rates: Record<string, number> };
    expect(m.validationCharge).toBe(false);
    expect(m.rates).toEqual({ feePercent: 2.99, feeFixed: 0, feeVatPercent: 19, reteRentaPercent: 1.5, reteIcaPercent: 0.414, reteIvaPercent: 15 });
    expect(() => createSandbox({ providers: ['tpaga'], merchants: { tpaga: [{ privateKey: 'k' }] } })).toThrow(/publicKey/);
    expect(() => createSandbox({ providers: ['tpaga'], merchants: { tpaga: [{ privateKey: 'k', publicKey: 'p', rates: { feePercent: -1 } }] } })).toThrow(/feePercent/);
  });
});
