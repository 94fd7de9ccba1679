/** @jsxImportSource hono/jsx */
/**
 * Payture's hosted pages (reference §11): InPay `/apim/Pay?SessionId=…`, eWallet
 * `/vwapi/Pay?SessionId=…` (stored cards or a new one) and `/vwapi/Add?SessionId=…`.
 * The form posts to `PaySubmit` (also in the JSON form a sandbox helper uses: `Data` list
 * with `Key` = the session, `Json=true`); 3-D Secure cards detour through the ACS page
 * and come back to `ThreeDSReturn`; the result page sends the customer to the Init `Url`
 * after 3 seconds. The forms call the same flow as `POST /__admin/complete`. No CDN.
 */
import { Table } from '../kernel/table.ts';
import { splitHref } from '../kernel/paths.ts';
import type { Child } from 'hono/jsx';
import { paytureScenarios } from '../../scenarios/payture.ts';
import { HostedPage } from '../kernel/hosted-page.tsx';
import type { PasarelaContext } from '../kernel/types.ts';
import { safeHref } from '../kernel/urls.ts';
import type { CommandHandler } from './api.ts';
import { cardExpired } from './wallet.ts';
import { returnFromAcs, submitOnSession, type Found, type PageInput, type PageOutcome } from './hosted.ts';
import { readParams, type Params } from './params.ts';
import { findSession, returnUrl } from './sessions.ts';
import type { PaytureContext, SessionRecord } from './state.ts';
import { threeDSAttrs } from './threeds.ts';


export function Layout(props: { title: string; onload?: string; head?: Child; children: Child }) {
  return (
    <HostedPage lang="en" title={props.title} badge="Payture · Pasarela sandbox" accent="#d7263d" head={props.head} onload={props.onload}>
      {props.children}
    </HostedPage>
  );
}

const rubles = (kopecks: number) => `${(kopecks / 100).toFixed(2)} RUB`;
const iface = (s: SessionRecord) => (s.family === 'inpay' ? 'apim' : 'vwapi');
const testCards = paytureScenarios.filter((s) => s.trigger !== null);
const outcomes = paytureScenarios.filter((s) => s.trigger === null && s.group === 'payment');

function SessionForm({ f, error, ctx }: { f: Found; error?: string; ctx: PaytureContext }) {
  const s = f.session;
  const add = s.sessionType === 'Add';
  const customer = s.customer ? Table.get(f.state.customers, s.customer) : undefined;
  const stored = add || !customer ? [] : Table.values(customer.cards).filter((k) => !k.removed && k.status === 'IsActive' && !cardExpired(k, ctx.clock.nowMs()));
  return (
    <>
      <h1>{add ? 'Add a card' : s.display.Product ?? 'Payment'}</h1>
      <dl>
        <dt>Order</dt>
        <dd data-testid="order">{s.orderId}</dd>
        {s.display.Description ? (
          <>
            <dt>Description</dt>
            <dd>{s.display.Description}</dd>
          </>
        ) : null}
        {add ? null : (
          <>
            <dt>{s.sessionType === 'Block' ? 'To hold' : 'To pay'}</dt>
            <dd data-testid="amount">{rubles(s.amount)}</dd>
          </>
        )}
      </dl>
      <form method="post" action={`/${iface(s)}/PaySubmit`}>
        {error ? <p class="note bad" data-testid="error">{error}</p> : null}
        <input type="hidden" name="Key" value={s.sessionId} />
        {stored.map((k) => (
          <label>
            <input type="radio" name="CardId" value={k.cardId} checked={k.cardId === s.cardId} />
            {k.mask} · {k.holder}
          </label>
        ))}
        {stored.length ? (
          <label>
            <input type="radio" name="CardId" value="" checked={!s.cardId} />A new card
          </label>
        ) : null}
        <label for="CardNumber">Card number</label>
        <input id="CardNumber" name="CardNumber" inputmode="numeric" autocomplete="cc-number" list="test-cards" placeholder="4111 1111 1110 0031" />
        <datalist id="test-cards">{testCards.flatMap((t) => (t.trigger!.cards as string[]).map((n) => <option value={n}>{t.description}</option>))}</datalist>
        <div class="row">
          <div>
            <label for="EMonth">Month</label>
            <input id="EMonth" name="EMonth" inputmode="numeric" placeholder="12" />
          </div>
          <div>
            <label for="EYear">Year</label>
            <input id="EYear" name="EYear" inputmode="numeric" placeholder="30" />
          </div>
          <div>
            <label for="SecureCode">CVV2/CVC2</label>
            <input id="SecureCode" name="SecureCode" inputmode="numeric" autocomplete="cc-csc" placeholder="123" />
          </div>
        </div>
        <label for="CardHolder">Cardholder</label>
        <input id="CardHolder" name="CardHolder" autocomplete="cc-name" placeholder="IVAN IVANOV" />
        {s.family === 'ewallet' && !add && customer ? (
          <label>
            <input type="checkbox" name="DontSave" value="1" />
            Do not keep this card
          </label>
        ) : null}
        <label for="Outcome">Or choose a test outcome</label>
        <select id="Outcome" name="Outcome">
          <option value="">— use the card —</option>
          {outcomes.map((o) => (
            <option value={o.id}>{`${o.id}: ${o.description}`}</option>
          ))}
        </select>
        <button type="submit" data-testid="pay">
          {add ? 'Add card' : s.sessionType === 'Block' ? 'Hold' : 'Pay'}
        </button>
        <button type="submit" class="link" name="Cancel" value="1" data-testid="cancel">
          Cancel and return to the store
        </button>
      </form>
    </>
  );
}

function Result({ s, delay }: { s: SessionRecord; delay: number }) {
  // The Init Url is followed (refresh, link) only when it is an http(s) URL: a javascript: or data:
  // one would run on the emulator's origin, which also serves its admin API. Others are shown as text.
  const given = returnUrl(s);
  const url = safeHref(given);
  const ok = s.result?.success === true;
  return (
    <Layout title={ok ? 'Success' : 'Failed'} head={url ? <meta http-equiv="refresh" content={`${delay};url=${url}`} /> : undefined}>
      <p class={`note ${ok ? 'good' : 'bad'}`} data-testid="result" data-success={ok ? 'True' : 'False'} data-errcode={s.result?.errCode ?? ''}>
        {ok ? (s.sessionType === 'Add' ? 'The card was added.' : 'The payment succeeded.') : `The operation failed: ${s.result?.errCode ?? 'unknown reason'}.`}
      </p>
      {url ? (
        <p>
          Returning to the store… <a href={url} data-testid="return">continue</a>
        </p>
      ) : given ? (
        <p>
          The return address is not an http(s) URL and is not followed: <code data-testid="return-text">{given}</code>
        </p>
      ) : null}
    </Layout>
  );
}

const notice = (title: string, text: string) => (
  <Layout title={title}>
    <h1 data-testid="unavailable">{title}</h1>
    <p>{text}</p>
  </Layout>
);

/** A self-submitting form: the browser goes on by POST (to the ACS or back to TermUrl). */
export function AutoPost({ action, fields, title }: { action: string; fields: Record<string, string>; title: string }) {
  return (
    <Layout title={title} onload="document.forms[0].submit()">
      <form method="post" action={action} data-testid="autopost">
        {Object.entries(fields).map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        <p>{title}</p>
        <button type="submit">Continue</button>
      </form>
    </Layout>
  );
}

/** A form field by any of its spellings, top-level or in the `Data` list, case-insensitive. */
function field(params: Params, ...names: string[]): string | undefined {
  const data = params.list('Data');
  for (const name of names) {
    const top = params.names().find((n) => n.toLowerCase() === name.toLowerCase());
    const value = (top !== undefined ? params.get(top) : undefined) || data?.get(name);
    if (value) return value;
  }
  return undefined;
}

export function pageInput(params: Params): PageInput {
  let eMonth = field(params, 'EMonth') ?? '';
  let eYear = field(params, 'EYear') ?? '';
  const dateTo = field(params, 'DateTo');
  if (dateTo && !eMonth && !eYear) [eMonth = '', eYear = ''] = dateTo.split('/').map((x) => x.trim());
  const pan = (field(params, 'CardNumber', 'PAN') ?? '').replace(/[\s-]/g, '');
  const cvv = field(params, 'SecureCode', 'CVV');
  const holder = field(params, 'CardHolder');
  const cardId = field(params, 'CardId');
  const outcome = field(params, 'Outcome');
  return {
    card: { pan, eMonth, eYear, ...(cvv ? { cvv } : {}), ...(holder ? { holder } : {}) },
    ...(cardId ? { cardId } : {}),
    ...(outcome ? { outcome } : {}),
    saveCard: field(params, 'DontSave') === undefined,
    cancel: field(params, 'Cancel') !== undefined,
  };
}

export function createPages(ctx: PaytureContext) {
  const delay = () => (ctx.options.redirectDelaySeconds as number | undefined) ?? 3;

  const show = (c: PasarelaContext, outcome: PageOutcome, f: Found | undefined, json: boolean): Response | Promise<Response> => {
    const s = outcome.session;
    if (json) {
      const body: Record<string, unknown> = { Success: outcome.kind === 'done' ? s.result?.success === true : false, OrderId: s.orderId };
      if (outcome.kind === 'done' && s.result?.errCode) body.ErrCode = s.result.errCode;
      if (outcome.kind === 'done' && safeHref(returnUrl(s))) body.RedirectUrl = returnUrl(s);
      if (outcome.kind === 'retry' || outcome.kind === 'closed') body.Error = outcome.message;
      if (outcome.kind === '3ds') Object.assign(body, { Success: '3DS', ...threeDSAttrs(splitHref(c.req.url).origin, outcome.record), TermUrl: outcome.termUrl });
      return c.json(body);
    }
    switch (outcome.kind) {
      case 'retry':
        return c.html(<Layout title="Payment">{f ? <SessionForm f={f} error={outcome.message} ctx={ctx} /> : null}</Layout>, 422);
      case 'closed':
        return c.html(notice('Session unavailable', outcome.message), 410);
      case '3ds': {
        const acs = threeDSAttrs(splitHref(c.req.url).origin, outcome.record);
        return c.html(<AutoPost action={acs.ACSUrl} fields={{ PaReq: acs.PaReq, MD: acs.ThreeDSKey, TermUrl: outcome.termUrl }} title="Redirecting to 3-D Secure…" />);
      }
      default:
        return c.html(<Result s={s} delay={delay()} />);
    }
  };

  /** GET or POST `/apim/Pay`, `/vwapi/Pay`, `/vwapi/Add` with a SessionId. */
  const page: CommandHandler = async (c) => {
    const params = await readParams(c);
    const id = params.get('SessionId') ?? '';
    const f = findSession(ctx, id);
    if (!f) return c.html(notice('Session not found', `There is no payment session "${id}".`), 404);
    if (f.session.result) return c.html(<Result s={f.session} delay={delay()} />);
    if (ctx.clock.nowMs() > Date.parse(f.session.expiresAt)) return c.html(notice('Session unavailable', 'The payment session has expired.'), 410);
    return c.html(
      <Layout title={f.session.sessionType === 'Add' ? 'Add a card' : 'Payment'}>
        <SessionForm f={f} ctx={ctx} />
      </Layout>,
    );
  };

  const submit: CommandHandler = async (c) => {
    const params = await readParams(c);
    const json = field(params, 'Json') === 'true';
    const id = field(params, 'Key', 'SessionId') ?? '';
    const f = findSession(ctx, id);
    if (!f) return json ? c.json({ Success: false, Error: 'Unknown session' }, 404) : c.html(notice('Session not found', `There is no payment session "${id}".`), 404);
    c.set('merchant', f.merchant.key);
    const outcome = submitOnSession(ctx, c, f, pageInput(params), splitHref(c.req.url).origin);
    return show(c, outcome, f, json);
  };

  const threeDSReturn: CommandHandler = async (c) => {
    const params = await readParams(c);
    const outcome = returnFromAcs(ctx, c, params.get('MD') ?? '', params.get('PaRes') ?? '');
    if (!outcome) return c.html(notice('Unknown 3-D Secure transaction', 'No payment page waits for this MD.'), 404);
    return show(c, outcome, undefined, false);
  };

  return { page, submit, threeDSReturn };
}
