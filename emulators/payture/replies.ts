/**
 * Success answers shared by the families: the XML response, AddInfo children (when the
 * terminal has them enabled), and the answer to a payment attempt (True, 3DS, or the
 * decline thrown for the error renderer).
 */
import type { PasarelaContext } from '../kernel/types.ts';
import { splitHref } from '../kernel/paths.ts';
import { fail, xmlResponse } from './errors.ts';
import type { PaymentResult } from './payments.ts';
import { sleep } from './payments.ts';
import type { OrderRecord, PaytureMerchant } from './state.ts';
import { threeDSAttrs } from './threeds.ts';
import { renderXml, type Attrs, type Template, type XmlChild } from './xml.ts';

export const reply = (root: string, template: Template, attrs: Attrs, children: XmlChild[] = []): Response => xmlResponse(renderXml(root, template, attrs, children));

/** Payment system from the BIN, as AddInfo `PaymentSystem` names it. */
export function paymentSystem(mask: string): string {
  if (/^4/.test(mask)) return 'Visa';
  if (/^(5[1-5]|2[2-7])/.test(mask) && !/^220[0-4]/.test(mask)) return 'MasterCard';
  if (/^220[0-4]/.test(mask)) return 'Mir';
  if (/^(5[06-9]|6)/.test(mask)) return 'Maestro';
  return 'Unknown';
}

/** AddInfo children (reference §6.3), only for terminals configured with `addInfo: true`. */
export function addInfo(merchant: PaytureMerchant, order: OrderRecord): XmlChild[] {
  if (!merchant.addInfo || !order.card) return [];
  const pairs: [string, string][] = [
    ['AuthCode', order.authCode ?? ''],
    ['RefNumber', order.rrn ?? ''],
    ['CardHolder', order.card.holder ?? ''],
    ['PaymentSystem', paymentSystem(order.card.mask)],
    ['PANMask', order.card.mask],
    ['BankHumanName', 'PASARELA SANDBOX BANK'],
    ['BankCountryCode', 'RU'],
    ['BankCity', ''],
  ];
  return pairs.map(([Key, Value]) => ({ name: 'AddInfo', attrs: { Key, Value } }));
}

/**
 * The answer to a payment attempt: `Success="True"` (after the slow cards' delay),
 * `Success="3DS"` with the ACS fields, or the decline thrown with the echoed attributes.
 */
export async function paymentReply(
  c: PasarelaContext,
  merchant: PaytureMerchant,
  result: PaymentResult,
  shape: { root: string; template: Template; echo: Attrs; children?: boolean },
): Promise<Response> {
  const origin = splitHref(c.req.url).origin;
  if (result.kind === 'declined') throw fail(result.errCode, result.detail, shape.echo);
  if (result.kind === '3ds') return reply(shape.root, shape.template, { ...shape.echo, Success: '3DS', ...threeDSAttrs(origin, result.record) });
  if (result.delayMs) await sleep(result.delayMs, c.req.raw.signal);
  return reply(shape.root, shape.template, { ...shape.echo, Success: 'True', Amount: result.order.amount }, shape.children === false ? [] : addInfo(merchant, result.order));
}

/** The wallet card an order used, or "" (a card entered for one payment, `CardId=FreePay`, is none: sandbox 2014 PayStatus). */
export const storedCardId = (order: OrderRecord): string => (order.card?.cardId && order.card.cardId.toLowerCase() !== 'freepay' ? order.card.cardId : '');

/** GetState attributes, shared by /api, /apim and /vwapi (eWallet adds the customer and card). */
export function stateAttrs(merchant: PaytureMerchant, order: OrderRecord, family: 'api' | 'inpay' | 'ewallet', amount: number): Attrs {
  const attrs: Attrs = {
    Success: 'True',
    OrderId: order.orderId,
    State: order.state,
    Forwarded: 'False',
    MerchantContract: merchant.contract ?? merchant.key,
    Amount: amount,
    RRN: order.rrn,
  };
  if (family === 'ewallet' || (family === 'inpay' && order.card)) {
    attrs.VWUserLgn = family === 'ewallet' ? (order.customer ?? '') : undefined;
    attrs.PANMask = order.card?.mask ?? '';
    // The documented eWallet GetState has CardId beside PANMask (empty for a card not stored).
    attrs.CardId = family === 'ewallet' ? storedCardId(order) : order.card?.cardId;
  }
  return attrs;
}

/** Amount rules beyond the contract's digits: zero or above the terminal's limit is WRONG_AMOUNT. */
export function checkAmount(merchant: PaytureMerchant, amount: number, echoAttrs: Attrs): void {
  if (amount <= 0) throw fail('WRONG_AMOUNT', 'Amount must be greater than zero', echoAttrs);
  if (amount > merchant.maxAmount) throw fail('WRONG_AMOUNT', `Amount is above the terminal's limit of ${merchant.maxAmount}`, echoAttrs);
}
