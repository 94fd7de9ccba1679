/**
 * `pasarela/msw`: the emulators as MSW request handlers for the providers' real hosts.
 *
 *   import { setupServer } from 'msw/node';
 *   import { handlers, sandbox } from 'pasarela/msw';
 *   const server = setupServer(...handlers);
 *
 * `handlers` share one sandbox with the default credentials (`sandbox`: its clock, journal,
 * `complete`, state). `createHandlers(options)` makes a fresh one, in the same shape:
 *
 *   const { handlers, sandbox } = createHandlers({ seed: 1 });
 */
import type { HttpHandler } from 'msw';
import { createSandbox, type Sandbox, type SandboxOptions } from './index.ts';

export interface MswSandbox {
  /** Request handlers for every provider's real hosts; spread them into `setupServer`. */
  handlers: HttpHandler[];
  /** The sandbox behind them (the same object `createSandbox()` returns). */
  sandbox: Sandbox;
}

export function createHandlers(options: Partial<SandboxOptions> = {}): MswSandbox {
  const sandbox = createSandbox(options);
  return { handlers: sandbox.handlers(), sandbox };
}

const shared = createHandlers();
export const handlers: HttpHandler[] = shared.handlers;
export const sandbox: Sandbox = shared.sandbox;
