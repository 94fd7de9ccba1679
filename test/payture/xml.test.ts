// Payture's XML as the emulator writes it (reference §2, §6) and as contracts/payture-xml.ts reads it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePaytureXml, PaytureXmlError } from '../../contracts/index.ts';
import { renderXml } from '../../emulators/payture/xml.ts';

describe('rendering', () => {
  it('self-closes with a space, orders attributes like the recordings, drops undefined', () => {
    expect(renderXml('Charge', 'charge', { Amount: 1000, OrderId: 'new123', Success: 'True', ErrCode: undefined })).toBe('<Charge Success="True" OrderId="new123" Amount="1000" />');
    expect(renderXml('Add', 'add', { CardId: '3eb2', ErrCode: 'DUPLICATE_CARD', Success: 'False', VWUserLgn: 'user_login' })).toBe(
      '<Add VWUserLgn="user_login" Success="False" ErrCode="DUPLICATE_CARD" CardId="3eb2" />',
    );
  });

  it('puts Item children on CRLF lines with two spaces (recorded GetList)', () => {
    const body = renderXml('GetList', 'customer', { Success: 'True', VWUserLgn: 'a' }, [
      { name: 'Item', attrs: { Expired: 'false', CardName: '411111xxxxxx1112', CardId: 'c', CardHolder: 'Ivan Ivanov', Status: 'NotActive', NoCVV: 'false' } },
    ]);
    expect(body).toBe('<GetList Success="True" VWUserLgn="a">\r\n  <Item CardName="411111xxxxxx1112" CardId="c" CardHolder="Ivan Ivanov" Status="NotActive" NoCVV="false" Expired="false" />\r\n</GetList>');
  });

  it('escapes markup, keeps tabs and newlines as references and drops characters XML cannot carry', () => {
    const body = renderXml('Pay', 'payment', { OrderId: 'a"<b>&\'\t\n\r\u0001\uD800z' });
    expect(body).toBe('<Pay OrderId="a&quot;&lt;b&gt;&amp;\'&#9;&#10;&#13;z" />');
    expect(parsePaytureXml(body).attributes.OrderId).toBe('a"<b>&\'\t\n\rz');
  });

  it('round-trips any attribute value through the normaliser (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const clean = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
        expect(parsePaytureXml(renderXml('GetState', 'getState', { OrderId: value })).attributes.OrderId).toBe(clean);
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalisation', () => {
  it('gives name, string attributes (no coercion, no trimming) and ordered children', () => {
    expect(parsePaytureXml('<?xml version="1.0"?>\n<GetState Success="True" Amount="007" RRN=" 1 "><AddInfo Key="A" Value="1"/><AddInfo Key="B" Value=""/></GetState>')).toEqual({
      name: 'GetState',
      attributes: { Success: 'True', Amount: '007', RRN: ' 1 ' },
      children: [
        { name: 'AddInfo', attributes: { Key: 'A', Value: '1' }, children: [] },
        { name: 'AddInfo', attributes: { Key: 'B', Value: '' }, children: [] },
      ],
    });
  });

  it('rejects what is not one well-formed element', () => {
    for (const bad of ['', 'garbage', '<a></b>', '<a/><b/>', '<html><body>502 Bad Gateway</body>']) expect(() => parsePaytureXml(bad)).toThrow(PaytureXmlError);
  });
});
