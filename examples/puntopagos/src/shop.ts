// The merchant's code: a shop taking payments with PuntoPagos (Chile). Nothing here knows
// about Pasarela: point `baseUrl` at the emulator in tests, at https://sandbox.puntopagos.com
// (or production) otherwise.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PuntoPagos } from 'pasarela/clients/puntopagos';

export interface ShopConfig {
  key: string;
  secret: string;
  baseUrl: string;
}

export type OrderState = 'awaiting-payment' | 'paid' | 'declined';

export class Shop {
  readonly gateway: PuntoPagos;
  /** trx_id → the payment's token, amount and what the shop knows. */
  readonly orders = new Map<string, { token: string; monto: number; state: OrderState }>();

  constructor(config: ShopConfig) {
    this.gateway = new PuntoPagos({ key: config.key, secret: config.secret, baseUrl: config.baseUrl });
  }

  /** Step 1: create the transaction; send the buyer to the returned URL (Webpay: medio_pago 3). */
  async checkout(trxId: number, monto: number): Promise<{ token: string; processUrl: string }> {
    const created = await this.gateway.create({ trx_id: trxId, monto, medio_pago: 3, detalle: `Order ${trxId}` });
    const token = created.data?.token;
    if (!created.complete || created.data?.respuesta !== '00' || !token) {
      throw new Error(`PuntoPagos refused the transaction: ${created.data?.error ?? created.httpError ?? created.problem}`);
    }
    this.orders.set(String(trxId), { token, monto, state: 'awaiting-payment' });
    return { token, processUrl: this.gateway.processUrl(token) };
  }

  /**
   * Step 3: the notification (a signed POST). Its `Autorizacion` header must be this merchant's
   * signature; then the shop asks for the status itself and acknowledges with respuesta 00.
   */
  async onNotification(headers: IncomingHttpHeaders, rawBody: string): Promise<{ status: number; body: string }> {
    const flat = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    if (!this.gateway.verifyNotification(flat, rawBody)) return { status: 401, body: JSON.stringify({ respuesta: '99', error: 'bad signature' }) };
    const { token, trx_id } = JSON.parse(rawBody) as { token: string; trx_id: string | number };
    await this.refresh(String(trx_id));
    return { status: 200, body: JSON.stringify({ respuesta: '00', token }) };
  }

  /** Step 4: the state, from the gateway (respuesta 00 paid, 6 not paid yet, anything else declined). */
  async refresh(trxId: string): Promise<OrderState> {
    const order = this.orders.get(trxId);
    if (!order) throw new Error(`unknown order ${trxId}`);
    const status = await this.gateway.status({ token: order.token, trx_id: trxId, monto: order.monto });
    const respuesta = status.data?.respuesta;
    order.state = respuesta === '00' ? 'paid' : respuesta === '6' || respuesta === undefined ? 'awaiting-payment' : 'declined';
    return order.state;
  }
}

/** The shop's notification endpoint on a free port: each POST goes to `handle` with its headers and raw body. */
export async function listenForNotifications(
  handle: (headers: IncomingHttpHeaders, rawBody: string) => Promise<{ status: number; body: string }>,
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      handle(req.headers, raw).then(
        ({ status, body }) => res.writeHead(status, { 'content-type': 'application/json' }).end(body),
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/puntopagos/notify`, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
