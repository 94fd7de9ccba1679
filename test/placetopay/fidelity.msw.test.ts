// The same fidelity cases through MSW, with plain fetch to the real test host.
import { describe } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';
import { fidelityCases } from './fidelity.cases.ts';

describe('PlacetoPay fidelity through MSW (https://checkout-test.placetopay.com)', () => {
  const sandbox = createSandbox({ providers: ['placetopay'], logError: () => {} });
  useMsw(() => sandbox.handlers());
  fidelityCases({ base: () => 'https://checkout-test.placetopay.com', sandbox: () => sandbox });
});
