import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { luhnValid, maskPan, Redactor, REDACTED } from '../../emulators/kernel/redact.ts';

const r = new Redactor(['VWUserPsw']);

describe('redaction', () => {
  it('masks card numbers to first 6 and last 4', () => {
    expect(maskPan('4111111111111111')).toBe('411111******1111');
    expect(maskPan('4111 1111 1111 1111')).toBe('411111******1111');
    expect(maskPan('123')).toBe(REDACTED);
  });

  it('checks Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('hides sensitive keys at any depth and masks PAN-named fields even when not Luhn-valid', () => {
    const out = r.value({
      auth: { login: 'l', tranKey: 'abc=' },
      card: { number: '0215020177972730', cvv: '123', expiry: '12/29' },
      payer: { password: 'p', name: 'Ana' },
      list: [{ securityCode: 999 }],
      VWUserPsw: 'x',
    });
    expect(out).toEqual({
      auth: { login: 'l', tranKey: REDACTED },
      card: { number: '021502******2730', cvv: REDACTED, expiry: '12/29' },
      payer: { password: REDACTED, name: 'Ana' },
      list: [{ securityCode: REDACTED }],
      VWUserPsw: REDACTED,
    });
  });

  it('a "__proto__" member is redacted and kept as a member, not made the copy\'s prototype', () => {
    const body = r.body('{"__proto__":{"cvv":"123","number":"4111111111111111"},"n":"\\u0031"}', 'application/json');
    expect(JSON.parse(body)).toEqual(JSON.parse('{"__proto__":{"cvv":"[redacted]","number":"411111******1111"},"n":"1"}'));
    expect(Object.getPrototypeOf(r.value(JSON.parse('{"__proto__":{"a":1}}')))).toBe(Object.prototype);
  });

  it('masks Luhn-valid card numbers inside free text but leaves other digit runs', () => {
    expect(r.text('paid with 4111111111111111 ref 1234567890123')).toBe('paid with 411111******1111 ref 1234567890123');
  });

  it('hides key=value secrets in ;-lists, form bodies and percent-encoded variants', () => {
    expect(r.text('PAN=4111111111111111;EMonth=12;SecureCode=123;CardHolder=Ivan')).toBe('PAN=411111******1111;EMonth=12;SecureCode=[redacted];CardHolder=Ivan');
    expect(r.text('DATA=VWUserLgn%3Da%40b.c%3BVWUserPsw%3D123%3BAmount%3D10')).toBe('DATA=VWUserLgn%3Da%40b.c%3BVWUserPsw%3D[redacted]%3BAmount%3D10');
    expect(r.text('a=1&password=hunter2&b=2')).toBe('a=1&password=[redacted]&b=2');
  });

  it('redacts whole bodies in one pass: JSON by key, forms by key=value, non-Luhn card numbers under card keys', () => {
    const json = r.body(JSON.stringify({ card: { number: '0215020177972730', cvv: '123' }, note: 'card 4111111111111111', auth: { tranKey: 'k=' }, n: 1 }), 'application/json');
    expect(JSON.parse(json)).toEqual({ card: { number: '021502******2730', cvv: '[redacted]' }, note: 'card 411111******1111', auth: { tranKey: '[redacted]' }, n: 1 });
    expect(r.body('cardNumber=0215020177972730&cvv=987&expiry=12%2F29', 'application/x-www-form-urlencoded')).toBe('cardNumber=021502******2730&cvv=[redacted]&expiry=12%2F29');
    expect(r.body('{"password": "p", "cvv": 123, "empty": ""}', null)).toBe('{"password": "[redacted]", "cvv": "[redacted]", "empty": ""}');
  });

  it('masks card numbers under card-number keys in lists even when not Luhn-valid, and secrets first in a list', () => {
    expect(r.text('PAN=4111111111111114;SecureCode=123')).toBe('PAN=411111******1114;SecureCode=[redacted]');
    expect(r.text('?Key=k&PayInfo=PAN%3D4111111111111114%3BSecureCode%3D123')).toBe('?Key=k&PayInfo=PAN%3D411111******1114%3BSecureCode%3D[redacted]');
    expect(r.text('DATA=VWUserPsw%253Dx%253BCardNumber%253D4111111111111112')).toBe('DATA=VWUserPsw%3D[redacted]%3BCardNumber%3D411111******1112');
    expect(r.text('order 4111111111111114')).toBe('order 4111111111111114');
  });

  it('hides secrets in JSON text that does not parse', () => {
    expect(r.text('{"cvv": "123", "name": "x"')).toBe('{"cvv":"[redacted]", "name": "x"');
  });

  it('keeps the scheme and key id of authorization headers, hides the proof', () => {
    expect(r.headers({ Authorization: 'Basic ZDEzZnI4bjd2aHZrdWNoM2xxMmRzNXFoam5kMnBkZDI6', Autorizacion: 'PP sandbox-key:AVrD3e9idIqAxRSH+15Yqz7qQkc=' })).toEqual({
      authorization: 'Basic [redacted]',
      autorizacion: 'PP sandbox-key:[redacted]',
    });
    // Node's raw header list, as the HTTP transport passes it.
    expect(r.headers(['Content-Type', 'application/json', 'Authorization', 'Bearer abc'])).toEqual({ 'content-type': 'application/json', authorization: 'Bearer [redacted]' });
    expect(r.headers({ authorization: 'opaque-token' })).toEqual({ authorization: REDACTED });
    expect(r.headers({ cookie: 'a=b' })).toEqual({ cookie: REDACTED });
  });

  it('redacts a header value every time it comes back, and leaves a clean one as it is', () => {
    const h = new Redactor();
    for (let i = 0; i < 3; i++) {
      expect(h.headers({ 'x-card': 'pan=4111111111111111', 'x-note': 'cvv=123;a=b', 'content-type': 'application/json; charset=utf-8' })).toEqual({
        'x-card': 'pan=411111******1111',
        'x-note': 'cvv=[redacted];a=b',
        'content-type': 'application/json; charset=utf-8',
      });
    }
    // Past the bound of remembered values, redaction is the same.
    for (let i = 0; i < 2000; i++) h.headers({ 'x-n': `n=${i}` });
    expect(h.headers({ 'x-card': '4111111111111111=', 'content-type': 'text/plain; charset=utf-8' })).toEqual({ 'x-card': '411111******1111=', 'content-type': 'text/plain; charset=utf-8' });
  });
});

describe('redaction of XML a client sends', () => {
  it('hides sensitive elements and attributes and masks card numbers, whatever the content type', () => {
    const body = '<Pay><Key>m</Key><PAN>4111111111100031</PAN><SecureCode>817</SecureCode><EMonth>12</EMonth><x:Password>pw</x:Password><Card PAN="5500000000000004" CVV2="123" Holder="Ivan"/></Pay>';
    for (const type of ['text/xml', 'application/xml', null, 'application/x-www-form-urlencoded']) {
      const out = r.body(body, type);
      expect(out, String(type)).not.toMatch(/817|>pw<|"123"|4111111111100031|5500000000000004/);
      expect(out, String(type)).toContain('<SecureCode>[redacted]</SecureCode>');
      expect(out, String(type)).toContain('<PAN>411111******0031</PAN>');
      expect(out, String(type)).toContain('<EMonth>12</EMonth>');
      expect(out, String(type)).toContain('Holder="Ivan"');
    }
  });
});

describe('the JSON pre-scan', () => {
  // Keys a client may send: plain, sensitive and card-number names in any case and with separators.
  const key = fc.oneof(
    fc.constantFrom('reference', 'amount', 'login', 'tranKey', 'Tran_Key', 'CVV', 'cv-v2', 'number', 'card number', 'pan', 'Password', 'mySecret', 'nonce', 'x'),
    // Card numbers and long ids as keys: the pass masks a Luhn-valid run wherever it is.
    fc.constantFrom('4111111111111111', 'k4111111111111111', '1733456789000001', '41111111111111111111'),
    fc.string({ maxLength: 8 }),
  );
  const leaf = fc.oneof(
    fc.constantFrom('4111111111111111', '0215020177972730', '411111111111', '4111 1111 1111 1111', '', 'Ana'),
    // Runs the scan keeps (not Luhn-valid, or longer than 19) and ones it hands to the pass.
    fc.constantFrom('1733456789000001', 'trx-1733456789000001', '41111111111111111111', 'a4111111111111111', '\\4111111111111111', 1733456789000001, 4111111111111111),
    fc.bigInt({ min: 10n ** 12n, max: 10n ** 20n }).map(String),
    fc.string({ maxLength: 12, unit: fc.constantFrom('1', '4', '\\', '"', ':', 'a', ' ', ',', '}') }),
    fc.integer(),
    fc.constantFrom(4111111111111111, 4222222222222, 1234567890123, null, true),
  );
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
  })).value;
  const spaced = (text: string, gap: string) => text.replace(/([,:{[])/g, `$1${gap}`);

  it('leaves a body unchanged only where the full pass would, and gives what it gives', () => {
    fc.assert(
      fc.property(json, fc.constantFrom('', ' ', '\n  ', '\u00a0'), (value, gap) => {
        const text = spaced(JSON.stringify(value), gap);
        if (text.includes('\\u')) return;
        expect(r.body(text, 'application/json')).toBe(r.jsonPass(text));
      }),
      { seed: 20261205, numRuns: 6000 },
    );
  });

  it('masks a card number used as a key, and keeps a long id that is not one', () => {
    expect(r.body('{"4111111111111111":1,"k4111111111111111":"x"}', 'application/json')).toBe('{"411111******1111":1,"k411111******1111":"x"}');
    const trx = '{"trx_id":"1733456789000001","monto":"1000.00","ids":[17334567890000012345]}';
    expect(r.body(trx, 'application/json')).toBe(trx);
  });

  it('hands text that is not clean JSON to the full pass', () => {
    for (const text of ['{"a" "cvv":"123"}', '{"cvv":"123', '["x\\4111111111111111"]', '["\\4222222222222"]', `{"${'p_'.repeat(40)}password":"x"}`, '{"n":"\\41111111111111"}']) {
      expect(r.body(text, 'application/json'), text).toBe(r.jsonPass(text));
    }
    expect(r.body('{"n":"\\4111111111111111"}', null)).toBe('{"n":"\\411111******1111"}');
    // A form sent as application/json is redacted as a form.
    expect(r.body('cvv=123&number=4111111111111111', 'application/json')).toBe('cvv=[redacted]&number=411111******1111');
  });
});
