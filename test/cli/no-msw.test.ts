// The CLI and the pasarela/vitest global setup serve ports only, so they start without
// loading msw (msw was a third of the CLI's start). A resolve hook makes any import of msw
// fail; the same hook is shown to catch the library entry, which does load it.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createSandbox as createLibrarySandbox } from '../../emulators/index.ts';
import { createSandbox } from '../../emulators/sandbox.ts';
import { BIN, exited, useStart } from '../helpers/cli.ts';

const hooks = `export async function resolve(s, c, next) { if (s === 'msw' || s.startsWith('msw/')) throw new Error('msw imported by ' + c.parentURL); return next(s, c); }`;
const refuseMsw = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`)}`;

describe('msw stays out of what does not serve MSW', () => {
  const start = useStart();

  it('pasarela start answers health with msw unresolvable', async () => {
    const { child, banner } = await start(['--port', '0', '--providers', 'placetopay'], ['--import', refuseMsw]);
    const control = /(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1];
    const res = await fetch(`${control}/__admin/health`);
    expect(res.status).toBe(200);
    child.kill('SIGINT');
    await exited(child);
  });

  it('the pasarela/vitest global setup serves the ports with msw unresolvable', async () => {
    const entry = new URL('../../emulators/vitest.ts', import.meta.url).href;
    // The setup's provided control URL is asked for health inside the child, then torn down.
    const script = `const { createGlobalSetup } = await import(${JSON.stringify(entry)});
      let urls; const teardown = await createGlobalSetup({ providers: ['tpaga'] })({ provide: (_k, v) => (urls = v.urls) });
      const res = await fetch(urls.control + '/__admin/health'); await teardown(); process.stdout.write(String(res.status));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', refuseMsw, '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    expect(await exited(child), out).toBe(0);
    expect(out).toBe('200');
  });

  it('the hook does catch an import of msw (the library entry)', async () => {
    const entry = new URL('../../emulators/index.ts', import.meta.url).href;
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', refuseMsw, '--input-type=module', '-e', `await import(${JSON.stringify(entry)})`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    expect(await exited(child)).not.toBe(0);
    expect(err).toContain('msw imported by');
  });

  it('a sandbox made without the bridge says where MSW handlers come from', () => {
    expect(() => createSandbox({ providers: ['tpaga'] }).handlers()).toThrow(/without MSW.*'pasarela'/);
  });

  it("the library entry's sandbox has its handlers even when options spell mswBridge: undefined", () => {
    expect(createLibrarySandbox({ providers: ['tpaga'], mswBridge: undefined }).handlers()).toHaveLength(1);
  });
});
