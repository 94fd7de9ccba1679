// What the recordings and real clients showed, over real HTTP (port 0).
import { describe } from 'vitest';
import { useSandbox } from '../helpers/sandbox.ts';
import { fidelityCases } from './fidelity.cases.ts';

describe('PlacetoPay fidelity over HTTP', () => {
  const ref = useSandbox({ providers: ['placetopay'] });
  fidelityCases({ base: () => ref.urls.placetopay!, sandbox: () => ref.sandbox });
});
