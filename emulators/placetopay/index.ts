/**
 * PlacetoPay WebCheckout as a provider module: id, port, real hosts, default site,
 * the app factory and the admin hooks. Behaviour lives in the files beside this one.
 */
import { lookup, Table } from '../kernel/table.ts';
import { placetopayScenarios, type PlacetoPayScenario } from '../../scenarios/placetopay.ts';
import { AdminError, type ProviderModule, type TransactionView } from '../kernel/types.ts';
import { createPlacetoPayApp } from './app.ts';
import type { PtpContext } from './auth.ts';
import { langOf } from './messages.ts';
import { defaultScenario } from './pages.tsx';
import { CardProblem, checkCard } from './payments.ts';
import { attempt, AttemptRefused, facts, findSession, tick } from './sessions.ts';
import { initialShared, initialState, type PtpMerchant, type PtpShared, type PtpState } from './state.ts';
import { renderError } from './errors.ts';
import { canAttempt } from './machine.ts';
import { sessionView } from './views.ts';
import { sharedSchema, stateSchema } from './state-schema.ts';
import { resignPlacetoPay } from './resign.ts';

const merchantSchema = {
  type: 'object',
  required: ['login', 'secretKey'],
  additionalProperties: false,
  properties: {
    login: { type: 'string', minLength: 1, maxLength: 32 },
    secretKey: { type: 'string', minLength: 1 },
    notificationUrl: { type: 'string', format: 'uri' },
    notificationSignature: { enum: ['sha1', 'sha256'], default: 'sha1' },
    locale: { type: 'string', pattern: '^[a-z]{2}_[A-Z]{2}$', default: 'es_CO' },
    state: { enum: ['active', 'inactive', 'expired', 'credentials-expired'], default: 'active' },
    attemptsLimit: { type: 'integer', minimum: 1, default: 10 },
    allowConfirmationFlow: { type: 'boolean', default: true },
    maxDispersions: { type: 'integer', minimum: 0, default: 3 },
    name: { type: 'string', default: 'Pasarela Sandbox Store' },
  },
};

const defaultMerchant: PtpMerchant = {
  login: 'sandbox-login',
  secretKey: 'sandbox-secret-key',
  notificationSignature: 'sha1',
  locale: 'es_CO',
  state: 'active',
  attemptsLimit: 10,
  allowConfirmationFlow: true,
  maxDispersions: 3,
  name: 'Pasarela Sandbox Store',
};

export const placetopay: ProviderModule<PtpState, PtpMerchant, PtpShared> = {
  id: 'placetopay',
  title: 'PlacetoPay WebCheckout',
  portOffset: 4,
  hosts: ['https://checkout-test.placetopay.com', 'https://checkout.placetopay.com', 'https://checkout-test.placetopay.ec', 'https://checkout.placetopay.ec'],
  defaultMerchants: [defaultMerchant],
  merchantKey: (m) => m.login,
  merchantSchema,
  freshMerchant: (token) => ({ ...defaultMerchant, login: `site-${token}`, secretKey: `secret-${token}` }),
  describeMerchant: (m) => ({ login: m.login, secretKey: m.secretKey, ...(m.notificationUrl ? { notificationUrl: m.notificationUrl } : {}) }),
  scenarios: placetopayScenarios,
  initialState,
  initialShared,
  stateSchema,
  sharedSchema,
  resign: resignPlacetoPay,
  sensitiveKeys: ['secretKey', 'tranKey'],
  // The real service makes a single attempt (reference §9).
  webhookPolicy: { attempts: 1 },
  createApp: createPlacetoPayApp,
  renderError: (c, error, ctx) => renderError(c, error, ctx as never),
  tick,
  quickOutcomes: { approve: 'approved', reject: 'rejected-05' },
  transactions: (ctx) => transactions(ctx),
  complete: async (ctx, request) => {
    const login = Table.get(ctx.store.shared.owners, request.id);
    const merchant = login === undefined ? undefined : ctx.merchants.get(login);
    const session = merchant && findSession(ctx, merchant.login, request.id);
    if (!merchant || !session) return undefined;
    let outcome: PlacetoPayScenario | undefined;
    let magic: PlacetoPayScenario | undefined;
    let card;
    try {
      if (request.outcome !== undefined) {
        outcome = ctx.scenarios.get(request.outcome) as PlacetoPayScenario | undefined;
        if (!outcome || (outcome.stage !== 'payment' && outcome.stage !== 'session')) {
          throw new AdminError(400, `"${request.outcome}" is not a payment or session scenario of placetopay`);
        }
      } else {
        card = { number: String(request.card), expiry: str(request.expiry), cvv: str(request.cvv), installments: Number(request.installments ?? 1) };
        const checked = checkCard(card, ctx.clock.nowMs());
        card.number = checked.number;
        magic = checked.scenario;
        // A 3-D Secure challenge passes unless a wrong `otp` is given.
        if (magic?.threeDS === 'C' && request.otp !== undefined && String(request.otp) !== '12345') outcome = ctx.scenarios.get('rejected-05') as PlacetoPayScenario;
      }
      const amount = request.amount === undefined ? undefined : Number(request.amount);
      attempt(ctx, merchant, session, { card, outcome, magic, amount, payer: payerOf(request.payer) }, defaultScenario(ctx));
    } catch (e) {
      if (e instanceof CardProblem || e instanceof AttemptRefused) throw new AdminError(409, e.message);
      throw e;
    }
    return sessionView(ctx.store.merchant(merchant.login), session, langOf(session.locale));
  },
};

const str = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));

const PAYER_FIELDS: Record<string, number> = { document: 25, documentType: 6, name: 60, surname: 60, company: 60, email: 80, mobile: 30 };

/** An admin `payer`: the hosted page's payer fields, as short strings; anything else is refused. */
function payerOf(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AdminError(400, '"payer" must be an object of payer fields');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    const max = lookup(PAYER_FIELDS, k);
    if (max === undefined) throw new AdminError(400, `"payer.${k.slice(0, 40)}" is not a payer field (${Object.keys(PAYER_FIELDS).join(', ')})`);
    if (typeof v !== 'string' || v.length > max) throw new AdminError(400, `"payer.${k}" must be a string of at most ${max} characters`);
    out[k] = v;
  }
  return out;
}

function transactions(ctx: PtpContext): TransactionView[] {
  const out: TransactionView[] = [];
  for (const [login, state] of ctx.store.entries()) {
    const merchant = ctx.merchants.get(login);
    for (const s of Table.values(state.sessions)) {
      out.push({
        id: String(s.requestId),
        provider: 'placetopay',
        merchant: login,
        kind: `${s.kind} session`,
        status: s.status.status,
        reason: s.status.reason,
        amount: s.kind === 'subscription' ? undefined : s.total,
        currency: s.currency || undefined,
        reference: s.reference,
        createdAt: s.createdAt,
        updatedAt: s.status.date,
        completable: s.kind !== 'collect' && !!merchant && canAttempt(facts(state, s), ctx.clock.nowMs(), merchant.attemptsLimit),
        history: s.history,
        data: sessionView(state, s, langOf(s.locale)),
      });
    }
  }
  return out;
}

