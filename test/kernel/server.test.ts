// Node listeners: loopback by default, a clear error for a taken port, graceful stop.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../emulators/kernel/sandbox.ts';
import { PortInUseError } from '../../emulators/kernel/server.ts';
import { fixtureProvider } from './fixture-provider.ts';

async function freePortBase(): Promise<number> {
  // A base whose provider port (base + 9) is free too; retried a few times.
  for (let i = 0; i < 20; i++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const ok = await Promise.all([base, base + 9].map((p) => new Promise<boolean>((resolve) => {
      const s = createServer().once('error', () => resolve(false)).listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
    })));
    if (ok.every(Boolean)) return base;
  }
  throw new Error('no free port');
}

describe('listeners', () => {
  it('listen on 127.0.0.1 by default, at base and base + offset', async () => {
    const base = await freePortBase();
    const sandbox = createSandbox({ modules: [fixtureProvider] });
    const { urls } = await sandbox.start({ port: base });
    expect(urls).toEqual({ control: `http://127.0.0.1:${base}`, fixture: `http://127.0.0.1:${base + 9}` });
    expect((await fetch(`${urls.control}/__admin/health`)).status).toBe(200);
    expect(await (await fetch(`${urls.control}/`)).text()).toMatch(/Fixture provider/);
    await sandbox.stop();
    await expect(fetch(`${urls.control}/__admin/health`)).rejects.toThrow();
  });

  it('a taken port is a PortInUseError with one readable line, and nothing stays half-started', async () => {
    const base = await freePortBase();
    const first = createSandbox({ modules: [fixtureProvider] });
    await first.start({ port: base });
    const second = createSandbox({ modules: [fixtureProvider] });
    const error = (await second.start({ port: base }).then(() => undefined, (e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(PortInUseError);
    expect(error.message).toBe(`pasarela: 127.0.0.1:${base} (control) is already in use; stop the process that holds it or start with --port <another base>`);
    expect(error.message).not.toContain('\n');
    expect((await fetch(`http://127.0.0.1:${base + 9}/__admin/health`)).status).toBe(200);
    await first.stop();
  });

  it('stop() releases requests held by a hang fault instead of waiting for them', async () => {
    const sandbox = createSandbox({ modules: [fixtureProvider] });
    const { urls } = await sandbox.start({ port: 0 });
    sandbox.faults.add({ action: { type: 'hang' } });
    const hung = fetch(`${urls.fixture}/slow`).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((r) => setTimeout(r, 50));
    await sandbox.stop();
    expect(await hung).toBe('dropped');
  });
});
