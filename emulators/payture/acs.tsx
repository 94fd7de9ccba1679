/** @jsxImportSource hono/jsx */
/**
 * The 3-D Secure 1.0 ACS simulator (reference §10), at the path sandbox3 uses
 * (`/simulp3ds/ACS/`). The merchant's page POSTs `PaReq`, `MD` and `TermUrl`; the
 * cardholder authenticates, enters a wrong code or cancels; the page then POSTs `PaRes`
 * and `MD` to `TermUrl`. `POST /__admin/complete {"id": MD, "outcome": "acs-…"}` gives the
 * same answer without a browser.
 */
import { Hono } from 'hono';
import type { PasarelaEnv } from '../kernel/types.ts';
import { safeHref } from '../kernel/urls.ts';
import { readParams } from './params.ts';
import { AutoPost, Layout } from './pages.tsx';
import type { PaytureContext } from './state.ts';
import { acsAnswer, ACS_PATH, findThreeDS } from './threeds.ts';

const RESULTS = { Y: 'Y', N: 'N', U: 'U' } as const;

export function createAcs(ctx: PaytureContext): Hono<PasarelaEnv> {
  const acs = new Hono<PasarelaEnv>();
  const problem = (text: string) => (
    <Layout title="3-D Secure">
      <h1 data-testid="unavailable">3-D Secure</h1>
      <p>{text}</p>
    </Layout>
  );

  acs.on(['GET', 'POST'], ACS_PATH, async (c) => {
    const params = await readParams(c);
    const md = params.get('MD') ?? '';
    const owner = findThreeDS(ctx, md);
    if (!owner) return c.html(problem(`Unknown transaction (MD "${md}").`), 404);
    if ((params.get('PaReq') ?? '').replace(/ /g, '+') !== owner.record.paReq) return c.html(problem('PaReq does not belong to this MD.'), 400);
    const termUrl = params.get('TermUrl') ?? '';
    return c.html(
      <Layout title="3-D Secure verification">
        <h1>3-D Secure verification</h1>
        <p>Sandbox issuer: choose what the cardholder does.</p>
        <form method="post" action={`${ACS_PATH}answer`}>
          <input type="hidden" name="MD" value={md} />
          <input type="hidden" name="TermUrl" value={termUrl} />
          <button type="submit" name="Result" value="Y" data-testid="authenticate">
            Authenticate
          </button>
          <button type="submit" name="Result" value="N" class="link" data-testid="wrong-code">
            Enter a wrong code
          </button>
          <button type="submit" name="Result" value="U" class="link" data-testid="cancel">
            Cancel
          </button>
        </form>
      </Layout>,
    );
  });

  acs.post(`${ACS_PATH}answer`, async (c) => {
    const params = await readParams(c);
    const md = params.get('MD') ?? '';
    const owner = findThreeDS(ctx, md);
    if (!owner) return c.html(problem(`Unknown transaction (MD "${md}").`), 404);
    const result = RESULTS[(params.get('Result') ?? 'Y') as keyof typeof RESULTS] ?? 'Y';
    const termUrl = params.get('TermUrl') ?? '';
    c.set('merchant', owner.merchant);
    const paRes = acsAnswer(ctx, owner.record, result, termUrl || undefined);
    ctx.store.touch();
    // The form goes back by itself only to an http(s) TermUrl (a javascript: action would run here).
    const action = safeHref(termUrl);
    if (!action) {
      return c.html(
        <Layout title="3-D Secure done">
          <p>{termUrl ? 'The TermUrl is not an http(s) URL and is not followed' : 'No TermUrl was given'}. Send these to the completion command:</p>
          {termUrl ? <p data-testid="termurl-text">TermUrl: <code>{termUrl}</code></p> : null}
          <dl>
            <dt>MD</dt>
            <dd data-testid="md">{md}</dd>
            <dt>PaRes</dt>
            <dd data-testid="pares">{paRes}</dd>
          </dl>
        </Layout>,
      );
    }
    return c.html(<AutoPost action={action} fields={{ PaRes: paRes, MD: md }} title="Returning to the store…" />);
  });

  return acs;
}
