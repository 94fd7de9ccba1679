// The shop's card payments against the emulator: store a card → charge → query; declined and pending.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type FreshMerchant } from 'pasarela/vitest';
import { Shop } from '../src/shop.js';

const pasarela = connect(inject('pasarela').urls);
const card = (primaryAccountNumber: string) => ({ primaryAccountNumber, cardHolderName: 'Ana Gómez', expirationMonth: '12', expirationYear: '2030', cvc: '123' });

describe('card payments with Tpaga', () => {
  let shop: Shop;
  let site: FreshMerchant<'tpaga'>;

  beforeAll(async () => {
    site = await pasarela.freshMerchant('tpaga');   // own keys: own, empty state
    shop = new Shop({ privateKey: site.privateKey, publicKey: site.publicKey, baseUrl: `${site.baseUrl}/api` });
  });

  it('approved: the test VISA is charged and the charge reads back as paid', async () => {
    const { cardId } = await shop.saveCard('ana@example.com', card('4111111111111111'));
    expect(await shop.pay('ORDER-1', cardId, 45000)).toBe('paid');
    expect(await shop.refresh('ORDER-1')).toBe('paid');
    await pasarela.expectCalled('tpaga', 'POST /api/charge/credit_card', { merchant: site.key, body: { orderId: 'ORDER-1', amount: 45000 } });
  });

  it('declined: 402 with errorCode 51, insufficient funds', async () => {
    const { cardId } = await shop.saveCard('ana@example.com', card('4000000000000051'));
    expect(await shop.pay('ORDER-2', cardId, 45000)).toBe('declined');
    expect(shop.orders.get('ORDER-2')?.errorCode).toBe('51');
    expect(await shop.refresh('ORDER-2')).toBe('declined');
  });

  it('pending: errorCode 9999 means Tpaga does not know yet; the charge stays created until reconciled', async () => {
    const { cardId } = await shop.saveCard('ana@example.com', card('4000000030009999'));
    expect(await shop.pay('ORDER-3', cardId, 45000)).toBe('pending');
    expect(await shop.refresh('ORDER-3')).toBe('pending');
  });
});
