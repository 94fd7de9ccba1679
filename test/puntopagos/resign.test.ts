// The conformance hook resign(): a recording signed with a secret that is not public is
// re-signed for the setup merchant, keeping its Fecha; a status query needs the store.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { puntopagos } from '../../emulators/puntopagos/index.ts';
import { resign } from '../../emulators/puntopagos/resign.ts';
import type { SignableRequest } from '../../emulators/kernel/types.ts';

const merchant = { key: 'Qxp1tuu5410mIEKKS1cx', secret: 'not-the-recorded-one' };
const recorded: SignableRequest = {
  method: 'POST',
  path: '/transaccion/crear',
  headers: { Fecha: 'Thu, 01 Mar 2018 00:00:00 GMT', Autorizacion: 'PP Qxp1tuu5410mIEKKS1cx:j3ke5PzhZSH6X+5/iXeKtiNkmwQ=', 'Content-Type': 'application/json; charset=utf-8' },
  body: '{"trx_id":"10","monto":"100.00","medio_pago":10}',
};

describe('puntopagos resign()', () => {
  it('is the provider module\'s hook', () => expect(puntopagos.resign).toBe(resign));

  const sandbox = createSandbox({ providers: ['puntopagos'], merchants: { puntopagos: [merchant] }, freezeAt: '2018-03-09T17:02:39Z', logError: () => {} });
  const send = (r: SignableRequest) => sandbox.fetch('puntopagos', r.path, { method: r.method, headers: r.headers, body: r.body ?? undefined });
  const now = () => sandbox.clock.now();

  it('the recorded create fails with the setup secret until re-signed; the Fecha and body stay as recorded', async () => {
    expect(((await (await send(recorded)).json()) as { error: string }).error).toBe('Firma no válida');
    const again = resign(recorded, merchant, now());
    expect(again.headers.Fecha).toBe(recorded.headers.Fecha);
    expect(again.body).toBe(recorded.body);
    expect(again.headers.Autorizacion).toMatch(/^PP Qxp1tuu5410mIEKKS1cx:[A-Za-z0-9+/]{27}=$/);
    expect(await (await send(again)).json()).toMatchObject({ respuesta: '00', trx_id: '10', monto: 100 });
  });

  it('a status query is re-signed over the stored trx_id and monto; without the store it says why it cannot', async () => {
    const { token } = (await (await send(resign(recorded, merchant, now()))).json()) as { token: string };
    const query: SignableRequest = { method: 'GET', path: `/transaccion/${token}`, headers: { fecha: 'Fri, 09 Mar 2018 17:02:39 GMT', autorizacion: 'PP Qxp1tuu5410mIEKKS1cx:recorded=' }, body: null };
    expect(() => resign(query, merchant, now())).toThrow(/stored trx_id and monto/);
    const signed = resign(query, merchant, now(), sandbox.provider('puntopagos').store as never);
    expect(Object.keys(signed.headers)).toEqual(['fecha', 'autorizacion']);
    expect(await (await send(signed)).json()).toMatchObject({ respuesta: '6', error: 'Transaccion incompleta', token });
  });

  it('a request without Fecha gets one from the replay clock', () => {
    const { Fecha: _, ...headers } = recorded.headers;
    expect(resign({ ...recorded, headers }, merchant, now()).headers.Fecha).toBe('Fri, 09 Mar 2018 17:02:39 GMT');
  });
});
