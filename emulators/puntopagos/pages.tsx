/** @jsxImportSource hono/jsx */
/**
 * The hosted payment page, `GET /transaccion/procesar/{token}` (reference §2.4, §7).
 * Without a `medio_pago` from the create call the buyer first picks a method; card
 * methods ask for a card (Webpay test cards: Visa 4051885600446623 approves, Mastercard
 * 5186059559590568 rejects), the others simulate the bank or wallet. A tester may pick
 * any outcome instead. The form calls the same `pay` as `POST /__admin/complete`, then
 * the merchant is notified and the browser sent to `{successUrl|failureUrl}{token}`.
 * No scripts, no CDN.
 */
import { Hono, type Context } from 'hono';
import type { Child, JSXNode } from 'hono/jsx';
import { puntopagosScenarios, type PuntoPagosScenario } from '../../scenarios/puntopagos.ts';
import { HostedPage } from '../kernel/hosted-page.tsx';
import type { PasarelaEnv } from '../kernel/types.ts';
import type { PpContext } from './auth.ts';
import { STATUS_CODES, type Code } from './machine.ts';
import { methodById, PAYMENT_METHODS, type PaymentMethod } from './methods.ts';
import { afterPayment, AlreadyProcessed, configuredReturnUrl, findByToken, pay, PaymentProblem, returnUrl, type PaymentInput } from './payments.ts';
import type { PpMerchant, TransactionRecord } from './state.ts';


/** Rules only the PuntoPagos page needs (the list of payment methods). */
const METHODS_CSS = `ul.methods{list-style:none;padding:0}ul.methods a{display:block;padding:.55rem .8rem;margin:.35rem 0;border:1px solid #c5ccd5;border-radius:6px;color:inherit;text-decoration:none}`;

function Layout(props: { title: string; children: Child }) {
  return (
    <HostedPage lang="es" title={props.title} badge="PuntoPagos · entorno de pruebas Pasarela (sandbox)" accent="#d2232a" css={METHODS_CSS}>
      {props.children}
    </HostedPage>
  );
}

const clp = (monto: string) => new Intl.NumberFormat('es-CL', { style: 'currency', currency: 'CLP', maximumFractionDigits: 2 }).format(Number(monto));

function Summary({ tx, merchant }: { tx: TransactionRecord; merchant: PpMerchant }) {
  const method = tx.medioPago === null ? undefined : methodById(tx.medioPago);
  return (
    <dl>
      <dt>Comercio</dt>
      <dd>{merchant.name}</dd>
      <dt>Orden</dt>
      <dd data-testid="trx_id">{tx.trxId}</dd>
      {tx.detalle ? (
        <>
          <dt>Detalle</dt>
          <dd>{tx.detalle}</dd>
        </>
      ) : null}
      <dt>Monto</dt>
      <dd data-testid="monto">{clp(tx.monto)}</dd>
      {method ? (
        <>
          <dt>Medio de pago</dt>
          <dd>{method.name}</dd>
        </>
      ) : null}
    </dl>
  );
}

function MethodChoice({ tx, merchant }: { tx: TransactionRecord; merchant: PpMerchant }) {
  const methods = PAYMENT_METHODS.filter((m) => merchant.paymentMethods.includes(m.id));
  return (
    <>
      <h2>Elija su medio de pago</h2>
      <ul class="methods" data-testid="methods">
        {methods.map((m) => (
          <li>
            <a href={`/transaccion/procesar/${tx.token}?medio_pago=${m.id}`} data-medio-pago={String(m.id)}>
              {m.name}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

const outcomes = puntopagosScenarios.filter((s) => s.stage === 'payment' && s.trigger === null);
const testCards = puntopagosScenarios.filter((s) => typeof s.trigger?.card === 'string');

function PayForm({ tx, method, error }: { tx: TransactionRecord; method: PaymentMethod; error?: string }) {
  return (
    <form method="post" action={`/transaccion/procesar/${tx.token}`}>
      <h2>{method.name}</h2>
      {error ? (
        <p class="note bad" data-testid="error">
          {error}
        </p>
      ) : null}
      <input type="hidden" name="medio_pago" value={String(method.id)} />
      {method.kind === 'card' ? (
        <>
          <label for="cardNumber">Número de tarjeta</label>
          <input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" list="test-cards" placeholder="4051 8856 0044 6623" />
          <datalist id="test-cards">
            {testCards.map((s) => (
              <option value={String(s.trigger!.card)}>{s.description}</option>
            ))}
          </datalist>
          <div class="row">
            <div>
              <label for="expiry">Expiración (MM/AA)</label>
              <input id="expiry" name="expiry" autocomplete="cc-exp" placeholder="12/30" />
            </div>
            <div>
              <label for="cvv">CVV</label>
              <input id="cvv" name="cvv" inputmode="numeric" autocomplete="cc-csc" placeholder="123" />
            </div>
          </div>
          <label for="cuotas">Cuotas</label>
          <select id="cuotas" name="cuotas">
            <option value="0">Sin cuotas</option>
            {[2, 3, 6, 12].map((n) => (
              <option value={String(n)}>{n} cuotas</option>
            ))}
          </select>
        </>
      ) : (
        <p>Simulación del {method.kind === 'bank' ? 'banco' : 'medio de pago'}: el pago se aprueba salvo que elija otro resultado.</p>
      )}
      <label for="outcome">O elija un resultado de prueba</label>
      <select id="outcome" name="outcome">
        <option value="">{method.kind === 'card' ? '— según la tarjeta —' : '— aprobar —'}</option>
        {outcomes.map((s) => (
          <option value={s.id}>{`${s.id}: ${s.description}`}</option>
        ))}
      </select>
      <button type="submit" name="accion" value="pagar" data-testid="pay">
        Pagar {clp(tx.monto)}
      </button>
      <button type="submit" class="link" name="accion" value="anular" data-testid="void">
        Anular compra y volver al comercio
      </button>
      <button type="submit" class="link" name="accion" value="volver" data-testid="back">
        Volver al comercio sin pagar
      </button>
    </form>
  );
}

function Result({ tx, merchant }: { tx: TransactionRecord; merchant: PpMerchant }) {
  const code = STATUS_CODES[tx.state];
  const which = tx.state === 'APPROVED' ? 'success' : 'failure';
  const url = returnUrl(merchant, tx, which);
  const configured = configuredReturnUrl(merchant, tx, which);
  return (
    <>
      <p class={`note ${code.respuesta === '00' ? 'good' : 'bad'}`} data-testid="result" data-respuesta={code.respuesta}>
        {code.respuesta === '00' ? 'Transaccion aprobada' : code.error} (respuesta {code.respuesta})
      </p>
      {url ? (
        <a class="button" href={url} data-testid="return">
          Volver al comercio
        </a>
      ) : configured ? (
        <p class="badge" data-testid="unsafe-return">
          The merchant's {which} URL is not an http(s) URL, so it is not followed: <code>{configured}</code>
        </p>
      ) : (
        <p class="badge">This merchant has no success/failure URL configured, so the page stays here.</p>
      )}
    </>
  );
}

type PageContext = Context<PasarelaEnv>;

/** An error page for hosted-page paths (unknown token, bad form, emulator failure). */
export function errorPage(c: PageContext, status: number, code: Code, detail?: string): Response {
  return html(
    c,
    <Layout title={code.error ?? 'Error'}>
      <h1 data-testid="error-page" data-respuesta={code.respuesta}>
        {code.error}
      </h1>
      {detail ? <p class="badge">{detail}</p> : null}
    </Layout>,
    status,
    { 'x-pasarela-detail': (detail ?? code.error ?? '').replace(/[^\x20-\x7e]/g, '?') },
  );
}

/** Rendered to a string first (no async components): the kernel's error path needs a Response, not a promise. */
function html(c: PageContext, page: JSXNode | Promise<string> | string, status: number, headers: Record<string, string> = {}): Response {
  return c.html(`<!DOCTYPE html>${page.toString() as string}`, status as 200, headers);
}

const field = (form: Record<string, unknown>, k: string): string => (typeof form[k] === 'string' ? (form[k] as string).trim() : '');

export function createHostedPages(ctx: PpContext): Hono<PasarelaEnv> {
  const pages = new Hono<PasarelaEnv>({ strict: false });
  const notFound = (c: PageContext, token: string) => errorPage(c, 404, { respuesta: '4', error: 'Transaccion no existe' }, `No transaction with token ${token}`);

  const page = (c: PageContext, tx: TransactionRecord, merchant: PpMerchant, chosen?: number, error?: string, status = 200) => {
    const methodId = tx.medioPago ?? chosen;
    const method = methodId === undefined ? undefined : methodById(methodId);
    const usable = method && merchant.paymentMethods.includes(method.id) ? method : undefined;
    const body =
      tx.state !== 'CREATED' ? (
        <>
          <p class="note bad" data-testid="processed" data-respuesta="5">
            Transaccion ya procesada
          </p>
          <Result tx={tx} merchant={merchant} />
        </>
      ) : usable ? (
        <PayForm tx={tx} method={usable} error={error} />
      ) : (
        <MethodChoice tx={tx} merchant={merchant} />
      );
    return html(
      c,
      <Layout title={`Pago · ${merchant.name}`}>
        <h1>{merchant.name}</h1>
        <Summary tx={tx} merchant={merchant} />
        {body}
      </Layout>,
      status,
    );
  };

  pages.get('/transaccion/procesar/:token', (c) => {
    const found = findByToken(ctx, c.req.param('token'));
    if (!found) return notFound(c, c.req.param('token'));
    c.set('merchant', found.merchant.key);
    const chosen = Number(c.req.query('medio_pago'));
    return page(c, found.tx, found.merchant, Number.isInteger(chosen) && chosen > 0 ? chosen : undefined);
  });

  pages.post('/transaccion/procesar/:token', async (c) => {
    const found = findByToken(ctx, c.req.param('token'));
    if (!found) return notFound(c, c.req.param('token'));
    const { tx, merchant } = found;
    c.set('merchant', merchant.key);
    const form = await c.req.parseBody();
    const medioPago = tx.medioPago ?? Number(field(form, 'medio_pago'));
    const accion = field(form, 'accion') || 'pagar';
    const outcome = accion === 'anular' ? 'voided' : accion === 'volver' ? 'abandoned' : field(form, 'outcome');
    let result;
    try {
      const input: PaymentInput = { medioPago, cuotas: Number(field(form, 'cuotas')) || 0 };
      if (outcome) {
        input.scenario = ctx.scenarios.get(outcome) as PuntoPagosScenario | undefined;
        if (input.scenario?.stage !== 'payment') throw new PaymentProblem(`Resultado desconocido: ${outcome}`);
      }
      const number = field(form, 'cardNumber');
      if (number) input.card = { number, cvv: field(form, 'cvv'), expiry: field(form, 'expiry') };
      else if (!outcome && methodById(medioPago)?.kind === 'card') throw new PaymentProblem('Ingrese el número de tarjeta o elija un resultado');
      result = pay(ctx, merchant, tx, input);
    } catch (e) {
      if (e instanceof PaymentProblem) return page(c, tx, merchant, medioPago, e.message, 422);
      if (e instanceof AlreadyProcessed) return page(c, tx, merchant, undefined, undefined, 409);
      throw e;
    }
    await afterPayment(ctx, merchant, tx, result);
    const url = returnUrl(merchant, tx, result.redirect);
    return url ? c.redirect(url, 303) : page(c, tx, merchant);
  });

  return pages;
}
