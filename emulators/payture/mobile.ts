/**
 * Wallet payments on `/api` (reference §5.1): MobilePay / MobileBlock (Apple Pay, Google
 * Pay, Samsung Pay), the legacy ApplePay / AndroidPay (`Method=PAY|BLOCK`) and MasterPass
 * MPPay / MPBlock. The response root is the command name, attributes as Pay's.
 *
 * Real tokens are encrypted by the wallet. The emulator accepts any Base64 token and reads
 * `{"pan", "amount"}` when the token is Base64 JSON (`testPayToken()` in
 * `scenarios/payture.ts`): the pan picks a test-card scenario, the amount must match
 * `Amount` when both are given. Tokens carry a cryptogram: no 3-D Secure step.
 */
import { cardScenario, DEFAULT_TEST_CARD } from '../../scenarios/payture.ts';
import { maskPan } from './cards.ts';
import { fail } from './errors.ts';
import { assertNewOrderId, guid } from './orders.ts';
import { authorizePayment } from './payments.ts';
import { checkAmount, paymentReply } from './replies.ts';
import { begin, type OpSpec, type PaytureRequest } from './requests.ts';
import type { PaytureContext } from './state.ts';
import type { CommandHandler } from './api.ts';
import type { Attrs } from './xml.ts';

export interface TokenFacts {
  pan?: string;
  amount?: number;
}

/** Reads a wallet token; FORMAT_ERROR when it is not Base64 at all. */
export function readToken(token: string, echoAttrs: Attrs): TokenFacts {
  let text: string;
  try {
    text = atob(token.replace(/-/g, '+').replace(/_/g, '/').replace(/\s/g, ''));
  } catch {
    throw fail('FORMAT_ERROR', 'PayToken is not Base64', echoAttrs);
  }
  try {
    const json = JSON.parse(text) as { pan?: unknown; amount?: unknown };
    return {
      ...(typeof json.pan === 'string' && /^\d{12,19}$/.test(json.pan) ? { pan: json.pan } : {}),
      ...(Number.isSafeInteger(json.amount) ? { amount: json.amount as number } : {}),
    };
  } catch {
    return {};
  }
}

type Kind = 'mobile' | 'legacy' | 'masterpass';

function walletCommand(ctx: PaytureContext, root: string, kind: Kind, fixedMode?: 'Pay' | 'Block'): CommandHandler {
  const echo = (r: PaytureRequest) => ({ OrderId: r.s('OrderId') ?? '', Key: r.s('Key') });
  const spec: OpSpec = { contract: `api-${root.toLowerCase()}`, root, template: 'payment', auth: 'Key', echo, plain: ['request', 'status'] };
  return async (c) => {
    const { req, merchant } = await begin(c, ctx, spec);
    // Payture generates the OrderId when a legacy wallet call leaves it out.
    const orderId = req.s('OrderId') ?? guid(ctx.ids);
    const echoAttrs = { OrderId: orderId, Key: req.s('Key') };
    const mode = fixedMode ?? (req.s('Method') === 'BLOCK' ? 'Block' : 'Pay');
    const token = kind === 'masterpass' ? {} : readToken(req.s('PayToken')!, echoAttrs);
    const given = req.n('Amount');
    if (given !== undefined && token.amount !== undefined && given !== token.amount) throw fail('AMOUNT_ERROR', `Amount ${given} differs from the token's ${token.amount}`, echoAttrs);
    const amount = given ?? token.amount;
    if (amount === undefined) throw fail('AMOUNT_ERROR', 'No Amount, and the token carries none', echoAttrs);
    checkAmount(merchant, amount, echoAttrs);
    assertNewOrderId(ctx.store.merchant(merchant.key), orderId, echoAttrs);
    const pan = token.pan ?? DEFAULT_TEST_CARD;
    const result = authorizePayment(ctx, c, merchant, {
      family: 'api',
      command: `api/${root}`,
      mode,
      orderId,
      amount,
      card: { mask: maskPan(pan), scenario: cardScenario(pan) },
      ip: c.env?.remoteAddress,
      allow3DS: false,
    });
    return paymentReply(c, merchant, result, { root, template: 'payment', echo: echoAttrs });
  };
}

export function mobileCommands(ctx: PaytureContext): Record<string, CommandHandler> {
  return {
    MobilePay: walletCommand(ctx, 'MobilePay', 'mobile', 'Pay'),
    MobileBlock: walletCommand(ctx, 'MobileBlock', 'mobile', 'Block'),
    ApplePay: walletCommand(ctx, 'ApplePay', 'legacy'),
    AndroidPay: walletCommand(ctx, 'AndroidPay', 'legacy'),
    MPPay: walletCommand(ctx, 'MPPay', 'masterpass', 'Pay'),
    MPBlock: walletCommand(ctx, 'MPBlock', 'masterpass', 'Block'),
  };
}
