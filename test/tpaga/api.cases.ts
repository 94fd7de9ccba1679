/**
 * Tpaga API behaviour (auth, customers, tokenization, cards, CORS, bad input), written
 * once and run over real HTTP and through MSW by `api.http.test.ts` / `api.msw.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../clients/tpaga/auth.ts';
import { TpagaAuthError, TpagaNotFoundError, TpagaValidationError } from '../../clients/tpaga/index.ts';
import { validate } from '../../contracts/index.ts';
import { card, helpers, PRIVATE, PUBLIC, type Target } from './helpers.ts';

export function tpagaApiCases(t: Target) {
  const { call, client, storedCard, expectErrors } = helpers(t);

  describe('authentication: HTTP Basic, key as user, empty password', () => {
    const cases: [string, () => ReturnType<typeof call>][] = [
      ['no Authorization header', () => call('POST', '/customer', {}, null)],
      ['an unknown key', () => call('POST', '/customer', {}, 'not-a-key')],
      ['the public key on a private endpoint', () => call('POST', '/customer', {}, PUBLIC)],
      ['the private key on /tokenize/credit_card', () => call('POST', '/tokenize/credit_card', card(), PRIVATE)],
      ['base64(key) + ":" (a community client\'s bug)', () => call('POST', '/customer', {}, null, { authorization: `Basic ${Buffer.from(PRIVATE).toString('base64')}:` })],
      ['base64(key) without the colon', () => call('POST', '/customer', {}, null, { authorization: `Basic ${Buffer.from(PRIVATE).toString('base64')}` })],
      ['a non-empty password', () => call('POST', '/customer', {}, null, { authorization: `Basic ${Buffer.from(`${PRIVATE}:secret`).toString('base64')}` })],
      ['Bearer instead of Basic', () => call('POST', '/customer', {}, null, { authorization: `Bearer ${PRIVATE}` })],
      ['the public key reading a charge', () => call('GET', '/charge/credit_card/abc', undefined, PUBLIC)],
    ];
    it.each(cases)('%s → 401 in the errors envelope with WWW-Authenticate', async (_name, send) => {
      const res = await send();
      const errors = expectErrors(res, 401);
      expect(errors[0]!.message).toMatch(/^(Bad credentials|Full authentication is required to access this resource)$/);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expect(res.headers.get('x-pasarela-detail')).toBeTruthy();
    });

    it('the worked example of the reference: the demo private key as Basic ZDEz…MmQyOg==', async () => {
      expect(basicAuthorization('d13fr8n7vhvkuch3lq2ds5qhjnd2pdd2')).toBe('Basic ZDEzZnI4bjd2aHZrdWNoM2xxMmRzNXFoam5kMnBkZDI6');
      expect(basicAuthorization('pk_test_qvbvuthlvqpijnr0elmtg5jh')).toBe('Basic cGtfdGVzdF9xdmJ2dXRobHZxcGlqbnIwZWxtdGc1amg6');
      const res = await call('POST', '/customer', {}, 'd13fr8n7vhvkuch3lq2ds5qhjnd2pdd2');
      expect(res.status).toBe(201);
    });

    it('merchants are isolated: another key cannot see a customer', async () => {
      const created = await client().createCustomer({});
      expectErrors(await call('GET', `/customer/${created.id}`, undefined, 'other-private-key'), 404);
      expect((await call('GET', `/customer/${created.id}`)).status).toBe(200);
    });

    it('the client raises TpagaAuthError with status 401', async () => {
      const error = await client({ privateKey: 'wrong' }).createCustomer({}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TpagaAuthError);
      expect((error as TpagaAuthError).status).toBe(401);
    });
  });

  describe('customers', () => {
    it('an empty {} creates a customer: 201, 32-character id, every field null, no address key (live answer of tpaga_service)', async () => {
      const res = await call('POST', '/customer', {});
      expect(res.status).toBe(201);
      expect(res.json.id).toMatch(/^[0-9a-z]{32}$/);
      expect(res.json).toEqual({ id: res.json.id, firstName: null, lastName: null, email: null, phone: null, gender: null, legalIdNumber: null, merchantCustomerId: null });
      expect('address' in (await call('GET', `/customer/${res.json.id}`)).json).toBe(false);
      expect(validate('tpaga', 'customer.response', res.json).valid).toBe(true);
    });

    it('no body at all also creates one', async () => {
      expect((await call('POST', '/customer')).status).toBe(201);
    });

    it('echoes the seed customer and its address; GET returns the same object', async () => {
      const body = { firstName: 'Horns and Hoofs', lastName: 'Perez', email: 'hornsandhoofs@example.com', phone: '012345678', gender: 'M', legalIdNumber: '1020304050', merchantCustomerId: 'C-1', address: { addressLine1: 'Cra 7 # 71-21', postalCode: '110231', city: { name: 'Bogotá', state: 'DC', country: 'CO' } } };
      const created = await call('POST', '/customer', body);
      expect(created.json).toMatchObject({ ...body, address: { ...body.address, addressLine2: null } });
      const got = await call('GET', `/customer/${created.json.id}`);
      expect(got.status).toBe(200);
      expect(got.json).toEqual(created.json);
    });

    it('an invalid email is a 422 naming the field, with the rejected value (live-sandbox behaviour)', async () => {
      const errors = expectErrors(await call('POST', '/customer', { email: 'foo00000' }), 422);
      expect(errors).toEqual([{ object: 'Customer', field: 'email', 'rejected-value': 'foo00000', message: 'Property [email] of class [class Customer] with value [foo00000] is not a valid e-mail address' }]);
    });

    it('every bad field gets its own error, nested ones by dotted path', async () => {
      const errors = expectErrors(await call('POST', '/customer', { email: 'x', gender: 'X', phone: true, address: { city: { name: [5] } } }), 422);
      expect(errors.map((e) => e.field).sort()).toEqual(['address.city.name', 'email', 'gender', 'phone']);
      expect(errors.find((e) => e.field === 'gender')!.message).toMatch(/not contained within the list \[M, F, N\/A\]/);
    });

    it('GET of an unknown customer is a 404 in the envelope; the client raises TpagaNotFoundError', async () => {
      expectErrors(await call('GET', '/customer/doesnotexist'), 404);
      await expect(client().getCustomer('doesnotexist')).rejects.toBeInstanceOf(TpagaNotFoundError);
    });

    it('DELETE answers 200 with the deleted customer as JSON (a live client parses it); a second DELETE and a GET are 404', async () => {
      const created = await client().createCustomer({ firstName: 'Ana' });
      const { id } = created;
      const first = await call('DELETE', `/customer/${id}`);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toMatch(/^application\/json/);
      expect(first.json).toEqual(created);
      expectErrors(await call('DELETE', `/customer/${id}`), 404);
      expectErrors(await call('GET', `/customer/${id}`), 404);
    });

    it('a customer with a card cannot be deleted (422) until the card is', async () => {
      const { customer, card: stored } = await storedCard();
      const errors = expectErrors(await call('DELETE', `/customer/${customer.id}`), 422);
      expect(errors[0]!.field).toBe('creditCards');
      const cardGone = await call('DELETE', `/customer/${customer.id}/credit_card/${stored.id}`);
      expect([cardGone.status, cardGone.json]).toEqual([200, stored]);
      expect((await call('DELETE', `/customer/${customer.id}`)).status).toBe(200);
    });
  });

  describe('tokenize (public key)', () => {
    it('answers 201 {token, used: false} with a 32-character token', async () => {
      const res = await call('POST', '/tokenize/credit_card', card(), PUBLIC);
      expect(res.status).toBe(201);
      expect(res.json).toEqual({ token: expect.stringMatching(/^[0-9a-z]{32}$/), used: false });
    });

    it('card number 41111111 is a 422 on primaryAccountNumber (live-sandbox behaviour), never echoing a card number', async () => {
      const errors = expectErrors(await call('POST', '/tokenize/credit_card', card('41111111'), PUBLIC), 422);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ object: 'CreditCardToken', field: 'primaryAccountNumber', message: expect.stringMatching(/not a valid credit card number$/) });
      const luhnBad = expectErrors(await call('POST', '/tokenize/credit_card', card('4111111111111112'), PUBLIC), 422);
      expect(luhnBad[0]!['rejected-value']).toBe('411111******1112');
      expect(JSON.stringify(luhnBad)).not.toContain('4111111111111112');
    });

    it('missing PAN and holder name: one error per field, in form order (errors[0] is the first field)', async () => {
      const errors = expectErrors(await call('POST', '/tokenize/credit_card', { expirationMonth: '03', expirationYear: '2030' }, PUBLIC), 422);
      expect(errors.map((e) => e.field)).toEqual(['primaryAccountNumber', 'cardHolderName']);
      expect(errors[0]!.message).toBe('Property [primaryAccountNumber] of class [class CreditCardToken] cannot be null');
    });

    it.each([
      ['expired last year', { expirationYear: '2025' }, 'expirationYear', /has expired/],
      ['expired earlier this year', { expirationMonth: '02', expirationYear: '2026' }, 'expirationMonth', /has expired/],
      ['month 13', { expirationMonth: '13' }, 'expirationMonth', /not a month/],
      ['two-digit year', { expirationYear: '30' }, 'expirationYear', /four digits/],
      ['blank holder name', { cardHolderName: '   ' }, 'cardHolderName', /cannot be blank/],
      ['CVC of two digits', { cvc: '12' }, 'cvc', /3 or 4 digits/],
      ['a Discover card', { primaryAccountNumber: '6011111111111117' }, 'primaryAccountNumber', /accepted card type/],
      ['PAN with spaces', { primaryAccountNumber: '4111 1111 1111 1111' }, 'primaryAccountNumber', /not a valid credit card number/],
    ])('%s → 422 on %s', async (_name, patch, field, message) => {
      const errors = expectErrors(await call('POST', '/tokenize/credit_card', { ...card(), ...patch }, PUBLIC), 422);
      expect(errors.map((e) => e.field)).toEqual([field]);
      expect(errors[0]!.message).toMatch(message);
      if (field === 'cvc') expect(errors[0]!['rejected-value']).toBe('[redacted]');
    });

    it('the current month is still valid; month "1" and numbers are accepted and normalised', async () => {
      const { card: stored } = await storedCard('4111111111111111', { card: { expirationMonth: 3, expirationYear: 2026 } });
      expect(stored).toMatchObject({ expirationMonth: '03', expirationYear: '2026' });
      const { card: one } = await storedCard('5555555555554444', { card: { expirationMonth: '1', cvc: undefined } });
      expect(one).toMatchObject({ expirationMonth: '01', type: 'MASTERCARD', bin: '555555', lastFour: '4444' });
    });
  });

  describe('cards', () => {
    it('credit_card_token: 201 CreditCard in the 2016 shape, without validationCharge by default', async () => {
      const { customer, card: stored } = await storedCard();
      expect(stored).toMatchObject({ bin: '411111', lastFour: '1111', type: 'VISA', customer: customer.id, cardHolderName: 'Numa Nigerio', addressLine1: null, addressCountry: null });
      expect(stored.id).toMatch(/^[0-9a-z]{32}$/);
      expect(stored.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(stored).not.toHaveProperty('validationCharge');
      expect(stored).not.toHaveProperty('cardVerificationCode');
    });

    it('a token is single use: the second association is a 422 on token', async () => {
      const { id } = await client().createCustomer({});
      const { token } = await client().tokenize(card() as never);
      await client().associateCard(id, token);
      const errors = expectErrors(await call('POST', `/customer/${id}/credit_card_token`, { token }), 422);
      expect(errors[0]).toMatchObject({ field: 'token', message: expect.stringMatching(/already been used/) });
    });

    it('an unknown token, or one of another merchant, is a 422; an unknown customer a 404', async () => {
      const { id } = await client().createCustomer({});
      const { token } = await client({ privateKey: 'other-private-key', publicKey: 'other-public-key' }).tokenize(card() as never);
      expect(expectErrors(await call('POST', `/customer/${id}/credit_card_token`, { token }), 422)[0]!.message).toMatch(/does not exist/);
      expectErrors(await call('POST', `/customer/${id}/credit_card_token`, { token: 'nope' }), 422);
      expectErrors(await call('POST', '/customer/nobody/credit_card_token', { token: 'nope' }), 404);
      const error = await client().associateCard(id, '').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TpagaValidationError);
      expect((error as TpagaValidationError).fieldErrors[0]!.field).toBe('token');
    });

    it('the same card number always has the same fingerprint; another number another one', async () => {
      const a = await storedCard('4111111111111111');
      const b = await storedCard('4111111111111111', { card: { cardHolderName: 'Other', expirationYear: '2031' } });
      const c = await storedCard('5555555555554444');
      expect(a.card.fingerprint).toBe(b.card.fingerprint);
      expect(c.card.fingerprint).not.toBe(a.card.fingerprint);
    });

    it('legal id: checked against the customer, skipped on request', async () => {
      const customer = await client().createCustomer({ legalIdNumber: '1020304050' });
      const tok = async (legal: string) => (await client().tokenize({ ...card(), cardHolderLegalIdNumber: legal, cardHolderLegalIdType: 'CC' } as never)).token;
      const match = await client().associateCard(customer.id, await tok('1020304050'));
      const mismatch = await client().associateCard(customer.id, await tok('999'));
      const skipped = await client().associateCard(customer.id, await tok('999'), { skipLegalIdCheck: true });
      expect(match).toMatchObject({ cardHolderLegalIdNumber: '1020304050', cardHolderLegalIdType: 'CC', creditCardChecks: { cardHolderLegalIdMatches: 'MATCH' } });
      expect(mismatch.creditCardChecks).toEqual({ cardHolderLegalIdMatches: 'MISMATCH' });
      // No check ran: no creditCardChecks at all (no recorded answer has the key).
      expect(skipped).toMatchObject({ cardHolderLegalIdNumber: '999', cardHolderLegalIdType: 'CC' });
      expect('creditCardChecks' in skipped).toBe(false);
      const noLegalId = await client().createCustomer({});
      const unchecked = await client().associateCard(noLegalId.id, await tok('1020304050'));
      expect('creditCardChecks' in unchecked).toBe(false);
    });

    it('validation charge (merchant setting): approved card → successful 00; the 04 card → 201 with successful false, as observed', async () => {
      const keys = { key: 'validating-private-key', publicKey: 'validating-public-key' };
      const ok = await storedCard('4111111111111111', keys);
      expect(ok.card.validationCharge).toEqual({ successful: true, errorCode: '00' });
      const failed = await storedCard('4040000000000004', keys);
      expect(failed.card).toMatchObject({ bin: '404000', lastFour: '0004', validationCharge: { successful: false, errorCode: '04' } });
      expect((await call('GET', `/customer/${failed.customer.id}/credit_card/${failed.card.id}`, undefined, keys.key)).status).toBe(200);
    });

    it('legacy POST /customer/{id}/credit_card: raw data with cardVerificationCode and a billing address', async () => {
      const { id } = await client().createCustomer({});
      const created = await client().addCreditCard(id, {
        primaryAccountNumber: '378282246310005',
        cardHolderName: 'Ana Gómez',
        expirationMonth: '12',
        expirationYear: '2031',
        cardVerificationCode: '1234',
        billingAddress: { addressLine1: 'Calle 1', city: 'Bogotá', state: 'DC', postalCode: '110111', country: 'CO' },
      });
      expect(created).toMatchObject({ type: 'AMEX', bin: '378282', lastFour: '0005', addressLine1: 'Calle 1', addressCity: 'Bogotá', addressState: 'DC', addressPostalCode: '110111', addressCountry: 'CO', addressLine2: null });
      const errors = expectErrors(await call('POST', `/customer/${id}/credit_card`, { ...card(), cvc: undefined, cardVerificationCode: 'abc' }), 422);
      expect(errors.map((e) => e.field)).toEqual(['cardVerificationCode']);
    });

    it('GET a card: 200; through another customer or after DELETE: 404', async () => {
      const { customer, card: stored } = await storedCard();
      const other = await client().createCustomer({});
      expect((await client().getCard(customer.id, stored.id)).id).toBe(stored.id);
      expectErrors(await call('GET', `/customer/${other.id}/credit_card/${stored.id}`), 404);
      await client().deleteCard(customer.id, stored.id);
      expectErrors(await call('GET', `/customer/${customer.id}/credit_card/${stored.id}`), 404);
      expectErrors(await call('DELETE', `/customer/${customer.id}/credit_card/${stored.id}`), 404);
    });
  });

  describe('CORS for browser tokenization', () => {
    const origin = 'http://shop.example:8080';
    it('answers the preflight for Authorization + Content-Type from any origin', async () => {
      const res = await fetch(`${t.base()}/tokenize/credit_card`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toBe('authorization,content-type');
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    });

    it.each([
      ['201', card(), PUBLIC, 201],
      ['422', card('41111111'), PUBLIC, 422],
      ['401', card(), 'wrong', 401],
    ])('the %s answer carries Access-Control-Allow-Origin, so the page can read it', async (_n, body, key, status) => {
      const res = await call('POST', '/tokenize/credit_card', body, key, { origin });
      expect(res.status).toBe(status);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    });
  });

  describe('bad input never breaks anything', () => {
    it('malformed JSON and non-object bodies are 400 in the envelope', async () => {
      for (const body of ['{"amount": ', '[1,2]', '"text"', '\u0000garbage']) {
        const errors = expectErrors(await call('POST', '/charge/credit_card', body), 400);
        expect(errors[0]!.message).toMatch(/JSON object/);
      }
    });

    it('a battery of garbage never gets a 500 and leaves stored data as it was', async () => {
      const { customer, card: stored } = await storedCard();
      const before = [await call('GET', `/customer/${customer.id}`), await call('GET', `/customer/${customer.id}/credit_card/${stored.id}`)].map((r) => r.json);
      const responses = await Promise.all([
        call('POST', '/customer', '{'),
        call('POST', '/customer', { email: ['x'], address: 'street' }),
        call('POST', `/customer/${customer.id}/credit_card_token`, { token: { $gt: '' } }),
        call('POST', `/customer/${customer.id}/credit_card`, { primaryAccountNumber: 4111111111111111, expirationMonth: null }),
        call('POST', '/charge/credit_card', { creditCard: stored.id, amount: 'lots', currency: 'COP', installments: 1.5 }),
        call('POST', '/charge/credit_card', { creditCard: stored.id, amount: 1e308 * 10, currency: 'COP', installments: 1 }),
        call('POST', '/refund/credit_card', { id: ['x'] }),
        call('DELETE', `/customer/${customer.id}`, 'junk'),
        call('POST', '/tokenize/credit_card', { primaryAccountNumber: '4'.repeat(5000) }, PUBLIC),
        call('GET', '/charge/credit_card/%00%20'),
        call('POST', '/customer', JSON.stringify({ pad: 'x'.repeat(600 * 1024) })),
        call('PUT', '/customer', {}),
      ]);
      for (const res of responses) {
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.text).not.toMatch(/at .*\.ts:\d+|TypeError|stack/);
      }
      const after = [await call('GET', `/customer/${customer.id}`), await call('GET', `/customer/${customer.id}/credit_card/${stored.id}`)].map((r) => r.json);
      expect(after).toEqual(before);
    });

    it('an unknown route is a 404, an oversize body a 413, both in the envelope', async () => {
      expectErrors(await call('POST', '/daviplata/verify', {}), 404);
      expectErrors(await call('POST', '/customer', JSON.stringify({ pad: 'x'.repeat(600 * 1024) })), 413);
    });

    it('duplicate slashes are normalised, as the reference advises', async () => {
      expect((await call('POST', '//customer', {})).status).toBe(201);
      const base = new URL(t.base());
      const res = await fetch(`${base.origin}//api///customer`, { method: 'POST', headers: { authorization: basicAuthorization(PRIVATE) } });
      expect(res.status).toBe(201);
    });

    it('an unknown X-Pasarela-Scenario on a charge is a 400 that names it, and charges nothing', async () => {
      const { card: stored } = await storedCard();
      const res = await call('POST', '/charge/credit_card', { creditCard: stored.id, amount: 1000, currency: 'COP', installments: 1 }, PRIVATE, { 'x-pasarela-scenario': 'no-such-outcome' });
      expect(expectErrors(res, 400)[0]!.message).toMatch(/no-such-outcome/);
      expect(t.sandbox().provider('tpaga').transactions().filter((x) => (x.data as { creditCard: string }).creditCard === stored.id)).toEqual([]);
    });
  });
}
