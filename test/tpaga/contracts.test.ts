// The sample bodies of the seed (shared/seeds/001) and of the reference validate against
// contracts/tpaga; a few wrong bodies do not (the schemas can fail).
import { describe, expect, it } from 'vitest';
import { operations, validate } from '../../contracts/index.ts';

const blogCharge = {
  id: '1rnfu463258eph0mlqli4105mjb85kut', creditCard: 'ifmjd9rbe8peqdjh09pln702306nfniu', thirdPartyId: null, installments: 1,
  tpagaFeeAmount: '868.00', customer: 'gl01l74skk0po9afrjiaaclt0hr5acsh', iacAmount: '0.00',
  transactionInfo: { authorizationCode: '723045', status: 'authorized' }, netAmount: '3545.00', tipAmount: '0.00', reteIvaAmount: '0.00',
  reteIcaAmount: '19.00', paid: true, reteRentaAmount: '68.00', paymentTransaction: 'tta2hlk0e5n5dgr4kggm5j6vv8qoh3jP', orderId: 'BRG-2',
  description: 'One bridge in good condition.', currency: 'COP', errorMessage: 'Approved', taxAmount: '0.00', errorCode: '00', amount: '4500.00',
};

const samples: [string, string, unknown][] = [
  ['seed: empty customer', 'customer.request', {}],
  ['seed: customer', 'customer.request', { firstName: 'Horns and Hoofs', lastName: 'Perez', email: 'hornsandhoofs@example.com', phone: '012345678' }],
  ['reference: customer with address (PHP enum values)', 'customer.request', { gender: 'N/A', legalIdNumber: '1', merchantCustomerId: 'm', address: { addressLine1: 'a', addressLine2: 'b', postalCode: '110111', city: { name: 'Bogotá', state: 'DC', country: 'CO' } } }],
  ['seed: customer response', 'customer.response', { id: 'qoodmh04sh7ghpp58opn5g0hssg4slq0', firstName: 'Horns and Hoofs', lastName: 'Perez', email: 'hornsandhoofs@example.com', phone: '012345678' }],
  ['seed: the form serialised by the page', 'tokenize.request', { primaryAccountNumber: '4111111111111111', cardHolderName: 'Иван Иваныч', expirationMonth: '03', expirationYear: '2018', cvc: '123' }],
  ["reference: tokenize without cvc (Tpaga's PHP README)", 'tokenize.request', { primaryAccountNumber: '4111111111111111', cardHolderName: 'x', expirationMonth: '1', expirationYear: '2017' }],
  ['reference: token response', 'tokenize.response', { token: 'abc', used: false }],
  ['seed: associate', 'credit-card-token.request', { token: 'tmp' }],
  ['reference: associate with skipLegalIdCheck', 'credit-card-token.request', { token: 'tmp', skipLegalIdCheck: false }],
  ['seed: card with a failed validation charge', 'credit-card.response', {
    id: 'r6ae7t2u7dmt7injv5c2bg9sqbh0krtr', addressLine2: null, addressCountry: null, addressState: null, expirationMonth: '03', lastFour: '0004', bin: '404000',
    fingerprint: '812a1abf6c03db89bdf91025687fe5a77e24065a652860445e45e62fce3a2858', addressCity: null, addressPostalCode: null, type: 'VISA',
    cardHolderName: 'Иван Иваныч', customer: 'qoodmh04sh7ghpp58opn5g0hssg4slq0', validationCharge: { successful: false, errorCode: '04' }, addressLine1: null, expirationYear: '2018',
  }],
  ['reference: legacy card create', 'credit-card.request', { primaryAccountNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2030', cardVerificationCode: '123', cardHolderName: 'x', billingAddress: { addressLine1: 'a', city: 'Bogotá', country: 'CO' } }],
  ['seed: charge', 'charge.request', { orderId: 'BRG-2', currency: 'COP', taxAmount: 0, description: 'One bridge in good condition.', installments: 1, amount: 4500, creditCard: 'ifmjd9rbe8peqdjh09pln702306nfniu' }],
  ["reference: Tpaga's PHP example charge (installments from a form)", 'charge.request', { taxAmount: 0, amount: 4500, currency: 'COP', creditCard: 'x', installments: '1' }],
  ['seed: approved charge', 'charge.response', blogCharge],
  ['seed: refund request', 'refund.request', { id: '1rnfu463258eph0mlqli4105mjb85kut' }],
  ['seed: refund response', 'refund.response', { ...blogCharge, paid: false, transactionInfo: { authorizationCode: '723045', status: 'voided' } }],
  ['reference: 402 decline (43 stolen)', 'charge-declined.response', { ...blogCharge, paid: false, errorCode: '43', errorMessage: 'Stolen card, pick up', transactionInfo: { authorizationCode: null, status: 'processor_declined' } }],
  ['reference: 406 (charge object)', 'refund-refused.response', { ...blogCharge, paid: false, transactionInfo: { authorizationCode: '723045', status: 'voided' } }],
  ['reference: 422 item with the hyphenated rejected-value', 'validation-error.response', { errors: [{ object: 'CreditCardToken', field: 'primaryAccountNumber', 'rejected-value': '41111111', message: 'is not valid' }] }],
  ['emulator: 401', 'unauthorized.response', { errors: [{ object: null, field: null, 'rejected-value': null, message: 'Bad credentials' }] }],
];

const wrong: [string, string, unknown][] = [
  ['amount as a number in a response', 'charge.response', { ...blogCharge, amount: 4500 }],
  ['a 402 that says paid', 'charge-declined.response', { ...blogCharge, errorCode: '51' }],
  ['a refund that is not voided', 'refund.response', { ...blogCharge, paid: false }],
  ['Android SDK spelling rejected_value without field', 'validation-error.response', { errors: [{ object: 'x', rejected_value: 1, message: 'm' }] }],
  ['a charge without creditCard', 'charge.request', { amount: 1, currency: 'COP', installments: 1 }],
  ['installments 37', 'charge.request', { creditCard: 'x', amount: 1, currency: 'COP', installments: 37 }],
  ['a customer email that is not one', 'customer.request', { email: 'foo00000' }],
  ['a card type outside the list', 'credit-card.response', { id: 'r6ae7t2u7dmt7injv5c2bg9sqbh0krtr', bin: '601111', type: 'DISCOVER', expirationMonth: '01', expirationYear: '2030', lastFour: '1117', customer: 'c', cardHolderName: 'x', fingerprint: '0'.repeat(64) }],
];

describe('Tpaga contracts', () => {
  it('has a schema for every request and response, and the 401/402/406/422 bodies', () => {
    expect(operations('tpaga')).toEqual(expect.arrayContaining([
      'customer.request', 'customer.response', 'tokenize.request', 'tokenize.response', 'credit-card-token.request', 'credit-card.request',
      'credit-card.response', 'charge.request', 'charge.response', 'charge-declined.response', 'refund.request', 'refund.response',
      'refund-refused.response', 'validation-error.response', 'unauthorized.response', 'error.response',
    ]));
  });
  it.each(samples)('%s validates as %s', (_name, operation, body) => {
    expect(validate('tpaga', operation, body).errors).toEqual([]);
  });
  it.each(wrong)('%s does not validate as %s', (_name, operation, body) => {
    expect(validate('tpaga', operation, body).valid).toBe(false);
  });
});
