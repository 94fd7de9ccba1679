/**
 * `pasarela/vitest`: the emulators for a vitest run, started once on free ports.
 *
 *   // vitest.config.ts
 *   export default defineConfig({ test: { globalSetup: ['pasarela/vitest'] } });
 *
 *   // a test file
 *   import { inject } from 'vitest';
 *   import { connect } from 'pasarela/vitest';
 *   const pasarela = connect(inject('pasarela').urls);
 *
 * Environment: PASARELA_PROVIDERS (e.g. "placetopay,tpaga"), PASARELA_CONFIG (merchant
 * config file), PASARELA_SEED. For other options, export `createGlobalSetup({...})`
 * from a setup file of your own.
 */
import type { SandboxOptions, StartOptions } from './kernel/sandbox.ts';

export {
  connect,
  partialMatch,
  RemoteSandbox,
  type CallMatch,
  type CompleteRequest,
  type ConnectOptions,
  type FreshMerchant,
  type MerchantFields,
  type MerchantSettings,
  type QueueInput,
  type SandboxSnapshot,
} from './remote.ts';

export interface PasarelaProvided {
  /** `control` (admin API, inspector) and one URL per provider id. */
  urls: Record<string, string>;
  version: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pasarela: PasarelaProvided;
  }
}

/** What vitest passes to a global setup (TestProject), reduced to what is used here. */
interface SetupProject {
  provide(key: 'pasarela', value: PasarelaProvided): void;
}

export function createGlobalSetup(options: Partial<SandboxOptions> & StartOptions = {}) {
  return async function pasarelaGlobalSetup(project: SetupProject) {
    // Imported here, not at the top: test files import this module for `connect` only.
    // The ports-only sandbox: the global setup serves no MSW, so it does not load msw.
    const { createSandbox } = await import('./sandbox.ts');
    const { VERSION } = await import('./version.ts');
    const env = process.env;
    const { host, port, ...sandboxOptions } = options;
    const sandbox = createSandbox({
      providers: env.PASARELA_PROVIDERS ? env.PASARELA_PROVIDERS.split(',').map((s) => s.trim()) : undefined,
      configFile: env.PASARELA_CONFIG || undefined,
      seed: env.PASARELA_SEED ? Number(env.PASARELA_SEED) : undefined,
      ...sandboxOptions,
    });
    const { urls } = await sandbox.start({ host, port: port ?? 0 });
    project.provide('pasarela', { urls, version: VERSION });
    return async () => {
      await sandbox.stop();
    };
  };
}

export default createGlobalSetup();
