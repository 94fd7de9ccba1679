import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'contracts/suites/*.contract.ts'],
    exclude: ['**/node_modules/**', 'dist/**', '.scratch/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: files run in parallel, tests inside a file run in order.
    maxWorkers: 2,
    env: { PASARELA_TARGET: process.env.PASARELA_TARGET ?? 'emulator' },
  },
});
