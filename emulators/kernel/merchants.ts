/**
 * Merchant credentials a provider accepts: the defaults of the design, plus the
 * entries of the `--config` file or `createSandbox({ merchants })`, plus any added at
 * run time (`POST /__admin/merchants`, for per-test isolation). Same key replaces.
 */
export class MerchantRegistry<M> {
  #byKey = new Map<string, M>();
  readonly #key: (merchant: M) => string;

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
    return merchant;
  }

  get(key: string | undefined | null): M | undefined {
    return key == null ? undefined : this.#byKey.get(key);
  }

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  remove(key: string): boolean {
    return this.#byKey.delete(key);
  }

  list(): M[] {
    return [...this.#byKey.values()];
  }

  keyOf(merchant: M): string {
    return this.#key(merchant);
  }
}
