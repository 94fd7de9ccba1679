// PuntoPagos API cases over real HTTP (port 0), plus what only a raw socket can send.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PuntoPagos } from '../../clients/puntopagos/index.ts';
import { createSandbox } from '../../emulators/index.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { caseMerchants, puntopagosApiCases } from './api.cases.ts';
import { nextTrxId, signedHeaders } from './signed.ts';

describe('PuntoPagos over HTTP', () => {
  const ref = useSandbox({ providers: ['puntopagos'], merchants: caseMerchants });
  puntopagosApiCases({ base: () => ref.urls.puntopagos!, sandbox: () => ref.sandbox });

  /** One request written by hand, as a PHP client writes it; returns the raw answer. */
  const rawRequest = (lines: string[], body: string) =>
    new Promise<string>((resolve, reject) => {
      const { hostname, port } = new URL(ref.urls.puntopagos!);
      const socket = connect(Number(port), hostname, () => {
        socket.write(`${[...lines, `Host: ${hostname}:${port}`, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'].join('\r\n')}\r\n\r\n${body}`);
      });
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });

  it('accepts "Autorizacion:PP …" without a space and lower-case "fecha"', async () => {
    const trx_id = nextTrxId();
    const h = signedHeaders('create', { trx_id, monto: '1000.00' }, ref.sandbox.clock.now());
    const answer = await rawRequest(
      ['POST /transaccion/crear HTTP/1.1', `fecha:${h.Fecha}`, `Autorizacion:${h.Autorizacion}`, 'Content-Type: application/json'],
      `{"trx_id":"${trx_id}","monto":"1000.00"}`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toMatch(/\{"error":null,"monto":1000\.00,"respuesta":"00","token":"[A-Z0-9]{16}","trx_id":"\d+"\}$/);
  });

  it('a status GET with Content-Type: application/json and no body is served', async () => {
    const trx_id = nextTrxId();
    const res = await fetch(`${ref.urls.puntopagos}/transaccion/crear`, {
      method: 'POST',
      headers: signedHeaders('create', { trx_id, monto: 1 }, ref.sandbox.clock.now()),
      body: JSON.stringify({ trx_id, monto: 1 }),
    });
    const { token } = (await res.json()) as { token: string };
    const h = signedHeaders('status', { token, trx_id, monto: 1 }, ref.sandbox.clock.now());
    const answer = await rawRequest([`GET /transaccion/${token} HTTP/1.1`, `Fecha: ${h.Fecha}`, `Autorizacion: ${h.Autorizacion}`, 'Content-Type: application/json'], '');
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toMatch(/"respuesta":"6"/);
  });

  it('state survives a snapshot and restore (plain JSON): status and duplicate checks carry over', async () => {
    const pp = new PuntoPagos({ key: 'sandbox-key', secret: 'sandbox-secret', baseUrl: ref.urls.puntopagos!, now: () => ref.sandbox.clock.now() });
    const trx_id = nextTrxId();
    const { data } = await pp.create({ trx_id, monto: 990 });
    await ref.sandbox.complete({ id: data!.token!, card: '4051885600446623' });
    const before = (await pp.status({ token: data!.token!, trx_id, monto: 990 })).body;

    const copy = createSandbox({ providers: ['puntopagos'], merchants: caseMerchants, logError: () => {} });
    copy.restore(JSON.parse(JSON.stringify(ref.sandbox.snapshot())));
    const fetchCopy = ((url: string, init: RequestInit) => copy.fetch('puntopagos', new URL(url).pathname, init)) as typeof fetch;
    const restored = new PuntoPagos({ key: 'sandbox-key', secret: 'sandbox-secret', fetch: fetchCopy, now: () => copy.clock.now() });
    expect((await restored.status({ token: data!.token!, trx_id, monto: 990 })).body).toBe(before);
    const unique = new PuntoPagos({ key: 'unique-trx', secret: 'unique-secret', fetch: fetchCopy, now: () => copy.clock.now() });
    const uniqueTrx = nextTrxId();
    expect((await new PuntoPagos({ key: 'unique-trx', secret: 'unique-secret', baseUrl: ref.urls.puntopagos!, now: () => ref.sandbox.clock.now() }).create({ trx_id: uniqueTrx, monto: 1 })).data?.respuesta).toBe('00');
    copy.restore(JSON.parse(JSON.stringify(ref.sandbox.snapshot())));
    expect((await unique.create({ trx_id: uniqueTrx, monto: 1 })).data?.respuesta).toBe('3');
    expect((await copy.fetch('puntopagos', `/transaccion/procesar/${data!.token}`)).status).toBe(200);
    await copy.stop();
  });
});
