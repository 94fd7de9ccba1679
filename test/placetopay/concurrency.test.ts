// 200 concurrent creates over real HTTP: every one answered, ids distinct and sequential, nothing lost.
import { describe, expect, it } from 'vitest';
import { PlacetoPay } from '../../clients/placetopay/index.ts';
import { useSandbox } from '../helpers/sandbox.ts';

describe('PlacetoPay under concurrency', () => {
  const ref = useSandbox({ providers: ['placetopay'] });

  it('200 concurrent session creates', async () => {
    const client = new PlacetoPay({ login: 'sandbox-login', secretKey: 'sandbox-secret-key', baseUrl: ref.urls.placetopay! });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        client.createSession({ payment: { reference: `C-${i}`, amount: { currency: 'COP', total: 1000 + i } }, ipAddress: '127.0.0.1', userAgent: 'load', returnUrl: 'https://s.example/r' }),
      ),
    );
    const ids = results.map((r) => r.requestId).sort((a, b) => a - b);
    expect(new Set(ids).size).toBe(200);
    expect(ids.at(-1)! - ids[0]!).toBe(199);
    const stored = ref.sandbox.provider('placetopay').transactions();
    expect(stored).toHaveLength(200);
    const byRef = new Map(stored.map((t) => [t.reference, t.amount]));
    for (let i = 0; i < 200; i++) expect(byRef.get(`C-${i}`)).toBe(1000 + i);
    // Concurrent payments on distinct sessions, then queries: every session approved once.
    await Promise.all(results.map((r) => ref.sandbox.complete({ id: String(r.requestId), card: '4110760000000081' })));
    const infos = await Promise.all(results.map((r) => client.query(r.requestId)));
    expect(infos.every((i) => i.status.status === 'APPROVED' && i.payment!.length === 1)).toBe(true);
  });
});
