import { defineConfig } from 'vitest/config';

// One line: the emulators start once per run on free ports; tests get their URLs with inject().
export default defineConfig({ test: { globalSetup: ['pasarela/vitest'] } });
