/**
 * A running sandbox seen from a test, over its admin API (any test runner, any
 * process): fresh credentials per test, the journal with readable assertions, and the
 * clock, scenarios, faults, webhooks and snapshots.
 *
 *   const pasarela = connect(urls);
 *   const site = await pasarela.freshMerchant('placetopay');   // isolated state
 *   … exercise your code with site.baseUrl, site.login, site.secretKey …
 *   await pasarela.expectCalled('placetopay', 'POST /api/session', { merchant: site.key, body: { payment: { reference: 'A-1' } } });
 */
import type { FaultRule, FaultRuleInput } from './kernel/faults.ts';
import type { JournalEntry } from './kernel/journal.ts';
import type { SandboxSnapshot } from './kernel/sandbox.ts';
import type { QueueInput, QueuedScenario } from './kernel/scenarios.ts';
import type { CompleteRequest } from './kernel/types.ts';
import type { WebhookDelivery } from './kernel/webhooks.ts';
import type { PpMerchant } from './puntopagos/state.ts';
import type { PtpMerchant } from './placetopay/state.ts';
import type { TpagaMerchant } from './tpaga/state.ts';
import type { PaytureMerchant } from './payture/state.ts';

export type { CompleteRequest, QueueInput, SandboxSnapshot };

/** Credential fields of each provider's merchants, as `freshMerchant` returns them. */
export interface MerchantFields {
  puntopagos: { key: string; secret: string; notificationUrl?: string };
  placetopay: { login: string; secretKey: string; notificationUrl?: string };
  tpaga: { privateKey: string; publicKey: string };
  payture: { key: string; password: string; notificationUrl?: string };
}

/**
 * What `freshMerchant(provider, settings)` accepts: any field of the provider's merchant
 * configuration (the `--config` entry, see docs/<provider>.md "Merchant configuration").
 * Credentials are made unique unless you give them.
 */
export interface MerchantSettings {
  /** `notificationUrl`, `notificationMode` (auto | post | get), `successUrl`, `failureUrl`, `allowedIps`, `algorithm` (sha1 | sha512), `fechaWindowSeconds`, `paymentMethods`, `name`. */
  puntopagos: Partial<PpMerchant>;
  /** `notificationUrl`, `notificationSignature` (sha1 | sha256), `locale`, `state`, `attemptsLimit`, `allowConfirmationFlow`, `maxDispersions`, `name`. */
  placetopay: Partial<PtpMerchant>;
  /** `validationCharge` (a validation charge when a card is stored), `rates` (fees and withholdings). */
  tpaga: Partial<TpagaMerchant>;
  /** `notificationUrl`, `notifications`, `notificationAttempts`, `merchantId`, `contract`, `addInfo`, `activationAmount`, `maxAmount`. */
  payture: Partial<PaytureMerchant>;
}

export type FreshMerchant<P extends string = string> = {
  provider: P;
  /** The credential that identifies it (what the journal shows as `merchant`). */
  key: string;
  /** The provider's URL on the running sandbox. */
  baseUrl: string;
} & (P extends keyof MerchantFields ? MerchantFields[P] : Record<string, string | undefined>);

export interface CallMatch {
  merchant?: string;
  status?: number;
  /** Deep partial match: every field given must be equal (or match, for a RegExp). */
  body?: unknown;
  query?: string | RegExp;
  /** Include the test's own admin calls (complete, clock, faults, reset…), which are left out by default. */
  admin?: boolean;
}

export interface ConnectOptions {
  /** The sandbox's admin token (`--admin-token`); default: PASARELA_ADMIN_TOKEN from the environment. */
  adminToken?: string;
}

export class RemoteSandbox {
  readonly #token: string | undefined;

  constructor(
    readonly urls: Record<string, string>,
    opts: ConnectOptions = {},
  ) {
    if (!urls.control) throw new Error('pasarela: connect() needs the control URL (urls.control)');
    this.#token = opts.adminToken ?? (typeof process !== 'undefined' ? process.env.PASARELA_ADMIN_TOKEN || undefined : undefined);
  }

  url(provider: string): string {
    const url = this.urls[provider];
    if (!url) throw new Error(`pasarela: "${provider}" is not running (running: ${Object.keys(this.urls).filter((k) => k !== 'control').join(', ')})`);
    return url;
  }

  async admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.urls.control}/__admin/${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as T & { error?: { message: string } }) : (undefined as T);
    if (!res.ok) throw new Error(`pasarela: ${method} /__admin/${path} → ${res.status}: ${(parsed as { error?: { message: string } })?.error?.message ?? text}`);
    return parsed;
  }

  /**
   * New credentials for this test: their state starts empty and no other test sees it.
   * `settings` are merchant fields of the provider (e.g. `{ notificationUrl }`).
   */
  async freshMerchant<P extends string>(
    provider: P,
    settings: P extends keyof MerchantSettings ? MerchantSettings[P] : Record<string, unknown> = {} as never,
  ): Promise<FreshMerchant<P>> {
    const { merchant } = await this.admin<{ merchant: Record<string, string> & { key: string } }>('POST', 'merchants', { ...settings, provider, fresh: true });
    const { provider: _p, ...fields } = merchant;
    return { ...fields, provider, baseUrl: this.url(provider) } as unknown as FreshMerchant<P>;
  }

  /** Journal entries; `admin: true` includes the admin calls made to the sandbox (marked `admin`), `'only'` lists just those. */
  async journal(filter: { provider?: string; merchant?: string; method?: string; path?: string; status?: number; admin?: boolean | 'only' } = {}): Promise<JournalEntry[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    return (await this.admin<{ entries: JournalEntry[] }>('GET', `journal?${query}`)).entries;
  }

  /** Calls of a route, `'POST /api/session'` (a path ending in `*` is a prefix). */
  async calls(provider: string, route: string, match: CallMatch = {}): Promise<JournalEntry[]> {
    const [method, path] = splitRoute(route);
    const entries = await this.journal({ provider, method, path, merchant: match.merchant, status: match.status, admin: match.admin === true });
    return entries.filter((e) => matchesCall(e, match));
  }

  /** The last matching call; throws with the calls that were seen when there is none. */
  async expectCalled(provider: string, route: string, match: CallMatch & { times?: number } = {}): Promise<JournalEntry> {
    const found = await this.calls(provider, route, match);
    if (found.length > 0 && (match.times === undefined || found.length === match.times)) return found.at(-1)!;
    const [method, path] = splitRoute(route);
    // The test's own admin calls are listed too (marked), so a failure shows what the test did.
    const seen = (await this.journal({ provider, admin: true })).map(
      (e) => `  ${e.admin ? '[admin] ' : ''}${e.method} ${e.path} → ${e.response.status}${e.merchant ? ` (${e.merchant})` : ''}`,
    );
    const wanted = match.times === undefined ? 'at least one call' : `${match.times} call(s)`;
    throw new Error(
      `pasarela: expected ${wanted} to ${provider} ${method} ${path}${match.body ? ` with body matching ${JSON.stringify(match.body)}` : ''}, found ${found.length}.\n` +
        `Calls to ${provider}:\n${seen.join('\n') || '  (none)'}`,
    );
  }

  async expectNotCalled(provider: string, route: string, match: CallMatch = {}): Promise<void> {
    const found = await this.calls(provider, route, match);
    if (found.length) throw new Error(`pasarela: expected no call to ${provider} ${route}, found ${found.length}`);
  }

  /**
   * Finishes a hosted payment as the buyer would: `{ id, card }` or `{ id, outcome }`, the same
   * object as `sandbox.complete()` in process and through MSW (`provider` found from the id
   * when only one provider holds it).
   */
  complete(request: CompleteRequest): Promise<{ provider: string; result: unknown }>;
  /** @deprecated Use `complete({ provider, id, card | outcome })`; this form goes in the next minor version. */
  complete(provider: string, id: string | number, how: { card?: string; outcome?: string; [field: string]: unknown }): Promise<{ provider: string; result: unknown }>;
  complete(first: CompleteRequest | string, id?: string | number, how: Record<string, unknown> = {}) {
    const request = typeof first === 'string' ? { ...how, provider: first, id: String(id) } : { ...first, id: String(first.id) };
    return this.admin<{ provider: string; result: unknown }>('POST', 'complete', request);
  }

  /** The virtual clock; the same methods as `sandbox.clock` in process (here they answer Promises). */
  readonly clock = {
    advance: (seconds: number) => this.admin('POST', 'clock', { advanceSeconds: seconds }),
    freeze: (at?: string | Date) => this.admin('POST', 'clock', at ? { freezeAt: new Date(at).toISOString() } : { freeze: true }),
    unfreeze: () => this.admin('POST', 'clock', { unfreeze: true }),
    set: (at: string | Date) => this.admin('POST', 'clock', { set: new Date(at).toISOString() }),
    reset: () => this.admin('POST', 'clock', { reset: true }),
    now: async () => new Date((await this.admin<{ now: string }>('GET', 'clock')).now),
  };

  readonly scenarios: {
    /** Queues a scenario for the next matching request(s): `next({ provider, scenario, merchant?, method?, path?, times? })`. */
    next(input: QueueInput): Promise<QueuedScenario>;
    /** @deprecated Use `next({ provider, scenario, ...opts })`; this form goes in the next minor version. */
    next(provider: string, scenario: string, opts?: Omit<QueueInput, 'provider' | 'scenario'>): Promise<QueuedScenario>;
    list(provider?: string): Promise<QueuedScenario[]>;
    clear(provider?: string): Promise<unknown>;
  } = {
    next: (first: QueueInput | string, scenario?: string, opts: Omit<QueueInput, 'provider' | 'scenario'> = {}) =>
      this.admin<{ queued: QueuedScenario }>('POST', 'scenarios/next', typeof first === 'string' ? { ...opts, provider: first, scenario } : first).then((r) => r.queued),
    list: (provider?: string) => this.admin<{ queue: QueuedScenario[] }>('GET', `scenarios/queue${query({ provider })}`).then((r) => r.queue),
    clear: (provider?: string) => this.admin('DELETE', `scenarios/queue${query({ provider })}`),
  };

  /** Fault rules; the same methods as `sandbox.faults` in process. */
  readonly faults = {
    add: (rule: FaultRuleInput) => this.admin<{ fault: FaultRule }>('POST', 'faults', rule).then((r) => r.fault),
    list: (provider?: string) => this.admin<{ faults: FaultRule[] }>('GET', `faults${query({ provider })}`).then((r) => r.faults),
    remove: (id: string) => this.admin('DELETE', `faults/${encodeURIComponent(id)}`).then(() => true),
    clear: (provider?: string) => this.admin('DELETE', `faults${query({ provider })}`),
  };

  readonly webhooks = {
    list: (filter: { provider?: string; state?: string; subject?: string } = {}) =>
      this.admin<{ deliveries: WebhookDelivery[] }>('GET', `webhooks?${new URLSearchParams(filter as Record<string, string>)}`).then((r) => r.deliveries),
    flush: (opts: { retries?: boolean } = {}) => this.admin<{ deliveries: WebhookDelivery[] }>('POST', 'webhooks/flush', opts).then((r) => r.deliveries),
  };

  /** Resets one provider, some, or everything (then the clock too), as `sandbox.reset()` in process. */
  reset(provider?: string | readonly string[]) {
    const ids = typeof provider === 'string' ? provider : provider?.join(',');
    return this.admin('POST', 'reset', ids ? { provider: ids } : {});
  }

  /** The whole state; with a name the sandbox keeps it too, for `restore(name)`. */
  snapshot(name?: string): Promise<SandboxSnapshot> {
    return this.admin<SandboxSnapshot>('POST', 'snapshot', name === undefined ? {} : { name });
  }

  /** Back to a snapshot, by name or the snapshot itself. */
  restore(snapshot: string | SandboxSnapshot) {
    return this.admin<{ restored: string }>('POST', 'restore', typeof snapshot === 'string' ? { name: snapshot } : snapshot);
  }
}

export function connect(urls: Record<string, string>, opts: ConnectOptions = {}): RemoteSandbox {
  return new RemoteSandbox(urls, opts);
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  return q ? `?${q}` : '';
}

function splitRoute(route: string): [string, string] {
  const m = /^([A-Z]+)\s+(\S+)$/.exec(route.trim());
  if (!m) throw new Error(`pasarela: a route is "METHOD /path", not "${route}"`);
  return [m[1]!, m[2]!];
}

function matchesCall(e: JournalEntry, match: CallMatch): boolean {
  if (match.query !== undefined && !(typeof match.query === 'string' ? e.query === match.query : match.query.test(e.query))) return false;
  return match.body === undefined || partialMatch(e.request.body, match.body);
}

/** `expected` is a partial shape of `actual`: objects by key, arrays element by element. */
export function partialMatch(actual: unknown, expected: unknown): boolean {
  if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual);
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((v, i) => partialMatch(actual[i], v));
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([k, v]) => partialMatch((actual as Record<string, unknown>)[k], v));
  }
  return Object.is(actual, expected);
}
