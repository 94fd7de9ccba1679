// PlacetoPay lifecycle over real HTTP, notifications to a receiver on loopback.
import { afterAll, beforeAll, describe } from 'vitest';
import { startReceiver } from '../helpers/receiver.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { lifecycleCases, lifecycleMerchants } from './lifecycle.cases.ts';

describe('PlacetoPay lifecycle over HTTP', () => {
  const ref = useSandbox({ providers: ['placetopay'], merchants: lifecycleMerchants });
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver((r) => ({ status: r.path === '/fail' ? 500 : 200 }));
  });
  afterAll(() => receiver.close());
  lifecycleCases({
    base: () => ref.urls.placetopay!,
    sandbox: () => ref.sandbox,
    notifications: () => ({ url: `${receiver.url}/notify`, bodies: () => receiver.received.filter((r) => r.path === '/notify').map((r) => JSON.parse(r.body)) }),
  });
});
