// The same PlacetoPay API cases through MSW, with plain fetch to the real test host.
import { describe } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';
import { caseMerchants, placetopayApiCases } from './api.cases.ts';

describe('PlacetoPay through MSW (https://checkout-test.placetopay.com)', () => {
  const sandbox = createSandbox({ providers: ['placetopay'], merchants: caseMerchants, logError: () => {} });
  useMsw(() => sandbox.handlers());
  placetopayApiCases({ base: () => 'https://checkout-test.placetopay.com', sandbox: () => sandbox });
});
