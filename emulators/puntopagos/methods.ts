/**
 * Payment methods (`medio_pago`, reference §7) with the description status answers carry
 * (`medio_pago_descripcion`). `card` methods ask for a card on the hosted page; the others
 * (bank buttons, wallets) show a simulated provider step. Id 8 ("RipleyCard", one SDK
 * only, conflicting with 10) is left out; 13 and 17–19 come from one plugin each.
 */
export interface PaymentMethod {
  id: number;
  name: string;
  kind: 'card' | 'bank' | 'wallet';
}

export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  { id: 1, name: 'Botón de Pago Banco Santander', kind: 'bank' },
  { id: 2, name: 'Tarjeta Presto', kind: 'card' },
  { id: 3, name: 'WebPay Transbank', kind: 'card' },
  { id: 4, name: 'Botón de Pago Banco de Chile', kind: 'bank' },
  { id: 5, name: 'Botón de Pago BCI', kind: 'bank' },
  { id: 6, name: 'Botón de Pago TBanc', kind: 'bank' },
  { id: 7, name: 'Botón de Pago Banco Estado', kind: 'bank' },
  { id: 10, name: 'Tarjeta Ripley', kind: 'card' },
  { id: 13, name: 'WebPay Transbank', kind: 'card' },
  { id: 15, name: 'PayPal', kind: 'wallet' },
  { id: 16, name: 'Botón de Pago BBVA', kind: 'bank' },
  { id: 17, name: 'Tarjeta Cencosud', kind: 'card' },
  { id: 18, name: 'Tarjeta Paris', kind: 'card' },
  { id: 19, name: 'Tarjeta Jumbo', kind: 'card' },
  { id: 21, name: 'Tarjeta Hites', kind: 'card' },
  { id: 22, name: 'Mi Pago', kind: 'wallet' },
  { id: 23, name: 'Caja Vecina', kind: 'wallet' },
  { id: 26, name: 'Mach', kind: 'wallet' },
  { id: 27, name: 'Chek', kind: 'wallet' },
  { id: 28, name: 'Sweetpay', kind: 'wallet' },
  { id: 30, name: 'Stripe', kind: 'card' },
  { id: 31, name: 'PuntosCMR', kind: 'wallet' },
  { id: 36, name: 'Niubiz QR', kind: 'wallet' },
  { id: 37, name: 'Transferencia ETPay', kind: 'bank' },
  { id: 38, name: 'Pago Efectivo', kind: 'wallet' },
  { id: 39, name: 'Puntos Cencosud', kind: 'wallet' },
  { id: 64, name: 'Mercado Pago', kind: 'wallet' },
  { id: 65, name: 'Astropay', kind: 'wallet' },
  { id: 66, name: 'PowerPay', kind: 'wallet' },
  { id: 67, name: 'Openpay', kind: 'wallet' },
  { id: 68, name: 'Fintoc', kind: 'bank' },
];

export const ALL_METHOD_IDS = PAYMENT_METHODS.map((m) => m.id);

/** The manuals' placeholder id: clients map it to "no specific method" (the buyer chooses). */
export const ANY_METHOD = 999;

export const methodById = (id: number): PaymentMethod | undefined => PAYMENT_METHODS.find((m) => m.id === id);
