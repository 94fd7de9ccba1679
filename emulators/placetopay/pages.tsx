/** @jsxImportSource hono/jsx */
/**
 * The hosted checkout at `processUrl` (`/session/{requestId}/{key}`, also under `/spa`).
 * A person types a test card (3-D Secure "C" cards ask for the OTP 12345) or picks an
 * outcome, or presses "I don't want to continue". The forms call the same `attempt`
 * as `POST /__admin/complete`. No scripts, no CDN.
 */
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { placetopayScenarios, type PlacetoPayScenario } from '../../scenarios/placetopay.ts';
import { HostedPage } from '../kernel/hosted-page.tsx';
import type { PasarelaEnv } from '../kernel/types.ts';
import { safeHref } from '../kernel/urls.ts';
import type { PtpContext } from './auth.ts';
import { canAttempt, paidTotal, round2 } from './machine.ts';
import { langOf, SESSION_TEXT, statusText, TRANSACTION_TEXT, type Lang } from './messages.ts';
import { CardProblem, cardInfo, checkCard, type CardInput } from './payments.ts';
import { attempt, AttemptRefused, cancelByUser, facts, findByProcessKey, refresh } from './sessions.ts';
import type { CardInfo, PtpMerchant, SessionRecord } from './state.ts';
import { sessionTransactions } from './views.ts';

const T = {
  es: {
    title: 'Pago seguro', order: 'Referencia', description: 'Descripción', total: 'Total', paid: 'Pagado', left: 'Por pagar',
    card: 'Número de tarjeta', expiry: 'Vencimiento (MM/AA)', cvv: 'CVV', installments: 'Cuotas', amount: 'Monto a pagar', pay: 'Pagar',
    cancel: 'No deseo continuar', back: 'Regresar al comercio', outcome: 'O elija un resultado de prueba', none: '— usar la tarjeta —',
    otpTitle: 'Autenticación 3-D Secure', otp: 'Código enviado a su teléfono (use 12345)', verify: 'Verificar',
    unavailable: 'La sesión no está disponible', pending: 'Su pago está siendo procesado. Le notificaremos el resultado.',
    lastRejected: 'El último intento fue rechazado', subscribe: 'Guardar tarjeta', sandbox: 'Entorno de pruebas Pasarela',
  },
  en: {
    title: 'Secure payment', order: 'Reference', description: 'Description', total: 'Total', paid: 'Paid', left: 'Left to pay',
    card: 'Card number', expiry: 'Expiry (MM/YY)', cvv: 'CVV', installments: 'Installments', amount: 'Amount to pay', pay: 'Pay',
    cancel: "I don't want to continue", back: 'Return to the store', outcome: 'Or pick a test outcome', none: '— use the card —',
    otpTitle: '3-D Secure authentication', otp: 'Code sent to your phone (use 12345)', verify: 'Verify',
    unavailable: 'The session is not available', pending: 'Your payment is being processed. You will be notified of the result.',
    lastRejected: 'The last attempt was rejected', subscribe: 'Save card', sandbox: 'Pasarela sandbox',
  },
} satisfies Record<Lang, Record<string, string>>;



function Layout(props: { lang: Lang; title: string; children: Child }) {
  return (
    <HostedPage lang={props.lang} title={props.title} badge={`PlacetoPay · ${T[props.lang].sandbox}`} accent="#0d5bd7">
      {props.children}
    </HostedPage>
  );
}

const money = (n: number, currency: string) => `${currency} ${n.toLocaleString('en-US', { minimumFractionDigits: currency === 'CLP' ? 0 : 2 })}`;

function Summary({ s, lang, paid }: { s: SessionRecord; lang: Lang; paid: number }) {
  const t = T[lang];
  const description = (s.request.payment as { description?: string } | undefined)?.description ?? (s.request.subscription as { description?: string } | undefined)?.description;
  return (
    <dl>
      <dt>{t.order}</dt>
      <dd data-testid="reference">{s.reference}</dd>
      {description ? (
        <>
          <dt>{t.description}</dt>
          <dd>{description}</dd>
        </>
      ) : null}
      {s.kind !== 'subscription' ? (
        <>
          <dt>{t.total}</dt>
          <dd data-testid="total">{money(s.total, s.currency)}</dd>
        </>
      ) : null}
      {paid > 0 ? (
        <>
          <dt>{t.paid}</dt>
          <dd>{money(paid, s.currency)}</dd>
          <dt>{t.left}</dt>
          <dd>{money(round2(s.total - paid), s.currency)}</dd>
        </>
      ) : null}
    </dl>
  );
}

const paymentOutcomes = placetopayScenarios.filter((s) => s.stage === 'payment' && s.trigger === null);
const testCards = placetopayScenarios.filter((s) => s.trigger !== null);

function PayForm({ s, lang, base, paid, error }: { s: SessionRecord; lang: Lang; base: string; paid: number; error?: string }) {
  const t = T[lang];
  return (
    <form method="post" action={`${base}/pay`}>
      {error ? <p class="note bad" data-testid="error">{error}</p> : null}
      <label for="cardNumber">{t.card}</label>
      <input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" list="test-cards" placeholder="4110 7600 0000 0081" />
      <datalist id="test-cards">
        {testCards.flatMap((sc) => (sc.trigger!.cards as string[]).map((n) => <option value={n}>{sc.description}</option>))}
      </datalist>
      <div class="row">
        <div>
          <label for="expiry">{t.expiry}</label>
          <input id="expiry" name="expiry" placeholder="12/29" autocomplete="cc-exp" />
        </div>
        <div>
          <label for="cvv">{t.cvv}</label>
          <input id="cvv" name="cvv" inputmode="numeric" autocomplete="cc-csc" placeholder="123" />
        </div>
      </div>
      {s.kind !== 'subscription' ? (
        <>
          <label for="installments">{t.installments}</label>
          <select id="installments" name="installments">
            {[1, 2, 3, 6, 12, 24, 36].map((n) => (
              <option value={String(n)}>{n}</option>
            ))}
          </select>
        </>
      ) : null}
      {s.allowPartial ? (
        <>
          <label for="amount">{t.amount}</label>
          <input id="amount" name="amount" inputmode="decimal" value={String(round2(s.total - paid))} />
        </>
      ) : null}
      <label for="outcome">{t.outcome}</label>
      <select id="outcome" name="outcome">
        <option value="">{t.none}</option>
        {paymentOutcomes.map((sc) => (
          <option value={sc.id}>{`${sc.id}: ${sc.description}`}</option>
        ))}
      </select>
      <button type="submit" data-testid="pay">
        {s.kind === 'subscription' ? t.subscribe : t.pay}
      </button>
      <button type="submit" class="link" formaction={`${base}/cancel`} data-testid="cancel">
        {t.cancel}
      </button>
    </form>
  );
}

/**
 * The way back to the store: a link only for an http(s) URL (kernel `safeHref`); a javascript:,
 * data: or file: returnUrl is accepted by the API as a URI but only shown here as text.
 */
function ReturnLink({ url, lang }: { url: string; lang: Lang }) {
  const href = safeHref(url);
  if (href) {
    return (
      <a class="button" href={href} data-testid="return">
        {T[lang].back}
      </a>
    );
  }
  return (
    <p class="note" data-testid="return-text">
      {T[lang].back}: <code>{url}</code>
    </p>
  );
}

function Result({ s, lang }: { s: SessionRecord; lang: Lang }) {
  const ok = s.status.status === 'APPROVED';
  const cls = ok ? 'good' : s.status.status === 'PENDING' || s.status.status === 'APPROVED_PARTIAL' ? 'wait' : 'bad';
  return (
    <>
      <p class={`note ${cls}`} data-testid="status" data-status={s.status.status}>
        {statusText(SESSION_TEXT, s.status.status, s.status.reason, lang)}
      </p>
      <ReturnLink url={s.returnUrl} lang={lang} />
    </>
  );
}

export function createCheckoutPages(ctx: PtpContext): Hono<PasarelaEnv> {
  const pages = new Hono<PasarelaEnv>();

  const load = (id: string, key: string) => {
    const found = findByProcessKey(ctx, id, key);
    if (found) refresh(ctx, found.merchant, found.session);
    return found;
  };

  const render = (s: SessionRecord, merchant: PtpMerchant, base: string, error?: string) => {
    const lang = langOf(s.locale);
    const state = ctx.store.merchant(merchant.login);
    const f = facts(state, s);
    const paid = paidTotal(f.transactions);
    const open = canAttempt(f, ctx.clock.nowMs(), merchant.attemptsLimit);
    const txs = sessionTransactions(state, s);
    const last = txs[0];
    const inProcess = txs.some((t) => t.status.status === 'PENDING' || t.status.status === 'PENDING_CONFIRMATION');
    return (
      <Layout lang={lang} title={`${T[lang].title} · ${merchant.name}`}>
        <h1>{merchant.name}</h1>
        <Summary s={s} lang={lang} paid={paid} />
        {open ? (
          <>
            {last && !error && (last.status.status === 'REJECTED' || last.status.status === 'FAILED') ? (
              <p class="note bad" data-testid="last-attempt">
                {T[lang].lastRejected}: {statusText(TRANSACTION_TEXT, last.status.status, last.status.reason, lang)}
              </p>
            ) : null}
            <PayForm s={s} lang={lang} base={base} paid={paid} error={error} />
          </>
        ) : inProcess && s.status.status === 'PENDING' ? (
          <>
            <p class="note wait" data-testid="status" data-status="PENDING">
              {T[lang].pending}
            </p>
            <ReturnLink url={s.returnUrl} lang={lang} />
          </>
        ) : (
          <Result s={s} lang={lang} />
        )}
      </Layout>
    );
  };

  const notAvailable = (lang: Lang) => (
    <Layout lang={lang} title={T[lang].unavailable}>
      <h1 data-testid="unavailable">{T[lang].unavailable}</h1>
    </Layout>
  );

  for (const prefix of ['/session', '/spa/session']) {
    pages.get(`${prefix}/:id/:key`, (c) => {
      const found = load(c.req.param('id'), c.req.param('key'));
      if (!found) return c.html(notAvailable(langOf(ctx.options.locale as string | undefined)), 404);
      return c.html(render(found.session, found.merchant, c.req.path.replace(/\/$/, '')));
    });

    pages.post(`${prefix}/:id/:key/pay`, async (c) => {
      const found = load(c.req.param('id'), c.req.param('key'));
      if (!found) return c.html(notAvailable(langOf(ctx.options.locale as string | undefined)), 404);
      const { session, merchant } = found;
      const base = c.req.path.replace(/\/pay$/, '');
      const form = await c.req.parseBody();
      const field = (k: string) => (typeof form[k] === 'string' ? (form[k] as string).trim() : '');
      const outcome = field('outcome');
      try {
        let outcomeScenario: PlacetoPayScenario | undefined;
        let scenario: PlacetoPayScenario | undefined;
        let card: CardInput | undefined;
        let known: CardInfo | undefined;
        const amount = field('amount') ? Number(field('amount').replace(',', '.')) : undefined;
        if (amount !== undefined && !(amount > 0)) throw new CardProblem('The amount must be greater than zero');
        if (field('challenge')) {
          // Second step of a 3-D Secure challenge: only the scenario and masked card data come back.
          scenario = ctx.scenarios.get(field('challenge')) as PlacetoPayScenario | undefined;
          if (!scenario || scenario.threeDS !== 'C') throw new CardProblem('Unknown challenge');
          // The hidden fields come back from the browser: only the shapes the first step wrote.
          if (!/^\d{6}$/.test(field('bin')) || !/^\d{4}$/.test(field('lastDigits')) || !/^\d{4}$/.test(field('expiration'))) throw new CardProblem('Unknown challenge');
          known = cardInfo(`${field('bin')}${field('lastDigits')}`, scenario.brand ?? 'unknown', { number: '', installments: Number(field('installments') || 1) });
          known.expiration = field('expiration');
          if (field('otp') !== '12345') outcomeScenario = ctx.scenarios.get('rejected-05') as PlacetoPayScenario;
        } else if (outcome) {
          outcomeScenario = ctx.scenarios.get(outcome) as PlacetoPayScenario | undefined;
          if (!outcomeScenario || outcomeScenario.stage !== 'payment') throw new CardProblem(`Unknown outcome ${outcome}`);
        } else {
          card = { number: field('cardNumber'), expiry: field('expiry'), cvv: field('cvv'), installments: Number(field('installments') || 1) };
          const checked = checkCard(card, ctx.clock.nowMs());
          card.number = checked.number;
          scenario = checked.scenario;
          if (scenario?.threeDS === 'C') return c.html(challenge(session, base, scenario, cardInfo(card.number, scenario.brand ?? 'unknown', card), field('amount')));
        }
        attempt(ctx, merchant, session, { card, cardInfo: known, outcome: outcomeScenario, magic: scenario, amount }, defaultScenario(ctx));
      } catch (e) {
        if (e instanceof CardProblem || e instanceof AttemptRefused) return c.html(render(session, merchant, base, e.message), 422);
        throw e;
      }
      ctx.store.touch();
      const back = safeHref(session.returnUrl);
      if (back && session.skipResult && session.status.status !== 'PENDING' && session.status.status !== 'APPROVED_PARTIAL') return c.redirect(back, 303);
      return c.redirect(base, 303);
    });

    pages.post(`${prefix}/:id/:key/cancel`, (c) => {
      const found = load(c.req.param('id'), c.req.param('key'));
      if (!found) return c.html(notAvailable(langOf(ctx.options.locale as string | undefined)), 404);
      cancelByUser(ctx, found.merchant, found.session);
      ctx.store.touch();
      // Only to an http(s) URL; otherwise the result page, which shows the URL as text.
      const back = safeHref(found.session.cancelUrl) ?? safeHref(found.session.returnUrl);
      return c.redirect(back ?? c.req.path.replace(/\/cancel$/, ''), 303);
    });
  }

  /** The 3-D Secure challenge step. The PAN and CVV are not carried over: only the scenario and masked card data. */
  function challenge(s: SessionRecord, base: string, scenario: PlacetoPayScenario, card: CardInfo, amount: string) {
    const lang = langOf(s.locale);
    return (
      <Layout lang={lang} title={T[lang].otpTitle}>
        <h1>{T[lang].otpTitle}</h1>
        <form method="post" action={`${base}/pay`}>
          <input type="hidden" name="challenge" value={scenario.id} />
          <input type="hidden" name="bin" value={card.bin} />
          <input type="hidden" name="lastDigits" value={card.lastDigits} />
          <input type="hidden" name="expiration" value={card.expiration} />
          <input type="hidden" name="installments" value={String(card.installments)} />
          {amount ? <input type="hidden" name="amount" value={amount} /> : null}
          <label for="otp">{T[lang].otp}</label>
          <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" />
          <button type="submit" data-testid="verify">
            {T[lang].verify}
          </button>
        </form>
      </Layout>
    );
  }

  return pages;
}

/** Cards that are not in the catalog: approved, or rejected with `unknownCards: 'reject'`. */
export function defaultScenario(ctx: PtpContext): PlacetoPayScenario {
  return ctx.scenarios.get(ctx.options.unknownCards === 'reject' ? 'rejected-05' : 'approved') as PlacetoPayScenario;
}
