// The Tpaga client against an injected fetch: what it sends, and how it maps answers to errors.
import { describe, expect, it } from 'vitest';
import {
  SANDBOX_URL,
  Tpaga,
  TpagaAuthError,
  TpagaDeclinedError,
  TpagaGatewayError,
  TpagaNotFoundError,
  TpagaRefundRefusedError,
  TpagaValidationError,
  parseBasicAuthorization,
} from '../../clients/tpaga/index.ts';
import { ContractError } from '../../contracts/index.ts';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fake(status: number, body: unknown, contentType = 'application/json') {
  const sent: Sent[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, method: String(init.method), headers: init.headers as Record<string, string>, body: init.body === undefined ? undefined : JSON.parse(String(init.body)) });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers: { 'content-type': contentType } });
  }) as unknown as typeof globalThis.fetch;
  return { sent, fetch };
}

const charge = {
  id: '1rnfu463258eph0mlqli4105mjb85kut', creditCard: 'c', customer: 'u', thirdPartyId: null, installments: 1, orderId: null, description: null,
  amount: '4500.00', taxAmount: '0.00', iacAmount: '0.00', tipAmount: '0.00', netAmount: '3545.00', tpagaFeeAmount: '868.00', reteRentaAmount: '68.00',
  reteIcaAmount: '19.00', reteIvaAmount: '0.00', currency: 'COP', paid: true, paymentTransaction: 'tta2hlk0e5n5dgr4kggm5j6vv8qoh3jP',
  transactionInfo: { authorizationCode: '723045', status: 'authorized' }, errorCode: '00', errorMessage: 'Approved',
};
const catching = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('Tpaga client', () => {
  it('sends Basic base64(key:) with the private key, JSON bodies, and joins the base URL once', async () => {
    const f = fake(201, charge);
    const client = new Tpaga({ privateKey: 'priv', publicKey: 'pub', baseUrl: 'http://127.0.0.1:4102/api/', fetch: f.fetch, validate: true });
    await client.chargeCard({ creditCard: 'c', amount: 4500, orderId: 'BRG-2' });
    expect(f.sent[0]).toMatchObject({ url: 'http://127.0.0.1:4102/api/charge/credit_card', method: 'POST', body: { currency: 'COP', installments: 1, taxAmount: 0, creditCard: 'c', amount: 4500, orderId: 'BRG-2' } });
    expect(parseBasicAuthorization(f.sent[0]!.headers.authorization)).toEqual({ user: 'priv', password: '' });
    expect(f.sent[0]!.headers['content-type']).toBe('application/json');
  });

  it('tokenize uses the public key, and refuses to run without one', async () => {
    const f = fake(201, { token: 't', used: false });
    await new Tpaga({ privateKey: 'priv', publicKey: 'pub', fetch: f.fetch }).tokenize({ primaryAccountNumber: '4111111111111111', cardHolderName: 'x', expirationMonth: '1', expirationYear: '2030' });
    expect(f.sent[0]!.url).toBe(`${SANDBOX_URL}/tokenize/credit_card`);
    expect(parseBasicAuthorization(f.sent[0]!.headers.authorization)!.user).toBe('pub');
    await expect(new Tpaga({ privateKey: 'priv', fetch: f.fetch }).tokenize({} as never)).rejects.toThrow(/public key/);
    expect(f.sent).toHaveLength(1);
  });

  it('GET and DELETE send no body and no content type; ids are URL-encoded', async () => {
    const f = fake(204, '');
    await new Tpaga({ privateKey: 'k', fetch: f.fetch }).deleteCard('a/b', 'c d');
    expect(f.sent[0]).toMatchObject({ method: 'DELETE', url: `${SANDBOX_URL}/customer/a%2Fb/credit_card/c%20d`, body: undefined });
    expect(f.sent[0]!.headers['content-type']).toBeUndefined();
  });

  it('402 → TpagaDeclinedError with errorCode, errorMessage and the charge', async () => {
    const declined = { ...charge, paid: false, errorCode: '51', errorMessage: 'Insufficient funds', transactionInfo: { authorizationCode: null, status: 'processor_declined' } };
    const error = await catching(new Tpaga({ privateKey: 'k', fetch: fake(402, declined).fetch, validate: true }).chargeCard({ creditCard: 'c', amount: 1 }));
    expect(error).toBeInstanceOf(TpagaDeclinedError);
    expect(error).toMatchObject({ status: 402, errorCode: '51', errorMessage: 'Insufficient funds', outcomeUnknown: false, charge: declined });
    const unknown = await catching(new Tpaga({ privateKey: 'k', fetch: fake(402, { ...declined, errorCode: '9999' }).fetch }).chargeCard({ creditCard: 'c', amount: 1 }));
    expect((unknown as TpagaDeclinedError).outcomeUnknown).toBe(true);
  });

  it.each([
    [422, { errors: [{ object: 'CreditCardCharge', field: 'amount', 'rejected-value': null, message: 'cannot be null' }] }, TpagaValidationError],
    [400, { errors: [{ object: null, field: null, 'rejected-value': null, message: 'not JSON' }] }, TpagaValidationError],
    [401, { errors: [{ object: null, field: null, 'rejected-value': null, message: 'Bad credentials' }] }, TpagaAuthError],
    [404, { errors: [{ object: 'Customer', field: 'id', 'rejected-value': 'x', message: 'Customer not found with id [x]' }] }, TpagaNotFoundError],
    [406, { ...charge, paid: false, transactionInfo: { authorizationCode: '1', status: 'voided' } }, TpagaRefundRefusedError],
    [502, '<html><body><h1>502 Bad Gateway</h1></body></html>', TpagaGatewayError],
    [504, { errors: [{ object: null, field: null, 'rejected-value': null, message: 'timeout' }] }, TpagaGatewayError],
  ] as const)('HTTP %i → %o', async (status, body, type) => {
    const error = await catching(new Tpaga({ privateKey: 'k', fetch: fake(status, body, typeof body === 'string' ? 'text/html' : 'application/json').fetch, validate: true }).refundCharge('x'));
    expect(error).toBeInstanceOf(type);
    expect((error as TpagaValidationError).status).toBe(status);
    if (status === 422) expect((error as TpagaValidationError).fieldErrors[0]!.field).toBe('amount');
    if (status === 406) expect((error as TpagaRefundRefusedError).charge.transactionInfo.status).toBe('voided');
  });

  it('a 2xx that is not JSON is a TpagaGatewayError (the outcome is unknown)', async () => {
    const error = await catching(new Tpaga({ privateKey: 'k', fetch: fake(201, '{"id": "1rnf\u0000<<garbled').fetch }).chargeCard({ creditCard: 'c', amount: 1 }));
    expect(error).toBeInstanceOf(TpagaGatewayError);
  });

  it('validate: true throws a ContractError when a body breaks its contract', async () => {
    const error = await catching(new Tpaga({ privateKey: 'k', fetch: fake(201, { ...charge, amount: 4500 }).fetch, validate: true }).chargeCard({ creditCard: 'c', amount: 1 }));
    expect(error).toBeInstanceOf(ContractError);
    expect(String((error as Error).message)).toMatch(/amount/);
  });
});
