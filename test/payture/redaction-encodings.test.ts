/**
 * Card data and passwords never reach the journal, the webhook log or the state file in a
 * readable form, whatever encoding the Payture parser understands was used to send them:
 * `;`-lists plain, percent-encoded once more or twice, inner values encoded, `+` for spaces,
 * top-level and inner names in any case, in the query of a GET or a POST, in a form body
 * (POST, or GET as payture-official sends it) or as text/xml. Every layer of percent-encoding
 * of what is recorded is decoded before it is searched.
 */
import { request } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formDecode } from '../../emulators/kernel/form-lists.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { KEY, PASSWORD } from './helpers.ts';

type Transport = 'get-query' | 'post-query' | 'post-form' | 'get-form' | 'post-xml';
type Encoding = 'plain' | 'values' | 'once' | 'twice';

function send(base: string, path: string, params: [string, string][], transport: Transport): Promise<string> {
  const form = new URLSearchParams(params).toString();
  const xml = `<Request>${params.map(([k, v]) => `<${k}>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${k}>`).join('')}</Request>`;
  const [method, url, body, type] =
    transport === 'get-query' ? ['GET', `${path}?${form}`, undefined, undefined]
    : transport === 'post-query' ? ['POST', `${path}?${form}`, '', undefined]
    : transport === 'post-form' ? ['POST', path, form, 'application/x-www-form-urlencoded']
    : transport === 'get-form' ? ['GET', path, form, 'application/x-www-form-urlencoded']
    : ['POST', `${path}?${new URLSearchParams(params.filter(([k]) => /^(key|vwid)$/i.test(k)))}`, xml, 'text/xml'];
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (type) headers['content-type'] = type;
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const r = request(new URL(url, base), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    r.on('error', reject);
    r.end(body);
  });
}

/** A `;`-list in one of the encodings the parser reads. */
function encodeList(pairs: [string, string][], encoding: Encoding, plus: boolean): string {
  const sp = (s: string) => (plus ? s.replace(/%20/g, '+') : s);
  const plain = pairs.map(([k, v]) => `${k}=${v}`).join(';');
  switch (encoding) {
    case 'plain':
      return plain;
    case 'values':
      return pairs.map(([k, v]) => `${k}=${sp(encodeURIComponent(v))}`).join(';');
    case 'once':
      return sp(encodeURIComponent(plain));
    case 'twice':
      return sp(encodeURIComponent(sp(encodeURIComponent(plain))));
  }
}

const spell = (name: string, variant: number) => [name, name.toLowerCase(), name.toUpperCase()][variant % 3]!;

/** Every decoding layer of a recorded text (JSON escapes first, then percent-encoding up to four times). */
function layers(text: string): string[] {
  const out = [text.replace(/\\u0026/g, '&').replace(/\\"/g, '"')];
  for (let i = 0; i < 4; i++) out.push(formDecode(out[out.length - 1]!));
  return out;
}

function leaks(text: string, secrets: { pan: string; cvv: string; passwords: string[] }): string[] {
  const found: string[] = [];
  const cvvNear = new RegExp(`(securecode|cvv2?|cvc2?)\\W{0,8}${secrets.cvv}(?!\\d)`, 'i');
  const around = (layer: string, at: number) => layer.slice(Math.max(0, at - 60), at + 40);
  for (const layer of layers(text)) {
    if (layer.includes(secrets.pan)) found.push(`PAN in …${around(layer, layer.indexOf(secrets.pan))}…`);
    const cvv = cvvNear.exec(layer);
    if (cvv) found.push(`CVV in …${around(layer, cvv.index)}…`);
    for (const p of secrets.passwords) if (layer.includes(p)) found.push(`password in …${around(layer, layer.indexOf(p))}…`);
  }
  return [...new Set(found)];
}

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

describe('Payture redaction for every encoding the parser understands', () => {
  const ref = useSandbox({
    providers: ['payture'],
    merchants: { payture: [{ key: KEY, password: PASSWORD, notificationUrl: 'http://127.0.0.1:9/notify' }] },
    options: { payture: { luhn: false } },
  });

  it('no full PAN, CVV or password in the journal, the webhook log or the snapshot', async () => {
    const base = ref.urls.payture!;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          pan: digits(12).map((d) => `4${'1'.repeat(3)}${d}`),
          cvv: digits(3),
          password: fc.stringMatching(/^[A-Za-z0-9]{6,10}$/).map((s) => `Pw${s}`),
          space: fc.boolean(),
          encoding: fc.constantFrom<Encoding>('plain', 'values', 'once', 'twice'),
          plus: fc.boolean(),
          transport: fc.constantFrom<Transport>('get-query', 'post-query', 'post-form', 'get-form', 'post-xml'),
          variant: fc.nat(8),
        }),
        async (s) => {
          await fetch(`${base}/__admin/journal`, { method: 'DELETE' });
          const id = `red-${++n}-${s.variant}`;
          const password = s.space ? `${s.password.slice(0, 4)} ${s.password.slice(4)}` : s.password;
          const login = `${id}@example.com`;
          const list = (pairs: [string, string][]) => encodeList(pairs.map(([k, v]) => [spell(k, s.variant), v]), s.encoding, s.plus);
          const card: [string, string][] = [['CardNumber', s.pan], ['EMonth', '12'], ['EYear', '30'], ['CardHolder', 'Ivan Ivanov'], ['SecureCode', s.cvv]];
          const data = spell('DATA', s.variant + 1);
          await send(base, '/api/Pay', [['Key', KEY], ['OrderId', id], ['Amount', '100'], [spell('PayInfo', s.variant + 2), list([['PAN', s.pan], ...card.slice(1)])]], s.transport);
          await send(base, '/vwapi/Register', [['VWID', KEY], [data, list([['VWUserLgn', login], ['VWUserPsw', password]])]], s.transport);
          await send(base, '/vwapi/Add', [['VWID', KEY], [data, list([['VWUserLgn', login], ['VWUserPsw', password], ...card])]], s.transport);
          await send(base, '/vwapi/Pay', [['VWID', KEY], [data, list([['VWUserLgn', login], ['VWUserPsw', password], ['CardId', 'FreePay'], ['OrderId', `${id}-w`], ['Amount', '100'], ...card])]], s.transport);
          // Card data where it does not belong (Init DATA is kept for the page): not kept either.
          await send(base, '/apim/Init', [['Key', KEY], [data, list([['SessionType', 'Pay'], ['OrderId', `${id}-i`], ['Amount', '100'], ...card])]], s.transport);
          await send(base, '/api/Refund', [['Key', KEY], [spell('Password', s.variant), PASSWORD], ['OrderId', id], ['Amount', '100']], s.transport);

          const journal = await (await fetch(`${base}/__admin/journal`)).text();
          const webhooks = await (await fetch(`${base}/__admin/webhooks`)).text();
          const snapshot = await (await fetch(`${base}/__admin/snapshot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).text();
          expect(journal).toContain(id);
          // The parser reads no parameters from an XML body (only its query): nothing is paid then.
          if (s.transport !== 'post-xml') {
            expect(webhooks).toContain(id);
            expect(snapshot).toContain(id);
          }
          const secrets = { pan: s.pan, cvv: s.cvv, passwords: [password, PASSWORD] };
          expect({ journal: leaks(journal, secrets), webhooks: leaks(webhooks, secrets), snapshot: leaks(snapshot, secrets) }).toEqual({ journal: [], webhooks: [], snapshot: [] });
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
