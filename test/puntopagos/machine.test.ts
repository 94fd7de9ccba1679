// The transaction state machine (pure) and the wire views of stored transactions.
import { describe, expect, it } from 'vitest';
import { stringifyFlat } from '../../clients/puntopagos/json.ts';
import { validate } from '../../contracts/index.ts';
import type { TxState } from '../../scenarios/puntopagos.ts';
import { localDateTime, nextMonth } from '../../emulators/puntopagos/dates.ts';
import { finish, isCharged, STATUS_CODES } from '../../emulators/puntopagos/machine.ts';
import type { TransactionRecord } from '../../emulators/puntopagos/state.ts';
import { createError, createOk, notificationBody, statusBody, statusError } from '../../emulators/puntopagos/views.ts';

const FINAL: TxState[] = ['APPROVED', 'REJECTED', 'VOIDED', 'ISSUER_ERROR', 'CHARGED_WITH_PROBLEMS'];

describe('finish', () => {
  it.each(FINAL)('CREATED → %s notifies; only APPROVED goes to the success URL', (outcome) => {
    expect(finish('CREATED', outcome)).toEqual({ ok: true, state: outcome, notify: true, redirect: outcome === 'APPROVED' ? 'success' : 'failure', recordPayment: true });
  });

  it('a buyer who leaves keeps the transaction CREATED (status 6), failure URL, no notification', () => {
    expect(finish('CREATED', 'CREATED')).toEqual({ ok: true, state: 'CREATED', notify: false, redirect: 'failure', recordPayment: false });
  });

  it.each(FINAL)('%s is final: any new outcome is refused with 5', (state) => {
    for (const outcome of [...FINAL, 'CREATED' as const]) {
      expect(finish(state, outcome)).toEqual({ ok: false, refusal: 'already-processed', code: { respuesta: '5', error: 'Transaccion ya procesada' } });
    }
  });

  it('codes are single digits without a leading zero, 00 and 11', () => {
    expect(Object.values(STATUS_CODES).map((c) => c.respuesta)).toEqual(['6', '00', '1', '2', '7', '11']);
    expect(FINAL.filter(isCharged)).toEqual(['APPROVED', 'CHARGED_WITH_PROBLEMS']);
  });
});

const tx = (state: TxState, payment = true): TransactionRecord => ({
  token: 'LY26HNR6XNG8KN9W',
  merchant: 'k',
  trxId: '79',
  monto: '15000.00',
  medioPago: 3,
  detalle: null,
  state,
  payment: payment
    ? { medioPago: 3, at: '2012-01-19T17:07:47', card: { bin: '405188', last4: '6623' }, numCuotas: 0, tipoCuotas: 'Sin Cuotas', valorCuota: 0, primerVencimiento: null, numeroOperacion: '6998364387', codigoAutorizacion: '281172', scenario: 'x' }
    : null,
  createdAt: '',
  updatedAt: '',
  history: [],
});

describe('views', () => {
  it('an approved status is byte for byte the 2012 recording', () => {
    expect(stringifyFlat(statusBody(tx('APPROVED')))).toBe(
      '{"codigo_autorizacion":"281172","error":null,"fecha_aprobacion":"2012-01-19T17:07:47","medio_pago":"3","medio_pago_descripcion":"WebPay Transbank","monto":15000.00,"num_cuotas":0,"numero_operacion":"6998364387","numero_tarjeta":"6623","primer_vencimiento":null,"respuesta":"00","tipo_cuotas":"Sin Cuotas","tipo_pago":null,"token":"LY26HNR6XNG8KN9W","trx_id":"79","valor_cuota":0}',
    );
  });

  it.each([
    ['CREATED', '6', 'Transaccion incompleta'],
    ['REJECTED', '1', 'Transaccion rechazada'],
    ['VOIDED', '2', 'Transaccion anulada'],
    ['ISSUER_ERROR', '7', 'Error del financiador'],
  ] as const)('%s answers like the recorded incomplete/rejected bodies: %s, nulls, monto 0', (state, respuesta, error) => {
    const text = stringifyFlat(statusBody(tx(state, state !== 'CREATED')));
    expect(text).toBe(
      `{"codigo_autorizacion":null,"error":"${error}","fecha_aprobacion":null,"medio_pago":null,"medio_pago_descripcion":null,"monto":0,"num_cuotas":0,"numero_operacion":null,"numero_tarjeta":null,"primer_vencimiento":null,"respuesta":"${respuesta}","tipo_cuotas":null,"tipo_pago":null,"token":"LY26HNR6XNG8KN9W","trx_id":null,"valor_cuota":0}`,
    );
    expect(validate('puntopagos', 'status.response', JSON.parse(text)).valid).toBe(true);
  });

  it('charged with problems (11) keeps the payment fields', () => {
    const body = JSON.parse(stringifyFlat(statusBody(tx('CHARGED_WITH_PROBLEMS'))));
    expect(body).toMatchObject({ respuesta: '11', error: 'Cargo realizado con problemas, revise su estado de cuenta', trx_id: '79', monto: 15000, numero_tarjeta: '6623' });
    expect(validate('puntopagos', 'status.response', body).valid).toBe(true);
  });

  it('a rejected notification still carries trx_id, monto and the payment method', () => {
    const text = stringifyFlat(notificationBody(tx('REJECTED')));
    expect(text).toContain('"monto":15000.00');
    expect(JSON.parse(text)).toMatchObject({ respuesta: '1', trx_id: '79', medio_pago: '3', numero_tarjeta: null });
    expect(validate('puntopagos', 'notification.request', JSON.parse(text)).valid).toBe(true);
  });

  it('create answers: the recorded success body and error bodies with nulls', () => {
    expect(stringifyFlat(createOk({ ...tx('CREATED', false), monto: '100.00', trxId: '10', token: 'P5C20F7EACAHQM5E' }))).toBe(
      '{"error":null,"monto":100.00,"respuesta":"00","token":"P5C20F7EACAHQM5E","trx_id":"10"}',
    );
    expect(stringifyFlat(createError({ respuesta: '3', error: 'Transaccion ya existe' }))).toBe('{"error":"Transaccion ya existe","monto":0,"respuesta":"3","token":null,"trx_id":null}');
    expect(stringifyFlat(createError({ respuesta: '99', error: 'x' }, 'string'))).toContain('"monto":"0"');
    expect(statusError({ respuesta: '4', error: 'Transaccion no existe' }, 'TOKEN')).toMatchObject({ respuesta: '4', token: 'TOKEN', trx_id: null });
  });
});

describe('dates', () => {
  it('fecha_aprobacion is Chilean local time without zone (summer UTC-3, winter UTC-4)', () => {
    expect(localDateTime(Date.UTC(2024, 0, 15, 12, 0, 0))).toBe('2024-01-15T09:00:00');
    expect(localDateTime(Date.UTC(2024, 6, 15, 12, 0, 0))).toBe('2024-07-15T08:00:00');
    expect(localDateTime(Date.UTC(2024, 6, 15, 12, 0, 0), 'UTC')).toBe('2024-07-15T12:00:00');
  });

  it('the first installment is due a month later, clamped to the month end', () => {
    expect(nextMonth('2024-01-31T10:00:00')).toBe('2024-02-29');
    expect(nextMonth('2024-12-15T10:00:00')).toBe('2025-01-15');
  });
});
