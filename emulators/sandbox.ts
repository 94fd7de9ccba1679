/**
 * The sandbox the package's entries build on: every provider, the inspector, each
 * scenario saying what it changes. Without MSW: `pasarela` (index.ts) adds the bridge,
 * and the CLI, which serves ports only, starts without loading msw.
 */
import { createSandbox as createKernelSandbox, type SandboxOptions } from './kernel/sandbox.ts';
import { createInspector } from './inspector/index.tsx';
import type { ProviderModule } from './kernel/types.ts';
import { providers } from './registry.ts';
import { scenarioChanges } from './scenario-changes.ts';
import { VERSION } from './version.ts';

export function createSandbox(options: Partial<SandboxOptions> = {}) {
  return createKernelSandbox({ version: VERSION, controlPage: createInspector, ...options, modules: (options.modules ?? providers).map(withScenarioChanges) });
}

/** The module with each scenario saying what it changes (for `/__admin/scenarios`); the provider's own code is untouched. */
function withScenarioChanges(module: ProviderModule): ProviderModule {
  if (module.scenarios.every((s) => s.changes || !scenarioChanges(module.id, s))) return module;
  return { ...module, scenarios: module.scenarios.map((s) => (s.changes ? s : { ...s, changes: scenarioChanges(module.id, s) })) };
}
