// Every provider answers fault rules the same way over HTTP and through MSW: network
// error, hang, latency, 5xx in its own format, garbled body. One transport per file
// (process), as in real use: see the mixed-process note in docs/decisions/002.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, providers, type Sandbox } from '../../emulators/index.ts';
import { useMsw } from '../helpers/msw.ts';

export function faultCases(transport: 'http' | 'msw') {
describe(`faults on every provider (${transport})`, () => {
  const sandbox: Sandbox = createSandbox({ logError: () => {}, seed: 3 });
  const bases: Record<string, string> = {};
  if (transport === 'msw') useMsw(() => sandbox.handlers());
  beforeAll(async () => {
    if (transport === 'http') Object.assign(bases, (await sandbox.start({ port: 0 })).urls);
    else for (const p of providers) bases[p.id] = p.hosts[0]!;
  });
  afterAll(() => sandbox.stop());

  describe.each(providers.map((p) => [p.id]))('%s', (id) => {
    const url = () => `${bases[id]}/pasarela-fault-probe`;
    const add = (action: object, extra: object = {}) => sandbox.faults.add({ provider: id, path: '/pasarela-fault-probe', action: action as never, times: 1, ...extra });

    it('5xx carries the provider format (same content type as its own 404)', async () => {
      const normal = await fetch(url());
      add({ type: 'status', status: 503 });
      const faulted = await fetch(url());
      expect(faulted.status).toBe(503);
      expect(faulted.headers.get('content-type')).toBe(normal.headers.get('content-type'));
      expect((await faulted.text()).length).toBeGreaterThan(0);
      expect(sandbox.journal.entries({ provider: id, status: 503 }).at(-1)!.fault).toMatch(/status$/);
    });

    it('network error fails the fetch', async () => {
      add({ type: 'network-error' });
      await expect(fetch(url())).rejects.toThrow();
    });

    it('hang: the client gives up', async () => {
      add({ type: 'hang', ms: 3000 });
      await expect(fetch(url(), { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    });

    it('latency delays the normal answer', async () => {
      add({ type: 'latency', ms: 80 });
      const started = performance.now();
      const res = await fetch(url());
      expect(res.status).toBe(404);
      expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    });

    it('garble keeps the status and cuts the body', async () => {
      const normal = await (await fetch(url())).text();
      add({ type: 'garble' });
      const res = await fetch(url());
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).not.toBe(normal);
      expect(text).toContain('garbled');
    });
  });
});
}
