// The `pasarela` command as a user runs it: separate processes, real ports, exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exited, randomBase as port, run, useStart } from '../helpers/cli.ts';

const start = useStart();

describe('pasarela CLI', () => {
  it('--help lists the commands; no command prints help and fails; --version prints the version', { timeout: 60_000 }, async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const word of ['start', 'contract', 'scenarios', '--state-file', '--config', '--target', '--reporter junit']) expect(help.stdout).toContain(word);
    expect((await run([])).code).toBe(1);
    expect((await run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('scenarios prints the catalog as text, JSON and Markdown', { timeout: 60_000 }, async () => {
    const json = JSON.parse((await run(['scenarios', '--provider', 'placetopay', '--format', 'json'])).stdout) as Record<string, { id: string; live: boolean }[]>;
    expect(json.placetopay!.find((s) => s.id === 'visa-approved')).toMatchObject({ live: true, trigger: { cards: expect.arrayContaining(['4110760000000081']) } });
    expect((await run(['scenarios', '--format', 'markdown'])).stdout).toMatch(/^\| id \| what happens/);
    expect((await run(['scenarios'])).stdout).toContain('visa-approved');
  });

  it('usage errors are one line on stderr with exit code 1', { timeout: 60_000 }, async () => {
    for (const args of [['frobnicate'], ['scenarios', '--provider', 'stripe'], ['start', '--port', 'abc'], ['start', '--bogus'], ['contract', '--target', 'prod']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^pasarela: /);
    }
  });

  it('start prints every URL, answers health on 127.0.0.1, and stops cleanly on SIGTERM', async () => {
    const base = port();
    const { child, banner } = await start(['--port', String(base)]);
    expect(banner).toContain(`http://127.0.0.1:${base}`);
    expect(banner).toContain(`http://127.0.0.1:${base + 4}`);
    expect(banner).toContain('login=sandbox-login');
    const health = (await (await fetch(`http://127.0.0.1:${base + 4}/__admin/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    expect((await fetch(`http://127.0.0.1:${base}/__admin/health`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('a taken port and a bad config file are one-line errors, exit 1', async () => {
    const base = port();
    await start(['--port', String(base)]);
    const taken = await run(['start', '--port', String(base)]);
    expect(taken.code).toBe(1);
    expect(taken.stderr.trim()).toBe(`pasarela: 127.0.0.1:${base} (control) is already in use; stop the process that holds it or start with --port <another base>`);
    const dir = mkdtempSync(join(tmpdir(), 'pasarela-cli-'));
    writeFileSync(join(dir, 'bad.json'), '{"placetopay": [{"login": 1}]}');
    const bad = await run(['start', '--port', String(port()), '--config', join(dir, 'bad.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^pasarela: .*bad\.json: placetopay\[0\]/);
  });

  it('a state file that is not a valid snapshot is one line naming the file and the problem, exit 1, and stays untouched', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasarela-cli-'));
    for (const content of ['{"version":1}', '{"version":1,"providers":{"tpaga":{"merchants":null}}}', '{"version":1,"providers":{"tpaga":{"merchants":{"sandbox-public-key":5}}}}']) {
      const file = join(dir, 'state.json');
      writeFileSync(file, content);
      const r = await run(['start', '--port', String(port()), '--state-file', file]);
      expect(r.code, content).toBe(1);
      expect(r.stderr.trim().split('\n'), content).toHaveLength(1);
      expect(r.stderr, content).toMatch(new RegExp(`^pasarela: state file .*state\\.json: `));
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
  });

  it('--host 0.0.0.0 warns and refuses admin calls without a token; with --admin-token it prints a one-time inspector login', async () => {
    const base = port();
    const open = await start(['--port', String(base), '--providers', 'tpaga', '--host', '0.0.0.0']);
    expect(open.banner).toMatch(/warning: listening on 0\.0\.0\.0, beyond this machine, without --admin-token/);
    expect((await fetch(`http://127.0.0.1:${base}/__admin/journal`)).status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${base + 2}/__admin/reset`, { method: 'POST' })).status).toBe(403);
    open.child.kill('SIGKILL');
    await exited(open.child);

    const base2 = port();
    const guarded = await start(['--port', String(base2), '--providers', 'tpaga', '--host', '0.0.0.0', '--admin-token', 'cli-admin-token-1']);
    const login = /inspector login \(once\)\s+(\S+)/.exec(guarded.banner)?.[1];
    expect(login).toMatch(/\/__admin\/login\?code=/);
    expect((await fetch(`http://127.0.0.1:${base2}/__admin/journal`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${base2}/__admin/journal`, { headers: { authorization: 'Bearer cli-admin-token-1' } })).status).toBe(200);
    const res = await fetch(login!.replace('0.0.0.0', '127.0.0.1'), { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/^pasarela_admin=/);
  });

  it('--state-file keeps sessions across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasarela-cli-'));
    const state = join(dir, 'state.json');
    const base = port();
    const first = await start(['--port', String(base), '--providers', 'placetopay', '--state-file', state]);
    const { PlacetoPay } = await import('../../clients/placetopay/index.ts');
    const client = new PlacetoPay({ login: 'sandbox-login', secretKey: 'sandbox-secret-key', baseUrl: `http://127.0.0.1:${base + 4}` });
    const created = await client.createSession({ payment: { reference: 'RESTART', amount: { currency: 'COP', total: 1 } }, ipAddress: '1.1.1.1', userAgent: 't', returnUrl: 'https://s.t/r' });
    first.child.kill('SIGINT');
    await exited(first.child);
    await start(['--port', String(base), '--providers', 'placetopay', '--state-file', state]);
    expect((await client.query(created.requestId)).request.payment?.reference).toBe('RESTART');
  });

  // The contract command runs a whole vitest in a child process: allow for a busy machine.
  it('contract --target live without credentials reports the suite skipped with the reason, and succeeds', { timeout: 120_000 }, async () => {
    const r = await run(['contract', '--target', 'live', '--provider', 'placetopay'], { PLACETOPAY_LOGIN: '', PLACETOPAY_SECRET_KEY: '' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('skipped, set PLACETOPAY_LOGIN and PLACETOPAY_SECRET_KEY');
    expect(r.stdout).toMatch(/skipped \(\d+\)|\d+ skipped/);
  });

  it('contract --target live runs against an emulator in another process at another URL, with a JUnit report', { timeout: 120_000 }, async () => {
    const base = port();
    await start(['--port', String(base), '--providers', 'placetopay']);
    const dir = mkdtempSync(join(tmpdir(), 'pasarela-cli-'));
    const junit = join(dir, 'report.xml');
    const r = await run(['contract', '--target', 'live', '--provider', 'placetopay', '--reporter', 'junit', '--output', junit], {
      PLACETOPAY_LOGIN: 'sandbox-login',
      PLACETOPAY_SECRET_KEY: 'sandbox-secret-key',
      PLACETOPAY_BASE_URL: `http://127.0.0.1:${base + 4}`,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\d+ passed/);
    const { readFileSync } = await import('node:fs');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain(`placetopay contract (live http://127.0.0.1:${base + 4})`);
    expect(xml).toMatch(/failures="0"/);
  });
});
