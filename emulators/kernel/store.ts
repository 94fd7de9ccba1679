/**
 * In-memory state, one bucket per provider and merchant credential (LocalStack's
 * AccountRegionBundle). Providers declare the shape (`initialState`); the kernel owns
 * keying, reset and snapshots. State must stay plain JSON (objects, arrays, strings,
 * numbers, booleans, null) so that snapshots and the state file round-trip exactly.
 *
 * `shared` holds what is reachable without credentials (hosted-page tokens, global
 * sequences): keep it to indexes that point into merchant buckets.
 */
export interface ProviderSnapshot {
  merchants: Record<string, unknown>;
  shared: unknown;
}

export class ProviderStore<State, Shared = Record<string, never>> {
  #merchants = new Map<string, State>();
  #shared: Shared;
  #dirty = false;

  constructor(
    private readonly initialState: () => State,
    private readonly initialShared: () => Shared,
    private readonly onChange: () => void = () => {},
  ) {
    this.#shared = initialShared();
  }

  /** The bucket of one merchant credential, created on first use. */
  merchant(key: string): State {
    let state = this.#merchants.get(key);
    if (!state) {
      state = this.initialState();
      this.#merchants.set(key, state);
    }
    return state;
  }

  get shared(): Shared {
    return this.#shared;
  }

  /** Buckets that exist (a merchant that never called has none). */
  entries(): [string, State][] {
    return [...this.#merchants.entries()];
  }

  /** Providers mutate state in place; this tells persistence something changed. */
  touch(): void {
    this.#dirty = true;
    this.onChange();
  }

  takeDirty(): boolean {
    const dirty = this.#dirty;
    this.#dirty = false;
    return dirty;
  }

  reset(): void {
    this.#merchants.clear();
    this.#shared = this.initialShared();
    this.touch();
  }

  snapshot(): ProviderSnapshot {
    // structuredClone detaches the snapshot from live objects that later requests mutate.
    return structuredClone({ merchants: Object.fromEntries(this.#merchants), shared: this.#shared });
  }

  restore(snapshot: ProviderSnapshot): void {
    const copy = structuredClone(snapshot);
    this.#merchants = new Map(Object.entries(copy.merchants) as [string, State][]);
    this.#shared = (copy.shared ?? this.initialShared()) as Shared;
    this.touch();
  }
}
