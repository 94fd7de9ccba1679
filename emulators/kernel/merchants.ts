/**
 * Merchant credentials a provider accepts: the defaults of the design, plus the
 * entries of the `--config` file or `createSandbox({ merchants })`, plus any added at
 * run time (`POST /__admin/merchants`, for per-test isolation). Same key replaces.
 */
export class MerchantRegistry<M> {
  #byKey = new Map<string, M>();
  readonly #key: (merchant: M) => string;
  /** Lookups by another credential (a secret that must not be the key), rebuilt after changes. */
  #indexes = new Map<(merchant: M) => string, Map<string, M>>();

  constructor(
    readonly provider: string,
    key: (merchant: M) => string,
    initial: readonly M[] = [],
  ) {
    this.#key = key;
    for (const m of initial) this.add(m);
  }

  add(merchant: M): M {
    this.#byKey.set(this.#key(merchant), merchant);
    this.#indexes.clear();
    return merchant;
  }

  /** The merchant whose `field(merchant)` is `value` (e.g. a Tpaga private key). */
  findBy(field: (merchant: M) => string, value: string | undefined | null): M | undefined {
    if (value == null) return undefined;
    let index = this.#indexes.get(field);
    if (!index) {
      index = new Map();
      for (const m of this.#byKey.values()) index.set(field(m), m);
      this.#indexes.set(field, index);
    }
    return index.get(value);
  }

  get(key: string | undefined | null): M | undefined {
    return key == null ? undefined : this.#byKey.get(key);
  }

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  remove(key: string): boolean {
    this.#indexes.clear();
    return this.#byKey.delete(key);
  }

  list(): M[] {
    return [...this.#byKey.values()];
  }

  keyOf(merchant: M): string {
    return this.#key(merchant);
  }
}
