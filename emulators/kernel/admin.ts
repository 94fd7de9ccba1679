/**
 * `/__admin/*`: the developer API, declared once. Mounted on each provider port
 * (scoped to that provider) and on the control port (all providers, `?provider=` or a
 * `provider` field to narrow). Reads never mutate. Errors are JSON `{ error: { message } }`.
 */
import { Hono, type Context } from 'hono';
import type { AdminAccess } from './admin-guard.ts';
import { adminBodyProblem, type AdminBody } from './admin-schemas.ts';
import { isRecord, limitBody, readJson } from './body.ts';
import { KernelError } from './errors.ts';
import type { Clock } from './clock.ts';
import { ConfigError, parseMerchant } from './config.ts';
import { FaultError, type FaultRuleInput, type Faults } from './faults.ts';
import type { Journal, JournalFilter } from './journal.ts';
import { maskPan, Redactor } from './redact.ts';
import type { ScenarioQueue } from './scenarios.ts';
import { AdminError, type CompleteRequest, type PasarelaContext, type ProviderRuntime } from './types.ts';
import type { WebhookChaos, WebhookDispatcher } from './webhooks.ts';
import type { ChangeFeed } from './changes.ts';
import type { SandboxSnapshot } from './sandbox.ts';

export interface AdminKernel {
  runtimes: readonly ProviderRuntime[];
  clock: Clock;
  journal: Journal;
  faults: Faults;
  webhooks: WebhookDispatcher;
  queue: ScenarioQueue;
  version: string;
  startedAt: Date;
  changes: ChangeFeed;
  /** Who may call this over HTTP (Host, Origin, content type, token). */
  access: AdminAccess;
  snapshot(): SandboxSnapshot;
  restore(snapshot: SandboxSnapshot, opts?: { fromDisk?: boolean }): void;
  /** Resets state, journal, queued scenarios, webhooks and faults of these providers. */
  reset(providers: readonly string[], opts: { clock: boolean }): void;
  complete(request: CompleteRequest, providers: readonly string[]): Promise<{ provider: string; result: unknown }>;
}

type AdminContext = Context;

const fail = (status: 400 | 404 | 409, message: string): never => {
  throw new AdminError(status, message);
};

/** Admin bodies are small: a snapshot is the largest. */
export const ADMIN_BODY_LIMIT = 16 * 1024 * 1024;
const ADMIN_MAX_DEPTH = 64;

/** The body as a JSON object, checked against the route's schema (`raw`: the caller checks it). */
async function body(c: AdminContext, route: AdminBody | 'raw'): Promise<Record<string, unknown>> {
  const parsed = await readJson(c as unknown as PasarelaContext, { maxDepth: route === 'raw' ? ADMIN_MAX_DEPTH * 2 : ADMIN_MAX_DEPTH });
  let value: Record<string, unknown>;
  if (!parsed.ok) {
    if (parsed.problem !== 'empty') return fail(400, parsed.detail.startsWith('The request body nests') ? parsed.detail : 'The body must be JSON');
    value = {};
  } else if (!isRecord(parsed.value)) return fail(400, 'The body must be a JSON object');
  else value = parsed.value;
  if (route !== 'raw') {
    const problem = adminBodyProblem(route, value);
    if (problem) return fail(400, problem);
  }
  return value;
}

/** Journal `provider` of an admin call that concerns every provider (the clock, a full reset). */
export const ADMIN_JOURNAL_ALL = 'pasarela';

/** Routes whose bodies are whole snapshots: journaled without them. */
const BULKY = /\/(snapshot|restore)$/;

/**
 * Records every admin call that can change the sandbox (anything but a read) in the journal,
 * marked `admin`, redacted like provider traffic: a failing test shows what it did itself.
 */
function journalAdminCalls(kernel: AdminKernel, scope: readonly string[], single: string | undefined) {
  const redactor = new Redactor(kernel.runtimes.flatMap((r) => r.module.sensitiveKeys ?? []));
  return async (c: AdminContext, next: () => Promise<void>) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || c.req.path.endsWith('/__admin/login')) return next();
    const at = kernel.clock.now().toISOString();
    const started = performance.now();
    await next();
    const url = new URL(c.req.url);
    const bulky = BULKY.test(url.pathname);
    let requestText = '';
    let requested: Record<string, unknown> = {};
    if (!bulky) {
      try {
        requestText = await c.req.text();
        const parsed: unknown = requestText ? JSON.parse(requestText) : {};
        if (isRecord(parsed)) {
          requested = parsed;
          // A test card is a card number whether or not it passes Luhn.
          if (typeof parsed.card === 'string') requestText = JSON.stringify({ ...parsed, card: maskPan(parsed.card) });
        }
      } catch {
        // Not JSON (the route answered 400): kept as text, redacted below.
      }
    }
    let responseText = '';
    const type = c.res.headers.get('content-type');
    if (!bulky && type?.includes('json')) {
      try {
        responseText = await c.res.clone().text();
      } catch {
        responseText = '';
      }
    }
    let answered: unknown;
    try {
      answered = responseText ? JSON.parse(responseText) : undefined;
    } catch {
      answered = undefined;
    }
    const named = (isRecord(answered) && typeof answered.provider === 'string' ? answered.provider : undefined) ?? requested.provider ?? url.searchParams.get('provider') ?? single;
    const provider = typeof named === 'string' && scope.includes(named) ? named : ADMIN_JOURNAL_ALL;
    kernel.journal.add({
      at,
      provider,
      merchant: typeof requested.merchant === 'string' ? requested.merchant : undefined,
      transport: (c.env as { transport?: string } | undefined)?.transport ?? 'direct',
      method,
      path: url.pathname,
      query: redactor.text(url.search),
      request: { headers: {}, text: bulky ? '[snapshot]' : redactor.body(requestText, 'application/json'), type: 'application/json' },
      response: { status: c.res.status, headers: {}, text: bulky ? '' : redactor.body(responseText, type), type },
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      admin: true,
    });
  };
}

const snapshots = new WeakMap<AdminKernel, Map<string, SandboxSnapshot>>();

/** Snapshots saved by name (`POST /__admin/snapshot {"name"}` or `sandbox.snapshot(name)`), for this process. */
export function namedSnapshots(kernel: AdminKernel): Map<string, SandboxSnapshot> {
  let named = snapshots.get(kernel);
  if (!named) snapshots.set(kernel, (named = new Map()));
  return named;
}

export function createAdminApp(kernel: AdminKernel, scope: readonly string[]): Hono {
  const app = new Hono();
  const named = namedSnapshots(kernel);
  const inScope = kernel.runtimes.filter((r) => scope.includes(r.module.id));
  const single = inScope.length === 1 ? inScope[0]!.module.id : undefined;

  /** Providers a request addresses: the port's own, or `?provider=` / body `provider` on the control port. */
  const pick = (requested: unknown): string[] => {
    if (requested === undefined || requested === null || requested === '') return inScope.map((r) => r.module.id);
    if (typeof requested !== 'string') return fail(400, '"provider" must be a string');
    const ids = requested.split(',').map((s) => s.trim());
    for (const id of ids) if (!scope.includes(id)) fail(404, `Unknown provider "${id}" here (available: ${scope.join(', ')})`);
    return ids;
  };
  const runtime = (id: string) => inScope.find((r) => r.module.id === id)!;
  const oneProvider = (requested: unknown): string => {
    const ids = pick(requested ?? single);
    if (ids.length !== 1) return fail(400, `Name the provider with "provider" (one of ${scope.join(', ')})`);
    return ids[0]!;
  };

  // Cross-site pages, rebinding hosts and, beyond loopback, callers without the token stop here.
  app.use(kernel.access.middleware((path) => path.endsWith('/__admin/health') || path.endsWith('/__admin/login')));
  app.get('/login', (c) => kernel.access.login(c));

  // Admin routes take no provider middleware, but the same size limit (413, JSON).
  app.use(limitBody(ADMIN_BODY_LIMIT, (c, error: KernelError) => c.json({ error: { message: error.message } }, 413)));
  app.use(journalAdminCalls(kernel, scope, single));

  app.onError((err, c) => {
    if (err instanceof AdminError) return c.json({ error: { message: err.message } }, err.status);
    if (err instanceof FaultError || err instanceof ConfigError || err instanceof RangeError) return c.json({ error: { message: err.message } }, 400);
    console.error('pasarela: admin error', err);
    return c.json({ error: { message: 'Internal error in the Pasarela admin API' } }, 500);
  });

  app.get('/health', (c) =>
    c.json({
      status: 'ok',
      version: kernel.version,
      startedAt: kernel.startedAt.toISOString(),
      now: kernel.clock.now().toISOString(),
      providers: inScope.map((r) => ({ id: r.module.id, title: r.module.title })),
    }),
  );

  app.post('/reset', async (c) => {
    const b = await body(c, 'reset');
    const ids = pick(b.provider ?? c.req.query('provider'));
    // The clock is global: only a reset of every provider on the control port rewinds it.
    kernel.reset(ids, { clock: ids.length === kernel.runtimes.length && scope.length === kernel.runtimes.length });
    return c.json({ reset: ids });
  });

  app.get('/journal', (c) => {
    const q = c.req.query();
    const ids = pick(q.provider);
    const filter: JournalFilter = {
      merchant: q.merchant,
      method: q.method,
      path: q.path,
      status: q.status ? Number(q.status) : undefined,
      sinceId: q.since ? Number(q.since) : undefined,
      limit: q.limit ? Number(q.limit) : undefined,
      admin: q.admin === 'only' ? 'only' : q.admin === 'true',
    };
    // Admin calls that concern every provider (the clock) belong to each provider's story.
    const entries = kernel.journal.entries(filter).filter((e) => ids.includes(e.provider) || (e.admin === true && e.provider === ADMIN_JOURNAL_ALL));
    return c.json({ entries });
  });

  app.delete('/journal', (c) => {
    for (const id of pick(c.req.query('provider'))) kernel.journal.clear(id);
    return c.body(null, 204);
  });

  app.get('/transactions', (c) => {
    const { merchant, status } = c.req.query();
    const transactions = pick(c.req.query('provider')).flatMap((id) => {
      const r = runtime(id);
      return r.module.transactions?.(r.ctx) ?? [];
    });
    return c.json({
      transactions: transactions
        .filter((t) => (!merchant || t.merchant === merchant) && (!status || t.status === status))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    });
  });

  app.get('/scenarios', (c) =>
    c.json({
      scenarios: pick(c.req.query('provider')).flatMap((id) =>
        runtime(id).module.scenarios.map((s) => ({
          ...(single ? {} : { provider: id }),
          id: s.id,
          description: s.description,
          trigger: s.trigger,
          outcome: s.outcome,
          live: s.live,
          ...(s.changes ? { changes: s.changes } : {}),
        })),
      ),
    }),
  );

  app.post('/scenarios/next', async (c) => {
    const b = await body(c, 'scenarios/next');
    const provider = oneProvider(b.provider);
    const scenarioId = b.scenario ?? b.id;
    if (typeof scenarioId !== 'string') return fail(400, 'Give the scenario id as "scenario"');
    if (!runtime(provider).module.scenarios.some((s) => s.id === scenarioId)) {
      return fail(404, `Unknown scenario "${scenarioId}" for ${provider} (see GET /__admin/scenarios)`);
    }
    if (b.times !== undefined && !(Number.isInteger(b.times) && (b.times as number) > 0)) return fail(400, '"times" must be a positive integer');
    for (const k of ['merchant', 'method', 'path'] as const) {
      if (b[k] !== undefined && typeof b[k] !== 'string') return fail(400, `"${k}" must be a string`);
    }
    const queued = kernel.queue.add({
      provider,
      scenario: scenarioId,
      merchant: b.merchant as string | undefined,
      method: b.method as string | undefined,
      path: b.path as string | undefined,
      times: b.times as number | undefined,
    });
    return c.json({ queued }, 201);
  });

  app.get('/scenarios/queue', (c) => c.json({ queue: pick(c.req.query('provider')).flatMap((id) => kernel.queue.list(id)) }));
  app.delete('/scenarios/queue', (c) => {
    for (const id of pick(c.req.query('provider'))) kernel.queue.clear(id);
    return c.body(null, 204);
  });

  app.get('/clock', (c) => c.json(kernel.clock.state()));
  app.post('/clock', async (c) => {
    const b = await body(c, 'clock');
    const { clock } = kernel;
    // All or nothing: a change that would leave the range leaves the clock as it was.
    const before = clock.save();
    try {
      if (b.reset === true) clock.reset();
      if (b.freezeAt !== undefined) clock.freeze(parseInstant(b.freezeAt, 'freezeAt'));
      else if (b.freeze === true) clock.freeze();
      if (b.set !== undefined) clock.set(parseInstant(b.set, 'set'));
      if (b.advanceSeconds !== undefined) clock.advance(b.advanceSeconds as number);
      if (b.unfreeze === true || b.freeze === false) clock.unfreeze();
    } catch (e) {
      clock.load(before);
      throw e;
    }
    return c.json(clock.state());
  });

  app.get('/faults', (c) => {
    const ids = pick(c.req.query('provider'));
    return c.json({ faults: kernel.faults.list().filter((f) => !f.provider || ids.includes(f.provider)) });
  });
  app.post('/faults', async (c) => {
    const b = await body(c, 'faults');
    const provider = single ?? (b.provider === undefined ? undefined : oneProvider(b.provider));
    if (single && b.provider !== undefined && b.provider !== single) return fail(400, `This port serves ${single} only`);
    const rule = kernel.faults.add({ ...(b as unknown as FaultRuleInput), provider });
    return c.json({ fault: rule }, 201);
  });
  app.delete('/faults', (c) => {
    if (single) kernel.faults.clear(single);
    else {
      const requested = c.req.query('provider');
      if (requested) for (const id of pick(requested)) kernel.faults.clear(id);
      else kernel.faults.clear();
    }
    return c.body(null, 204);
  });
  app.delete('/faults/:id', (c) => {
    const rule = kernel.faults.list().find((f) => f.id === c.req.param('id'));
    if (!rule || (single && rule.provider !== single)) return fail(404, `No fault rule "${c.req.param('id')}"`);
    kernel.faults.remove(rule.id);
    return c.body(null, 204);
  });

  app.get('/webhooks', (c) => {
    const { state, subject, merchant } = c.req.query();
    const ids = pick(c.req.query('provider'));
    return c.json({ deliveries: kernel.webhooks.deliveries({ state, subject, merchant }).filter((d) => ids.includes(d.provider)) });
  });
  app.post('/webhooks/flush', async (c) => {
    const b = await body(c, 'webhooks/flush');
    await kernel.webhooks.flush({ retries: b.retries === true });
    return c.json({ deliveries: kernel.webhooks.deliveries().filter((d) => scope.includes(d.provider)) });
  });
  app.get('/webhooks/chaos', (c) => c.json(kernel.webhooks.chaos));
  app.post('/webhooks/chaos', async (c) => {
    const b = await body(c, 'webhooks/chaos');
    try {
      return c.json(kernel.webhooks.setChaos(b as Partial<WebhookChaos>));
    } catch (e) {
      return fail(400, (e as Error).message);
    }
  });
  app.get('/webhooks/:id', (c) => {
    const d = kernel.webhooks.get(c.req.param('id'));
    if (!d || !scope.includes(d.provider)) return fail(404, `No webhook delivery "${c.req.param('id')}"`);
    return c.json({ delivery: d });
  });
  app.post('/webhooks/:id/redeliver', async (c) => {
    const d = kernel.webhooks.get(c.req.param('id'));
    if (!d || !scope.includes(d.provider)) return fail(404, `No webhook delivery "${c.req.param('id')}"`);
    return c.json({ delivery: await kernel.webhooks.redeliver(d.id) });
  });

  app.post('/complete', async (c) => {
    const b = await body(c, 'raw');
    if (typeof b.id !== 'string' && typeof b.id !== 'number') return fail(400, 'Give the token/requestId/sessionId as "id"');
    if (b.card === undefined && b.outcome === undefined) return fail(400, 'Give either "card" (a test card number) or "outcome" (a scenario id)');
    const problem = adminBodyProblem('complete', b);
    if (problem) return fail(400, problem);
    const done = await kernel.complete({ ...b, id: String(b.id) } as CompleteRequest, pick(b.provider));
    return c.json(done);
  });

  // Named snapshots live in memory for this process; the body of `snapshot` is also returned
  // so a test suite can keep it elsewhere and hand it back to `restore`.
  app.post('/snapshot', async (c) => {
    if (scope.length !== kernel.runtimes.length) return fail(400, 'Snapshots cover every provider: use the control port');
    const b = await body(c, 'snapshot');
    const snapshot = kernel.snapshot();
    if (b.name !== undefined) {
      if (typeof b.name !== 'string' || b.name === '') return fail(400, '"name" must be a non-empty string');
      named.set(b.name, snapshot);
    }
    return c.json(snapshot, 201);
  });
  app.post('/restore', async (c) => {
    if (scope.length !== kernel.runtimes.length) return fail(400, 'Snapshots cover every provider: use the control port');
    const b = await body(c, 'raw');
    if ('name' in b) {
      const problem = adminBodyProblem('restore-by-name', b);
      if (problem) return fail(400, problem);
    }
    const snapshot = typeof b.name === 'string' ? named.get(b.name) : (b as unknown as SandboxSnapshot);
    if (!snapshot) return fail(404, `No snapshot named "${String(b.name)}"`);
    kernel.restore(snapshot);
    return c.json({ restored: snapshot.takenAt });
  });

  app.get('/merchants', (c) =>
    c.json({
      merchants: pick(c.req.query('provider')).flatMap((id) => {
        const r = runtime(id);
        return r.ctx.merchants.list().map((m) => ({ provider: id, ...r.module.describeMerchant(m) }));
      }),
    }),
  );
  app.post('/merchants', async (c) => {
    const b = await body(c, 'merchants');
    const provider = oneProvider(b.provider);
    const { provider: _p, fresh, ...entry } = b;
    const r = runtime(provider);
    let candidate: unknown = entry;
    if (fresh === true) {
      if (!r.module.freshMerchant) return fail(400, `${provider} cannot make fresh merchants; give the credential fields instead`);
      // Fresh credentials, plus whatever else was given (a notification URL for this test).
      candidate = { ...(r.module.freshMerchant(r.ctx.ids.token(16, '0123456789abcdefghijklmnopqrstuvwxyz')) as object), ...entry };
    }
    const merchant = r.ctx.merchants.add(parseMerchant(r.module, candidate));
    return c.json({ merchant: { provider, key: r.module.merchantKey(merchant), ...r.module.describeMerchant(merchant) } }, 201);
  });

  app.all('*', (c) => fail(404, `No admin route ${c.req.method} ${new URL(c.req.url).pathname}`));
  return app;
}

function parseInstant(value: unknown, field: string): Date {
  const d = typeof value === 'string' || typeof value === 'number' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(d.getTime())) fail(400, `"${field}" must be an ISO 8601 date-time`);
  return d;
}
