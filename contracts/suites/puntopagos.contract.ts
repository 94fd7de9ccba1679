/**
 * PuntoPagos contract suite. The client validates every response against
 * `contracts/puntopagos` (`validate: true`, a mismatch makes `complete` false), so each
 * call below is also a schema check. Runs against the emulator (default) or the live
 * sandbox (PUNTOPAGOS_KEY, PUNTOPAGOS_SECRET, optional PUNTOPAGOS_BASE_URL).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PuntoPagos, SANDBOX_URL, type PuntoPagosOptions } from '../../clients/puntopagos/index.ts';
import { puntopagosScenarios } from '../../scenarios/puntopagos.ts';
import { assertValid } from '../index.ts';
import { contractTarget } from './target.ts';

const target = contractTarget({
  provider: 'puntopagos',
  env: { key: 'PUNTOPAGOS_KEY', secret: 'PUNTOPAGOS_SECRET' },
  baseUrlEnv: 'PUNTOPAGOS_BASE_URL',
  liveBaseUrl: SANDBOX_URL,
  emulator: { key: 'sandbox-key', secret: 'sandbox-secret' },
});

const client = (o: Partial<PuntoPagosOptions> = {}) => new PuntoPagos({ ...target.credentials, baseUrl: target.baseUrl, validate: true, ...o });
/** A client whose calls carry X-Pasarela-Scenario (through the injectable fetch). */
const withScenario = (id: string) =>
  client({ fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), 'X-Pasarela-Scenario': id } }) });

let n = 0;
/** Unique across runs against the live sandbox, and at most 15 digits as the manual asks. */
const trxId = () => Date.now() * 100 + (++n % 100);

const create = async (monto: number | string = 1500, extra: Record<string, unknown> = {}) => {
  const trx_id = trxId();
  const res = await client().create({ trx_id, monto, ...extra });
  expect(res.problem).toBeUndefined();
  expect(res.data?.respuesta).toBe('00');
  return { token: res.data!.token!, trx_id, monto };
};

describe.skipIf(target.skip)(target.title, () => {
  describe('create and status', () => {
    it('creates: 00, a 16-character token, trx_id echoed as a string, monto with two decimals', async () => {
      const trx_id = trxId();
      const res = await client().create({ trx_id, monto: '1500' });
      expect(res).toMatchObject({ complete: true, status: 200, data: { respuesta: '00', error: null, trx_id: String(trx_id), monto: 1500 } });
      expect(res.data!.token).toMatch(/^[A-Z0-9]{16,17}$/);
      expect(res.body).toContain('"monto":1500.00');
    });

    it('a fresh transaction answers 6 "Transaccion incompleta" with every key', async () => {
      const tx = await create();
      const res = await client().status(tx);
      expect(res.complete).toBe(true);
      expect(res.data).toMatchObject({ respuesta: '6', error: 'Transaccion incompleta', token: tx.token, trx_id: null, monto: 0 });
    });

    it('a status signed over another monto is HTTP 400', async () => {
      const tx = await create(1500);
      const res = await client().status({ ...tx, monto: 1501 });
      expect(res).toMatchObject({ complete: false, httpError: 400 });
    });

    it('an unknown key id answers 99 "La llave no existe"', async () => {
      const res = await client({ key: 'PASARELANOSUCHKEY000' }).create({ trx_id: trxId(), monto: 100 });
      expect(res.data).toMatchObject({ respuesta: '99', error: 'La llave no existe', token: null, trx_id: null });
    });

    it('an empty trx_id answers 99 "Input string was not in a correct format."', async () => {
      const res = await client().create({ trx_id: '', monto: '100.00', medio_pago: 10 });
      expect(res.data).toMatchObject({ respuesta: '99', error: 'Input string was not in a correct format.', token: null });
    });

    it('a wrong secret answers 99', async () => {
      const res = await client({ secret: `${target.credentials.secret}-wrong` }).create({ trx_id: trxId(), monto: 100 });
      expect(res.data).toMatchObject({ respuesta: '99', token: null });
    });

    // Recorded: the 2018 sandbox accepted trx_id 10 again and again (conformance pp-am-create-duplicate-trx-id).
    it('a second create with the same trx_id is accepted with a new token', async () => {
      const tx = await create();
      const res = await client().create({ trx_id: tx.trx_id, monto: tx.monto });
      expect(res.data).toMatchObject({ respuesta: '00', trx_id: String(tx.trx_id) });
      expect(res.data!.token).not.toBe(tx.token);
    });

    it('the hosted page of a new transaction is served', async () => {
      const tx = await create();
      const res = await fetch(client().processUrl(tx.token));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
    });
  });

  describe(`payment outcomes${target.emulatorOnly}`, () => {
    const payments = puntopagosScenarios.filter((s) => s.stage === 'payment');
    it.skipIf(target.kind === 'live').each(payments.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
      const tx = await create(8000, { medio_pago: (scenario.trigger?.medio_pago as number | undefined) ?? 3 });
      const body = scenario.trigger ? { card: scenario.trigger.card, cvv: scenario.trigger.cvv } : { outcome: scenario.id };
      await target.sandbox!.complete({ id: tx.token, ...body } as { id: string });
      const res = await client().status(tx);
      expect(res.complete).toBe(true);
      expect(res.data).toMatchObject(scenario.outcome);
    });

  });

  describe('request scenarios (emulator only: X-Pasarela-Scenario)', () => {
    it.skipIf(target.kind === 'live').each(puntopagosScenarios.filter((s) => s.stage === 'request').map((s) => [s.id, s] as const))('%s', async (id, scenario) => {
      if (scenario.operations!.includes('create')) {
        const res = await withScenario(id).create({ trx_id: trxId(), monto: 100 });
        expect(res.data).toMatchObject(scenario.outcome);
      }
      if (scenario.operations!.includes('status')) {
        const tx = await create();
        const res = await withScenario(id).status(tx);
        expect(res.data).toMatchObject({ ...scenario.outcome, token: tx.token });
      }
    });
  });

  describe(`notifications${target.emulatorOnly}`, () => {
    let receiver: Server;
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    beforeAll(async () => {
      if (target.kind === 'live') return;
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ respuesta: '00', token: (JSON.parse(body) as { token: string }).token }));
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
      const res = await target.sandbox!.admin('merchants', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ provider: 'puntopagos', key: 'contract-shop', secret: 'contract-secret', notificationUrl: url, notificationMode: 'post' }),
      });
      expect(res.status).toBe(201);
    });
    afterAll(() => (receiver ? new Promise<void>((r) => receiver.close(() => r())) : undefined));

    it.skipIf(target.kind === 'live')('an approved payment is notified with a body that validates and a signature that verifies', async () => {
      const shop = client({ key: 'contract-shop', secret: 'contract-secret' });
      const trx_id = trxId();
      const created = await shop.create({ trx_id, monto: 3200, medio_pago: 3 });
      await target.sandbox!.complete({ id: created.data!.token!, card: '4051885600446623' });
      const n = received.find((r) => r.body.includes(created.data!.token!))!;
      assertValid('puntopagos', 'notification.request', JSON.parse(n.body));
      expect(shop.verifyNotification(n.headers, n.body)).toBe(true);
      assertValid('puntopagos', 'acknowledgement.response', { respuesta: '00', token: created.data!.token });
    });
  });
});
