// The same Payture fidelity cases through MSW, on the real hosts. (A GET body cannot travel
// through MSW: a Fetch Request has none; fidelity.http.test.ts covers it.)
import { describe } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';
import { fidelityCases } from './fidelity.cases.ts';

const HOSTS = { api: 'https://sandbox3.payture.com', inpay: 'https://sandbox.payture.com', ewallet: 'https://sandbox2.payture.com', wallets: 'https://secure.payture.com' } as const;

describe('Payture fidelity through MSW', () => {
  const sandbox = createSandbox({ providers: ['payture'], logError: () => {} });
  useMsw(() => sandbox.handlers());
  fidelityCases({ base: (family: keyof typeof HOSTS = 'api') => HOSTS[family], sandbox: () => sandbox });
});
