// The PlacetoPay emulator as `pasarela start` runs it, in its own process.
import { createSandbox } from '../../emulators/index.ts';

const sandbox = createSandbox({ providers: ['placetopay'], logError: () => {} });
const { urls } = await sandbox.start({ port: 0 });
process.send!({ port: Number(new URL(urls.placetopay!).port) });
process.on('message', (m) => {
  if (m === 'memory') {
    globalThis.gc?.();
    process.send!({ memory: process.memoryUsage(), cpu: process.cpuUsage(), journal: sandbox.journal.entries().length, sessions: Object.keys((sandbox.provider('placetopay').store.merchant('sandbox-login') as { sessions: object }).sessions).length });
  }
});
