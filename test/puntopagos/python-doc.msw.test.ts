// Seed 000 (the Python client's documentation) through MSW on the real sandbox host.
import { describe } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';
import { docMerchant, pythonDocCases } from './python-doc.cases.ts';

const sandbox = createSandbox({ providers: ['puntopagos'], merchants: { puntopagos: [docMerchant] }, logError: () => {} });

describe('seed 000 through MSW', () => {
  useMsw(() => sandbox.handlers());
  pythonDocCases({ base: () => 'https://sandbox.puntopagos.com', sandbox: () => sandbox });
});
