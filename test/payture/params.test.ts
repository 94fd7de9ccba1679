// Reference §3: every recorded encoding of the nested `;`-lists decodes to the same pairs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formDecode, NestedList, readParams } from '../../emulators/payture/params.ts';

const pairs = (raw: string) => Object.fromEntries(new NestedList(raw).entries());
const expected = { VWUserLgn: 'a@b.c', VWUserPsw: '123', CardHolder: 'Ivan Ivanov', Url: 'https://x/?orderid={orderid}&result={success}' };

describe('nested list decoding (reference §3)', () => {
  it('raw form (SDKs, curl --data-urlencode): values travel as they are', () => {
    expect(pairs('VWUserLgn=a@b.c;VWUserPsw=123;CardHolder=Ivan Ivanov;Url=https://x/?orderid={orderid}&result={success}')).toEqual(expected);
  });

  it('inner values percent-encoded (PHP http_build_query, Node querystring)', () => {
    expect(pairs('VWUserLgn=a%40b.c;VWUserPsw=123;CardHolder=Ivan+Ivanov;Url=https%3A%2F%2Fx%2F%3Forderid%3D%7Borderid%7D%26result%3D%7Bsuccess%7D')).toEqual(expected);
  });

  it('the whole list encoded once more (Ruby CGI.escape + Faraday): decoded again when it has no "=" but %3D', () => {
    const once = 'VWUserLgn=a@b.c;VWUserPsw=123;CardHolder=Ivan Ivanov;Url=https://x/?orderid={orderid}&result={success}';
    const twice = encodeURIComponent(once).replace(/%20/g, '+');
    expect(twice).not.toContain('=');
    expect(pairs(twice)).toEqual(expected);
    expect(pairs(twice.toLowerCase().replace(/%3d/g, '%3d'))).toHaveProperty('vwuserlgn');
  });

  it('"; " separators, newlines with indentation, trailing ";" and empty segments', () => {
    expect(pairs('VWUserLgn=a@b.c; VWUserPsw=123;\n    CardHolder=Ivan Ivanov;\r\n  Url=https://x/?orderid={orderid}&result={success};;')).toEqual(expected);
    expect(pairs('VWUserLgn=a@b.c;VWUserPsw=123;CardHolder=Ivan Ivanov;Url=https://x/?orderid={orderid}&result={success};')).toEqual(expected);
  });

  it('splits at the first "=" (URLs and Base64 receipts keep theirs)', () => {
    expect(pairs('Cheque=eyJhIjoxfQ==;Url=https://x/?a=1&b=2')).toEqual({ Cheque: 'eyJhIjoxfQ==', Url: 'https://x/?a=1&b=2' });
  });

  it('matches inner keys case-insensitively, first occurrence wins (the 2014 sandbox honoured amount, ip)', () => {
    const l = new NestedList('amount=1000;ip=1.2.3.4;AMOUNT=5');
    expect(l.get('Amount')).toBe('1000');
    expect(l.get('IP')).toBe('1.2.3.4');
    expect(l.size).toBe(2);
  });

  it('garbage never throws: segments without "=" are ignored, bad escapes stay as they are', () => {
    const l = new NestedList('%%%;;==;abc;=x;PAN=%ZZ12;Name=%E0%A4%A');
    expect(l.ignored).toEqual(['%%%', '==', 'abc', '=x']);
    expect(l.get('PAN')).toBe('%ZZ12');
    expect(l.get('Name')).toBe('\uFFFD%A');
    expect(formDecode('%F0%9F%98%80+%2B')).toBe('😀 +');
  });
});

describe('formDecode', () => {
  // The definition: `+` a space, each run of escapes its bytes read as UTF-8 by a fresh decoder.
  const plain = (text: string) =>
    text.replace(/\+/g, ' ').replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => new TextDecoder().decode(Uint8Array.from(run.slice(1).split('%'), (h) => parseInt(h, 16))));
  const piece = fc.constantFrom('%', '+', 'a', 'F', '3', 'D', '%2', '%3D', '%3d', '%25', '%C3%A9', '%c3%a9', '%E2%82', '%AC', '%FF', '%F0%9F%98%80', '%f0', '%9f', '%7F', '%80', '%00', ';', '=', 'é');

  it('decodes as the definition does: ASCII, multi-byte, truncated and invalid UTF-8, bad escapes', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        expect(formDecode(text)).toBe(plain(text));
      }),
      { seed: 20261206, numRuns: 5000 },
    );
  });
});

describe('parameter merging (reference §2)', () => {
  const req = (url: string, body?: string, type = 'application/x-www-form-urlencoded', method = 'POST') =>
    ({
      req: { url, method, header: (n: string) => (n.toLowerCase() === 'content-type' ? type : undefined), text: async () => (method === 'GET' ? '' : (body ?? '')), parseBody: async () => ({}) },
      env: method === 'GET' && body !== undefined ? { getBody: body } : undefined,
    }) as unknown as Parameters<typeof readParams>[0];

  it('query and body are merged; a name in both keeps the query value; POST with an empty body works', async () => {
    const p = await readParams(req('https://h/api/Pay?Key=q&OrderId=1', 'Key=b&Amount=5'));
    expect([p.get('Key'), p.get('OrderId'), p.get('Amount')]).toEqual(['q', '1', '5']);
    const empty = await readParams(req('https://h/api/Pay?Key=q', ''));
    expect(empty.get('Key')).toBe('q');
  });

  it('reads an unencoded GET (official PHP SDK) and form bodies whatever the content type', async () => {
    const p = await readParams(req('https://h/api/Pay?Key=k&PayInfo=PAN=4111;EMonth=12&OrderId=o', undefined, undefined, 'GET'));
    expect(p.list('PayInfo')!.get('pan')).toBe('4111');
    const body = await readParams(req('https://h/api/Pay', 'Key=k', 'text/plain'));
    expect(body.get('Key')).toBe('k');
  });

  it('reads the body of a GET (payture-official sends GET with a form body) and merges it with the query', async () => {
    const p = await readParams(req('https://h/apim/PayStatus?OrderId=q', 'Key=k&OrderId=b', undefined, 'GET'));
    expect([p.get('Key'), p.get('OrderId')]).toEqual(['k', 'q']);
  });

  it('looks top-level names up without regard to case (Data / DATA / data), first occurrence wins', async () => {
    const p = await readParams(req('https://h/vwapi/Register?Data=VWUserLgn=a', 'DATA=VWUserLgn=b&vwid=k'));
    expect(p.list('DATA')!.get('vwuserlgn')).toBe('a');
    expect(p.get('VWID')).toBe('k');
    expect(p.names()).toEqual(['Data', 'vwid']);
  });
});

describe('nested list edge cases the clients produce', () => {
  it('an empty inner value is absent (payture-official sends PhoneNumber=;Email=), a later non-empty one counts', () => {
    const l = new NestedList('VWUserLgn=a;PhoneNumber=;Email= ;CardId=;cardid=x');
    expect(l.has('PhoneNumber')).toBe(false);
    expect(l.has('Email')).toBe(false);
    expect(l.get('CardId')).toBe('x');
  });

  it('a list encoded twice keeps a "+" and a "%" the client encoded (no third decode)', () => {
    expect(pairs(encodeURIComponent('PaRes=ab+c/d==;Note=50% off'))).toEqual({ PaRes: 'ab+c/d==', Note: '50% off' });
    expect(pairs(encodeURIComponent('PhoneNumber=+79001234567;Holder=Ivan Ivanov').replace(/%20/g, '+'))).toEqual({ PhoneNumber: '+79001234567', Holder: 'Ivan Ivanov' });
  });
});
