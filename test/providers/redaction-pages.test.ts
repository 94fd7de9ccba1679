/**
 * Card data in every encoding PlacetoPay and PuntoPagos accept (the collect API's JSON, the
 * hosted pages' form posts) never reaches the journal, the webhook log or the state in full:
 * card numbers keep their first 6 and last 4 digits, CVVs nothing. Over real HTTP, generated
 * by fast-check. (Payture and Tpaga have their own: test/<provider>/redaction-encodings.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAuth } from '../../clients/placetopay/auth.ts';
import { authorizationHeader, sign, signatureMessage } from '../../clients/puntopagos/signature.ts';
import { useSandbox } from '../helpers/sandbox.ts';

const ref = useSandbox({ providers: ['placetopay', 'puntopagos'], seed: 7 });

/** A Luhn-valid 16-digit card number from 15 digits. */
const luhn = (digits15: string) => {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let d = Number(digits15[14 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits15 + String((10 - (sum % 10)) % 10);
};
const pan = fc.tuple(fc.constantFrom('4', '5'), fc.stringMatching(/^[0-9]{14}$/)).map(([a, b]) => luhn(a + b));
// Four digits, so that it cannot hide in a timestamp's milliseconds.
const cvv = fc.integer({ min: 2001, max: 9999 }).map(String);
let counter = 0;

const spaced = (p: string) => p.replace(/(\d{4})(?=\d)/g, '$1 ');
const dashed = (p: string) => p.replace(/(\d{4})(?=\d)/g, '$1-');
const unicodeEscaped = (s: string) => [...s].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const percentAll = (s: string) => [...s].map((ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`).join('');

/** A hosted page's card form in one of the encodings a browser or a client may use. */
function cardForm(card: string, code: string, style: 'plain' | 'spaced' | 'percent' | 'multipart', extra: Record<string, string>): RequestInit {
  if (style === 'multipart') {
    const form = new FormData();
    for (const [k, v] of Object.entries({ cardNumber: card, expiry: '12/30', cvv: code, ...extra })) form.set(k, v);
    return { method: 'POST', body: form, redirect: 'manual' };
  }
  const n = style === 'plain' ? card : style === 'spaced' ? encodeURIComponent(spaced(card)).replace(/%20/g, '+') : percentAll(card);
  const c = style === 'percent' ? percentAll(code) : code;
  const rest = Object.entries(extra).map(([k, v]) => `&${k}=${encodeURIComponent(v)}`).join('');
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `cardNumber=${n}&expiry=12%2F30&cvv=${c}${rest}`, redirect: 'manual' };
}

/** Everything the sandbox keeps, as text. */
async function kept(): Promise<string> {
  const control = ref.urls.control!;
  const texts = await Promise.all([
    fetch(`${control}/__admin/journal`).then((r) => r.text()),
    fetch(`${control}/__admin/webhooks`).then((r) => r.text()),
    fetch(`${control}/__admin/snapshot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.text()),
  ]);
  return texts.join('\n');
}

function expectHidden(text: string, card: string, code: string) {
  const digits = text.replace(/[\s-]/g, '');
  const at = digits.indexOf(card);
  expect(at, `full card number ${card} kept: …${digits.slice(Math.max(0, at - 160), at + 30)}…`).toBe(-1);
  expect(new RegExp(`(?<![\\d.])${code}(?!\\d)`).test(text), `CVV ${code} kept`).toBe(false);
}

const site = { login: 'sandbox-login', secretKey: 'sandbox-secret-key' };

async function createSession(reference: string): Promise<string> {
  const res = await fetch(`${ref.urls.placetopay}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: createAuth(site), payment: { reference, description: 'redaction', amount: { currency: 'COP', total: 10000 } }, returnUrl: 'https://shop.example/r', ipAddress: '127.0.0.1', userAgent: 'test' }),
  });
  return ((await res.json()) as { processUrl: string }).processUrl;
}

describe('card data in every encoding is never kept in full', () => {
  it('PlacetoPay collect: the card as a JSON string, spaced, dashed, \\u-escaped or a number; any JSON content type', async () => {
    await fc.assert(
      fc.asyncProperty(pan, cvv, fc.constantFrom('plain', 'spaced', 'dashed', 'escaped', 'number'), fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8'), async (card, code, style, type) => {
        const number = style === 'plain' ? `"${card}"` : style === 'spaced' ? `"${spaced(card)}"` : style === 'dashed' ? `"${dashed(card)}"` : style === 'escaped' ? `"${unicodeEscaped(card)}"` : card;
        const cvvJson = style === 'escaped' ? `"${unicodeEscaped(code)}"` : style === 'number' ? code : `"${code}"`;
        const body = `{"auth":${JSON.stringify(createAuth(site))},"instrument":{"card":{"number":${number},"expiration":"12/30","cvv":${cvvJson}}},"payer":{"name":"Ana","surname":"Diaz","email":"ana@example.com","documentType":"CC","document":"1040035000"},"payment":{"reference":"R-${++counter}","description":"redaction","amount":{"currency":"COP","total":10000}},"ipAddress":"127.0.0.1","userAgent":"test"}`;
        await fetch(`${ref.urls.placetopay}/api/collect`, { method: 'POST', headers: { 'content-type': type }, body });
        expectHidden(await kept(), card, code);
      }),
      { numRuns: 25, seed: 1 },
    );
  });

  it('PlacetoPay hosted checkout: the card form posted plain, spaced, percent-encoded or as multipart', async () => {
    await fc.assert(
      fc.asyncProperty(pan, cvv, fc.constantFrom('plain', 'spaced', 'percent', 'multipart'), async (card, code, style) => {
        const processUrl = await createSession(`P-${++counter}`);
        const url = `${ref.urls.placetopay}${new URL(processUrl).pathname}/pay`;
        await fetch(url, cardForm(card, code, style, { installments: '1' }));
        expectHidden(await kept(), card, code);
      }),
      { numRuns: 20, seed: 2 },
    );
  });

  it('PuntoPagos hosted page: the card form posted plain, spaced, percent-encoded or as multipart', async () => {
    await fc.assert(
      fc.asyncProperty(pan, cvv, fc.constantFrom('plain', 'spaced', 'percent', 'multipart'), async (card, code, style) => {
        const trx = String(++counter);
        const fecha = new Date().toUTCString();
        const auth = authorizationHeader('sandbox-key', sign(signatureMessage('create', { trx_id: trx, monto: '1000.00' }, fecha), 'sandbox-secret'));
        const created = await fetch(`${ref.urls.puntopagos}/transaccion/crear`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', Fecha: fecha, Autorizacion: auth },
          body: JSON.stringify({ trx_id: trx, monto: '1000.00' }),
        });
        const answer = (await created.json()) as { token: string };
        expect(answer.token, JSON.stringify(answer)).toBeTruthy();
        const { token } = answer;
        const url = `${ref.urls.puntopagos}/transaccion/procesar/${token}`;
        await fetch(url, cardForm(card, code, style, { cuotas: '1', accion: 'pagar' }));
        expectHidden(await kept(), card, code);
      }),
      { numRuns: 20, seed: 3 },
    );
  });
});
