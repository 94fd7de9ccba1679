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
  /**
   * Counters behind numeric ids (PlacetoPay requestId, internalReference): the next value,
   * and the ceiling reserved on disk (ids below it may have been answered already).
   */
  sequences?: Record<string, { next: number; reserved: number }>;
}

/** With a state file: ids are reserved in blocks, and each block is on disk before its first id is answered. */
export interface Reservation {
  block: number;
  /** Writes the state (with the new ceiling) synchronously. */
  persist(): void;
}

export class ProviderStore<State, Shared = Record<string, never>> {
  #merchants = new Map<string, State>();
  #shared: Shared;
  #dirty = false;
  #sequences = new Map<string, { next: number; reserved: number }>();
  #reservation: Reservation | undefined;

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

  /**
   * The next value of a counter (starting at 1). Never repeats within a sandbox's life, also
   * across reset and restore and, with a state file, across a hard kill: nothing moves a counter
   * back, and a restart from the file starts after the reserved ceiling. A new sandbox starts at 1.
   */
  next(name: string): number {
    let seq = this.#sequences.get(name);
    if (!seq) this.#sequences.set(name, (seq = { next: 1, reserved: 0 }));
    if (this.#reservation && seq.next >= seq.reserved) {
      seq.reserved = seq.next + this.#reservation.block;
      this.#reservation.persist();
    }
    return seq.next++;
  }

  /** Turns block reservation on (the sandbox does it when a state file is kept). */
  reserveIds(reservation: Reservation): void {
    this.#reservation = reservation;
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
    // Counters go on: a client that kept an id from before the reset must not read a new object with it.
    this.touch();
  }

  snapshot(): ProviderSnapshot {
    // structuredClone detaches the snapshot from live objects that later requests mutate.
    return structuredClone({ merchants: Object.fromEntries(this.#merchants), shared: this.#shared, sequences: Object.fromEntries(this.#sequences) });
  }

  /**
   * Replaces the state. Counters only move forward: to the snapshot's reserved ceiling when
   * `fromDisk` (ids up to it may have been answered before a kill), else to its next value.
   */
  restore(snapshot: ProviderSnapshot, opts: { fromDisk?: boolean } = {}): void {
    const copy = structuredClone(snapshot);
    this.#merchants = new Map(Object.entries(copy.merchants) as [string, State][]);
    this.#shared = (copy.shared ?? this.initialShared()) as Shared;
    for (const [name, saved] of Object.entries(copy.sequences ?? {})) {
      const seq = this.#sequences.get(name) ?? { next: 1, reserved: 0 };
      const floor = opts.fromDisk ? Math.max(saved.next, saved.reserved) : saved.next;
      seq.next = Math.max(seq.next, floor);
      seq.reserved = Math.max(seq.reserved, saved.reserved);
      this.#sequences.set(name, seq);
    }
    this.touch();
  }
}
