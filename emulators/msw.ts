/**
 * `pasarela/msw`: the emulators as MSW request handlers for the providers' real hosts.
 *
 *   import { setupServer } from 'msw/node';
 *   import { handlers } from 'pasarela/msw';
 *   const server = setupServer(...handlers);
 *
 * `handlers` share one sandbox with the default credentials (`sandbox`, exported too,
 * for its clock, journal and state). `createHandlers(options)` makes a fresh one.
 */
import type { HttpHandler } from 'msw';
import { createSandbox } from './index.ts';
import type { SandboxOptions } from './kernel/sandbox.ts';

export function createHandlers(options: Partial<SandboxOptions> = {}): HttpHandler[] & { sandbox: ReturnType<typeof createSandbox> } {
  const sandbox = createSandbox(options);
  return Object.assign(sandbox.handlers(), { sandbox });
}

const shared = createHandlers();
export const handlers: HttpHandler[] = shared;
export const sandbox = shared.sandbox;
