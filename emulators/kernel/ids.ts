/**
 * Identifiers and randomness. Unseeded, ids come from the crypto source; with a seed
 * every id and every probabilistic fault repeats exactly, so a failing run can be replayed.
 */
import { customRandom, random } from 'nanoid';

/** mulberry32: tiny, fast, good enough for test determinism (not for secrets). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ALPHABETS = {
  hex: '0123456789abcdef',
  digits: '0123456789',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  alnum: '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
} as const;

export class Ids {
  readonly seed: number | undefined;
  #bytes: (size: number) => Uint8Array;
  /** alphabet → size → generator: looked up without building a key string per id. */
  #generators = new Map<string, Map<number, () => string>>();

  #epoch = 0;

  constructor(seed?: number) {
    this.seed = seed;
    this.#bytes = random;
    this.#seedWith(0);
  }

  #seedWith(epoch: number): void {
    if (this.seed === undefined) return;
    const next = seededRandom((this.seed + Math.imul(epoch, 0x9e3779b1)) >>> 0);
    this.#bytes = (size) => Uint8Array.from({ length: size }, () => Math.floor(next() * 256));
    this.#generators.clear();
  }

  /**
   * How many times this sandbox was started from its state file. Seeded ids of a restart
   * come from another stream, so ids handed out before a hard kill (and lost with it) are
   * not handed out again; each run stays replayable.
   */
  get epoch(): number {
    return this.#epoch;
  }

  set epoch(epoch: number) {
    this.#epoch = epoch;
    this.#seedWith(epoch);
  }

  /** A random string of `size` characters from `alphabet` (nanoid's unbiased algorithm). */
  token(size: number, alphabet: string = ALPHABETS.alnum): string {
    let sizes = this.#generators.get(alphabet);
    if (!sizes) this.#generators.set(alphabet, (sizes = new Map()));
    let generate = sizes.get(size);
    if (!generate) sizes.set(size, (generate = customRandom(alphabet, size, this.#bytes)));
    return generate();
  }

  /** A float in [0, 1) from the same (possibly seeded) source. */
  float(): number {
    const b = this.#bytes(4);
    return (((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0) / 4294967296;
  }
}
