// Signing vectors of reference §3.4, two-decimal amounts, dates, headers and raw JSON numbers.
import { describe, expect, it } from 'vitest';
import { AmountError, formatAmount } from '../../clients/puntopagos/amount.ts';
import { RawNumber, stringifyFlat, topLevelNumbers } from '../../clients/puntopagos/json.ts';
import { parseAuthorization, parseHttpDate, sign, signatureMatches, signatureMessage, signedHeaders } from '../../clients/puntopagos/signature.ts';

const KEY = '0PN5J17HBGZHT7ZZ3X82';
const SECRET = 'uV3F4YluFJax1cKnvbcGwgjvx4QpvB+leU8dUj2o';

describe('signature vectors of the manual (HMAC-SHA1, base64)', () => {
  it.each([
    ['create (2009 date)', 'create', {}, 'Mon, 15 Jun 2009 20:45:30 GMT', 'AVrD3e9idIqAxRSH+15Yqz7qQkc='],
    ['notification', 'notification', { token: '9XJ08401WN0071839' }, 'Mon, 15 Jun 2009 20:48:30 GMT', 'fU6+JLYWzOSGuo76XJzT/Z596Qg='],
    ['traer (recomputed; the manual copies the create one)', 'status', { token: '9XJ08401WN0071839' }, 'Mon, 15 Jun 2009 20:50:30 GMT', 'r9XTqzmGmu/UCGkMhkdIwUKMM88='],
    ['create with the 2024 manual date', 'create', {}, 'Tue, 16 Apr 2024 17:58:49 GMT', 'zihbDS4JPOr3XiHljAq9XjjcQjY='],
  ] as const)('%s', (_name, operation, extra, fecha, expected) => {
    const message = signatureMessage(operation, { ...extra, trx_id: 9787415132, monto: 1000000 }, fecha);
    expect(sign(message, SECRET)).toBe(expected);
    expect(signatureMatches(expected, message, SECRET)).toBe(true);
  });

  it('writes the message with bare \\n separators, function name first and the date last', () => {
    expect(signatureMessage('status', { token: 'T', trx_id: '9787415132', monto: '1000000' }, 'Mon, 15 Jun 2009 20:50:30 GMT')).toBe(
      'transaccion/traer\nT\n9787415132\n1000000.00\nMon, 15 Jun 2009 20:50:30 GMT',
    );
  });

  it('the manual\'s traer example signature is the create one and does not verify a status message', () => {
    const message = signatureMessage('status', { token: '9XJ08401WN0071839', trx_id: 9787415132, monto: 1000000 }, 'Mon, 15 Jun 2009 20:50:30 GMT');
    expect(signatureMatches('AVrD3e9idIqAxRSH+15Yqz7qQkc=', message, SECRET)).toBe(false);
  });

  it('malformed variants do not match: amount not re-formatted, missing newline, a space after \\n', () => {
    const fecha = 'Mon, 15 Jun 2009 20:45:30 GMT';
    const good = 'AVrD3e9idIqAxRSH+15Yqz7qQkc=';
    expect(signatureMatches(good, `transaccion/crear\n9787415132\n1000000\n${fecha}`, SECRET)).toBe(false);
    expect(signatureMatches(good, `transaccion/crear\n9787415132\n1000000.00${fecha}`, SECRET)).toBe(false);
    expect(signatureMatches(good, `transaccion/crear\n 9787415132\n 1000000.00\n ${fecha}`, SECRET)).toBe(false);
    expect(signatureMatches(good, `transaccion/crear\n9787415132\n1000000.00\n${fecha}\n`, SECRET)).toBe(false);
    expect(signatureMatches(`${good}x`, `transaccion/crear\n9787415132\n1000000.00\n${fecha}`, SECRET)).toBe(false);
  });

  it('HMAC-SHA512 gives 88 base64 characters and differs from SHA-1', () => {
    const message = signatureMessage('create', { trx_id: 9787415132, monto: 1000000 }, 'Mon, 15 Jun 2009 20:45:30 GMT');
    const s512 = sign(message, SECRET, 'sha512');
    expect(s512).toHaveLength(88);
    expect(signatureMatches(s512, message, SECRET, 'sha512')).toBe(true);
    expect(signatureMatches(s512, message, SECRET, 'sha1')).toBe(false);
  });

  it('signedHeaders writes Fecha in RFC 1123 and Autorizacion as "PP key:signature"', () => {
    const h = signedHeaders('create', { trx_id: 9787415132, monto: '1000000.00' }, { key: KEY, secret: SECRET }, new Date(Date.UTC(2009, 5, 15, 20, 45, 30)));
    expect(h).toEqual({ Fecha: 'Mon, 15 Jun 2009 20:45:30 GMT', Autorizacion: `PP ${KEY}:AVrD3e9idIqAxRSH+15Yqz7qQkc=` });
  });
});

describe('formatAmount: two decimals, decimal-safe, half away from zero', () => {
  it.each([
    [1000000, '1000000.00'],
    ['1000000.00', '1000000.00'],
    ['100', '100.00'],
    [100.0, '100.00'],
    ['100.5', '100.50'],
    [100.01, '100.01'],
    ['10.005', '10.01'],
    ['10.004999', '10.00'],
    [0.1 + 0.2, '0.30'],
    [1.005, '1.01'],
    ['  42 ', '42.00'],
    ['.5', '0.50'],
    ['1e3', '1000.00'],
    [1e21, '1000000000000000000000.00'],
    ['123456789012345678901234.565', '123456789012345678901234.57'],
    [123456789012345678901234567890n, '123456789012345678901234567890.00'],
    ['-2.345', '-2.35'],
  ] as const)('%s → %s', (input, expected) => {
    expect(formatAmount(input)).toBe(expected);
  });

  it.each([['abc'], [''], ['1,000'], ['1.000,00'], [Number.NaN], [Number.POSITIVE_INFINITY], [null], [{}]])('refuses %s', (input) => {
    expect(() => formatAmount(input as never)).toThrow(AmountError);
  });
});

describe('headers', () => {
  it.each([
    ['PP key:sig=', { keyId: 'key', signature: 'sig=' }],
    ['  PP   key:sig  ', { keyId: 'key', signature: 'sig' }],
    ['PP key:', { keyId: 'key', signature: '' }],
    ['PP 0PN5J17HBGZHT7ZZ3X82:AVrD3e9idIqAxRSH+15Yqz7qQkc=', { keyId: '0PN5J17HBGZHT7ZZ3X82', signature: 'AVrD3e9idIqAxRSH+15Yqz7qQkc=' }],
  ])('parses %j', (value, expected) => expect(parseAuthorization(value)).toEqual(expected));

  it.each([[undefined], [''], ['key:sig'], ['Basic key:sig'], ['PP key'], ['PP :sig'], ['PP key:a b'], ['PPkey:sig']])('refuses %j', (value) => {
    expect(parseAuthorization(value)).toBeUndefined();
  });

  it('parses RFC 1123 dates and nothing else', () => {
    expect(parseHttpDate('Mon, 15 Jun 2009 20:45:30 GMT')).toBe(Date.UTC(2009, 5, 15, 20, 45, 30));
    expect(parseHttpDate('Thu, 01 Mar 2018 00:00:00 GMT')).toBe(Date.UTC(2018, 2, 1));
    for (const bad of ['2009-06-15T20:45:30Z', 'Mon, 15 Jun 2009 20:45:30 +0000', 'Mon, 31 Feb 2009 20:45:30 GMT', 'Mon, 15 Jun 2009 25:45:30 GMT', '', undefined]) {
      expect(parseHttpDate(bad)).toBeUndefined();
    }
  });
});

describe('raw JSON numbers', () => {
  it('writes RawNumber values verbatim, keys sorted like the recorded responses', () => {
    expect(stringifyFlat({ trx_id: '10', token: 'T', respuesta: '00', monto: new RawNumber('100.00'), error: null })).toBe(
      '{"error":null,"monto":100.00,"respuesta":"00","token":"T","trx_id":"10"}',
    );
    expect(stringifyFlat({ b: 1, a: 'x' }, { sortKeys: false })).toBe('{"b":1,"a":"x"}');
    expect(() => new RawNumber('1.')).toThrow(RangeError);
  });

  it('reads top-level numbers as sent, past strings, nesting and escapes', () => {
    const text = ' { "detalle" : "a \\" } { [ 1", "nested": {"trx_id": 1}, "list": [1, {"x": "]"}], "trx_id" : 12345678901234567890 , "monto":1000000.00,"neg":-1.5e3,"s":"2"} ';
    expect(JSON.parse(text).trx_id).toBe(12345678901234567000);
    expect(topLevelNumbers(text)).toEqual({ trx_id: '12345678901234567890', monto: '1000000.00', neg: '-1.5e3' });
    expect(topLevelNumbers('[1,2]')).toEqual({});
    expect(topLevelNumbers('{"trx_id":1,"trx_id":"x"}')).toEqual({});
  });
});
