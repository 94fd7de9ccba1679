// The reference's recorded bodies validate against contracts/puntopagos; wrong shapes do not.
import { describe, expect, it } from 'vitest';
import { operations, validate } from '../../contracts/index.ts';

const recorded = {
  'create.response': [
    // 2018 sandbox transcript (ActiveMerchant)
    { error: null, monto: 100.0, respuesta: '00', token: 'P5C20F7EACAHQM5E', trx_id: '10' },
    { error: 'Input string was not in a correct format.', monto: '0', respuesta: '99', token: null, trx_id: null },
    { error: 'Financiador no válido', monto: 0, respuesta: '99', token: null, trx_id: null },
    { error: 'La llave no existe', monto: 0, respuesta: '99', token: null, trx_id: null },
    // The manual's example (17-character token, medio_pago echoed)
    { respuesta: '00', token: '9XJ08401WN0071839', trx_id: '9787415132', medio_pago: '999', monto: 1000000.0, error: null },
  ],
  'status.response': [
    {
      codigo_autorizacion: '281172', error: null, fecha_aprobacion: '2012-01-19T17:07:47', medio_pago: '3', medio_pago_descripcion: 'WebPay Transbank', monto: 15000.0,
      num_cuotas: 0, numero_operacion: '6998364387', numero_tarjeta: '6623', primer_vencimiento: null, respuesta: '00', tipo_cuotas: 'Sin Cuotas', tipo_pago: null,
      token: 'LY26HNR6XNG8KN9W', trx_id: '79', valor_cuota: 0,
    },
    ...[['6', 'Transaccion incompleta'], ['1', 'Transaccion rechazada']].map(([respuesta, error]) => ({
      codigo_autorizacion: null, error, fecha_aprobacion: null, medio_pago: null, medio_pago_descripcion: null, monto: 0, num_cuotas: 0, numero_operacion: null,
      numero_tarjeta: null, primer_vencimiento: null, respuesta, tipo_cuotas: null, tipo_pago: null, token: 'LY26HNR6XNG8KN9W', trx_id: null, valor_cuota: 0,
    })),
  ],
  'notification.request': [
    // A merchant's 2013 log of a real notification
    {
      codigo_autorizacion: '281172', error: null, fecha_aprobacion: '2013-02-15T20:38:50', medio_pago: '3', medio_pago_descripcion: 'WebPay Transbank', monto: 600000,
      num_cuotas: 0, numero_operacion: '0963465050', numero_tarjeta: '6623', primer_vencimiento: null, respuesta: '00', tipo_cuotas: 'Sin Cuotas', tipo_pago: null,
      token: 'MIA64OSEA3DI076D', trx_id: '1360963315917', valor_cuota: 0,
    },
  ],
  'acknowledgement.response': [{ respuesta: '00', token: '9XJ08401WN0071839' }, { respuesta: '99', token: '9XJ08401WN0071839', error: 'Firma no válida' }],
  'create.request': [
    { trx_id: '10', monto: '100.00', medio_pago: 10 },
    { monto: 123456.0, trx_id: 1324567, medio_pago: '003' },
    { trx_id: '123', monto: '1000.00' },
    { trx_id: 5, medio_pago: 3, monto: 100.01, detalle: 'Foo bar product', fecha: 'Mon, 15 Jun 2009 20:45:30 GMT' },
    { trx_id: 9787415132, medio_pago: '999', monto: 1000000.0 },
  ],
} as const;

describe('recorded bodies validate', () => {
  it('every operation has recorded examples here', () => {
    expect(operations('puntopagos').filter((o) => o !== 'common').sort()).toEqual(Object.keys(recorded).sort());
  });

  for (const [operation, bodies] of Object.entries(recorded)) {
    it.each(bodies.map((b, i) => [i, b] as const))(`${operation} #%s`, (_i, body) => {
      const result = validate('puntopagos', operation, body);
      expect(result.errors).toEqual([]);
    });
  }
});

describe('wrong shapes are caught', () => {
  const approved = recorded['status.response'][0]!;
  it.each([
    ['status with a two-digit "06"', 'status.response', { ...approved, respuesta: '06', error: 'x', trx_id: null }],
    ['status missing a key', 'status.response', Object.fromEntries(Object.entries(approved).filter(([k]) => k !== 'tipo_pago'))],
    ['status with an unknown key', 'status.response', { ...approved, fecha: '2012-01-19T17:07:47' }],
    ['approved status with an error', 'status.response', { ...approved, error: 'x' }],
    ['approved status with trx_id as a number', 'status.response', { ...approved, trx_id: 79 }],
    ['create success with a token of 10 characters', 'create.response', { error: null, monto: 100, respuesta: '00', token: 'ABCDEFGHIJ', trx_id: '10' }],
    ['create error with a token', 'create.response', { error: 'x', monto: 0, respuesta: '3', token: 'P5C20F7EACAHQM5E', trx_id: null }],
    ['create request with a non-numeric trx_id', 'create.request', { trx_id: 'abc', monto: 1 }],
    ['create request with a non-numeric medio_pago', 'create.request', { trx_id: 1, monto: 1, medio_pago: 'tres' }],
    ['acknowledgement with "0"', 'acknowledgement.response', { respuesta: '0' }],
  ])('%s', (_name, operation, body) => {
    expect(validate('puntopagos', operation, body).valid).toBe(false);
  });
});
