// The conformance hook that re-signs a recorded request: only auth changes, in the client's own style.
import { describe, expect, it } from 'vitest';
import { tranKey, verifyTranKey } from '../../clients/placetopay/auth.ts';
import { createSandbox } from '../../emulators/index.ts';
import { placetopay } from '../../emulators/placetopay/index.ts';
import { seedLike } from '../../emulators/placetopay/resign.ts';

const merchant = placetopay.defaultMerchants[0]!; // sandbox-login / sandbox-secret-key
const now = new Date('2026-09-30T21:14:19.441Z');

describe('PlacetoPay resign()', () => {
  it('writes the seed the way the recorded client did', () => {
    expect(seedLike('2017-05-17T20:59:52+00:00', now)).toBe('2026-09-30T21:14:19+00:00');
    expect(seedLike('2021-09-14T19:16:00-05:00', now)).toBe('2026-09-30T16:14:19-05:00');
    expect(seedLike('2024-08-05T15:00:00.123Z', now)).toBe('2026-09-30T21:14:19.441Z');
    expect(seedLike('2026-05-01T10:00:00Z', now)).toBe('2026-09-30T21:14:19Z');
  });

  it('keeps the nonce bytes, the SHA-1 hash, PHP escapes and every other byte of the body', () => {
    const raw = Buffer.from([0, 1, 2, 250, 255, 10]);
    const recorded = `{"locale":"es_CO","returnUrl":"https:\\/\\/shop.example\\/r","auth":{"login":"their-login","tranKey":"${tranKey(raw, '2021-09-14T19:16:00-05:00', 'their-secret', 'sha1')}","nonce":"${raw.toString('base64')}","seed":"2021-09-14T19:16:00-05:00","additional":null}}`;
    const { body } = placetopay.resign!({ method: 'POST', path: '/api/session', headers: {}, body: recorded }, merchant, now);
    const auth = JSON.parse(body!).auth;
    expect(auth).toMatchObject({ login: 'sandbox-login', nonce: raw.toString('base64'), seed: '2026-09-30T16:14:19-05:00', additional: null });
    expect(verifyTranKey(auth, merchant.secretKey)).toBe('sha1');
    expect(body!.replace(/"auth":\{.*\}/, '')).toBe(recorded.replace(/"auth":\{.*\}/, ''));
  });

  it('a re-signed recording authenticates on a sandbox frozen at that instant', async () => {
    const sandbox = createSandbox({ providers: ['placetopay'], freezeAt: now.toISOString(), logError: () => {} });
    const recorded = JSON.stringify({
      auth: { login: 'x', tranKey: 'AAAA', nonce: Buffer.from('537339').toString('base64'), seed: '2024-08-05T15:00:00.000Z' },
      payment: { reference: 'R1', description: 'resign', amount: { currency: 'COP', total: 1000 } },
      ipAddress: '127.0.0.1', userAgent: 'x', returnUrl: 'https://shop.example/r',
    });
    const { body } = placetopay.resign!({ method: 'POST', path: '/api/session', headers: {}, body: recorded }, merchant, sandbox.clock.now());
    const res = await sandbox.fetch('placetopay', '/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: body! });
    expect(res.status).toBe(200);
  });
});
