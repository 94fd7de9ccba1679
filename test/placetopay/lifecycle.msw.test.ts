// PlacetoPay lifecycle through MSW; the merchant's notification endpoint is an MSW handler too.
import { http, HttpResponse } from 'msw';
import { describe } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';
import { lifecycleCases, lifecycleMerchants } from './lifecycle.cases.ts';

describe('PlacetoPay lifecycle through MSW', () => {
  const sandbox = createSandbox({ providers: ['placetopay'], merchants: lifecycleMerchants, logError: () => {} });
  const bodies: never[] = [];
  useMsw(() => [
    ...sandbox.handlers(),
    http.post('https://merchant.example/notify', async ({ request }) => {
      bodies.push((await request.json()) as never);
      return HttpResponse.text('ok');
    }),
    http.post('https://merchant.example/fail', () => HttpResponse.text('down', { status: 500 })),
  ]);
  lifecycleCases({
    base: () => 'https://checkout-test.placetopay.com',
    sandbox: () => sandbox,
    notifications: () => ({ url: 'https://merchant.example/notify', bodies: () => bodies }),
  });
});
