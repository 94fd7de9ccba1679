/**
 * `pasarela`: the library entry. `createSandbox()` runs every provider in process
 * (MSW handlers, direct calls) or on ports (`start()`).
 *
 *   import { createSandbox } from 'pasarela';
 *   const sandbox = createSandbox();
 *   const { urls } = await sandbox.start({ port: 0 });
 */
import type { SandboxOptions } from './kernel/sandbox.ts';
import { mswHandlers } from './kernel/msw.ts';
import { createSandbox as createPortSandbox } from './sandbox.ts';

export type { Sandbox, SandboxOptions, SandboxSnapshot, StartOptions } from './kernel/sandbox.ts';
export type { JournalEntry, JournalFilter } from './kernel/journal.ts';
export type { FaultAction, FaultRule, FaultRuleInput } from './kernel/faults.ts';
export type { WebhookDelivery, WebhookAttempt, RetryPolicy } from './kernel/webhooks.ts';
export type { CompleteRequest, Scenario, ScenarioChanges, TransactionView, ProviderModule } from './kernel/types.ts';
export { providers } from './registry.ts';
export { DEFAULT_BASE_PORT, DEFAULT_HOST } from './kernel/sandbox.ts';
export { PortInUseError } from './kernel/server.ts';

export function createSandbox(options: Partial<SandboxOptions> = {}) {
  return createPortSandbox({ ...options, mswBridge: options.mswBridge ?? mswHandlers });
}
