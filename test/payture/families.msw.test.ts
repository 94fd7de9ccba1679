// The same Payture cases through MSW, on the real hosts: each family on another one.
import { describe } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';
import { apiCases } from './api.cases.ts';
import { ewalletCases } from './ewallet.cases.ts';
import { inpayCases } from './inpay.cases.ts';

const HOSTS = { api: 'https://sandbox3.payture.com', inpay: 'https://sandbox.payture.com', ewallet: 'https://sandbox2.payture.com', wallets: 'https://secure.payture.com' } as const;

describe('Payture through MSW (sandbox3, sandbox, sandbox2, secure .payture.com)', () => {
  const sandbox = createSandbox({ providers: ['payture'], logError: () => {}, options: { payture: { slowDelayMs: 30 } } });
  useMsw(() => sandbox.handlers());
  const target = { base: (family: keyof typeof HOSTS = 'api') => HOSTS[family], sandbox: () => sandbox };
  apiCases(target);
  inpayCases(target);
  ewalletCases(target);
});
