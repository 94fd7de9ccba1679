/**
 * The merchant configuration file (`--config F`): per provider, a list of merchant
 * credential sets with the URLs real providers configure per merchant. Each provider
 * validates its own entries; errors name the file, provider and entry.
 */
import { readFileSync } from 'node:fs';
import { createAjv, describeErrors, problemsToText } from './schema.ts';
import type { ProviderModule } from './types.ts';

export type MerchantConfig = Record<string, unknown[]>;

export class ConfigError extends Error {}

export function readConfigFile(path: string): MerchantConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`config file ${path} must hold an object keyed by provider id`);
  }
  return parsed as MerchantConfig;
}

const ajv = createAjv({ useDefaults: true });

/** Validates one entry against its provider's `merchantSchema` (filling defaults). */
export function parseMerchant(module: ProviderModule, entry: unknown): unknown {
  const validate = ajv.getSchema(`merchant:${module.id}`) ?? (ajv.addSchema(module.merchantSchema, `merchant:${module.id}`), ajv.getSchema(`merchant:${module.id}`)!);
  const copy = structuredClone(entry);
  if (!validate(copy)) throw new ConfigError(problemsToText(describeErrors(validate.errors)));
  return copy;
}

/** Validates every entry against its provider's schema; unknown provider ids are errors. */
export function parseMerchantConfig(config: MerchantConfig, modules: readonly ProviderModule[], source = 'config'): Map<string, unknown[]> {
  const byId = new Map(modules.map((m) => [m.id, m]));
  const out = new Map<string, unknown[]>();
  for (const [provider, entries] of Object.entries(config)) {
    if (provider === '$options' && (typeof entries !== 'object' || entries === null || Array.isArray(entries))) {
      throw new ConfigError(`${source}: "$options" must be an object keyed by provider id`);
    }
    if (provider.startsWith('$')) continue; // "$schema", "$comment", "$options"
    const module = byId.get(provider);
    if (!module) throw new ConfigError(`${source}: unknown provider "${provider}" (known: ${[...byId.keys()].join(', ')})`);
    if (!Array.isArray(entries)) throw new ConfigError(`${source}: "${provider}" must be a list of merchants`);
    out.set(
      provider,
      entries.map((entry, i) => {
        try {
          return parseMerchant(module, entry);
        } catch (e) {
          throw new ConfigError(`${source}: ${provider}[${i}]: ${(e as Error).message}`);
        }
      }),
    );
  }
  return out;
}
