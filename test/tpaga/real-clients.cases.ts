/**
 * What real Tpaga clients send (docs/tpaga.md, "What real clients send"), each as the
 * client sent it, run over real HTTP and through MSW: the parser (emulators/tpaga/parse.ts)
 * and the answer shapes the recordings show.
 */
import { describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../clients/tpaga/auth.ts';
import { validate } from '../../contracts/index.ts';
import { card, helpers, PUBLIC, type Target } from './helpers.ts';

export function realClientCases(t: Target) {
  const { call, client, storedCard, expectErrors } = helpers(t);
  const raw = (method: string, path: string, body: string | undefined, headers: Record<string, string>) => call(method, path, body, null, { authorization: basicAuthorization('sandbox-private-key'), ...headers });

  describe('JSON numbers in String fields are bound as their decimal text (Grails)', () => {
    it('Django: merchantCustomerId 7 → "7"', async () => {
      const res = await call('POST', '/customer', { email: 'ana@example.com', merchantCustomerId: 7, gender: 'N/A' });
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ merchantCustomerId: '7', gender: 'N/A' });
      expect(validate('tpaga', 'customer.response', res.json).errors).toEqual([]);
    });

    it('tpaga_service live spec: orderId 123, thirdPartyId 456 and an object-valued customer key → 201 with "123" / "456"', async () => {
      const { card: stored } = await storedCard();
      const res = await call('POST', '/charge/credit_card', { amount: 1000, taxAmount: 0, currency: 'COP', installments: 1, creditCard: stored.id, orderId: 123, thirdPartyId: 456, description: 'Pago — prueba', customer: { id: 'x' } });
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ orderId: '123', thirdPartyId: '456', customer: stored.customer });
      expect(validate('tpaga', 'charge.response', res.json).errors).toEqual([]);
    });

    it('nested: an address postalCode 110231 → "110231"; legal id numbers at tokenize', async () => {
      const created = await call('POST', '/customer', { legalIdNumber: 1020304050, address: { postalCode: 110231, city: { name: 'Bogotá' } } });
      expect(created.json).toMatchObject({ legalIdNumber: '1020304050', address: { postalCode: '110231', city: { name: 'Bogotá' } } });
      const tok = await call('POST', '/tokenize/credit_card', card('4111111111111111', { cardHolderLegalIdNumber: 1020304050, cardHolderLegalIdType: 'CC' }), PUBLIC);
      const stored = await call('POST', `/customer/${created.json.id}/credit_card_token`, { token: tok.json.token });
      expect(stored.json).toMatchObject({ cardHolderLegalIdNumber: '1020304050', creditCardChecks: { cardHolderLegalIdMatches: 'MATCH' } });
    });

    it('a card number sent as a JSON number is a card number; past 2^53 (digits already lost) it is a 422, never echoed', async () => {
      const tok = await call('POST', '/tokenize/credit_card', `{"primaryAccountNumber":4111111111111111,"cardHolderName":"Ana","expirationMonth":3,"expirationYear":2030,"cvc":123}`, PUBLIC);
      expect(tok.status).toBe(201);
      const big = await call('POST', '/tokenize/credit_card', `{"primaryAccountNumber":6011000990139424000,"cardHolderName":"Ana","expirationMonth":3,"expirationYear":2030}`, PUBLIC);
      const errors = expectErrors(big, 422);
      expect(errors.map((e) => e.field)).toEqual(['primaryAccountNumber']);
      expect(big.text).not.toMatch(/60110009901394/);
    });

    it('skipLegalIdCheck "true" (a form value) is the boolean true', async () => {
      const customer = await client().createCustomer({ legalIdNumber: '1' });
      const { token } = await client().tokenize({ ...card(), cardHolderLegalIdNumber: '2' } as never);
      const res = await call('POST', `/customer/${customer.id}/credit_card_token`, { token, skipLegalIdCheck: 'true' });
      expect(res.status).toBe(201);
      expect('creditCardChecks' in res.json).toBe(false);
    });
  });

  describe('content types, encodings and bodies clients send', () => {
    const types = ['application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8', 'application/json; charset="UTF-8"', 'text/plain', 'application/x-www-form-urlencoded'];
    it.each(types)('a JSON body labelled %s is read as JSON', async (type) => {
      const res = await raw('POST', '/customer', '{"firstName":"Иван","merchantCustomerId":"9"}', { 'content-type': type });
      expect([res.status, res.json.firstName, res.json.merchantCustomerId]).toEqual([201, 'Иван', '9']);
    });

    it('Swift .prettyPrinted (newlines, " : ") and Python json.dumps (\\uXXXX, ", ") bodies', async () => {
      const pretty = await call('POST', '/tokenize/credit_card', '{\n  "primaryAccountNumber" : "4111111111111111",\n  "cardHolderName" : "Ana",\n  "expirationMonth" : "03",\n  "expirationYear" : "2030"\n}', PUBLIC);
      expect(pretty.status).toBe(201);
      const escaped = await call('POST', '/customer', '{"firstName": "\\u0418\\u0432\\u0430\\u043d", "email": "a\\/b@example.com"}');
      expect(escaped.json).toMatchObject({ firstName: 'Иван', email: 'a/b@example.com' });
    });

    it('the literal body null on POST is a 400 that says "got null"', async () => {
      const errors = expectErrors(await call('POST', '/customer', 'null'), 400);
      expect(errors[0]!.message).toMatch(/got null$/);
    });

    it('GET with Content-Type (Swift, Django, the Ruby SDK\'s form type) and no body → 200', async () => {
      const { id } = await client().createCustomer({ firstName: 'Ana' });
      for (const type of ['application/json; charset=utf-8', 'application/x-www-form-urlencoded']) {
        const res = await raw('GET', `/customer/${id}`, undefined, { 'content-type': type, accept: 'application/json' });
        expect([res.status, res.json.firstName]).toEqual([200, 'Ana']);
      }
    });

    it('Ruby SDK DELETE: form Content-Type with the body null → 200 JSON', async () => {
      const { customer, card: stored } = await storedCard();
      const res = await raw('DELETE', `/customer/${customer.id}/credit_card/${stored.id}`, 'null', { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' });
      expect(res.status).toBe(200);
      expect(res.json.id).toBe(stored.id);
    });

    it('Authorization scheme in any case, Ruby pack("m") form', async () => {
      const b64 = Buffer.from('sandbox-private-key:').toString('base64');
      for (const authorization of [`basic ${b64}`, `BASIC ${b64}`, `Basic  ${b64}`]) {
        expect((await call('POST', '/customer', {}, null, { authorization })).status).toBe(201);
      }
    });
  });

  describe('answer shapes of the recordings', () => {
    it('a card tokenized without a legal id: cardHolderLegalIdNumber and cardHolderLegalIdType null, on associate and GET', async () => {
      const { customer, card: stored } = await storedCard();
      expect(stored).toMatchObject({ cardHolderLegalIdNumber: null, cardHolderLegalIdType: null });
      const got = await call('GET', `/customer/${customer.id}/credit_card/${stored.id}`, undefined, undefined, { accept: 'application/json', 'content-type': 'application/json' });
      expect(got.json).toMatchObject({ cardHolderLegalIdNumber: null, cardHolderLegalIdType: null });
      expect('creditCardChecks' in got.json).toBe(false);
      expect(validate('tpaga', 'credit-card.response', got.json).errors).toEqual([]);
    });

    it('a customer created with an address answers it; one without has no address key', async () => {
      const withAddress = await call('POST', '/customer', { address: { addressLine1: 'Cra 7' } });
      expect(withAddress.json.address).toEqual({ addressLine1: 'Cra 7', addressLine2: null, postalCode: null, city: null });
      const without = await call('POST', '/customer', { address: null });
      expect(Object.keys(without.json)).not.toContain('address');
    });
  });
}
