// VCR cassettes and HAR files read as cases: provider hosts only, redacted on read, and
// replayed against a fresh emulator (verifyAll, in process) they match.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foreignCases } from '../../emulators/conformance/foreign.ts';
import { RecordingRedactor } from '../../emulators/conformance/recording-redactor.ts';
import { loadInputs, verifyAll } from '../../emulators/conformance/verify.ts';
import { unmaskText } from '../../emulators/conformance/unmask.ts';
import { luhnValid } from '../../emulators/kernel/redact.ts';
import { providers } from '../../emulators/registry.ts';

const fixture = (name: string) => new URL(`../fixtures/drift/${name}`, import.meta.url).pathname;
const vcr = fixture('tpaga-customer-card.yml');
const har = fixture('payture-pay-getstate.har');
const tpagaKeys = { privateKey: 'vcr-private-Kd82hQ', publicKey: 'vcr-public-Pw19zX' };
const paytureKeys = { key: 'HarTerminal-31', password: 'har-password-x' };
const creds = (id: string) => (id === 'tpaga' ? tpagaKeys : id === 'payture' ? paytureKeys : {});
const module = (id: string) => providers.find((p) => p.id === id)!;

describe('foreign recordings', () => {
  it('a VCR cassette: only the Tpaga host, !binary bodies decoded, the card, CVV and keys redacted on read', () => {
    const cases = foreignCases(readFileSync(vcr, 'utf8'), vcr, 'vcr-cassette', providers, creds);
    expect(cases.map((c) => `${c.request.method} ${c.request.path}`)).toEqual(['POST /api/customer', 'POST /api/tokenize/credit_card', 'GET /api/customer/{{id1}}', 'GET /api/customer/missing-customer-1']);
    expect(cases[2]!.expect.body).toMatchObject({ firstName: 'Vera' });
    expect(cases[2]!.setup?.steps?.[0]?.capture).toEqual({ id1: 'id' });
    expect(cases[0]).toMatchObject({ grade: 'recorded', recorded: '2026-12-02', source: { kind: 'vcr-cassette' }, lastVerified: null });
    const text = JSON.stringify(cases);
    for (const secret of ['4111111111111111', '"cvc":"482"', 'vcr-private-Kd82hQ', 'dmNyLXByaXZhdGUtS2Q4MmhROg', 'api.example.org']) expect(text).not.toContain(secret);
    expect(text).toContain('411111******1111');
  });

  it('a HAR file: only the Payture host, base64 content decoded, the terminal key swapped for the stock one, cookies dropped', () => {
    const cases = foreignCases(readFileSync(har, 'utf8'), har, 'har', providers, creds);
    expect(cases.map((c) => c.request.path)).toEqual(['/api/Pay', '/api/GetState']);
    // The order id is the client's: it links the two exchanges and is not captured.
    expect(cases[1]!.setup?.steps).toHaveLength(1);
    expect(cases[1]!.request.body).toBe('Key=sandbox-merchant&OrderId=HAR-ORDER-20261130-1');
    const text = JSON.stringify(cases);
    for (const secret of ['4111111111100031', 'SecureCode%3D914', 'HarTerminal-31', 'har-cookie-secret']) expect(text).not.toContain(secret);
  });

  it('both replay against fresh emulators and match; without the credentials the hidden key makes them differ', { timeout: 60_000 }, async () => {
    process.env.TPAGA_PRIVATE_KEY = tpagaKeys.privateKey;
    process.env.TPAGA_PUBLIC_KEY = tpagaKeys.publicKey;
    process.env.PAYTURE_KEY = paytureKeys.key;
    try {
      const { inputs, failures } = loadInputs([fixture('')], providers);
      expect(failures).toEqual([]);
      const results = await verifyAll(inputs, providers);
      expect(results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.message}`)).toEqual([]);
      expect(results).toHaveLength(6);
    } finally {
      delete process.env.TPAGA_PRIVATE_KEY;
      delete process.env.TPAGA_PUBLIC_KEY;
      delete process.env.PAYTURE_KEY;
    }
    const { inputs } = loadInputs([vcr], providers);
    const [first] = await verifyAll(inputs.slice(0, 1), providers);
    expect(first!.differences.map((d) => d.path)).toContain('status');
  });

  it('unmask: a masked card becomes the provider test card with the same digits, a hidden CVV three digits', () => {
    expect(unmaskText('{"primaryAccountNumber":"411111******1111","cvc":"[redacted]"}', ['4111111111111111'])).toBe('{"primaryAccountNumber":"4111111111111111","cvc":"123"}');
    expect(unmaskText('PAN%3D411111******0031%3BSecureCode%3D[redacted]%3B', ['4111111111100031'])).toBe('PAN%3D4111111111100031%3BSecureCode%3D123%3B');
    // No known card: Luhn-valid with the same first 6 and last 4.
    const filled = unmaskText('555500******4444', []);
    expect(filled).toMatch(/^555500\d{6}4444$/);
    expect(luhnValid(filled)).toBe(true);
  });
});

describe('RecordingRedactor', () => {
  const at = new Date('2026-12-04T10:00:00Z');
  const base = { status: 200, responseHeaders: { 'content-type': 'application/json' }, responseBody: '{"status":{"status":"OK"}}', at };

  it('PlacetoPay: the tranKey is dropped, the login becomes the stock one, the request is marked for re-signing (not when the real sandbox refused it)', () => {
    const withResign = { ...module('placetopay'), resign: (r: never) => r };
    const r = new RecordingRedactor(withResign, { login: 'my-live-login-77', secretKey: 'My-Live-Secret-99' });
    const body = JSON.stringify({ auth: { login: 'my-live-login-77', tranKey: 'q8cAbl3WzVt6v4W0p3K1OvfQGl4n6iJqQ1yq5mFz9Xs=', nonce: 'bm9uY2U=', seed: '2026-12-04T10:00:00Z' }, instrument: { card: { number: '4110760000000081', cvv: '123' } } });
    const x = r.exchange({ method: 'POST', path: '/api/session', requestHeaders: { 'content-type': 'application/json', host: 'x', cookie: 'a=b' }, requestBody: body, ...base });
    expect(x.resign).toBe(true);
    expect(x.requestBody).toContain('"login":"sandbox-login"');
    expect(x.requestBody).toContain('"tranKey":"[redacted]"');
    expect(x.requestBody).toContain('411076******0081');
    expect(x.requestBody).not.toContain('"cvv":"123"');
    expect(x.requestHeaders).toEqual({ 'content-type': 'application/json' });
    expect(r.leaks(JSON.stringify(x))).toEqual([]);
    expect(r.exchange({ method: 'POST', path: '/api/session', requestHeaders: {}, requestBody: body, ...base, status: 401 }).resign).toBe(false);
  });

  it('PuntoPagos: the Autorizacion keeps the stock key and loses its signature', () => {
    const r = new RecordingRedactor({ ...module('puntopagos'), resign: (q: never) => q }, { key: 'LIVEKEY9283', secret: 'LiveSecretPp-28sk' });
    const x = r.exchange({ method: 'POST', path: '/transaccion/crear', requestHeaders: { autorizacion: 'PP LIVEKEY9283:c2lnbmF0dXJlLXByb29m', fecha: 'Fri, 04 Dec 2026 10:00:00 GMT' }, requestBody: '{"trx_id":"1","monto":"100.00"}', ...base });
    expect(x.requestHeaders.autorizacion).toBe(`PP ${module('puntopagos').defaultMerchants[0].key}:[redacted]`);
    expect(x.requestHeaders.fecha).toBe('Fri, 04 Dec 2026 10:00:00 GMT');
    expect(x.resign).toBe(true);
  });

  it('HTTP Basic: the user\'s key becomes the stock key; an unknown one is hidden', () => {
    const r = new RecordingRedactor(module('tpaga'), { privateKey: 'live-private-Zq81' });
    const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
    expect(r.exchange({ method: 'GET', path: '/api/customer/x', requestHeaders: { authorization: basic('live-private-Zq81:') }, requestBody: null, ...base }).requestHeaders.authorization).toBe(basic('sandbox-private-key:'));
    expect(r.exchange({ method: 'GET', path: '/api/customer/x', requestHeaders: { authorization: basic('someone-else:') }, requestBody: null, ...base }).requestHeaders.authorization).toBe('Basic [redacted]');
  });

  it('Payture: a password sent in clear is hidden, and the replay\'s merchant carries the hidden value', () => {
    const r = new RecordingRedactor(module('payture'), { key: 'LiveTerminal77', password: 'LivePw-93kd' });
    const x = r.exchange({ method: 'POST', path: '/api/Refund', requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' }, requestBody: 'Key=LiveTerminal77&Password=LivePw-93kd&OrderId=O-1&Amount=100', ...base });
    expect(x.requestBody).toBe('Key=sandbox-merchant&Password=[redacted]&OrderId=O-1&Amount=100');
    expect(r.setupMerchants()).toEqual([expect.objectContaining({ key: 'sandbox-merchant', password: '[redacted]' })]);
  });
});
