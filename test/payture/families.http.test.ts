// Every Payture family over real HTTP (port 0).
import { describe } from 'vitest';
import { useSandbox } from '../helpers/sandbox.ts';
import { apiCases } from './api.cases.ts';
import { ewalletCases } from './ewallet.cases.ts';
import { inpayCases } from './inpay.cases.ts';

describe('Payture over HTTP', () => {
  const ref = useSandbox({ providers: ['payture'], options: { payture: { slowDelayMs: 30 } } });
  const target = { base: () => ref.urls.payture!, sandbox: () => ref.sandbox };
  apiCases(target);
  inpayCases(target);
  ewalletCases(target);
});
