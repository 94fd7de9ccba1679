/** A sandbox on free ports for one test file, stopped after it. */
import { afterAll, beforeAll } from 'vitest';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../emulators/index.ts';

export function useSandbox(options: Partial<SandboxOptions> = {}) {
  const ref = { sandbox: undefined as unknown as Sandbox, urls: {} as Record<string, string> };
  beforeAll(async () => {
    ref.sandbox = createSandbox({ logError: () => {}, ...options });
    ref.urls = (await ref.sandbox.start({ port: 0 })).urls;
  });
  afterAll(async () => {
    await ref.sandbox?.stop();
  });
  return ref;
}
