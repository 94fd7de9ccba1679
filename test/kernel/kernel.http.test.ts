// Kernel behaviour over real HTTP on a free port.
import { describe } from 'vitest';
import { createSandbox, type Sandbox } from '../../emulators/kernel/sandbox.ts';
import { afterAll, beforeAll } from 'vitest';
import { fixtureProvider } from './fixture-provider.ts';
import { kernelCases } from './kernel.cases.ts';

describe('kernel over HTTP', () => {
  let sandbox: Sandbox;
  let base = '';
  beforeAll(async () => {
    sandbox = createSandbox({ modules: [fixtureProvider], logError: () => {} });
    base = (await sandbox.start({ port: 0 })).urls.fixture!;
  });
  afterAll(() => sandbox.stop());
  kernelCases({ base: () => base, sandbox: () => sandbox });
});
