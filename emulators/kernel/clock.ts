/**
 * Virtual clock. Every provider reads time from here so that tests can move time
 * (session expiry, seed windows, same-day refunds) without waiting.
 *
 * Running: real time plus an offset. Frozen: a fixed instant that only `advance` moves.
 */
export interface ClockState {
  now: string;
  frozen: boolean;
  offsetSeconds: number;
}

type Listener = () => void;

/**
 * The range of the virtual clock: every provider writes four-digit years (ISO 8601, RFC 1123),
 * so the clock stays within 1970-01-01T00:00:00Z … 9999-12-31T23:59:59.999Z.
 */
export const CLOCK_RANGE = { min: '1970-01-01T00:00:00.000Z', max: '9999-12-31T23:59:59.999Z' } as const;
const MIN_MS = Date.parse(CLOCK_RANGE.min);
const MAX_MS = Date.parse(CLOCK_RANGE.max);

export class ClockRangeError extends RangeError {}

function checked(ms: number): number {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) {
    throw new ClockRangeError(`The virtual clock stays between ${CLOCK_RANGE.min} and ${CLOCK_RANGE.max}`);
  }
  return ms;
}

const instant = (at: Date | string): number => (typeof at === 'string' ? new Date(at) : at).getTime();

export class Clock {
  #offsetMs = 0;
  #frozenAt: number | undefined;
  #listeners = new Set<Listener>();

  nowMs(): number {
    return this.#frozenAt ?? Date.now() + this.#offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new ClockRangeError('advance needs a finite number of seconds');
    checked(this.nowMs() + seconds * 1000);
    if (this.#frozenAt !== undefined) this.#frozenAt += seconds * 1000;
    else this.#offsetMs += seconds * 1000;
    this.#emit();
  }

  /** Stops time at `at` (default: the current virtual instant); an ISO 8601 string as `connect().clock` takes. */
  freeze(at?: Date | string): void {
    this.#frozenAt = checked(instant(at ?? this.now()));
    this.#emit();
  }

  /** Lets time run again from the current virtual instant. */
  unfreeze(): void {
    if (this.#frozenAt === undefined) return;
    this.#offsetMs = this.#frozenAt - Date.now();
    this.#frozenAt = undefined;
    this.#emit();
  }

  /** Jumps to `at` (a Date or an ISO 8601 string), keeping the running/frozen mode. */
  set(at: Date | string): void {
    const ms = checked(instant(at));
    if (this.#frozenAt !== undefined) this.#frozenAt = ms;
    else this.#offsetMs = ms - Date.now();
    this.#emit();
  }

  reset(): void {
    this.#offsetMs = 0;
    this.#frozenAt = undefined;
    this.#emit();
  }

  /** Exact form for snapshots (state() rounds the offset for people). */
  save(): { offsetMs: number; frozenAt: number | null } {
    return { offsetMs: this.#offsetMs, frozenAt: this.#frozenAt ?? null };
  }

  load(saved: { offsetMs: number; frozenAt: number | null }): void {
    if (typeof saved?.offsetMs !== 'number' || !(saved.frozenAt === null || typeof saved.frozenAt === 'number')) throw new RangeError('A saved clock is {offsetMs: number, frozenAt: number | null}');
    checked(Date.now() + saved.offsetMs);
    if (saved.frozenAt !== null) checked(saved.frozenAt);
    this.#offsetMs = saved.offsetMs;
    this.#frozenAt = saved.frozenAt ?? undefined;
    this.#emit();
  }

  state(): ClockState {
    return {
      now: this.now().toISOString(),
      frozen: this.#frozenAt !== undefined,
      offsetSeconds: Math.round((this.nowMs() - Date.now()) / 1000),
    };
  }

  /** Called after every change, so timers on virtual time can re-check what is due. */
  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}
