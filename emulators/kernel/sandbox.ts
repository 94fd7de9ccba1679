/**
 * createSandbox(): composes provider modules with the kernel. Every transport (Node
 * listeners, MSW handlers, direct `fetch`) calls the same composed app:
 *
 *   /__admin/*  → admin API (not journaled, no faults)
 *   otherwise   → journal → body limit → buffer body → faults → provider routes
 *                 (errors and unknown routes rendered by the provider, in its format)
 */
import { Hono } from 'hono';
import type { HttpHandler } from 'msw';
import { createAdminApp, namedSnapshots, type AdminKernel } from './admin.ts';
import { DEFAULT_BODY_LIMIT, limitBody } from './body.ts';
import { AdminAccess, type AdminAccessOptions } from './admin-guard.ts';
import { Clock } from './clock.ts';
import { parseMerchantConfig, readConfigFile, type MerchantConfig } from './config.ts';
import { createControlApp } from './control.ts';
import { KernelError, ProviderError } from './errors.ts';
import { Faults } from './faults.ts';
import { Ids } from './ids.ts';
import { Journal, journalMiddleware } from './journal.ts';
import { MerchantRegistry } from './merchants.ts';
import type { MswTarget } from './msw.ts';
import { Redactor } from './redact.ts';
import { ScenarioQueue, ScenarioResolver, type QueueInput } from './scenarios.ts';
import { isClientGone, listen, type Listener } from './server.ts';
import { ProviderStore, type ProviderSnapshot } from './store.ts';
import {
  AdminError,
  type CompleteRequest,
  type PasarelaEnv,
  type ProviderContext,
  type ProviderModule,
  type ProviderRuntime,
  type TransportEnv,
} from './types.ts';
import { DEFAULT_RETRY_POLICY, WebhookDispatcher, type RetryPolicy, type WebhookChaos, type WebhookSnapshot } from './webhooks.ts';
import { ChangeFeed } from './changes.ts';
import { snapshotChecker } from './snapshot-schema.ts';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_BASE_PORT = 4100;

export interface SandboxOptions {
  /** Provider modules to run (the registry passes all four). */
  modules: readonly ProviderModule[];
  /** Only these provider ids (default: all modules). */
  providers?: readonly string[];
  /** Extra merchants, keyed by provider id (the `--config` file's shape). */
  merchants?: MerchantConfig;
  /** Path of a merchant config file, read at creation. */
  configFile?: string;
  /** Makes ids and probabilistic faults repeat exactly. */
  seed?: number;
  /** Start with the clock frozen at this instant. */
  freezeAt?: Date | string;
  journalLimit?: number;
  /** Request body limit in bytes (default 512 KiB). */
  bodyLimit?: number;
  /** Used for webhooks; default is the global fetch at send time (so MSW sees them). */
  fetch?: typeof fetch;
  webhooks?: {
    /** Overrides every provider's policy. */
    policy?: Partial<RetryPolicy>;
    /** Overrides per provider id. */
    providers?: Record<string, Partial<RetryPolicy>>;
    delayMs?: number;
    /** Duplicate and out-of-order deliveries, to test idempotent receivers. */
    chaos?: Partial<WebhookChaos>;
  };
  /** Provider-specific options, keyed by provider id. */
  options?: Record<string, Record<string, unknown>>;
  version?: string;
  /** The page served at `/` on the control port (the inspector); a plain index when absent. */
  controlPage?: (kernel: AdminKernel, urls: () => Record<string, string>) => Hono;
  /** Admin API token (required beyond loopback) and extra allowed `Host` names; see admin-guard.ts. */
  admin?: AdminAccessOptions;
  /** Where unexpected errors are reported (default: console.error). */
  logError?: (message: string, error: unknown) => void;
  /**
   * Makes `handlers()` (kernel/msw.ts's `mswHandlers`). Passed in, like `controlPage`, so
   * that what never serves MSW, the CLI, does not load msw: a third of its start.
   */
  mswBridge?: (targets: readonly MswTarget[]) => HttpHandler[];
}

export interface StartOptions {
  host?: string;
  /** Base port: control on it, providers on base + offset. 0 = every listener on a free port. */
  port?: number;
  /** How long a client may take to send its headers and its whole request (default 10 s and 60 s). */
  timeouts?: { headersMs?: number; requestMs?: number };
}

export interface SandboxSnapshot {
  version: 1;
  takenAt: string;
  /** Starts from a state file so far (seeded ids of each start come from their own stream). */
  epoch?: number;
  /** Virtual clock (offset or frozen instant), so expiries stay where they were. */
  clock?: { offsetMs: number; frozenAt: number | null };
  providers: Record<string, ProviderSnapshot>;
  /** Delivery log, with the undelivered notifications still to send. */
  webhooks?: WebhookSnapshot;
}

export type Sandbox = ReturnType<typeof createSandbox>;

export function createSandbox(options: SandboxOptions) {
  const modules = options.providers
    ? options.providers.map((id) => {
        const m = options.modules.find((x) => x.id === id);
        if (!m) throw new Error(`pasarela: unknown provider "${id}" (known: ${options.modules.map((x) => x.id).join(', ')})`);
        return m;
      })
    : [...options.modules];
  const logError = options.logError ?? ((message, error) => console.error(`pasarela: ${message}`, error));

  const configured = new Map<string, unknown[]>();
  const providerOptions: Record<string, Record<string, unknown>> = {};
  const addConfig = (config: MerchantConfig, source: string) => {
    for (const [id, list] of parseMerchantConfig(config, options.modules, source)) configured.set(id, [...(configured.get(id) ?? []), ...list]);
    // "$options": { "<provider>": { ... } } in a config file sets provider options (the CLI has no flag for each).
    for (const [id, opts] of Object.entries((config.$options ?? {}) as unknown as Record<string, Record<string, unknown>>)) {
      providerOptions[id] = { ...providerOptions[id], ...opts };
    }
  };
  if (options.configFile) addConfig(readConfigFile(options.configFile), options.configFile);
  if (options.merchants) addConfig(options.merchants, 'merchants option');
  for (const [id, opts] of Object.entries(options.options ?? {})) providerOptions[id] = { ...providerOptions[id], ...opts };

  const changes = new ChangeFeed();
  const clock = new Clock();
  if (options.freezeAt) clock.freeze(new Date(options.freezeAt));
  clock.onChange(() => changes.emit('clock'));
  const ids = new Ids(options.seed);
  const journal = new Journal(options.journalLimit ?? 1000, undefined, () => changes.emit('journal'));
  const faults = new Faults(options.seed, () => changes.emit('faults'));
  const queue = new ScenarioQueue(() => changes.emit('scenarios'));
  const baseRedactor = new Redactor(modules.flatMap((m) => m.sensitiveKeys ?? []));
  const policyFor = (provider: string): RetryPolicy => ({
    ...DEFAULT_RETRY_POLICY,
    ...modules.find((m) => m.id === provider)?.webhookPolicy,
    ...options.webhooks?.policy,
    ...options.webhooks?.providers?.[provider],
  });
  const webhooks = new WebhookDispatcher(clock, baseRedactor, {
    fetch: options.fetch,
    policy: policyFor,
    delayMs: options.webhooks?.delayMs,
    onChange: () => changes.emit('webhooks'),
  });
  if (options.webhooks?.chaos) webhooks.setChaos(options.webhooks.chaos);

  type Built = ProviderRuntime & { inner: Hono<PasarelaEnv> };
  const built: Built[] = modules.map((module) => {
    const ctx: ProviderContext<unknown, unknown, unknown> = {
      provider: module.id,
      clock,
      ids,
      store: new ProviderStore(module.initialState, module.initialShared ?? (() => ({})), () => changes.emit('state')),
      merchants: new MerchantRegistry(module.id, (m) => module.merchantKey(m), [...module.defaultMerchants, ...(configured.get(module.id) ?? [])]),
      journal,
      webhooks,
      scenarios: new ScenarioResolver(module.id, module.scenarios, queue),
      options: providerOptions[module.id] ?? {},
    };
    const inner = module.createApp(ctx);
    const app = new Hono<PasarelaEnv>(module.getPath ? { getPath: (req) => module.getPath!(req) } : {});
    const fetch = (req: Request, env?: Partial<TransportEnv>) =>
      Promise.resolve(app.fetch(req, { transport: 'direct', remoteAddress: '127.0.0.1', ...env }));
    return { module, ctx, app, fetch, inner };
  });
  const runtimes: ProviderRuntime[] = built;
  const checkSnapshot = snapshotChecker(modules);
  const access = new AdminAccess(options.admin);

  const kernel: AdminKernel = {
    runtimes,
    clock,
    journal,
    faults,
    webhooks,
    queue,
    changes,
    access,
    version: options.version ?? '0.0.0',
    startedAt: new Date(),
    snapshot(): SandboxSnapshot {
      return {
        version: 1,
        takenAt: clock.now().toISOString(),
        epoch: ids.epoch,
        clock: clock.save(),
        providers: Object.fromEntries(runtimes.map((r) => [r.module.id, r.ctx.store.snapshot()])),
        webhooks: webhooks.snapshot(),
      };
    },
    restore(snapshot: SandboxSnapshot, opts: { fromDisk?: boolean } = {}) {
      if ((snapshot as { version?: unknown } | null)?.version !== 1) throw new AdminError(400, 'Not a Pasarela snapshot (expected {"version": 1, "providers": {...}})');
      const problem = checkSnapshot(snapshot);
      if (problem) throw new AdminError(400, `Not a valid Pasarela snapshot: ${problem}`);
      // Checked in full above; should applying still fail, nothing stays half restored.
      const before = kernel.snapshot();
      try {
        for (const r of runtimes) {
          const s = snapshot.providers[r.module.id];
          if (s) r.ctx.store.restore(s, opts);
          else r.ctx.store.reset();
        }
        if (snapshot.clock) clock.load(snapshot.clock);
        if (snapshot.webhooks) webhooks.restore(snapshot.webhooks);
        if (opts.fromDisk) ids.epoch = (snapshot.epoch ?? 0) + 1;
      } catch (e) {
        for (const r of runtimes) r.ctx.store.restore(before.providers[r.module.id]!);
        clock.load(before.clock!);
        webhooks.restore(before.webhooks!);
        throw new AdminError(400, `The snapshot could not be applied (${(e as Error).message}); the sandbox is as it was`);
      }
    },
    reset(providers, opts) {
      for (const r of runtimes) {
        if (!providers.includes(r.module.id)) continue;
        r.ctx.store.reset();
        journal.clear(r.module.id);
        queue.clear(r.module.id);
        webhooks.clear(r.module.id);
        faults.clear(r.module.id);
      }
      if (opts.clock) {
        faults.clear();
        clock.reset();
        if (options.freezeAt) clock.freeze(new Date(options.freezeAt));
      }
    },
    async complete(request: CompleteRequest, providers) {
      // Without a provider, an id that two providers hold as a pending payment is ambiguous.
      if (providers.length > 1) {
        const holders = runtimes.filter(
          (r) => providers.includes(r.module.id) && (r.module.transactions?.(r.ctx) ?? []).some((t) => t.id === request.id && t.completable),
        );
        if (holders.length > 1) {
          throw new AdminError(409, `"${request.id}" is a pending payment of ${holders.map((r) => r.module.id).join(' and ')}: name the provider with "provider"`);
        }
      }
      // `merchant`: only a payment of that merchant (a provider holding the id for another merchant is passed over).
      const otherMerchant = (r: ProviderRuntime) =>
        request.merchant !== undefined &&
        (r.module.transactions?.(r.ctx) ?? []).some((t) => t.id === request.id) &&
        !(r.module.transactions?.(r.ctx) ?? []).some((t) => t.id === request.id && t.merchant === request.merchant);
      for (const r of runtimes) {
        if (!providers.includes(r.module.id) || !r.module.complete || otherMerchant(r)) continue;
        const result = await r.module.complete(r.ctx, request);
        if (result !== undefined) {
          r.ctx.store.touch();
          return { provider: r.module.id, result };
        }
      }
      throw new AdminError(404, `No hosted payment "${request.id}" is known to ${providers.join(', ')}`);
    },
  };

  for (const runtime of built) {
    const { module, app, inner } = runtime;
    const redactor = new Redactor(module.sensitiveKeys ?? []);
    app.route('/__admin', createAdminApp(kernel, [module.id]));
    app.use(journalMiddleware({ provider: module.id, journal, clock, redactor }));
    for (const mw of module.middleware?.(runtime.ctx) ?? []) app.use(mw);
    // Body limit, faults, clock work and the state-changed mark, as one step: each
    // registered middleware costs a router match and a dispatch on every request.
    const limit = limitBody(options.bodyLimit ?? DEFAULT_BODY_LIMIT, (c, error) => module.renderError(c, error, runtime.ctx));
    const fault = faults.middleware(module.id);
    const tick = module.tick;
    app.use(async (c, next) => {
      const res = await limit(c, async () => {
        await fault(c, async () => {
          tick?.(runtime.ctx);
          await next();
          // Every provider request but a read may have changed state: let persistence know.
          if (c.req.method !== 'GET') runtime.ctx.store.touch();
        });
      });
      if (res) c.res = res;
    });
    app.route('/', inner);
    app.notFound((c) => module.renderError(c, new KernelError('not-found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), runtime.ctx));
    app.onError((err, c) => {
      if (!(err instanceof KernelError) && !(err instanceof ProviderError) && !isClientGone(err)) logError(`${module.id}: unexpected error on ${c.req.method} ${c.req.path}`, err);
      try {
        return module.renderError(c, err, runtime.ctx);
      } catch (renderFailure) {
        logError(`${module.id}: renderError failed`, renderFailure);
        return c.text('Internal error', 500);
      }
    });
  }

  const tickAll = () => {
    for (const r of runtimes) {
      try {
        r.module.tick?.(r.ctx);
      } catch (e) {
        logError(`${r.module.id}: tick failed`, e);
      }
    }
  };
  clock.onChange(tickAll);
  const ticker = setInterval(tickAll, 1000);
  ticker.unref();

  const controlAdmin = createAdminApp(kernel, modules.map((m) => m.id));
  const control = createControlApp(
    kernel,
    controlAdmin,
    () => sandbox.urls,
    options.controlPage?.(kernel, () => sandbox.urls),
  );
  const controlFetch = (req: Request, env?: Partial<TransportEnv>) =>
    Promise.resolve(control.fetch(req, { transport: 'direct', remoteAddress: '127.0.0.1', ...env }));

  let listeners: Listener[] = [];
  const runtime = (id: string): ProviderRuntime => {
    const r = runtimes.find((x) => x.module.id === id);
    if (!r) throw new Error(`pasarela: provider "${id}" is not running in this sandbox`);
    return r;
  };

  const sandbox = {
    providers: modules.map((m) => m.id),
    clock,
    journal,
    faults,
    webhooks,
    scenarios: {
      /** Queues a scenario for the next matching request(s) of a provider. */
      next(input: QueueInput) {
        const r = runtime(input.provider);
        if (!r.module.scenarios.some((x) => x.id === input.scenario)) {
          throw new AdminError(404, `Unknown scenario "${input.scenario}" for ${input.provider} (see GET /__admin/scenarios)`);
        }
        return queue.add(input);
      },
      add: (input: QueueInput) => queue.add(input),
      list: (provider?: string) => queue.list(provider),
      clear: (provider?: string) => queue.clear(provider),
    },
    /** URLs of the listeners after `start()`; empty before. */
    urls: {} as Record<string, string>,

    provider(id: string) {
      const r = runtime(id);
      return {
        id,
        module: r.module,
        store: r.ctx.store,
        merchants: r.ctx.merchants,
        transactions: () => r.module.transactions?.(r.ctx) ?? [],
        /** The provider's routes (`{ method, path }`, Hono patterns), without admin and middleware entries. */
        routes: () => [
          ...new Map(
            r.app.routes
              .filter((x) => !(x.method === 'ALL' && x.path === '/*') && !x.path.startsWith('/__admin'))
              .map((x) => [`${x.method} ${x.path}`, { method: x.method, path: x.path }]),
          ).values(),
        ],
        fetch: r.fetch,
      };
    },

    /** Calls a provider in process (no port, no MSW): `fetch('placetopay', '/api/session', init)`. */
    fetch(provider: string, input: string | Request, init?: RequestInit): Promise<Response> {
      const r = runtime(provider);
      const req = typeof input === 'string' ? new Request(new URL(input, r.module.hosts[0]), init) : input;
      return r.fetch(req);
    },

    /** The admin API's routes (`{ method, path }` under `/__admin`, Hono patterns), for tests that cover each. */
    adminRoutes: () => [
      ...new Map(controlAdmin.routes.filter((x) => x.method !== 'ALL').map((x) => [`${x.method} ${x.path}`, { method: x.method, path: `/__admin${x.path}` }])).values(),
    ],

    /** The admin API across providers, in process. */
    admin(input: string, init?: RequestInit): Promise<Response> {
      return controlFetch(new Request(new URL(input, 'http://pasarela.local/__admin/'), init));
    },

    /** MSW handlers answering each provider's real hosts. */
    handlers(): HttpHandler[] {
      if (!options.mswBridge) throw new Error("pasarela: this sandbox was made without MSW; use createSandbox from 'pasarela' or createHandlers from 'pasarela/msw'");
      return options.mswBridge(
        runtimes.flatMap((r) => r.module.hosts.map((origin) => ({ origin, fetch: (req: Request, env: TransportEnv) => r.fetch(req, env) }))),
      );
    },

    async start(opts: StartOptions = {}) {
      if (listeners.length) throw new Error('pasarela: this sandbox is already started');
      const host = opts.host ?? DEFAULT_HOST;
      const base = opts.port ?? DEFAULT_BASE_PORT;
      const started: Listener[] = [];
      try {
        started.push(await listen((req, env) => controlFetch(req, env), { host, port: base, name: 'control', timeouts: opts.timeouts }));
        for (const r of runtimes) {
          started.push(await listen((req, env) => r.fetch(req, env), { host, port: base === 0 ? 0 : base + r.module.portOffset, name: r.module.id, timeouts: opts.timeouts }));
        }
      } catch (e) {
        await Promise.all(started.map((l) => l.close()));
        throw e;
      }
      listeners = started;
      sandbox.urls = Object.fromEntries(started.map((l) => [l.name, l.url]));
      access.listening(host, () => Object.values(sandbox.urls));
      return { urls: sandbox.urls };
    },

    /** Listening beyond loopback: the admin API needs the token (and refuses all without one). */
    get exposed(): boolean {
      return access.exposed;
    },

    /** A one-time URL that sets the admin token cookie and opens the inspector (with a token only). */
    loginUrl(): string | undefined {
      return access.hasToken && sandbox.urls.control ? `${sandbox.urls.control}/__admin/login?code=${access.loginCode()}` : undefined;
    },

    async stop() {
      clearInterval(ticker);
      faults.releaseAll();
      webhooks.stop();
      await Promise.all(listeners.map((l) => l.close()));
      listeners = [];
      sandbox.urls = {};
    },

    /** Resets state, journal, queued scenarios, webhooks and faults of one provider, some, or all (and then the clock). */
    reset(provider: string | readonly string[] = modules.map((m) => m.id)) {
      const providers = typeof provider === 'string' ? [provider] : provider;
      for (const id of providers) runtime(id);
      kernel.reset(providers, { clock: providers.length === modules.length });
    },

    /** Finishes a hosted payment as the buyer would (`card`) or with a scenario (`outcome`). */
    complete(request: CompleteRequest) {
      if (request.provider !== undefined) runtime(request.provider);
      return kernel.complete({ ...request, id: String(request.id) }, request.provider !== undefined ? [request.provider] : modules.map((m) => m.id));
    },

    /** The whole state; with a name it is also kept, for `restore(name)` here or over the admin API. */
    snapshot: (name?: string): SandboxSnapshot => {
      const taken = kernel.snapshot();
      if (name !== undefined) namedSnapshots(kernel).set(name, taken);
      return taken;
    },

    /** Back to a snapshot, given or by name. `fromDisk`: a state file read at start (counters resume after their reserved ceiling). */
    restore: (snapshot: SandboxSnapshot | string, opts: { fromDisk?: boolean } = {}) => {
      const found = typeof snapshot === 'string' ? namedSnapshots(kernel).get(snapshot) : snapshot;
      if (!found) throw new AdminError(404, `No snapshot named "${String(snapshot)}"`);
      kernel.restore(found, opts);
    },

    /** With a state file: numeric ids are reserved in blocks written to disk before use (see ProviderStore.next). */
    reserveIds(persist: () => void, block = 100) {
      for (const r of runtimes) r.ctx.store.reserveIds({ block, persist });
    },

    /** Changes by topic (state, journal, webhooks, clock, faults, scenarios): persistence and the inspector watch them. */
    changes,
  };
  return sandbox;
}
