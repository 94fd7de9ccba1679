/**
 * `pasarela`: the library entry. `createSandbox()` runs every provider in process
 * (MSW handlers, direct calls) or on ports (`start()`).
 *
 *   import { createSandbox } from 'pasarela';
 *   const sandbox = createSandbox();
 *   const { urls } = await sandbox.start({ port: 0 });
 */
import { createSandbox as createKernelSandbox, type SandboxOptions } from './kernel/sandbox.ts';
import { createInspector } from './inspector/index.tsx';
import type { ProviderModule } from './kernel/types.ts';
import { providers } from './registry.ts';
import { scenarioChanges } from './scenario-changes.ts';
import { VERSION } from './version.ts';

export type { Sandbox, SandboxOptions, SandboxSnapshot, StartOptions } from './kernel/sandbox.ts';
export type { JournalEntry, JournalFilter } from './kernel/journal.ts';
export type { FaultAction, FaultRule, FaultRuleInput } from './kernel/faults.ts';
export type { WebhookDelivery, WebhookAttempt, RetryPolicy } from './kernel/webhooks.ts';
export type { CompleteRequest, Scenario, ScenarioChanges, TransactionView, ProviderModule } from './kernel/types.ts';
export { providers } from './registry.ts';
export { DEFAULT_BASE_PORT, DEFAULT_HOST } from './kernel/sandbox.ts';
export { PortInUseError } from './kernel/server.ts';

export function createSandbox(options: Partial<SandboxOptions> = {}) {
  return createKernelSandbox({ version: VERSION, controlPage: createInspector, ...options, modules: (options.modules ?? providers).map(withScenarioChanges) });
}

/** The module with each scenario saying what it changes (for `/__admin/scenarios`); the provider's own code is untouched. */
function withScenarioChanges(module: ProviderModule): ProviderModule {
  if (module.scenarios.every((s) => s.changes || !scenarioChanges(module.id, s))) return module;
  return { ...module, scenarios: module.scenarios.map((s) => (s.changes ? s : { ...s, changes: scenarioChanges(module.id, s) })) };
}
