// The merchant's code: a shop charging stored cards with Tpaga (Colombia). Tpaga has no hosted
// page and sends no notification: the card is tokenized in the buyer's browser with the public
// key (Tpaga.js), the server stores it for a customer and charges it, and the answer (or a
// later GET of the charge) is the state. Nothing here knows about Pasarela.
import { Tpaga, TpagaDeclinedError, type CardInput, type CreditCardCharge } from 'pasarela/clients/tpaga';

export interface ShopConfig {
  privateKey: string;
  publicKey: string;
  baseUrl: string;
}

export type OrderState = 'paid' | 'declined' | 'pending';

export class Shop {
  readonly gateway: Tpaga;
  /** orderId → the charge and what the shop knows. */
  readonly orders = new Map<string, { chargeId: string; state: OrderState; errorCode?: string }>();

  constructor(config: ShopConfig) {
    this.gateway = new Tpaga({ privateKey: config.privateKey, publicKey: config.publicKey, baseUrl: config.baseUrl });
  }

  /** Step 1: a customer and a card stored for them (the token comes from the browser in real life). */
  async saveCard(email: string, card: CardInput): Promise<{ customerId: string; cardId: string }> {
    const customer = await this.gateway.createCustomer({ email });
    const { token } = await this.gateway.tokenize(card);
    const stored = await this.gateway.associateCard(customer.id, token);
    return { customerId: customer.id, cardId: stored.id };
  }

  /** Step 2: the charge. A 402 is a decline, or (errorCode 9999 / "") an outcome Tpaga does not know yet. */
  async pay(orderId: string, cardId: string, amount: number): Promise<OrderState> {
    let charge: CreditCardCharge;
    try {
      charge = await this.gateway.chargeCard({ creditCard: cardId, amount, orderId, description: `Order ${orderId}` });
    } catch (e) {
      if (!(e instanceof TpagaDeclinedError)) throw e;
      const state: OrderState = e.outcomeUnknown ? 'pending' : 'declined';
      this.orders.set(orderId, { chargeId: e.charge.id, state, errorCode: e.errorCode });
      return state;
    }
    this.orders.set(orderId, { chargeId: charge.id, state: charge.paid ? 'paid' : 'pending' });
    return this.orders.get(orderId)!.state;
  }

  /** Step 3: the state, from the gateway (how a pending order is reconciled). */
  async refresh(orderId: string): Promise<OrderState> {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`unknown order ${orderId}`);
    const charge = await this.gateway.getCharge(order.chargeId);
    const status = charge.transactionInfo.status;
    order.state = charge.paid || status === 'authorized' || status === 'settled' ? 'paid' : status === 'created' ? 'pending' : 'declined';
    return order.state;
  }
}
