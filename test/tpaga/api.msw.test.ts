// The same Tpaga API cases through MSW, with plain fetch to the real sandbox host.
import { describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../clients/tpaga/auth.ts';
import { createSandbox } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';
import { chargeCases } from './charges.cases.ts';
import { caseMerchants, FROZEN_AT } from './helpers.ts';
import { tpagaApiCases } from './api.cases.ts';
import { realClientCases } from './real-clients.cases.ts';

describe('Tpaga through MSW (https://sandbox.tpaga.co/api)', () => {
  const sandbox = createSandbox({ providers: ['tpaga'], merchants: caseMerchants, freezeAt: FROZEN_AT, logError: () => {} });
  useMsw(() => sandbox.handlers());
  const target = { base: () => 'https://sandbox.tpaga.co/api', sandbox: () => sandbox };
  tpagaApiCases(target);
  chargeCases(target);
  realClientCases(target);

  it('answers the production host https://api.tpaga.co/api too, with the same state', async () => {
    const res = await fetch('https://api.tpaga.co/api/customer', { method: 'POST', headers: { authorization: basicAuthorization('sandbox-private-key') } });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const got = await fetch(`https://sandbox.tpaga.co/api/customer/${id}`, { headers: { authorization: basicAuthorization('sandbox-private-key') } });
    expect(got.status).toBe(200);
  });
});
