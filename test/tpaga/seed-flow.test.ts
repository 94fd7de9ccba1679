// The seed's walkthrough (shared/seeds/001) end to end in Node, against the emulator,
// with the seed's own code and keys; only the base URL is the emulator's.
import { describe, expect, it } from 'vitest';
import { validate } from '../../contracts/index.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { seedMerchant, TpagaTestClient, TPAGA_PUBLIC_TOKEN } from './seed-client.ts';

/** Keys of the blog's printed charge (Python dict of the JSON). */
const BLOG_CHARGE_KEYS = [
  'id', 'creditCard', 'thirdPartyId', 'installments', 'tpagaFeeAmount', 'customer', 'iacAmount', 'transactionInfo', 'netAmount', 'tipAmount',
  'reteIvaAmount', 'reteIcaAmount', 'paid', 'reteRentaAmount', 'paymentTransaction', 'orderId', 'description', 'currency', 'errorMessage',
  'taxAmount', 'errorCode', 'amount',
];

describe('the seed flow (Python TpagaTestClient, transcribed) against the emulator', () => {
  const ref = useSandbox({ providers: ['tpaga'], merchants: seedMerchant, freezeAt: '2016-08-18T13:53:45Z' });
  const client = () => new TpagaTestClient(`${ref.urls.tpaga}/api/`);

  it('requests.post(tpaga_url, json={}, auth=(TPAGA_PRIVATE_TOKEN, "")) → <Response [201]>', async () => {
    const res = await client().apiPost(`${ref.urls.tpaga}/api/customer`, {});
    expect(res.status).toBe(201);
  });

  it('customer → tokenize (public key) → associate → charge 4500 → refund, printing what the blog printed', async () => {
    const c = client();
    const customer = await c.createCustomer({ firstName: 'Horns and Hoofs', lastName: 'Perez', email: 'hornsandhoofs@example.com', phone: '012345678' });
    const customerToken = customer.id as string;
    expect(customerToken).toMatch(/^[0-9a-z]{32}$/);

    // What the page's JavaScript does, with the public key (see test/browser for the real browser).
    const form = { primaryAccountNumber: '4111111111111111', cardHolderName: 'Иван Иваныч', expirationMonth: '03', expirationYear: '2018', cvc: '123' };
    const tokenized = await c.jsonFromResponse(await c.apiPost('tokenize/credit_card', form, TPAGA_PUBLIC_TOKEN));
    expect(tokenized.used).toBe(false);

    const creditCard = await c.assocCcToCustomer(customerToken, tokenized.token);
    expect(creditCard).toMatchObject({ customer: customerToken, bin: '411111', lastFour: '1111', type: 'VISA', cardHolderName: 'Иван Иваныч', expirationMonth: '03', expirationYear: '2018' });
    const creditCardToken = creditCard.id as string;

    const chargeCcResponse = await c.chargeCc(creditCardToken, 'BRG-2', 4500);
    expect(Object.keys(chargeCcResponse).filter((k) => k !== 'dateCreated').sort()).toEqual([...BLOG_CHARGE_KEYS].sort());
    expect(chargeCcResponse).toMatchObject({
      creditCard: creditCardToken, customer: customerToken, thirdPartyId: null, installments: 1, orderId: 'BRG-2', currency: 'COP',
      amount: '4500.00', taxAmount: '0.00', iacAmount: '0.00', tipAmount: '0.00',
      tpagaFeeAmount: '868.00', reteRentaAmount: '68.00', reteIcaAmount: '19.00', reteIvaAmount: '0.00', netAmount: '3545.00',
      paid: true, errorCode: '00', errorMessage: 'Approved', transactionInfo: { status: 'authorized' },
    });

    const refundCcResponse = await c.refundCc(chargeCcResponse.id);
    expect(refundCcResponse).toEqual({ ...chargeCcResponse, paid: false, transactionInfo: { ...chargeCcResponse.transactionInfo, status: 'voided' } });
    for (const [op, body] of [['customer.response', customer], ['credit-card.response', creditCard], ['charge.response', chargeCcResponse], ['refund.response', refundCcResponse]] as const) {
      expect(validate('tpaga', op, body).errors).toEqual([]);
    }
  });

  it('json_from_response fails on a 402: the blog says to read errorCode (43 stolen, 61 limit) instead', async () => {
    const c = client();
    const customer = await c.createCustomer({});
    for (const [pan, code] of [['4000000050000043', '43'], ['4000000040000061', '61']] as const) {
      const { token } = await c.jsonFromResponse(await c.apiPost('tokenize/credit_card', { primaryAccountNumber: pan, cardHolderName: 'X', expirationMonth: '12', expirationYear: '2020' }, TPAGA_PUBLIC_TOKEN));
      const card = await c.assocCcToCustomer(customer.id, token);
      await expect(c.chargeCc(card.id)).rejects.toThrow(/STATUS: 402/);
      const res = await c.apiPost('charge/credit_card', { currency: 'COP', taxAmount: 0, installments: 1, amount: 1000, creditCard: card.id });
      expect(res.status).toBe(402);
      expect(((await res.json()) as { errorCode: string }).errorCode).toBe(code);
    }
  });
});
