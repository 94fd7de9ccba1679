// The same PuntoPagos API cases through MSW, with plain fetch to the real hosts.
import { describe, expect, it } from 'vitest';
import { PuntoPagos } from '../../clients/puntopagos/index.ts';
import { createSandbox } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';
import { caseMerchants, puntopagosApiCases } from './api.cases.ts';
import { KEY, nextTrxId, SECRET } from './signed.ts';

const sandbox = createSandbox({ providers: ['puntopagos'], merchants: caseMerchants, logError: () => {} });

describe('PuntoPagos through MSW (https://sandbox.puntopagos.com)', () => {
  useMsw(() => sandbox.handlers());
  puntopagosApiCases({ base: () => 'https://sandbox.puntopagos.com', sandbox: () => sandbox });

  it.each(['http://sandbox.puntopagos.com', 'https://www.puntopagos.com', 'http://www.puntopagos.com'])('%s answers create and status too', async (baseUrl) => {
    const client = new PuntoPagos({ key: KEY, secret: SECRET, baseUrl, now: () => sandbox.clock.now() });
    const trx_id = nextTrxId();
    const created = await client.create({ trx_id, monto: 2500 });
    expect(created.data).toMatchObject({ respuesta: '00', trx_id: String(trx_id) });
    const status = await client.status({ token: created.data!.token!, trx_id, monto: 2500 });
    expect(status.data).toMatchObject({ respuesta: '6' });
    expect(client.processUrl(created.data!.token!)).toBe(`${baseUrl}/transaccion/procesar/${created.data!.token}`);
  });
});
