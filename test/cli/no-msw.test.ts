// The CLI serves ports only, so it starts without loading msw (msw was a third of its
// start). A resolve hook makes any import of msw fail; the same hook is shown to catch the
// library entry, which does load it.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
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
});
