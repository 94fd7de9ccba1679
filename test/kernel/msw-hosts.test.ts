// Through MSW, every real host of every provider reaches that provider's app (one handler
// dispatches by origin), and a host of none of them is left to the next handler.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { providers } from '../../emulators/registry.ts';

describe('MSW handlers dispatch by host', () => {
  const sandbox = createSandbox({ logError: () => {} });
  const server = setupServer(...sandbox.handlers(), http.all('*', () => HttpResponse.text('next handler', { status: 299 })));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  for (const module of providers) {
    it(`${module.id}: each of its hosts is answered by its own app`, async () => {
      for (const host of module.hosts) {
        const path = `/pasarela-no-such-route-${module.id}`;
        const res = await fetch(`${host}${path}`, { method: 'POST', body: '' });
        expect(res.status, host).not.toBe(299);
        const entry = sandbox.journal.entries({ path }).at(-1);
        expect(entry?.provider, host).toBe(module.id);
      }
    });
  }

  it('a host that is no provider\'s, or a look-alike of one, goes to the next handler', async () => {
    for (const url of ['https://example.test/api/session', 'https://checkout-test.placetopay.com.evil.test/api/session', 'https://xsandbox.tpaga.co/']) {
      const res = await fetch(url, { method: 'POST', body: '{}' });
      expect(res.status, url).toBe(299);
    }
  });
});
