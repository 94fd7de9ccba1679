// PlacetoPay API cases over real HTTP (port 0).
import { describe } from 'vitest';
import { useSandbox } from '../helpers/sandbox.ts';
import { caseMerchants, placetopayApiCases } from './api.cases.ts';

describe('PlacetoPay over HTTP', () => {
  const ref = useSandbox({ providers: ['placetopay'], merchants: caseMerchants });
  placetopayApiCases({ base: () => ref.urls.placetopay!, sandbox: () => ref.sandbox });
});
