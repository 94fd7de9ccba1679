/**
 * Seed 000, "PuntoPagos Python API Documentation", reproduced call by call with the TypeScript
 * client (modelled on that Python client) and with the Python client's own wire format:
 *
 *   request.create(trx_id='123', medio_pago='3', monto=Decimal('2000'), detalle='Foo bar product')
 *   request.status(trx_id='123', monto=Decimal('2000'), token='ABF56SDCL2345')   → complete False, http_error 400
 *   request.status(trx_id='79', monto=Decimal('15000'), token='LY26HNR6XNG8KN9W') → complete, get_data() {...}
 *   the "Puntopagos known codes" table
 *
 * Run over real HTTP and through MSW by python-doc.http.test.ts / python-doc.msw.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { PuntoPagos } from '../../clients/puntopagos/index.ts';
import { sign, signatureMessage } from '../../clients/puntopagos/signature.ts';
import type { Sandbox } from '../../emulators/index.ts';

export interface Target {
  base(): string;
  sandbox(): Sandbox;
}

/** The doc's merchant, made for these cases (the doc's 'API-KEY' is a placeholder). */
export const docMerchant = { key: 'API-KEY', secret: 'API-SECRET' };

/** get_data() of the doc's approved transaction, as the doc prints it (Python 2 reprs). */
const DOC_DATA = {
  medio_pago: '3', codigo_autorizacion: '281172', medio_pago_descripcion: 'WebPay Transbank', tipo_pago: null, respuesta: '00', monto: 15000,
  num_cuotas: 0, tipo_cuotas: 'Sin Cuotas', fecha_aprobacion: '2012-01-19T17:07:47', primer_vencimiento: null, numero_operacion: '6998364387',
  token: 'LY26HNR6XNG8KN9W', trx_id: '79', error: null, numero_tarjeta: '6623', valor_cuota: 0,
};

/** The doc's table of known codes, verbatim. */
const DOC_CODES: [string, string][] = [
  ['1', 'Transaccion rechazada'], ['2', 'Transaccion anulada'], ['3', 'Transaccion ya existe'], ['4', 'Transaccion no existe'],
  ['5', 'Transaccion ya procesada'], ['6', 'Transaccion incompleta'], ['7', 'Error del financiador'], ['8', 'Error del sistema'],
  ['9', 'IP no autorizada para realizar esta accion'], ['11', 'Cargo realizado con problemas, revise su estado de cuenta'],
];

export function pythonDocCases(t: Target) {
  const request = () => new PuntoPagos({ ...docMerchant, baseUrl: t.base(), validate: true, now: () => t.sandbox().clock.now() });

  describe('seed 000: the PuntoPagos Python API documentation', () => {
    it('create(trx_id=\'123\', medio_pago=\'3\', monto=Decimal(\'2000\'), detalle=\'Foo bar product\')', async () => {
      const response = await request().create({ trx_id: '123', medio_pago: '3', monto: '2000', detalle: 'Foo bar product' });
      expect(response.complete).toBe(true);
      expect(response.body).toMatch(/^\{"error":null,"monto":2000\.00,"respuesta":"00","token":"[A-Z0-9]{16}","trx_id":"123"\}$/);
    });

    it('the Python client\'s own bytes for that create (json.dumps with a "fecha" key, monto 2000.0) are accepted', async () => {
      const fecha = t.sandbox().clock.now().toUTCString();
      const body = `{"trx_id": "124", "medio_pago": "3", "monto": 2000.0, "detalle": "Foo bar product", "fecha": "${fecha}"}`;
      const res = await fetch(`${t.base()}/transaccion/crear`, {
        method: 'POST',
        headers: { Fecha: fecha, Autorizacion: `PP API-KEY:${sign(signatureMessage('create', { trx_id: '124', monto: '2000.00' }, fecha), 'API-SECRET')}`, 'Content-Type': 'application/json' },
        body,
      });
      expect(await res.text()).toMatch(/^\{"error":null,"monto":2000\.00,"respuesta":"00","token":"[A-Z0-9]{16}","trx_id":"124"\}$/);
    });

    it('status(trx_id=\'123\', monto=Decimal(\'2000\'), token=\'ABF56SDCL2345\'): complete False, http_error 400', async () => {
      await request().create({ trx_id: '123', medio_pago: '3', monto: '2000', detalle: 'Foo bar product' });
      const response = await request().status({ trx_id: '123', monto: '2000', token: 'ABF56SDCL2345' });
      expect(response).toMatchObject({ complete: false, httpError: 400 });
    });

    it('status(trx_id=\'79\', monto=Decimal(\'15000\'), token=…): complete, get_data() as the doc prints it', async () => {
      // 2012-01-19 20:07:47 UTC is 17:07:47 in Santiago (summer time): the doc's fecha_aprobacion.
      const sandbox = t.sandbox();
      sandbox.clock.freeze(new Date('2012-01-19T20:07:47Z'));
      try {
        const created = await request().create({ trx_id: '79', medio_pago: '3', monto: '15000' });
        const token = created.data!.token!;
        await sandbox.complete({ id: token, card: '4051885600446623' });
        const response = await request().status({ trx_id: '79', monto: '15000', token });
        expect(response.complete).toBe(true);
        // Only the ids the sandbox makes differ: the token and the bank's operation number.
        expect(response.data).toEqual({ ...DOC_DATA, token, numero_operacion: expect.stringMatching(/^\d{10}$/) });
        expect(response.body).toBe(
          `{"codigo_autorizacion":"281172","error":null,"fecha_aprobacion":"2012-01-19T17:07:47","medio_pago":"3","medio_pago_descripcion":"WebPay Transbank","monto":15000.00,"num_cuotas":0,"numero_operacion":"${response.data!.numero_operacion}","numero_tarjeta":"6623","primer_vencimiento":null,"respuesta":"00","tipo_cuotas":"Sin Cuotas","tipo_pago":null,"token":"${token}","trx_id":"79","valor_cuota":0}`,
        );
      } finally {
        sandbox.clock.unfreeze();
      }
    });

    it.each(DOC_CODES)('known code %s "%s" is answered with that exact message', async (respuesta, meaning) => {
      const scenario = t.sandbox().provider('puntopagos').module.scenarios.find((s) => (s.outcome as { respuesta?: string }).respuesta === respuesta) as
        | { id: string; stage: 'payment' | 'request'; operations?: string[] }
        | undefined;
      expect(scenario, `a scenario for ${respuesta}`).toBeDefined();
      const trx_id = String(9000 + Number(respuesta));
      const force = { 'X-Pasarela-Scenario': scenario!.id };
      // Create-only codes (3) are the create's answer; the others the status query's.
      if (scenario!.stage === 'request' && !scenario!.operations?.includes('status')) {
        const created = await fetch(`${t.base()}/transaccion/crear`, { method: 'POST', headers: { ...headers('create', { trx_id }), ...force }, body: JSON.stringify({ trx_id, monto: '100' }) });
        expect(await created.json()).toMatchObject({ respuesta, error: meaning });
        return;
      }
      const token = (await request().create({ trx_id, monto: '100' })).data!.token!;
      if (scenario!.stage === 'payment') await t.sandbox().complete({ id: token, outcome: scenario!.id });
      const res = await fetch(`${t.base()}/transaccion/${token}`, { headers: { ...headers('status', { token, trx_id }), ...(scenario!.stage === 'payment' ? {} : force) } });
      expect(await res.json()).toMatchObject({ respuesta, error: meaning });
    });
  });

  const headers = (operation: 'create' | 'status', fields: { token?: string; trx_id: string }) => {
    const fecha = t.sandbox().clock.now().toUTCString();
    return { Fecha: fecha, Autorizacion: `PP API-KEY:${sign(signatureMessage(operation, { ...fields, monto: '100' }, fecha), 'API-SECRET')}`, 'Content-Type': 'application/json' };
  };
}
