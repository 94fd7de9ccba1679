/**
 * The contract between the kernel and a provider module. The kernel never imports a
 * provider; it receives `ProviderModule`s and hands each one a `ProviderContext`.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { Clock } from './clock.ts';
import type { Ids } from './ids.ts';
import type { Journal } from './journal.ts';
import type { MerchantRegistry } from './merchants.ts';
import type { ScenarioResolver } from './scenarios.ts';
import type { ProviderStore } from './store.ts';
import type { WebhookDispatcher, RetryPolicy } from './webhooks.ts';

/** What the transport (Node listener or MSW) tells the app about the connection. */
export interface TransportEnv {
  transport: 'http' | 'msw' | 'direct';
  /** Peer address as the provider would see it (MSW and direct calls report 127.0.0.1). */
  remoteAddress: string;
  /** Node's raw request headers (HTTP transport): read without building a Headers object. */
  rawHeaders?: readonly string[];
  /**
   * The body of a GET or HEAD request (HTTP transport). A Fetch `Request` cannot carry one,
   * but some clients send it (form parameters in a GET body); the listener reads it for the app.
   */
  getBody?: string;
  /** The GET or HEAD body was larger than the body limit and was not read. */
  getBodyTooLarge?: boolean;
  /**
   * HTTP transport: when the body limit refuses a body it sets `drained`, which settles once
   * the rest of the body has been read and discarded (bounded). The listener sends the answer
   * at once and closes the connection only then, so that a client still writing reads it.
   * (An object, so that it survives the env being copied on its way to the app.)
   */
  refusal?: { drained?: Promise<void> };
}

export interface ScenarioChoice {
  id: string;
  source: 'header' | 'queue' | 'magic' | 'default' | 'session';
}

/** Hono environment shared by every provider app. */
export interface PasarelaEnv {
  Bindings: TransportEnv;
  Variables: {
    /** Merchant credential the request authenticated as (set by the provider). */
    merchant?: string;
    /** Scenario applied to this request, for the journal. */
    scenario?: ScenarioChoice;
    /** Fault rule applied to this request, for the journal. */
    fault?: string;
    /** Set by the body-limit step: the body was refused unread. */
    bodyTooLarge?: boolean;
  };
}

export type PasarelaContext = Context<PasarelaEnv>;

/** One entry of a provider's scenario catalog (`scenarios/<provider>.ts`). */
export interface Scenario<Outcome extends object = Record<string, unknown>> {
  /** Stable id, used by `X-Pasarela-Scenario` and `/__admin/scenarios/next`. */
  id: string;
  description: string;
  /** Magic value that selects it without the header (card number, amount, ...), or null. */
  trigger: Record<string, unknown> | null;
  /** The outcome in the provider's own field names and values. */
  outcome: Outcome;
  /** Whether the same trigger gives the same outcome on the provider's real sandbox. */
  live: boolean;
  /** What it leaves behind (shown by the catalog; filled in for the registry's providers). */
  changes?: ScenarioChanges;
}

/** What a scenario changes: the transaction's outcome, the whole payment's state after it, whether the merchant is notified. */
export interface ScenarioChanges {
  /** The transaction, attempt or charge, in the provider's own status words. */
  transaction: string;
  /** The session, order or payment as a whole afterwards. */
  state: string;
  /** Whether a notification goes to the merchant's notification URL (when one is set), and when. */
  notification: string;
}

/** Errors the kernel detects before a provider route runs; the provider renders them. */
export type KernelErrorKind =
  | 'not-found'
  | 'body-too-large'
  | 'unknown-scenario'
  | 'fault'
  | 'internal';

/** A transaction, session or order as shown by `GET /__admin/transactions`. */
export interface TransactionView {
  id: string;
  provider: string;
  merchant: string;
  kind: string;
  status: string;
  reason?: string | number | null;
  amount?: number | string;
  currency?: string;
  reference?: string;
  createdAt: string;
  updatedAt: string;
  /** True when a hosted payment is waiting and `POST /__admin/complete` can finish it. */
  completable: boolean;
  history: { at: string; status: string; reason?: string | number | null; note?: string }[];
  /** The provider's own record (already free of PANs and secrets). */
  data: unknown;
}

/**
 * How to finish a hosted payment without a browser: the same object in process, through
 * MSW and over the admin API (`POST /__admin/complete`). Give `card` (a test card, as a
 * buyer would type it) or `outcome` (a scenario id).
 */
export interface CompleteRequest {
  /** Which provider holds `id`; found from the id when only one provider knows it. */
  provider?: string;
  /** The token, requestId, session or order id the provider answered, as text (`String(requestId)`). */
  id: string;
  card?: string;
  outcome?: string;
  /** Merchant (its key) that owns the payment, when ids could collide across merchants. */
  merchant?: string;
  /** Extra fields a provider's page would collect (expiry, CVV, installments...). */
  [field: string]: unknown;
}

/** Thrown by provider `complete` hooks and admin routes; rendered as admin JSON. */
export class AdminError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface ProviderContext<State, Merchant, Shared = Record<string, never>> {
  readonly provider: string;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly store: ProviderStore<State, Shared>;
  readonly merchants: MerchantRegistry<Merchant>;
  readonly journal: Journal;
  readonly webhooks: WebhookDispatcher;
  readonly scenarios: ScenarioResolver;
  /** Provider-specific options from `createSandbox({ options: { [id]: ... } })`. */
  readonly options: Record<string, unknown>;
}

/** A request as the conformance replay holds it before sending (see `ProviderModule.resign`). */
export interface SignableRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface ProviderModule<State = any, Merchant = any, Shared = any> {
  id: string;
  title: string;
  /** Added to the base port (4100): PuntoPagos 1, Tpaga 2, Payture 3, PlacetoPay 4. */
  portOffset: number;
  /** Real origins answered by the MSW handlers, e.g. `https://checkout-test.placetopay.com`. */
  hosts: readonly string[];
  /**
   * How the provider's web server maps a request to a route path (default: hono's, the
   * decoded pathname). Lets a provider that tolerates e.g. `//` route it as `/`; scenario
   * queues and fault rules match this path too.
   */
  getPath?(request: Request): string;
  defaultMerchants: readonly Merchant[];
  /** The credential that identifies a merchant (state is kept per key). */
  merchantKey(merchant: Merchant): string;
  /** JSON Schema (2020-12) of one `--config` entry; `default`s are filled in. */
  merchantSchema: Record<string, unknown>;
  /** New, unique credentials (a test's own merchant): `token` is random and fits any key format. */
  freshMerchant?(token: string): Merchant;
  /** Credentials as shown to a person (CLI banner, inspector). */
  describeMerchant(merchant: Merchant): Record<string, string>;
  scenarios: readonly Scenario[];
  initialState(): State;
  initialShared?(): Shared;
  /**
   * JSON Schema of one merchant's state and of the shared state, as they appear in a snapshot
   * (tables are objects keyed by id). A restore or a state file is checked against them
   * before anything is replaced; without them only "an object" is checked.
   */
  stateSchema?: Record<string, unknown>;
  sharedSchema?: Record<string, unknown>;
  /**
   * Conformance replay of a recording whose credentials are not public: recompute the
   * request's authentication (a signature, a tranKey) for `merchant` at `now`, leaving
   * everything else as recorded. `store` (optional: the replay may pass the sandbox's) is for
   * a signature over values the request does not carry but the provider stored earlier.
   */
  resign?(request: SignableRequest, merchant: Merchant, now: Date, store?: ProviderStore<State, Shared>): SignableRequest;
  /** Extra object keys whose values the journal must hide (beyond the kernel's list). */
  sensitiveKeys?: readonly string[];
  /** Delivery policy of the real provider; the sandbox options can override it. */
  webhookPolicy?: Partial<RetryPolicy>;
  createApp(ctx: ProviderContext<State, Merchant, Shared>): Hono<PasarelaEnv>;
  /**
   * Middleware that must wrap every answer, the kernel's own included (body too large,
   * faults): e.g. CORS. Runs right after the journal.
   */
  middleware?(ctx: ProviderContext<State, Merchant, Shared>): MiddlewareHandler<PasarelaEnv>[];
  /** Provider-format response for any error: its own, a kernel one, or an unexpected one. */
  renderError(c: PasarelaContext, error: unknown, ctx: ProviderContext<State, Merchant, Shared>): Response;
  transactions?(ctx: ProviderContext<State, Merchant, Shared>): TransactionView[];
  /**
   * Applies what is due on the virtual clock (expiries, delayed outcomes). Called before
   * every request, after every clock change and once a second; keep it O(1) when nothing is due.
   */
  tick?(ctx: ProviderContext<State, Merchant, Shared>): void;
  /** Scenario ids behind the inspector's Approve / Reject buttons for a pending payment. */
  quickOutcomes?: { approve: string; reject: string };
  /** Finishes a hosted payment without a browser; returns undefined when the id is not this provider's. */
  complete?(ctx: ProviderContext<State, Merchant, Shared>, request: CompleteRequest): Promise<unknown | undefined>;
}

export interface ProviderRuntime {
  module: ProviderModule;
  ctx: ProviderContext<unknown, unknown, unknown>;
  app: Hono<PasarelaEnv>;
  /** The app with the kernel's middleware and the admin routes: what the transports call. */
  fetch(request: Request, env?: Partial<TransportEnv>): Promise<Response>;
}
