/**
 * PuntoPagos REST routes (reference §2). Each handler reads as a pipeline:
 * authenticate → parse → verify signature → resolve scenario → transition → render.
 * Failures are thrown and rendered once, in `errors.ts`.
 */
import { Table } from '../kernel/table.ts';
import { Hono } from 'hono';
import type { PuntoPagosScenario } from '../../scenarios/puntopagos.ts';
import { ALPHABETS } from '../kernel/ids.ts';
import type { PasarelaContext, PasarelaEnv } from '../kernel/types.ts';
import { identify, shown, verifySignature, type Caller, type PpContext } from './auth.ts';
import { fail } from './errors.ts';
import { STATUS_CODES } from './machine.ts';
import { createHostedPages } from './pages.tsx';
import { readCreate, statusToken } from './parse.ts';
import type { PpMerchant, TransactionRecord } from './state.ts';
import { createOk, jsonResponse, statusBody } from './views.ts';

export function createPuntoPagosApp(ctx: PpContext): Hono<PasarelaEnv> {
  const app = new Hono<PasarelaEnv>({ strict: false });

  /** A request scenario (header or queue) for this operation answers instead of the real call. */
  const forced = (c: PasarelaContext, operation: 'create' | 'status', merchant: PpMerchant) => {
    const found = ctx.scenarios.resolve(c, {
      accept: (s) => (s as PuntoPagosScenario).stage === 'request' && !!(s as PuntoPagosScenario).operations?.includes(operation),
      merchant: merchant.key,
    });
    const outcome = (found?.scenario as PuntoPagosScenario | undefined)?.outcome;
    if (outcome) throw fail.forced({ respuesta: outcome.respuesta, error: outcome.error ?? null }, found!.scenario.id);
  };

  app.post('/transaccion/crear', async (c) => {
    const caller = identify(c, ctx);
    const { merchant } = caller;
    const input = await readCreate(c, { trxIdMaxDigits: ctx.options.trxIdMaxDigits as number | undefined });
    checkSignature(caller, 'create', { trx_id: input.trxIdSigned, monto: input.monto });
    if (input.medioPago !== null && !merchant.paymentMethods.includes(input.medioPago)) {
      throw fail.paymentMethod(`medio_pago ${input.medioPago} is not one of this merchant's paymentMethods`);
    }
    forced(c, 'create', merchant);
    // A payment scenario sent now decides how the buyer's payment ends.
    const later = ctx.scenarios.fromHeader(c) as PuntoPagosScenario | undefined;
    if (later?.stage === 'payment') c.set('scenario', { id: later.id, source: 'header' });

    // Check and insert without an await in between: concurrent duplicates get "3".
    const state = ctx.store.merchant(merchant.key);
    const used = Table.get(state.byTrxId, input.trxId);
    if (used !== undefined && merchant.uniqueTrxId) throw fail.code('3', `trx_id ${input.trxId} was already used by this merchant (token ${used}; uniqueTrxId is on)`);
    let token: string;
    do token = ctx.ids.token(16, ALPHABETS.upper);
    while (Table.has(ctx.store.shared.owners, token));
    const at = ctx.clock.now().toISOString();
    const tx: TransactionRecord = {
      token,
      merchant: merchant.key,
      trxId: input.trxId,
      monto: input.monto,
      medioPago: input.medioPago,
      detalle: input.detalle,
      state: 'CREATED',
      payment: null,
      ...(later?.stage === 'payment' ? { forcedOutcome: later.id } : {}),
      createdAt: at,
      updatedAt: at,
      history: [{ at, state: 'CREATED', respuesta: STATUS_CODES.CREATED.respuesta, note: 'created' }],
    };
    Table.set(state.transactions, token, tx);
    Table.set(state.byTrxId, input.trxId, token);
    Table.set(ctx.store.shared.owners, token, merchant.key);
    return jsonResponse(c, createOk(tx));
  });

  // The documented status query is a GET; one PHP library POSTs it (reference §8 #7).
  const status = (c: PasarelaContext) => {
    const token = statusToken(c);
    const caller = identify(c, ctx);
    forced(c, 'status', caller.merchant);
    const tx = Table.get(ctx.store.merchant(caller.merchant.key).transactions, token);
    if (!tx) {
      const detail = `No transaction with token ${token} for key ${caller.merchant.key}`;
      // Seed 000: "if you don't provide a correct combination between trx_id, monto and token ... 400 Bad Request".
      throw caller.merchant.unknownToken === 'respuesta-4' ? fail.code('4', detail) : fail.mismatch(`${detail} (unknownToken "respuesta-4" answers 4 instead)`);
    }
    const check = verifySignature(caller, 'status', { token, trx_id: tx.trxId, monto: tx.monto });
    if (!check.ok) {
      throw fail.mismatch(`Signature of ${shown(check.message)} does not match: the token, trx_id and monto (two decimals) must be those of the transaction, signed over transaccion/traer with this key's secret`);
    }
    return jsonResponse(c, statusBody(tx));
  };
  app.get('/transaccion/:token', status);
  app.post('/transaccion/:token', status);

  app.route('/', createHostedPages(ctx));

  return app;
}

function checkSignature(caller: Caller, operation: 'create', fields: { trx_id: string; monto: string }): void {
  const check = verifySignature(caller, operation, fields);
  if (check.ok) return;
  throw fail.signature(`Autorizacion is not base64(HMAC-${caller.merchant.algorithm.toUpperCase()}(secret, ${shown(check.message)})): monto must be signed with two decimals and the date after a newline`);
}
