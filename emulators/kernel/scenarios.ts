/**
 * Which scenario a request gets, in order: the `X-Pasarela-Scenario` header, an
 * outcome queued with `POST /__admin/scenarios/next`, a magic value found by the
 * provider (test card, amount), then the provider's default (undefined here).
 */
import { KernelError } from './errors.ts';
import { pathMatches } from './paths.ts';
import type { PasarelaContext, Scenario, ScenarioChoice } from './types.ts';

export const SCENARIO_HEADER = 'x-pasarela-scenario';

export interface QueueInput {
  provider: string;
  scenario: string;
  /** Only requests of this merchant credential take it. */
  merchant?: string;
  method?: string;
  /** Exact path, or a pattern where `*` matches anything. */
  path?: string;
  /** How many matching requests get it (default 1). */
  times?: number;
}

export interface QueuedScenario extends QueueInput {
  id: string;
  remaining: number;
}

/** Outcomes queued for upcoming requests, across providers. */
export class ScenarioQueue {
  #items: QueuedScenario[] = [];
  #nextId = 1;

  constructor(private readonly onChange: () => void = () => {}) {}

  add(input: QueueInput): QueuedScenario {
    const item = { ...input, method: input.method?.toUpperCase(), id: `q_${this.#nextId++}`, remaining: input.times ?? 1 };
    this.#items.push(item);
    this.onChange();
    return { ...item };
  }

  list(provider?: string): QueuedScenario[] {
    return this.#items.filter((i) => !provider || i.provider === provider).map((i) => ({ ...i }));
  }

  clear(provider?: string): void {
    this.#items = provider ? this.#items.filter((i) => i.provider !== provider) : [];
    this.onChange();
  }

  /** Takes one use of the oldest queued item that fits the request. */
  take(q: { provider: string; merchant?: string; method: string; path: string; accept: (id: string) => boolean }): string | undefined {
    const index = this.#items.findIndex(
      (i) =>
        i.provider === q.provider &&
        (!i.merchant || i.merchant === q.merchant) &&
        (!i.method || i.method === q.method) &&
        (!i.path || pathMatches(i.path, q.path)) &&
        q.accept(i.scenario),
    );
    if (index < 0) return undefined;
    const item = this.#items[index]!;
    item.remaining--;
    if (item.remaining <= 0) this.#items.splice(index, 1);
    this.onChange();
    return item.scenario;
  }
}

export interface Resolution<S extends Scenario = Scenario> {
  scenario: S;
  source: ScenarioChoice['source'];
}

export class ScenarioResolver<S extends Scenario = Scenario> {
  readonly #byId: Map<string, S>;

  constructor(
    readonly provider: string,
    readonly catalog: readonly S[],
    private readonly queue: ScenarioQueue,
  ) {
    this.#byId = new Map(catalog.map((s) => [s.id, s]));
  }

  get(id: string): S | undefined {
    return this.#byId.get(id);
  }

  /** Scenarios whose trigger matches, e.g. `find((t) => t.card === pan)`. */
  findByTrigger(match: (trigger: Record<string, unknown>) => boolean): S | undefined {
    return this.catalog.find((s) => s.trigger !== null && match(s.trigger));
  }

  /** The scenario named by the request header, if any; an unknown id is an error. */
  fromHeader(c: PasarelaContext): S | undefined {
    const id = c.req.header(SCENARIO_HEADER)?.trim();
    if (!id) return undefined;
    const scenario = this.#byId.get(id);
    if (!scenario) throw new KernelError('unknown-scenario', `Unknown Pasarela scenario "${id}" for ${this.provider} (see GET /__admin/scenarios)`);
    return scenario;
  }

  /**
   * Resolves the scenario for this request among those `accept` allows (the ones that
   * make sense for this operation) and records the choice for the journal.
   */
  resolve(
    c: PasarelaContext,
    opts: { accept?: (s: S) => boolean; magic?: S; merchant?: string } = {},
  ): Resolution<S> | undefined {
    const accept = opts.accept ?? (() => true);
    let found: Resolution<S> | undefined;
    const header = this.fromHeader(c);
    if (header && accept(header)) found = { scenario: header, source: 'header' };
    if (!found) {
      const queued = this.queue.take({
        provider: this.provider,
        merchant: opts.merchant ?? c.get('merchant'),
        method: c.req.method,
        path: c.req.path,
        accept: (id) => {
          const s = this.#byId.get(id);
          return !!s && accept(s);
        },
      });
      if (queued) found = { scenario: this.#byId.get(queued)!, source: 'queue' };
    }
    if (!found && opts.magic && accept(opts.magic)) found = { scenario: opts.magic, source: 'magic' };
    if (found) c.set('scenario', { id: found.scenario.id, source: found.source });
    return found;
  }

  /** Takes a queued scenario outside a request (hosted page submit, admin complete). */
  takeQueued(opts: { merchant?: string; method: string; path: string; accept?: (s: S) => boolean }): S | undefined {
    const accept = opts.accept ?? (() => true);
    const id = this.queue.take({
      provider: this.provider,
      merchant: opts.merchant,
      method: opts.method,
      path: opts.path,
      accept: (sid) => {
        const s = this.#byId.get(sid);
        return !!s && accept(s);
      },
    });
    return id === undefined ? undefined : this.#byId.get(id);
  }
}
