// Card numbers and CVCs, in every shape Tpaga's parser accepts (strings, JSON numbers,
// nested, \uXXXX escapes, pretty-printed or Python-spaced JSON, any charset label, and form
// bodies, which it refuses), never reach the journal, the webhook log or the state file in full.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../clients/tpaga/auth.ts';
import { createSandbox } from '../../emulators/index.ts';
import { keepStateFile } from '../../emulators/kernel/persist.ts';
import { luhnValid } from '../../emulators/kernel/redact.ts';
import { useMsw } from '../helpers/msw.ts';
import { FROZEN_AT } from './helpers.ts';

/** Luhn-valid numbers of the accepted brands, 13 to 19 digits. */
const panArb = fc
  .tuple(fc.constantFrom('4', '51', '55', '2221', '34', '37', '36', '589562'), fc.integer({ min: 13, max: 19 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }))
  .map(([prefix, length, digits]) => {
    const body = (prefix + digits.join('')).slice(0, length - 1);
    const check = [...'0123456789'].find((d) => luhnValid(body + d))!;
    return body + check;
  });
/** Three or four digits that cannot be mistaken for anything else in an answer. */
const cvcArb = fc.integer({ min: 100, max: 9999 }).map(String);

/** `\uXXXX` for some characters of a JSON string's content (escapes are JSON too). */
const escapeSome = (s: string, mask: number) => [...s].map((ch, i) => ((mask >> i % 16) & 1 ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch)).join('');
const jsonString = (s: string, mask: number) => `"${escapeSome(s, mask)}"`;

type Layout = 'compact' | 'python' | 'pretty';
const pair = (layout: Layout, k: string, v: string) => (layout === 'compact' ? `${k}:${v}` : layout === 'python' ? `${k}: ${v}` : `${k} : ${v}`);
const object = (layout: Layout, pairs: string[]) => (layout === 'pretty' ? `{\n  ${pairs.join(',\n  ')}\n}` : `{${pairs.join(layout === 'python' ? ', ' : ',')}}`);

interface Shape {
  path: string;
  type: string;
  body: string;
  pan: string;
  cvc: string;
}

const shapeArb = fc
  .record({
    pan: panArb,
    cvc: cvcArb,
    panAsNumber: fc.boolean(),
    cvcAsNumber: fc.boolean(),
    cvcKey: fc.constantFrom('cvc', 'cardVerificationCode'),
    keyMask: fc.integer({ min: 0, max: 0xffff }),
    valueMask: fc.integer({ min: 0, max: 0xffff }),
    layout: fc.constantFrom<Layout>('compact', 'python', 'pretty'),
    nest: fc.constantFrom('top', 'card', 'list'),
    path: fc.constantFrom('/api/tokenize/credit_card', '/api/customer/CUSTOMER/credit_card', '/api/charge/credit_card'),
    type: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8', 'application/json; charset=ISO-8859-1', 'text/plain', 'application/x-www-form-urlencoded', ''),
    form: fc.boolean(),
  })
  .map((o): Shape => {
    if (o.form) {
      const body = new URLSearchParams({ primaryAccountNumber: o.pan, cardHolderName: 'Ana', expirationMonth: '03', expirationYear: '2030', [o.cvcKey]: o.cvc }).toString();
      return { path: o.path, type: 'application/x-www-form-urlencoded', body, pan: o.pan, cvc: o.cvc };
    }
    const key = (k: string) => jsonString(k, o.keyMask);
    const pan = o.panAsNumber && Number.isSafeInteger(Number(o.pan)) ? o.pan : jsonString(o.pan, o.valueMask);
    const cvc = o.cvcAsNumber && !o.cvc.startsWith('0') ? o.cvc : jsonString(o.cvc, o.valueMask >> 3);
    const card = [pair(o.layout, key('primaryAccountNumber'), pan), pair(o.layout, '"cardHolderName"', '"Иван Иваныч"'), pair(o.layout, '"expirationMonth"', '"03"'), pair(o.layout, '"expirationYear"', '2030'), pair(o.layout, key(o.cvcKey), cvc)];
    const body =
      o.nest === 'top'
        ? object(o.layout, card)
        : o.nest === 'card'
          ? object(o.layout, [pair(o.layout, '"creditCard"', object(o.layout, card)), pair(o.layout, '"amount"', '1000')])
          : object(o.layout, [pair(o.layout, '"cards"', `[${object(o.layout, card)}]`)]);
    return { path: o.path, type: o.type, body, pan: o.pan, cvc: o.cvc };
  });

/** Every string value under a CVC key, at any depth, of a parsed JSON value. */
function cvcValues(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) value.forEach((v) => cvcValues(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (/^(cvc|cardverificationcode)$/i.test(k) && typeof v !== 'object') out.push(v);
      else cvcValues(v, out);
    }
  }
  return out;
}

/** What a reader of `text` sees: JSON texts decoded (escapes resolved), form text percent-decoded. */
const decoded = (text: string): string => {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
};

const percentDecoded = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

describe('Tpaga redaction of card numbers and CVCs in every encoding the parser accepts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pasarela-tpaga-redaction-'));
  const stateFile = join(dir, 'state.json');
  const sandbox = createSandbox({ providers: ['tpaga'], freezeAt: FROZEN_AT, logError: () => {} });
  const persister = keepStateFile(sandbox, stateFile, 50);
  useMsw(() => sandbox.handlers());
  afterAll(() => {
    persister.flush();
    rmSync(dir, { recursive: true, force: true });
  });
  const key = (path: string) => (path.includes('tokenize') ? 'sandbox-public-key' : 'sandbox-private-key');

  it('journal entries, GET /__admin/journal, webhook deliveries and the state file never hold one in full', { timeout: 120_000 }, async () => {
    const created = await fetch('https://sandbox.tpaga.co/api/customer', { method: 'POST', headers: { authorization: basicAuthorization('sandbox-private-key') } });
    const customer = ((await created.json()) as { id: string }).id;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(shapeArb, async (shape) => {
        sandbox.journal.clear();
        const path = shape.path.replace('CUSTOMER', customer);
        const res = await fetch(`https://sandbox.tpaga.co${path}`, { method: 'POST', headers: { authorization: basicAuthorization(key(path)), ...(shape.type ? { 'content-type': shape.type } : {}) }, body: shape.body });
        const answer = await res.text();
        expect(res.status, answer).toBeLessThan(500);
        if (res.status === 201) accepted++;
        persister.flush();
        const places = {
          answer,
          journal: JSON.stringify(sandbox.journal.entries()),
          adminJournal: decoded(await (await fetch('https://sandbox.tpaga.co/__admin/journal')).text()),
          webhooks: JSON.stringify(sandbox.webhooks.deliveries()),
          stateFile: decoded(readFileSync(stateFile, 'utf8')),
        };
        for (const [where, text] of Object.entries(places)) {
          expect(decoded(text), `${where}: ${shape.body}`).not.toContain(shape.pan);
          expect(percentDecoded(text), `${where}: ${shape.body}`).not.toContain(shape.pan);
        }
        for (const entry of sandbox.journal.entries()) {
          const body = entry.request.body;
          const values = typeof body === 'string' ? [...body.matchAll(/(?:cvc|cardVerificationCode)=([^&]*)/gi)].map((m) => m[1]) : cvcValues(body);
          expect(values.filter((v) => v !== '[redacted]'), `journal: ${shape.body}`).toEqual([]);
          expect(JSON.stringify(body)).not.toMatch(new RegExp(`(cvc|cardVerificationCode)\\W+${shape.cvc}\\b`, 'i'));
        }
        expect(places.stateFile).not.toMatch(/"(cvc|cardVerificationCode)"\s*:/i);
      }),
      { numRuns: 300, seed: 20261204 },
    );
    // The property covered accepted requests, not only refusals.
    expect(accepted).toBeGreaterThan(30);
  });
});
