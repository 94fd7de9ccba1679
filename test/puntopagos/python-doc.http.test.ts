// Seed 000 (the Python client's documentation) over real HTTP.
import { describe } from 'vitest';
import { useSandbox } from '../helpers/sandbox.ts';
import { docMerchant, pythonDocCases } from './python-doc.cases.ts';

describe('seed 000 over HTTP', () => {
  const ref = useSandbox({ providers: ['puntopagos'], merchants: { puntopagos: [docMerchant] } });
  pythonDocCases({ base: () => ref.urls.puntopagos!, sandbox: () => ref.sandbox });
});
