/**
 * A minimal provider for kernel tests: JSON API, bearer-key auth, card scenarios, a
 * notification per payment, records that expire on the clock. It exercises every
 * kernel hook without depending on a real provider's rules.
 */
import { Hono } from 'hono';
import { readJson, isRecord } from '../../emulators/kernel/body.ts';
import { KernelError, ProviderError } from '../../emulators/kernel/errors.ts';
import { maskPan } from '../../emulators/kernel/redact.ts';
import { AdminError, type PasarelaContext, type PasarelaEnv, type ProviderContext, type ProviderModule, type Scenario } from '../../emulators/kernel/types.ts';

interface Merchant {
  key: string;
  notificationUrl?: string;
}
interface PaymentRecord {
  id: string;
  card: string;
  amount: number;
  status: 'approved' | 'declined' | 'pending' | 'expired';
  createdAt: number;
  expiresAt: number;
}
interface State {
  payments: Record<string, PaymentRecord>;
}
interface Shared {
  next: number;
  owners: Record<string, string>;
  nextDueMs: number | null;
}

class FixtureError extends ProviderError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const fixtureScenarios: Scenario<{ status: string }>[] = [
  { id: 'approved', description: 'approves', trigger: { card: '4242424242424242' }, outcome: { status: 'approved' }, live: true },
  { id: 'declined', description: 'declines', trigger: { card: '4000000000000002' }, outcome: { status: 'declined' }, live: true },
  { id: 'pending', description: 'stays pending', trigger: null, outcome: { status: 'pending' }, live: false },
];

type Ctx = ProviderContext<State, Merchant, Shared>;

function createApp(ctx: Ctx) {
  const app = new Hono<PasarelaEnv>();
  const auth = (c: PasarelaContext) => {
    const key = c.req.header('authorization')?.replace(/^Bearer /, '');
    const merchant = ctx.merchants.get(key);
    if (!merchant) throw new FixtureError(401, 'unauthorized', 'bad key');
    c.set('merchant', merchant.key);
    return merchant;
  };
  app.post('/pay', async (c) => {
    const merchant = auth(c);
    const body = await readJson(c);
    if (!body.ok || !isRecord(body.value)) throw new FixtureError(400, 'bad_json', body.ok ? 'not an object' : body.detail);
    const { card, amount } = body.value as { card?: string; amount?: number };
    if (typeof card !== 'string' || typeof amount !== 'number') throw new FixtureError(422, 'invalid', 'card and amount are required');
    const magic = ctx.scenarios.findByTrigger((t) => t.card === card);
    const chosen = ctx.scenarios.resolve(c, { magic });
    const status = ((chosen?.scenario.outcome as { status?: string } | undefined)?.status ?? 'approved') as PaymentRecord['status'];
    const id = `pay_${ctx.store.shared.next++}`;
    const now = ctx.clock.nowMs();
    const record: PaymentRecord = { id, card: maskPan(card), amount, status, createdAt: now, expiresAt: now + 60_000 };
    ctx.store.merchant(merchant.key).payments[id] = record;
    ctx.store.shared.owners[id] = merchant.key;
    if (status === 'pending' && (ctx.store.shared.nextDueMs === null || record.expiresAt < ctx.store.shared.nextDueMs)) ctx.store.shared.nextDueMs = record.expiresAt;
    if (merchant.notificationUrl) {
      ctx.webhooks.enqueue({
        provider: ctx.provider,
        merchant: merchant.key,
        event: status,
        subject: id,
        url: merchant.notificationUrl,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, status, secret: 'hidden-in-log' }),
      });
    }
    return c.json({ id, status, card: record.card }, 201);
  });
  app.get('/pay/:id', (c) => {
    const merchant = auth(c);
    const record = ctx.store.merchant(merchant.key).payments[c.req.param('id')];
    if (!record) throw new FixtureError(404, 'not_found', 'no such payment');
    return c.json(record);
  });
  app.get('/slow', (c) => c.json({ ok: true }));
  app.get('/boom', () => {
    throw new Error('unexpected bug');
  });
  return app;
}

export const fixtureProvider: ProviderModule<State, Merchant, Shared> = {
  id: 'fixture',
  title: 'Fixture provider',
  portOffset: 9,
  hosts: ['https://api.fixture.test'],
  defaultMerchants: [{ key: 'fixture-key' }],
  merchantKey: (m) => m.key,
  merchantSchema: {
    type: 'object',
    required: ['key'],
    additionalProperties: false,
    properties: { key: { type: 'string', minLength: 1 }, notificationUrl: { type: 'string', format: 'uri' } },
  },
  describeMerchant: (m) => ({ key: m.key }),
  scenarios: fixtureScenarios,
  initialState: () => ({ payments: {} }),
  initialShared: () => ({ next: 1, owners: {}, nextDueMs: null }),
  sensitiveKeys: ['secret'],
  createApp,
  renderError(c, error) {
    if (error instanceof FixtureError) return c.json({ error: { code: error.code, message: error.message } }, error.status as 400);
    if (error instanceof KernelError) return c.json({ error: { code: error.kind, message: error.message } }, error.status as 400);
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  },
  tick(ctx) {
    const { shared } = ctx.store;
    if (shared.nextDueMs === null || ctx.clock.nowMs() < shared.nextDueMs) return;
    shared.nextDueMs = null;
    for (const [, state] of ctx.store.entries()) {
      for (const p of Object.values(state.payments)) if (p.status === 'pending' && p.expiresAt <= ctx.clock.nowMs()) p.status = 'expired';
    }
  },
  transactions(ctx) {
    return ctx.store.entries().flatMap(([merchant, state]) =>
      Object.values(state.payments).map((p) => ({
        id: p.id,
        provider: 'fixture',
        merchant,
        kind: 'payment',
        status: p.status,
        amount: p.amount,
        createdAt: new Date(p.createdAt).toISOString(),
        updatedAt: new Date(p.createdAt).toISOString(),
        completable: p.status === 'pending',
        history: [],
        data: p,
      })),
    );
  },
  async complete(ctx, request) {
    const owner = ctx.store.shared.owners[request.id];
    if (!owner) return undefined;
    const p = ctx.store.merchant(owner).payments[request.id]!;
    if (p.status !== 'pending') throw new AdminError(409, `payment ${p.id} is ${p.status}`);
    p.status = request.outcome === 'declined' ? 'declined' : 'approved';
    return p;
  },
};
