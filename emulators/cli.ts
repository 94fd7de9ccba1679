/**
 * The `pasarela` command: start the emulators, run the contract suites, print the
 * scenario catalog. Errors the user can fix are one line on stderr and exit code 1.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSandbox } from './sandbox.ts';
import { DEFAULT_BASE_PORT, DEFAULT_HOST } from './kernel/sandbox.ts';
import { providers } from './registry.ts';
import { CaseFileError, loadDeviations, type ConformanceCase } from './conformance/case.ts';
import { LIVE, liveBaseUrl, liveCredentials } from './conformance/live.ts';
import { startRecorder, type Recorder } from './conformance/record.ts';
import { formatResult, junitReport, loadInputs, summary, verifyAll } from './conformance/verify.ts';
import { ConfigError } from './kernel/config.ts';
import { keepStateFile, StateFileError } from './kernel/persist.ts';
import { PortInUseError } from './kernel/server.ts';
import { formatScenarios, writeScenarioDocs } from './scenario-tables.ts';
import { VERSION } from './version.ts';

const HELP = `pasarela ${VERSION}: local sandbox for PuntoPagos, Tpaga, Payture and PlacetoPay

Usage:
  pasarela start [--host ${DEFAULT_HOST}] [--port ${DEFAULT_BASE_PORT}] [--providers a,b] [--state-file F] [--config F]
                 [--seed N] [--freeze-at ISO-DATE] [--admin-token T] [--allow-host NAME]
      Starts one emulator per provider on base port + offset (PuntoPagos +1, Tpaga +2,
      Payture +3, PlacetoPay +4) and the inspector/admin API on the base port.
      --port 0 picks free ports. The admin API answers loopback hosts only (--allow-host
      adds a name); beyond loopback (--host 0.0.0.0) it needs --admin-token T (or
      PASARELA_ADMIN_TOKEN): send "Authorization: Bearer T", or open the one-time
      inspector login URL printed at start.

  pasarela contract [--target emulator|live] [--provider P] [--reporter junit] [--output F] [--record DIR]
      Runs the contract suites. "emulator" (default) starts the emulators in process;
      "live" calls the providers' sandboxes with credentials from the environment:
      ${providers.map((p) => p.id.toUpperCase() + '_*').join(', ')} (see README), or reports the suite skipped.
      --record DIR (live only) records every exchange as a conformance case under DIR.

  pasarela record --provider P [--target live] [--out DIR] [--port N] [--host H] [--upstream URL]
      A recording proxy on the provider's port (base ${DEFAULT_BASE_PORT} + offset; --port 0 picks one):
      point your code at it instead of the sandbox. It forwards to the real sandbox
      (--upstream, or P_BASE_URL, or the known sandbox URL), returns its answer unchanged and
      writes each exchange to DIR/P/ (default ./pasarela-recordings) as a conformance case,
      redacted first; set the same P_* credential variables as the contract suites so that
      your credentials are replaced too. One line per exchange; Ctrl+C stops.

  pasarela verify [FILES|DIR...] [--reporter junit] [--output F] [--deviations F]
      Replays case files, VCR cassettes (.yml) and HAR files (.har) against a fresh emulator
      per case and prints each match or the differences, path by path. Exit code 1 when any
      case differs. Default: ./pasarela-recordings.

  pasarela scenarios [--provider P] [--format table|json|markdown]
      Prints the scenario catalog: test cards, magic values and outcome ids.

  pasarela --help | --version
`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 1;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  try {
    switch (command) {
      case 'start':
        return await start(rest);
      case 'contract':
        return await contract(rest);
      case 'scenarios':
        return scenarios(rest);
      case 'record':
        return await record(rest);
      case 'verify':
        return await verify(rest);
      default:
        throw new UsageError(`unknown command "${command}" (try pasarela --help)`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof PortInUseError || e instanceof ConfigError || e instanceof StateFileError || e instanceof CaseFileError || isParseArgsError(e)) {
      process.stderr.write(`${e.message.startsWith('pasarela') ? '' : 'pasarela: '}${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

const isParseArgsError = (e: unknown): e is Error => (e as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS') ?? false;

function providerList(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of ids) {
    if (!providers.some((p) => p.id === id)) throw new UsageError(`unknown provider "${id}" (known: ${providers.map((p) => p.id).join(', ')})`);
  }
  return ids;
}

async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: 'string', default: DEFAULT_HOST },
      port: { type: 'string', default: String(DEFAULT_BASE_PORT) },
      providers: { type: 'string' },
      'state-file': { type: 'string' },
      config: { type: 'string' },
      seed: { type: 'string' },
      'freeze-at': { type: 'string' },
      'admin-token': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 - 10) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  if (values['freeze-at'] && Number.isNaN(Date.parse(values['freeze-at']))) throw new UsageError('--freeze-at must be an ISO 8601 date-time');

  const adminToken = values['admin-token'] ?? (process.env.PASARELA_ADMIN_TOKEN || undefined);
  if (adminToken !== undefined && adminToken.length < 8) throw new UsageError('--admin-token must be at least 8 characters');
  const allowHosts = (values['allow-host'] ?? []).flatMap((h) => h.split(',')).map((h) => h.trim()).filter(Boolean);
  const sandbox = createSandbox({ providers: providerList(values.providers), configFile: values.config, seed, freezeAt: values['freeze-at'], admin: { token: adminToken, allowHosts } });
  const stateFile = values['state-file'] ? resolve(values['state-file']) : undefined;
  const persister = stateFile ? keepStateFile(sandbox, stateFile) : undefined;
  const { urls } = await sandbox.start({ host: values.host, port });
  const lines = [`Pasarela ${VERSION}: payment gateway sandbox`, `  inspector & admin API   ${urls.control}`];
  for (const id of sandbox.providers) {
    const p = sandbox.provider(id);
    const creds = p.merchants.list().slice(0, 3).map((m) => Object.entries(p.module.describeMerchant(m)).filter(([k]) => !k.endsWith('Url')).map(([k, v]) => `${k}=${v}`).join(' '));
    lines.push(`  ${p.module.title.padEnd(24)}${urls[id]}   ${creds.join(' | ')}`);
  }
  if (stateFile) lines.push(`  state file              ${stateFile}`);
  const login = sandbox.loginUrl();
  if (login) lines.push(`  inspector login (once)  ${login}`);
  if (sandbox.exposed)
    process.stderr.write(
      adminToken
        ? `pasarela: warning: listening on ${values.host}, beyond this machine. The admin API and the inspector need the admin token.\n`
        : `pasarela: warning: listening on ${values.host}, beyond this machine, without --admin-token: the admin API and the inspector refuse every call.\n`,
    );
  lines.push('Press Ctrl+C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);

  await new Promise<void>((done) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) process.exit(130);
      stopping = true;
      process.stdout.write(`\n${signal}: stopping…\n`);
      persister?.flush();
      await sandbox.stop();
      done();
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
  return 0;
}

/** The package root: where package.json is, for source and built layouts alike. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('pasarela: cannot find the package root');
    dir = up;
  }
  return dir;
}

async function contract(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      target: { type: 'string', default: 'emulator' },
      provider: { type: 'string' },
      reporter: { type: 'string' },
      output: { type: 'string' },
      record: { type: 'string' },
    },
    strict: true,
  });
  if (values.target !== 'emulator' && values.target !== 'live') throw new UsageError('--target must be "emulator" or "live"');
  if (values.reporter && values.reporter !== 'junit') throw new UsageError('--reporter supports "junit"');
  if (values.record !== undefined && values.target !== 'live') throw new UsageError('--record needs --target live: it records the real sandbox');
  const only = providerList(values.provider);
  let startVitest: typeof import('vitest/node').startVitest;
  try {
    ({ startVitest } = await import('vitest/node'));
  } catch {
    throw new UsageError('the contract suites run on vitest: install it next to pasarela (npm i -D vitest)');
  }
  const root = packageRoot();
  const built = import.meta.url.endsWith('.js');
  const dir = built ? 'dist/contracts/suites' : 'contracts/suites';
  const ext = built ? 'js' : 'ts';
  const include = (only ?? providers.map((p) => p.id)).map((id) => `${dir}/${id}.contract.${ext}`).filter((f) => existsSync(join(root, f)));
  if (include.length === 0) throw new UsageError(`no contract suite for ${only?.join(', ') ?? 'any provider'}`);
  process.env.PASARELA_TARGET = values.target;
  const output = values.output ?? 'pasarela-contract.junit.xml';
  // --record: each suite talks to a recording proxy in this process, which forwards to its sandbox.
  const recorders: Recorder[] = [];
  if (values.record !== undefined) {
    for (const id of only ?? providers.map((p) => p.id)) {
      const live = LIVE[id];
      if (!live) continue;
      const upstream = liveBaseUrl(id);
      const recorder = await startRecorder({ module: providers.find((p) => p.id === id)!, upstream, outDir: resolve(values.record), credentials: liveCredentials(id), note: 'pasarela contract --target live --record' });
      recorders.push(recorder);
      process.env[live.baseUrlEnv] = recorder.url + new URL(upstream).pathname.replace(/\/+$/, '');
    }
  }
  const vitest = await startVitest(
    'test',
    [],
    {
      run: true,
      watch: false,
      root,
      config: false,
      include,
      exclude: [],
      reporters: values.reporter === 'junit' ? ['verbose', 'junit'] : ['verbose'],
      outputFile: values.reporter === 'junit' ? { junit: resolve(output) } : undefined,
      testTimeout: values.target === 'live' ? 60_000 : 15_000,
    },
    { server: { watch: null } },
  );
  await vitest.close();
  for (const r of recorders) await r.close();
  if (recorders.length) process.stdout.write(`recorded ${recorders.reduce((n, r) => n + r.files.length, 0)} exchanges under ${resolve(values.record!)}\n`);
  const failed = vitest.state.getCountOfFailedTests() > 0 || vitest.state.getUnhandledErrors().length > 0 || process.exitCode === 1;
  return failed ? 1 : 0;
}

function scenarios(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      provider: { type: 'string' },
      format: { type: 'string', default: 'table' },
      'write-docs': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const format = values.format;
  if (format !== 'table' && format !== 'json' && format !== 'markdown') throw new UsageError('--format must be table, json or markdown');
  const ids = providerList(values.provider) ?? providers.map((p) => p.id);
  if (values['write-docs']) {
    for (const id of ids) {
      const file = join(packageRoot(), 'docs', `${id}.md`);
      if (!existsSync(file)) throw new UsageError(`docs/${id}.md does not exist`);
      writeScenarioDocs(file, providers.find((p) => p.id === id)!);
    }
    return 0;
  }
  process.stdout.write(formatScenarios(ids.map((id) => providers.find((p) => p.id === id)!), format));
  return 0;
}

async function record(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      provider: { type: 'string' },
      target: { type: 'string', default: 'live' },
      out: { type: 'string', default: 'pasarela-recordings' },
      port: { type: 'string' },
      host: { type: 'string', default: DEFAULT_HOST },
      upstream: { type: 'string' },
    },
    strict: true,
  });
  if (values.target !== 'live') throw new UsageError('--target must be "live": record forwards to the real sandbox');
  const [id, ...more] = providerList(values.provider) ?? [];
  if (!id || more.length) throw new UsageError('--provider names one provider to record');
  const module = providers.find((p) => p.id === id)!;
  const port = values.port === undefined ? DEFAULT_BASE_PORT + module.portOffset : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  const upstream = values.upstream ?? liveBaseUrl(id);
  if (!/^https?:\/\/[^/]/.test(upstream)) throw new UsageError(`--upstream must be an http(s) URL, not "${upstream}"`);
  const credentials = liveCredentials(id);
  let recorder: Recorder;
  try {
    recorder = await startRecorder({ module, upstream, outDir: resolve(values.out), credentials, host: values.host, port, log: (line) => process.stdout.write(`${line}\n`) });
  } catch (e) {
    if ((e as { code?: string }).code === 'EADDRINUSE') throw new UsageError(`${values.host}:${port} is already in use (an emulator?); stop it or pass --port`);
    throw e;
  }
  const prefix = new URL(upstream).pathname.replace(/\/+$/, '');
  const missing = Object.values(LIVE[id]!.env).filter((name) => !process.env[name]);
  process.stdout.write(
    [
      `Recording ${module.title}: ${recorder.url}${prefix} → ${upstream}`,
      `  cases in ${join(resolve(values.out), id)}/`,
      missing.length ? `  warning: ${missing.join(', ')} not set: those credentials are hidden as [redacted], and requests that need them will not replay` : `  your ${Object.keys(LIVE[id]!.env).join(' and ')} are replaced by the emulator's in every file`,
      'Press Ctrl+C to stop.',
    ].join('\n') + '\n',
  );
  await new Promise<void>((done) => {
    const stop = async () => {
      await recorder.close();
      process.stdout.write(`\nrecorded ${recorder.files.length} exchange${recorder.files.length === 1 ? '' : 's'}\n`);
      done();
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });
  return 0;
}

/** Whether a case's requests carry an authentication header that redaction hid. */
function hidesCredentials(c: ConformanceCase): boolean {
  return [...(c.setup?.steps ?? []).map((s) => s.request), c.request].some((r) => Object.entries(r.headers ?? {}).some(([k, v]) => /^(authorization|autorizacion)$/i.test(k) && v.includes('[redacted]') && !r.resign));
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      reporter: { type: 'string' },
      output: { type: 'string' },
      deviations: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.reporter && values.reporter !== 'junit') throw new UsageError('--reporter supports "junit"');
  const paths = positionals.length ? positionals : ['pasarela-recordings'];
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`${p} does not exist`);
  const deviations = values.deviations ? loadDeviations(values.deviations) : undefined;
  const { inputs, failures } = loadInputs(paths, providers);
  if (inputs.length === 0 && failures.length === 0) throw new UsageError(`no case files, cassettes or HAR files in ${paths.join(', ')}`);
  for (const f of failures) process.stdout.write(`${formatResult(f)}\n`);
  const results = [...failures, ...(await verifyAll(inputs, providers, deviations, (r) => process.stdout.write(`${formatResult(r)}\n`)))];
  process.stdout.write(`${summary(results)}\n`);
  const hidden = [...new Set(inputs.filter((i) => results.some((r) => !r.ok && r.id === i.case.id) && hidesCredentials(i.case)).map((i) => i.case.provider))];
  for (const id of hidden)
    process.stdout.write(`note: ${id} requests carry credentials hidden as [redacted]; set ${Object.values(LIVE[id]?.env ?? {}).join(' and ')} to the recording's own so that they are replaced by the emulator's instead\n`);
  if (values.reporter === 'junit') {
    const output = resolve(values.output ?? 'pasarela-verify.junit.xml');
    writeFileSync(output, junitReport(results));
    process.stdout.write(`JUnit report: ${output}\n`);
  }
  return results.every((r) => r.ok) ? 0 : 1;
}
