/**
 * Outbound notifications. Providers build and sign the payload (`<provider>/notify.ts`);
 * this dispatcher owns delivery: retries with exponential backoff on the virtual clock,
 * the delivery log, manual redelivery and `flush()` for tests.
 *
 * Sends go through the `fetch` given to the sandbox, or through the global `fetch` read
 * at send time, so that an MSW server in the test process can receive them too.
 */
import type { Clock } from './clock.ts';
import { seededRandom } from './ids.ts';
import { decodeBody } from './journal.ts';
import type { Redactor } from './redact.ts';
import { notificationRefusal } from './urls.ts';

/**
 * Delivery faults for testing idempotent, order-independent receivers: send a
 * successful notification twice, and hold each new one back a random time so later
 * events can overtake it. Seeded, so a failing run can be replayed.
 */
export interface WebhookChaos {
  /** Chance in [0, 1] that a delivered notification is sent once more. */
  duplicates: number;
  /** Hold each new notification back up to `maxDelayMs` (virtual time) so order changes. */
  reorder: boolean;
  maxDelayMs: number;
  seed?: number;
}

export const NO_CHAOS: WebhookChaos = { duplicates: 0, reorder: false, maxDelayMs: 2000 };

export interface RetryPolicy {
  /** Total attempts including the first (1 = no retries). */
  attempts: number;
  backoffSeconds: number;
  factor: number;
  maxBackoffSeconds: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  backoffSeconds: 5,
  factor: 2,
  maxBackoffSeconds: 3600,
  timeoutMs: 10_000,
};

export interface WebhookReceipt {
  status: number;
  body: string;
}

export interface WebhookRequest {
  provider: string;
  merchant: string;
  /** What happened, in the provider's words (`APPROVED`, `EnginePaySuccess`, ...). */
  event: string;
  url: string;
  method?: 'POST' | 'GET' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  /** Ids that tie the delivery to a record (session, token, order). */
  subject?: string;
  policy?: Partial<RetryPolicy>;
  /** Whether the receiver's answer counts as accepted (default: any 2xx). */
  accepts?: (receipt: WebhookReceipt) => { ok: boolean; note?: string };
  /** Signing hook: headers recomputed for every attempt (e.g. a signature over the send date), merged over `headers`. */
  sign?: () => Record<string, string>;
}

export interface WebhookAttempt {
  n: number;
  at: string;
  ok: boolean;
  status?: number;
  error?: string;
  responseBody?: string;
  note?: string;
  durationMs: number;
  manual?: boolean;
  /** A second send of a delivered notification (chaos `duplicates`). */
  duplicate?: boolean;
}

export interface WebhookDelivery {
  id: string;
  provider: string;
  merchant: string;
  event: string;
  subject?: string;
  url: string;
  method: string;
  request: { headers: Record<string, string>; body: unknown };
  state: 'pending' | 'delivered' | 'failed';
  attempts: WebhookAttempt[];
  nextAttemptAt: string | null;
  createdAt: string;
  policy: RetryPolicy;
}

export interface WebhookSnapshot {
  nextId: number;
  jobs: { delivery: WebhookDelivery; request?: Omit<WebhookRequest, 'accepts' | 'sign'>; dueMs: number | null }[];
}

interface Job {
  delivery: WebhookDelivery;
  raw: WebhookRequest;
  dueMs: number | null;
  inFlight?: Promise<void>;
  /** First attempt held back by chaos `reorder`; flush() does not wait for it. */
  held?: boolean;
}

const RESPONSE_BODY_LIMIT = 4096;

export class WebhookDispatcher {
  #jobs = new Map<string, Job>();
  #order: string[] = [];
  #nextId = 1;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #unsubscribe: () => void;
  #controllers = new Set<AbortController>();
  #chaos: WebhookChaos = NO_CHAOS;
  #random: () => number = Math.random;

  constructor(
    private readonly clock: Clock,
    private readonly redactor: Redactor,
    private readonly opts: {
      fetch?: typeof fetch;
      policy?: (provider: string) => RetryPolicy;
      limit?: number;
      /** Pause between a request and its notification, so the response is sent first. */
      delayMs?: number;
      onChange?: () => void;
    } = {},
  ) {
    this.#unsubscribe = clock.onChange(() => this.#schedule());
  }

  get chaos(): WebhookChaos {
    return { ...this.#chaos };
  }

  setChaos(chaos: Partial<WebhookChaos>): WebhookChaos {
    const next = { ...this.#chaos, ...chaos };
    if (!(next.duplicates >= 0 && next.duplicates <= 1)) throw new RangeError('"duplicates" must be between 0 and 1');
    if (!(Number.isFinite(next.maxDelayMs) && next.maxDelayMs >= 0)) throw new RangeError('"maxDelayMs" must be ≥ 0');
    this.#chaos = next;
    this.#random = next.seed === undefined ? Math.random : seededRandom(next.seed);
    this.opts.onChange?.();
    return this.chaos;
  }

  enqueue(req: WebhookRequest): WebhookDelivery {
    const policy = { ...(this.opts.policy?.(req.provider) ?? DEFAULT_RETRY_POLICY), ...req.policy };
    const now = this.clock.nowMs();
    const delivery: WebhookDelivery = {
      id: `wh_${this.#nextId++}`,
      provider: req.provider,
      merchant: req.merchant,
      event: req.event,
      subject: req.subject,
      url: req.url,
      method: req.method ?? 'POST',
      request: {
        headers: this.redactor.headers({ ...req.headers, ...req.sign?.() }),
        body: decode(req.body, req.headers, this.redactor),
      },
      state: 'pending',
      attempts: [],
      nextAttemptAt: new Date(now).toISOString(),
      createdAt: new Date(now).toISOString(),
      policy,
    };
    const refused = notificationRefusal(req.url);
    if (refused) {
      // Logged, never sent: the delivery log says why.
      delivery.state = 'failed';
      delivery.nextAttemptAt = null;
      delivery.attempts.push({ n: 1, at: delivery.createdAt, ok: false, error: `refused: ${refused}`, durationMs: 0 });
      this.#jobs.set(delivery.id, { delivery, raw: req, dueMs: null });
      this.#order.push(delivery.id);
      this.#trim();
      this.opts.onChange?.();
      return delivery;
    }
    const hold = this.#chaos.reorder ? Math.floor(this.#random() * this.#chaos.maxDelayMs) : 0;
    if (hold) delivery.nextAttemptAt = new Date(now + hold).toISOString();
    this.#jobs.set(delivery.id, { delivery, raw: req, dueMs: now + hold, held: hold > 0 });
    this.#order.push(delivery.id);
    this.#trim();
    this.opts.onChange?.();
    // Deliver after the current response has gone out, like a provider's background job.
    setTimeout(() => this.#pump(), this.opts.delayMs ?? 0).unref?.();
    return delivery;
  }

  deliveries(filter: { provider?: string; merchant?: string; subject?: string; state?: string } = {}): WebhookDelivery[] {
    return this.#order
      .map((id) => this.#jobs.get(id)!.delivery)
      .filter(
        (d) =>
          (!filter.provider || d.provider === filter.provider) &&
          (!filter.merchant || d.merchant === filter.merchant) &&
          (!filter.subject || d.subject === filter.subject) &&
          (!filter.state || d.state === filter.state),
      )
      .map((d) => structuredClone(d));
  }

  get(id: string): WebhookDelivery | undefined {
    const job = this.#jobs.get(id);
    return job && structuredClone(job.delivery);
  }

  /**
   * Waits for every delivery that is due or in flight. With `retries: true`, pending
   * retries are attempted at once instead of after their backoff, until each delivery
   * is delivered or out of attempts.
   */
  async flush(opts: { retries?: boolean } = {}): Promise<WebhookDelivery[]> {
    const isRunnable = (j: Job) => !!j.inFlight || (j.dueMs !== null && (opts.retries || !!j.held || j.dueMs <= this.clock.nowMs()));
    for (;;) {
      const runnable = [...this.#jobs.values()].filter(isRunnable);
      if (runnable.length === 0) break;
      if (this.#chaos.reorder) {
        // One at a time, in a shuffled order: the receiver sees them out of order. A held
        // job's timer may deliver it while earlier ones are awaited: check again, never send twice.
        for (const j of this.#shuffle(runnable)) if (isRunnable(j)) await (j.inFlight ?? this.#attempt(j));
      } else {
        await Promise.all(runnable.map((j) => j.inFlight ?? this.#attempt(j)));
      }
    }
    return this.deliveries();
  }

  /**
   * Resolves once the delivery has had its first attempt, starting it now when it is due
   * (a provider that answers only after notifying, as a hosted page that redirects after it).
   */
  async attempted(id: string): Promise<WebhookDelivery | undefined> {
    const job = this.#jobs.get(id);
    if (!job) return undefined;
    if (job.delivery.attempts.length === 0) {
      if (job.inFlight) await job.inFlight;
      else if (!this.#stopped && job.dueMs !== null && job.dueMs <= this.clock.nowMs()) await this.#attempt(job);
    }
    return structuredClone(job.delivery);
  }

  /** One more attempt now, whatever the state (the inspector's "redeliver" button). */
  async redeliver(id: string): Promise<WebhookDelivery | undefined> {
    const job = this.#jobs.get(id);
    if (!job) return undefined;
    if (job.inFlight) await job.inFlight;
    await this.#attempt(job, true);
    return structuredClone(job.delivery);
  }

  clear(provider?: string): void {
    for (const [id, job] of this.#jobs) {
      if (!provider || job.delivery.provider === provider) this.#jobs.delete(id);
    }
    this.#order = this.#order.filter((id) => this.#jobs.has(id));
    this.opts.onChange?.();
  }

  /**
   * The delivery log for a snapshot. Undelivered notifications keep what is needed to
   * send them (URL, headers, body), so a restart still delivers them; a provider's
   * `accepts` check is code and is not kept (any 2xx counts after a restore).
   */
  snapshot(): WebhookSnapshot {
    return {
      nextId: this.#nextId,
      jobs: this.#order.map((id) => {
        const { delivery, raw, dueMs } = this.#jobs.get(id)!;
        // Code is not kept: a restored delivery sends the headers of its last signing.
        const { accepts: _code, sign: _sign, ...request } = raw;
        return { delivery: structuredClone(delivery), request: delivery.state === 'pending' ? request : undefined, dueMs };
      }),
    };
  }

  restore(snapshot: WebhookSnapshot): void {
    this.#jobs.clear();
    this.#order = [];
    for (const job of snapshot.jobs) {
      const raw: WebhookRequest = job.request ?? { provider: job.delivery.provider, merchant: job.delivery.merchant, event: job.delivery.event, url: job.delivery.url };
      // A delivery whose request was not kept can no longer be sent.
      const dueMs = job.request ? job.dueMs : null;
      if (!job.request && job.delivery.state === 'pending') job.delivery.state = 'failed';
      this.#jobs.set(job.delivery.id, { delivery: job.delivery, raw, dueMs });
      this.#order.push(job.delivery.id);
    }
    this.#nextId = Math.max(this.#nextId, snapshot.nextId);
    this.#schedule();
    this.opts.onChange?.();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#unsubscribe();
    for (const c of this.#controllers) c.abort();
  }

  #pump(): void {
    if (this.#stopped) return;
    const now = this.clock.nowMs();
    for (const job of this.#jobs.values()) {
      if (!job.inFlight && job.dueMs !== null && job.dueMs <= now) void this.#attempt(job);
    }
    this.#schedule();
  }

  #shuffle<T>(items: T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.#random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** One real timer for the earliest due retry; clock changes re-plan it. */
  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.#stopped) return;
    const due = [...this.#jobs.values()].filter((j) => j.dueMs !== null && !j.inFlight).map((j) => j.dueMs!);
    if (due.length === 0) return;
    const wait = Math.max(0, Math.min(...due) - this.clock.nowMs());
    this.#timer = setTimeout(() => this.#pump(), Math.min(wait, 2 ** 31 - 1));
    this.#timer.unref?.();
  }

  /** One HTTP send of a delivery, as an attempt record (never throws). */
  async #send(delivery: WebhookDelivery, raw: WebhookRequest, flags: { manual?: boolean; duplicate?: boolean } = {}): Promise<WebhookAttempt> {
    // A redelivery or a restored snapshot goes through the same check as a new notification.
    const refused = notificationRefusal(raw.url);
    if (refused) return { n: delivery.attempts.length + 1, at: this.clock.now().toISOString(), ok: false, error: `refused: ${refused}`, durationMs: 0, ...flags };
    const controller = new AbortController();
    this.#controllers.add(controller);
    const timeout = setTimeout(() => controller.abort(), delivery.policy.timeoutMs);
    const started = performance.now();
    const attempt: WebhookAttempt = { n: delivery.attempts.length + 1, at: this.clock.now().toISOString(), ok: false, durationMs: 0, ...flags };
    try {
      const doFetch = this.opts.fetch ?? globalThis.fetch;
      if (raw.sign) {
        raw.headers = { ...raw.headers, ...raw.sign() };
        delivery.request.headers = this.redactor.headers(raw.headers);
      }
      const res = await doFetch(raw.url, {
        method: delivery.method,
        headers: raw.headers,
        body: delivery.method === 'GET' ? undefined : raw.body,
        signal: controller.signal,
        redirect: 'manual',
      });
      const body = await res.text();
      attempt.status = res.status;
      attempt.responseBody = body.length > RESPONSE_BODY_LIMIT ? `${body.slice(0, RESPONSE_BODY_LIMIT)}…` : body;
      const verdict = raw.accepts ? raw.accepts({ status: res.status, body }) : { ok: res.status >= 200 && res.status < 300 };
      attempt.ok = verdict.ok;
      if (verdict.note) attempt.note = verdict.note;
    } catch (e) {
      attempt.error = controller.signal.aborted ? `no answer within ${delivery.policy.timeoutMs} ms` : describeFetchError(e);
    } finally {
      clearTimeout(timeout);
      this.#controllers.delete(controller);
    }
    attempt.durationMs = Math.round(performance.now() - started);
    return attempt;
  }

  #attempt(job: Job, manual = false): Promise<void> {
    job.held = false;
    const run = async () => {
      const { delivery, raw } = job;
      const attempt = await this.#send(delivery, raw, manual ? { manual } : {});
      delivery.attempts.push(attempt);
      const scheduled = delivery.attempts.filter((a) => !a.manual && !a.duplicate).length;
      if (attempt.ok) {
        delivery.state = 'delivered';
        job.dueMs = null;
      } else if (!manual && scheduled < delivery.policy.attempts) {
        const backoff = Math.min(delivery.policy.backoffSeconds * delivery.policy.factor ** (scheduled - 1), delivery.policy.maxBackoffSeconds);
        job.dueMs = this.clock.nowMs() + backoff * 1000;
        delivery.state = 'pending';
      } else if (!manual || delivery.state !== 'pending') {
        delivery.state = 'failed';
        job.dueMs = null;
      }
      delivery.nextAttemptAt = job.dueMs === null ? null : new Date(job.dueMs).toISOString();
      if (attempt.ok && !manual && this.#chaos.duplicates > 0 && this.#random() < this.#chaos.duplicates) {
        delivery.attempts.push(await this.#send(delivery, raw, { duplicate: true }));
      }
      this.opts.onChange?.();
    };
    job.inFlight = run().finally(() => {
      job.inFlight = undefined;
      this.#schedule();
    });
    return job.inFlight;
  }


  #trim(): void {
    const limit = this.opts.limit ?? 1000;
    while (this.#order.length > limit) {
      const oldest = this.#order.findIndex((id) => this.#jobs.get(id)!.delivery.state !== 'pending');
      if (oldest < 0) break;
      this.#jobs.delete(this.#order[oldest]!);
      this.#order.splice(oldest, 1);
    }
  }
}

function describeFetchError(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message ?? 'fetch failed'} (${cause})` : err.message ?? String(e);
}

/** The log's copy of a notification body: redacted like the journal's, then parsed. */
function decode(body: string | undefined, headers: Record<string, string> | undefined, redactor: Redactor): unknown {
  if (body === undefined) return null;
  const type = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? null;
  return decodeBody(redactor.body(body, type), type);
}
