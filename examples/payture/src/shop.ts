// The merchant's code: a shop taking payments with Payture InPay (card data on Payture's page).
// Payture's notifications are URL-encoded POSTs with no signature: the shop parses one with the
// bundled client and believes only what GetState then says. Nothing here knows about Pasarela.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseNotification, Payture } from 'pasarela/clients/payture';

export interface ShopConfig {
  key: string;
  password: string;
  baseUrl: string;
}

export type OrderState = 'awaiting-payment' | 'paid' | 'declined';

export class Shop {
  readonly gateway: Payture;
  readonly orders = new Map<string, { sessionId: string; state: OrderState }>();

  constructor(config: ShopConfig) {
    this.gateway = new Payture({ key: config.key, password: config.password, baseUrl: config.baseUrl });
  }

  /** Step 1: open a payment session (amount in kopecks); send the buyer to `redirectUrl`. */
  async checkout(orderId: string, amount: number): Promise<{ sessionId: string; redirectUrl: string }> {
    const init = await this.gateway.inpay.init({ sessionType: 'Pay', orderId, amount, url: 'https://shop.example/return?order={orderid}&ok={success}' });
    if (!init.success || !init.sessionId || !init.redirectUrl) throw new Error(`Payture refused the session: ${init.errCode}`);
    this.orders.set(orderId, { sessionId: init.sessionId, state: 'awaiting-payment' });
    return { sessionId: init.sessionId, redirectUrl: init.redirectUrl };
  }

  /** Step 3: a notification. Unsigned: parse it, then ask GetState before changing the order. */
  async onNotification(rawBody: string): Promise<{ status: number }> {
    let orderId: string | undefined;
    try {
      orderId = parseNotification(rawBody).orderId;
    } catch {
      return { status: 400 };
    }
    if (!orderId || !this.orders.has(orderId)) return { status: 400 };
    await this.refresh(orderId);
    return { status: 200 };
  }

  /** Step 4: the order's state from Payture (Charged paid; New/PreAuthorized3DS not yet; else declined). */
  async refresh(orderId: string): Promise<OrderState> {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`unknown order ${orderId}`);
    const { state } = await this.gateway.inpay.getState(orderId);
    order.state = state === 'Charged' ? 'paid' : state === undefined || state === 'New' || state === 'PreAuthorized3DS' ? 'awaiting-payment' : 'declined';
    return order.state;
  }
}

/** The shop's notification endpoint on a free port: each POSTed body goes to `handle`. */
export async function listenForNotifications(
  handle: (rawBody: string) => Promise<{ status: number }>,
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      handle(raw).then(
        ({ status }) => res.writeHead(status).end(),
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/payture/notify`, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
