import { describe, expect, it } from 'vitest';
import { digest, streamingDigest } from '../../emulators/kernel/digest.ts';

describe('digest', () => {
  it('gives the standard vectors (FIPS 180: "abc")', () => {
    expect(digest('sha256', 'abc', 'hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digest('sha1', 'abc', 'hex')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('agrees with the streaming fallback for text, bytes and both encodings', () => {
    for (const data of ['', 'pasarela:payture:4111111111100031', 'Иван 😀', Buffer.from([0, 255, 128, 7])]) {
      for (const encoding of ['hex', 'base64'] as const) {
        expect(digest('sha256', data, encoding)).toBe(streamingDigest('sha256', data, encoding));
        expect(digest('sha1', data, encoding)).toBe(streamingDigest('sha1', data, encoding));
      }
    }
  });
});
