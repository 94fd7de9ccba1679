// The same kernel behaviour through MSW on the fixture's "real" host.
import { describe } from 'vitest';
import { mswHandlers } from '../../emulators/kernel/msw.ts';
import { createSandbox } from '../../emulators/kernel/sandbox.ts';
import { useMsw } from '../helpers/msw.ts';
import { fixtureProvider } from './fixture-provider.ts';
import { kernelCases } from './kernel.cases.ts';

describe('kernel through MSW', () => {
  const sandbox = createSandbox({ modules: [fixtureProvider], logError: () => {}, mswBridge: mswHandlers });
  useMsw(() => sandbox.handlers());
  kernelCases({ base: () => 'https://api.fixture.test', sandbox: () => sandbox });
});
