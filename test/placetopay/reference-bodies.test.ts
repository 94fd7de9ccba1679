// Documented example bodies (reference §3.5, §5.1, §5.3, §9 and the seed's refund and
// PaymentRequest examples) validate against the schemas in contracts/placetopay.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate } from '../../contracts/index.ts';

const auth = { login: 'aabbccdd1234567890aabbccdd123456', tranKey: 'ABC123example456trankey+789abc012def3456ABC=', nonce: 'NjE0OWVkODgwYjNhNw==', seed: '2021-09-21T09:34:48-05:00' };

const seedPaymentRequest = {
  reference: '12345',
  description: 'Prueba de pago',
  amount: { currency: 'COP', total: 2000, taxes: [{ kind: 'valueAddedTax', amount: 1000, base: 0 }], details: [{ kind: 'discount', amount: 1000 }] },
  allowPartial: false,
  shipping: {
    document: '1122334455', documentType: 'CC', name: 'John', surname: 'Doe', company: 'Evertec', email: 'john@example.com', mobile: '+5731111111111',
    address: { street: 'Calle falsa 123', city: 'Medellín', state: 'Poblado', postalCode: '55555', country: 'CO', phone: '+573111111111' },
  },
  items: [{ sku: '12345', name: 'product_1', category: 'physical', qty: '1', price: 1000, tax: 0 }],
  fields: [{ keyword: '_test_field_value_', value: '_test_field_', displayOn: 'approved' }],
  recurring: { periodicity: 'D', interval: '1', nextPayment: '2019-08-24', maxPeriods: 1 },
  subscribe: false,
  dispersion: [{ agreement: '1299', agreementType: 'MERCHANT', amount: { currency: 'USD', total: 200 } }],
  modifiers: [{ type: 'FEDERAL_GOVERNMENT', code: 17934, additional: { invoice: '123345' } }],
};

const seedRefundResponse = {
  status: { status: 'APPROVED', reason: '00', message: 'Aprobada', date: '2021-12-07T16:01:19-05:00' },
  payment: {
    status: { status: 'APPROVED', reason: '00', message: 'Aprobada', date: '2021-12-07T16:01:18-05:00' },
    internalReference: 1, paymentMethod: 'visa', paymentMethodName: 'Visa', issuerName: 'JPMORGAN CHASE BANK, N.A.',
    amount: { from: { currency: 'USD', total: 100 }, to: { currency: 'USD', total: 100 }, factor: 1 },
    authorization: '123456', reference: '12345', receipt: '230955511860', franchise: 'PS_VS', refunded: false,
    processorFields: [
      { keyword: 'merchantCode', value: '1465675', displayOn: 'none' },
      { keyword: 'credit', value: { code: '1', type: '00', groupCode: 'C', installments: 1 }, displayOn: 'none' },
      { keyword: 'id', value: 'a10fe0690cfe557283310ba90746e159', displayOn: 'none' },
      { keyword: 'b24', value: '00', displayOn: 'none' },
    ],
  },
};

const documented: [string, string, unknown][] = [
  ['create response (§5.1)', 'session-create.response', {
    status: { status: 'OK', reason: 'PC', message: 'The request has been processed successfully', date: '2021-11-30T15:08:27-05:00' },
    requestId: 1, processUrl: 'https://checkout-co.placetopay.com/session/1/cc9b8690b1f7228c78b759ce27d7e80a',
  }],
  ['authentication failure (§3.5)', 'error.response', { status: { status: 'FAILED', reason: 401, message: 'Authentication failed 102', date: '2021-11-30T15:12:25-05:00' } }],
  ['cancel: not found (§5.3)', 'error.response', { status: { status: 'FAILED', reason: 'request_not_valid', message: 'The requested session does not exist', date: '2021-11-30T15:12:25-05:00' } }],
  ['cancel: not pending (§5.3)', 'error.response', { status: { status: 'FAILED', reason: 'action_not_allowed', message: 'Sessions that are not pending cannot be cancelled', date: '2021-11-30T15:12:25-05:00' } }],
  ['unknown route (§5.3)', 'error.response', { status: { status: 'FAILED', reason: 'NA', message: 'Page not found', date: '2021-11-30T15:12:25-05:00' } }],
  ['legacy query not found (PHPSDK mock)', 'error.response', { status: { status: 'FAILED', reason: 0, message: 'No existe la sesión que busca', date: '2021-11-30T15:12:25-05:00' } }],
  ['refund request (seed)', 'transaction.request', { auth, internalReference: 1, action: 'reverse' }],
  ['checkout request with a string total (seed)', 'transaction.request', { auth, internalReference: 640, amount: { currency: 'USD', total: '500' }, action: 'checkout' }],
  ['refund response (seed)', 'transaction.response', seedRefundResponse],
  ['legacy reverse response (seed shape)', 'reverse.response', seedRefundResponse],
  ['create request with the seed PaymentRequest', 'session-create.request', { auth, payment: seedPaymentRequest, ipAddress: '127.0.0.1', userAgent: 'PlacetoPay Sandbox', returnUrl: 'https://dnetix.co/p2p/client', expiration: '2021-12-30T00:00:00-05:00' }],
  ['notification (§9 vector)', 'notification.request', {
    status: { status: 'APPROVED', reason: '00', message: 'La petición ha sido aprobada exitosamente', date: '2016-10-10T16:39:57-05:00' },
    requestId: 83, reference: 'TEST_20161010_213937', signature: '8fb4beea130ab3e75a1de956bd0213892e0f6839',
  }],
  ['notification with a sha256 signature', 'notification.request', {
    status: { status: 'REJECTED', reason: '?C', message: 'El proceso de pago ha sido cancelado por el usuario', date: '2016-10-12T01:44:37-05:00' },
    requestId: 126, reference: 'TEST_20161012_014425', signature: `sha256:${'a'.repeat(64)}`,
  }],
];

describe('documented bodies validate', () => {
  it.each(documented)('%s', (_name, operation, body) => {
    const result = validate('placetopay', operation, body);
    expect(result.errors).toEqual([]);
  });

  it('and the schemas are strict where it matters', () => {
    expect(validate('placetopay', 'error.response', { status: { status: 'OK', reason: '00', message: 'x', date: '2021-11-30T15:12:25-05:00' } }).valid).toBe(false);
    expect(validate('placetopay', 'error.response', { status: { status: 'FAILED', reason: 0, message: 'x', date: '2021-11-30T15:12:25-05:00' }, extra: 1 }).valid).toBe(false);
    expect(validate('placetopay', 'notification.request', { status: { status: 'APPROVED', reason: '00', message: 'x', date: '2016-10-10T16:39:57-05:00' }, requestId: 83, reference: 'R', signature: 'md5:abc' }).valid).toBe(false);
    expect(validate('placetopay', 'session-create.request', { auth, ipAddress: '1', userAgent: 'x', returnUrl: 'https://a.b' }).valid).toBe(false);
  });

  it('every schema file compiles and has a title', () => {
    const dir = new URL('../../contracts/placetopay/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { title?: string };
      expect(schema.title, file).toBeTruthy();
      if (file !== 'common.json') expect(() => validate('placetopay', file.replace(/\.json$/, ''), {})).not.toThrow();
    }
  });
});
