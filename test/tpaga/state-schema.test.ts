// Tpaga state in snapshots: a round trip restores everything; a malformed restore is a 400
// that names the problem and leaves the state as it was. Over real HTTP and through MSW.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { FROZEN_AT, helpers, type Target } from './helpers.ts';

function stateCases(t: Target & { admin(): string }) {
  const { call, storedCard } = helpers(t);
  const admin = async (path: string, body?: unknown) => {
    const res = await fetch(`${t.admin()}/__admin/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  };

  it('snapshot → reset → restore brings back customers, cards, tokens and charges; a refund still works', async () => {
    const { customer, card, client } = await storedCard();
    const charge = await client.chargeCard({ creditCard: card.id, amount: 4500 });
    const snapshot = (await admin('snapshot')).json;
    expect((await admin('reset')).status).toBe(200);
    expect((await call('GET', `/customer/${customer.id}`)).status).toBe(404);
    expect((await admin('restore', snapshot)).status).toBe(200);
    expect((await call('GET', `/customer/${customer.id}`)).json).toEqual(customer);
    expect((await call('GET', `/customer/${customer.id}/credit_card/${card.id}`)).json).toEqual(card);
    expect((await call('GET', `/charge/credit_card/${charge.id}`)).json).toEqual(charge);
    expect((await call('POST', '/refund/credit_card', { id: charge.id })).status).toBe(202);
  });

  const merchantState = (patch: Record<string, unknown>) => ({ version: 1, providers: { tpaga: { merchants: { 'sandbox-public-key': { customers: {}, tokens: {}, cards: {}, charges: {}, ...patch } } } } });
  const malformed: [string, unknown, RegExp][] = [
    ['customers is a number (the brief\'s example)', { version: 1, providers: { tpaga: { merchants: { 'sandbox-public-key': { customers: 5 } } } } }, /customers/],
    ['a customer without its fields', merchantState({ customers: { abc: { id: 'abc' } } }), /customers\.abc/],
    ['a card whose bin is a whole card number', merchantState({ cards: { c: { bin: '4111111111111111' } } }), /cards\.c/],
    ['a charge with an amount in words and an unknown status', merchantState({ charges: { x: { id: 'x', amount: 'lots', status: 'refunded' } } }), /charges\.x/],
    ['shared nextDueMs as text', { version: 1, providers: { tpaga: { merchants: {}, shared: { nextDueMs: 'soon' } } } }, /nextDueMs/],
  ];
  it.each(malformed)('%s → 400 naming it; the state is unchanged', async (_name, snapshot, names) => {
    const kept = await call('POST', '/customer', { firstName: 'Kept' });
    const res = await admin('restore', snapshot);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toMatch(names);
    expect((await call('GET', `/customer/${kept.json.id}`)).json).toEqual(kept.json);
    expect((await call('POST', '/customer', {})).status).toBe(201);
  });
}

describe('Tpaga state schema over HTTP', () => {
  const ref = useSandbox({ providers: ['tpaga'], freezeAt: FROZEN_AT });
  stateCases({ base: () => `${ref.urls.tpaga!}/api`, admin: () => ref.urls.tpaga!, sandbox: () => ref.sandbox });
});

describe('Tpaga state schema through MSW', () => {
  const sandbox = createSandbox({ providers: ['tpaga'], freezeAt: FROZEN_AT, logError: () => {} });
  useMsw(() => sandbox.handlers());
  stateCases({ base: () => 'https://sandbox.tpaga.co/api', admin: () => 'https://sandbox.tpaga.co', sandbox: () => sandbox });
});
