// Published vectors of reference §3.3 (tranKey) and §9 (notification signature).
import { describe, expect, it } from 'vitest';
import { createAuth, tranKey, verifyTranKey } from '../../clients/placetopay/auth.ts';
import { notificationSignature, verifyNotification } from '../../clients/placetopay/signature.ts';

describe('tranKey', () => {
  const cases = [
    { raw: 'ifYEPnAcJbpDVR1t', seed: '2016-10-26T21:37:00+00:00', nonce: 'aWZZRVBuQWNKYnBEVlIxdA==', sha1: 'Xi5xrRwrqPU21WE2JI4hyMaCvQ8=', sha256: 'NDlpEEAIe8sbKZ6mGWQrZwbyBB62J1LcyP/a/o7LRqY=' },
    { raw: 'c9085e82debb82b0955579098be3d7ca', seed: '2019-04-25T18:17:23-04:00', nonce: 'YzkwODVlODJkZWJiODJiMDk1NTU3OTA5OGJlM2Q3Y2E=', sha1: 'T0O+x3gNlQUf0iBxEuenPvBPlWs=', sha256: 'bwQAZo6rquPWHSt3K43DFAZ36xvkSDuCl7TpCA1UPUI=' },
  ];
  it.each(cases)('reproduces the vectors for nonce $raw', (v) => {
    expect(tranKey(v.raw, v.seed, 'ABCD1234', 'sha1')).toBe(v.sha1);
    expect(tranKey(v.raw, v.seed, 'ABCD1234', 'sha256')).toBe(v.sha256);
    expect(Buffer.from(v.raw).toString('base64')).toBe(v.nonce);
  });

  it.each(cases)('verifies both algorithms by length, and only with the decoded nonce', (v) => {
    expect(verifyTranKey({ tranKey: v.sha1, nonce: v.nonce, seed: v.seed }, 'ABCD1234')).toBe('sha1');
    expect(verifyTranKey({ tranKey: v.sha256, nonce: v.nonce, seed: v.seed }, 'ABCD1234')).toBe('sha256');
    expect(verifyTranKey({ tranKey: v.sha256, nonce: v.nonce, seed: v.seed }, 'WRONG')).toBeUndefined();
  });

  it('rejects the classic bug of hashing the Base64 nonce', () => {
    const buggy = tranKey('YzkwODVlODJkZWJiODJiMDk1NTU3OTA5OGJlM2Q3Y2E=', '2019-04-25T18:17:23-04:00', 'ABCD1234', 'sha1');
    expect(buggy).toBe('V5KyiOUpnW+F+b6npr+T++GGUrc=');
    expect(verifyTranKey({ tranKey: buggy, nonce: 'YzkwODVlODJkZWJiODJiMDk1NTU3OTA5OGJlM2Q3Y2E=', seed: '2019-04-25T18:17:23-04:00' }, 'ABCD1234')).toBeUndefined();
  });

  it('accepts binary raw nonces (PHP random_bytes)', () => {
    const raw = Uint8Array.from([0, 255, 1, 254, 128, 127, 10, 13, 0, 0, 7, 8, 9, 200, 201, 202]);
    const auth = createAuth({ login: 'l', secretKey: 's', rawNonce: raw, now: new Date('2024-01-01T12:00:00Z') });
    expect(auth.seed).toBe('2024-01-01T12:00:00+00:00');
    expect(verifyTranKey(auth, 's')).toBe('sha256');
  });

  it('the old docs summary value does not verify (documentation error)', () => {
    expect(verifyTranKey({ tranKey: 'i/RFwSHAh8d7YgtO3HME5kCnYy8=', nonce: 'YzkwODVlODJkZWJiODJiMDk1NTU3OTA5OGJlM2Q3Y2E=', seed: '2019-04-25T18:17:23-04:00' }, 'ABCD1234')).toBeUndefined();
  });
});

describe('notification signature', () => {
  it.each([
    [83, 'APPROVED', '2016-10-10T16:39:57-05:00', '8fb4beea130ab3e75a1de956bd0213892e0f6839'],
    [126, 'REJECTED', '2016-10-12T01:44:37-05:00', '554fa6c36bd5d1376b192b8bc3a1e3dd9a01e448'],
  ])('requestId %s %s → %s', (requestId, status, date, expected) => {
    const n = { requestId, status: { status, date } };
    expect(notificationSignature(n, '024h1IlD')).toBe(expected);
    expect(verifyNotification({ ...n, signature: expected }, '024h1IlD')).toBe(true);
    expect(verifyNotification({ ...n, signature: expected }, 'other')).toBe(false);
  });

  it('sha256 signatures carry the sha256: prefix and verify', () => {
    const n = { requestId: 83, status: { status: 'APPROVED', date: '2016-10-10T16:39:57-05:00' } };
    const sig = notificationSignature(n, '024h1IlD', 'sha256');
    expect(sig).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(verifyNotification({ ...n, signature: sig }, '024h1IlD')).toBe(true);
    expect(verifyNotification({ ...n, signature: sig.replace('sha256:', 'md5:') }, '024h1IlD')).toBe(false);
    expect(verifyNotification({ ...n, signature: 'garbage' }, '024h1IlD')).toBe(false);
  });
});
