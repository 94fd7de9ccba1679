// The merchant's code: what a shop writes to take payments with PlacetoPay WebCheckout.
// Nothing here knows about Pasarela: point `baseUrl` at the emulator in tests and at
// https://checkout-test.placetopay.com (or production) otherwise.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PlacetoPay, verifyNotification, type Notification } from 'pasarela/clients/placetopay';

export interface ShopConfig {
  login: string;
  secretKey: string;
  baseUrl: string;
  /** Where the buyer comes back after the hosted page. */
  returnUrl: string;
}

export type OrderState = 'awaiting-payment' | 'paid' | 'declined' | 'pending';

export class Shop {
  readonly gateway: PlacetoPay;
  /** Order reference → the session that pays it and what the shop knows. */
  readonly orders = new Map<string, { requestId: number; state: OrderState }>();

  constructor(readonly config: ShopConfig) {
    this.gateway = new PlacetoPay({ login: config.login, secretKey: config.secretKey, baseUrl: config.baseUrl });
  }

  /** Step 1: create the session; send the buyer to `processUrl`. */
  async checkout(reference: string, total: number, currency = 'USD') {
    const session = await this.gateway.createSession({
      payment: { reference, description: `Order ${reference}`, amount: { currency, total } },
      ipAddress: '127.0.0.1',
      userAgent: 'example-shop',
      returnUrl: this.config.returnUrl,
    });
    this.orders.set(reference, { requestId: session.requestId, state: 'awaiting-payment' });
    return session;
  }

  /**
   * Step 3: the notification. Only a correctly signed one is believed, and even then the
   * shop asks the gateway for the state (the notification only says "look again").
   */
  async onNotification(body: unknown): Promise<{ status: number }> {
    const n = body as Notification;
    if (!verifyNotification(n, this.config.secretKey)) return { status: 400 };
    await this.refresh(n.reference);
    return { status: 200 };
  }

  /** Step 4: the state, from the gateway. A declined attempt leaves the session PENDING (the buyer may retry). */
  async refresh(reference: string): Promise<OrderState> {
    const order = this.orders.get(reference);
    if (!order) throw new Error(`unknown order ${reference}`);
    const info = await this.gateway.query(order.requestId);
    const last = info.payment?.[0]?.status.status;
    order.state =
      info.status.status === 'APPROVED' ? 'paid'
      : info.status.status === 'REJECTED' || last === 'REJECTED' ? 'declined'
      : last === 'PENDING' ? 'pending'
      : 'awaiting-payment';
    return order.state;
  }
}

/** The shop's notification endpoint, on a free port: each POSTed JSON body goes to `handle` (`shop.onNotification`). */
export async function listenForNotifications(
  handle: (body: unknown) => Promise<{ status: number }>,
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        res.writeHead(400).end();
        return;
      }
      handle(body).then(
        ({ status }) => res.writeHead(status).end(),
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/placetopay/notify`, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
