// Tpaga API cases over real HTTP (port 0).
import { describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../clients/tpaga/auth.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { chargeCases } from './charges.cases.ts';
import { caseMerchants, FROZEN_AT } from './helpers.ts';
import { tpagaApiCases } from './api.cases.ts';
import { realClientCases } from './real-clients.cases.ts';

describe('Tpaga over HTTP', () => {
  const ref = useSandbox({ providers: ['tpaga'], merchants: caseMerchants, freezeAt: FROZEN_AT });
  const target = { base: () => `${ref.urls.tpaga!}/api`, sandbox: () => ref.sandbox };
  tpagaApiCases(target);
  chargeCases(target);
  realClientCases(target);

  // Over HTTP only: MSW's own handler lookup throws on a malformed %-escape before any handler runs.
  it('a malformed percent-escape in the path is a 404 in the envelope, not a 500', async () => {
    const res = await fetch(`${target.base()}/charge/credit_card/%ff%`, { headers: { authorization: basicAuthorization('sandbox-private-key') } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { errors: unknown[] }).errors).toHaveLength(1);
  });
});
