/**
 * Fault rules: make a provider slow, fail, drop the connection, hang or garble its
 * answer, for the requests a rule matches. The middleware turns a network fault into a
 * marked answer (`networkError()`); each transport then fails the request its own way
 * (the Node listener destroys the socket, MSW rejects the fetch), so both modes behave alike.
 */
import type { MiddlewareHandler } from 'hono';
import { KernelError } from './errors.ts';
import { seededRandom } from './ids.ts';
import { pathMatches } from './paths.ts';
import type { PasarelaContext, PasarelaEnv } from './types.ts';

export type FaultAction =
  | { type: 'latency'; ms: number }
  | { type: 'status'; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  | { type: 'network-error' }
  | { type: 'hang'; ms?: number }
  | { type: 'garble' };

export interface FaultRuleInput {
  id?: string;
  provider?: string;
  method?: string;
  /** Exact path, or a pattern where `*` matches anything (`/api/session*`). */
  path?: string;
  action: FaultAction;
  /** Fire this many times, then retire. Unlimited when absent. */
  times?: number;
  /** Chance in [0, 1] that a matching request is hit (default 1). */
  probability?: number;
  /** Seed for this rule's probability draws; defaults to the sandbox seed. */
  seed?: number;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  hits: number;
  remaining: number | null;
}

const HANG_CAP_MS = 10 * 60_000;
/** Node's timers cannot wait longer (a larger delay fires at once). */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** Statuses that cannot carry a body: a provider's error body could not be sent with them. */
const BODYLESS = new Set([204, 205, 304]);

export class FaultError extends Error {}

/**
 * A network-error fault travels through the app as an ordinary 502 with a marker header,
 * which middleware may add headers to (CORS); the transports see the marker and drop the
 * connection. (`Response.error()` cannot be used: with @hono/node-server's global
 * Response it throws as soon as anything reads its headers.) The status is tested first
 * so that ordinary answers keep the adapter's fast write path.
 */
const DROP_HEADER = 'x-pasarela-drop';
export const networkError = (): Response => new Response(null, { status: 502, headers: { [DROP_HEADER]: 'network-error' } });
export const isNetworkError = (res: Response): boolean => res.status === 502 && res.headers.has(DROP_HEADER);

export class Faults {
  #rules: (FaultRule & { draw: () => number })[] = [];
  #nextId = 1;
  #releases = new Set<() => void>();

  constructor(
    private readonly defaultSeed?: number,
    private readonly onChange: () => void = () => {},
  ) {}

  add(input: FaultRuleInput): FaultRule {
    const problem = validateRule(input);
    if (problem) throw new FaultError(problem);
    const id = input.id ?? `fault-${this.#nextId++}`;
    if (this.#rules.some((r) => r.id === id)) throw new FaultError(`A fault rule with id "${id}" already exists`);
    const seed = input.seed ?? this.defaultSeed;
    const rule = {
      ...input,
      id,
      method: input.method?.toUpperCase(),
      hits: 0,
      remaining: input.times ?? null,
      draw: seed === undefined ? Math.random : seededRandom(seed),
    };
    this.#rules.push(rule);
    this.onChange();
    return publicRule(rule);
  }

  list(provider?: string): FaultRule[] {
    return this.#rules.filter((r) => !provider || !r.provider || r.provider === provider).map(publicRule);
  }

  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    this.onChange();
    return this.#rules.length < before;
  }

  /** Removes the rules scoped to `provider`, or all rules. */
  clear(provider?: string): void {
    this.#rules = provider ? this.#rules.filter((r) => r.provider !== provider) : [];
    this.onChange();
  }

  /** The first live rule that matches and wins its probability draw (consumes one use). */
  pick(provider: string, method: string, path: string): FaultRule | undefined {
    for (const rule of this.#rules) {
      if (rule.remaining === 0) continue;
      if (rule.provider && rule.provider !== provider) continue;
      if (rule.method && rule.method !== method) continue;
      if (rule.path && !pathMatches(rule.path, path)) continue;
      if (rule.probability !== undefined && rule.draw() >= rule.probability) continue;
      rule.hits++;
      if (rule.remaining !== null) rule.remaining--;
      this.onChange();
      return publicRule(rule);
    }
    return undefined;
  }

  /** Resolves after `ms`, or at once when the request is aborted or the sandbox stops. */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.#releases.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      this.#releases.add(done);
    });
  }

  /** Ends every pending latency and hang (graceful shutdown). */
  releaseAll(): void {
    for (const release of [...this.#releases]) release();
  }

  middleware(provider: string): MiddlewareHandler<PasarelaEnv> {
    return async (c, next) => {
      const rule = this.pick(provider, c.req.method, c.req.path);
      if (!rule) return next();
      const { action } = rule;
      c.set('fault', `${rule.id}:${action.type}`);
      switch (action.type) {
        case 'latency':
          await this.wait(action.ms, c.req.raw.signal);
          return next();
        case 'network-error':
          c.res = networkError();
          return;
        case 'hang':
          await this.wait(Math.min(action.ms ?? HANG_CAP_MS, HANG_CAP_MS), c.req.raw.signal);
          c.res = networkError();
          return;
        case 'status':
          c.res = statusResponse(c, action);
          return;
        case 'garble':
          await next();
          c.res = await garble(c.res);
          return;
      }
    };
  }
}

function statusResponse(c: PasarelaContext, action: Extract<FaultAction, { type: 'status' }>): Response {
  if (action.body === undefined) throw new KernelError('fault', `Fault injected by Pasarela (HTTP ${action.status})`, action.status);
  return new Response(action.body, {
    status: action.status,
    headers: { 'content-type': action.contentType ?? 'text/plain; charset=utf-8', ...action.headers },
  });
}

/** Keeps status and headers, cuts the body in half and appends bytes no parser accepts. */
async function garble(res: Response): Promise<Response> {
  const text = await res.text();
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(`${text.slice(0, Math.floor(text.length / 2))}\u0000\uFFFD<<garbled`, { status: res.status, headers });
}


function publicRule(rule: FaultRule): FaultRule {
  const { draw: _d, ...rest } = rule as FaultRule & { draw?: unknown };
  return { ...rest };
}

function validateRule(input: FaultRuleInput): string | undefined {
  if (!input || typeof input !== 'object') return 'A fault rule must be an object';
  const a = input.action as FaultAction | undefined;
  if (!a || typeof a !== 'object') return 'A fault rule needs an "action" object';
  switch (a.type) {
    case 'latency':
      if (!(Number.isFinite(a.ms) && a.ms >= 0 && a.ms <= MAX_DELAY_MS)) return `latency needs "ms" between 0 and ${MAX_DELAY_MS}`;
      break;
    case 'status': {
      if (!(Number.isInteger(a.status) && a.status >= 200 && a.status <= 599)) return 'status needs "status" between 200 and 599';
      if (BODYLESS.has(a.status)) return `status ${a.status} cannot carry a body; use another status`;
      if (a.body !== undefined && typeof a.body !== 'string') return '"body" must be a string';
      if (a.contentType !== undefined && typeof a.contentType !== 'string') return '"contentType" must be a string';
      try {
        new Headers(a.headers ?? {});
      } catch (e) {
        return `"headers" must be header names and values: ${(e as Error).message}`;
      }
      break;
    }
    case 'hang':
      if (a.ms !== undefined && !(Number.isFinite(a.ms) && a.ms >= 0 && a.ms <= MAX_DELAY_MS)) return `hang "ms" must be between 0 and ${MAX_DELAY_MS}`;
      break;
    case 'network-error':
    case 'garble':
      break;
    default:
      return 'action.type must be one of latency, status, network-error, hang, garble';
  }
  if (input.id !== undefined && (typeof input.id !== 'string' || input.id === '')) return '"id" must be a non-empty string';
  if (input.seed !== undefined && !Number.isInteger(input.seed)) return '"seed" must be an integer';
  if (input.times !== undefined && !(Number.isInteger(input.times) && input.times > 0)) return '"times" must be a positive integer';
  if (input.probability !== undefined && !(typeof input.probability === 'number' && input.probability >= 0 && input.probability <= 1)) {
    return '"probability" must be between 0 and 1';
  }
  if (input.method !== undefined && typeof input.method !== 'string') return '"method" must be a string';
  if (input.path !== undefined && typeof input.path !== 'string') return '"path" must be a string';
  if (input.provider !== undefined && typeof input.provider !== 'string') return '"provider" must be a string';
  return undefined;
}
