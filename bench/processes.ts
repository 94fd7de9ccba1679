/**
 * The measured servers, each in its own process: the two baselines (bench/servers/) and
 * the CLI exactly as users start it (`node bin/pasarela.js start --port 0`, running the
 * built dist/). Each has bench/servers/probe.mjs preloaded, which answers CPU time and
 * memory over IPC; peers without a probe read /proc instead (peers.ts).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Server {
  name: string;
  port: number;
  /** CPU time (user + system) of the server process so far, in µs. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

export interface ProbedServer extends Server {
  /** Memory after a forced GC. */
  memory(): Promise<NodeJS.MemoryUsage>;
}

const root = new URL('..', import.meta.url);
const path = (p: string) => fileURLToPath(new URL(p, root));
export const PROBE = path('bench/servers/probe.mjs');
export const CLI = path('bin/pasarela.js');

interface Usage {
  cpu: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
  gc: boolean;
}

let asked = 0;
function usage(child: ChildProcess, gc: boolean): Promise<Usage> {
  const id = ++asked;
  return new Promise((resolve, reject) => {
    const onMessage = (m: { probe?: string; id?: number } & Usage) => {
      if (m?.probe !== 'usage' || m.id !== id) return;
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
    if (!child.send({ probe: 'usage', id, gc })) reject(new Error('bench: the server has no IPC channel'));
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
      child.kill('SIGTERM');
    });
}

function probed(name: string, child: ChildProcess, port: number): ProbedServer {
  return {
    name,
    port,
    cpuMicros: async () => {
      const { cpu } = await usage(child, false);
      return cpu.user + cpu.system;
    },
    memory: async () => {
      const u = await usage(child, true);
      if (!u.gc) throw new Error(`bench: ${name} runs without --expose-gc`);
      return u.memory;
    },
    stop: stopper(child),
  };
}

/** A baseline server from bench/servers/ (TypeScript through tsx: the loader costs at import only). */
export async function startBaseline(name: string, file: 'bare.ts' | 'hono.ts', answer: string): Promise<ProbedServer> {
  const child = fork(path(`bench/servers/${file}`), [], {
    execArgv: ['--import', 'tsx', '--expose-gc', '--import', PROBE],
    env: { ...process.env, BENCH_ANSWER: answer },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const onMessage = (m: { port?: number }) => {
      if (typeof m?.port !== 'number') return;
      child.off('message', onMessage);
      resolve(m.port);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`bench: ${file} exited with ${code}`)));
  });
  return probed(name, child, port);
}

/** The listeners the CLI prints at start, by the label it prints. */
export interface CliUrls {
  control: string;
  placetopay: string;
  puntopagos: string;
  tpaga: string;
  payture: string;
}

const LABELS: [keyof CliUrls, RegExp][] = [
  ['control', /^\s*inspector & admin API\s+(http:\/\/\S+)/m],
  ['puntopagos', /^\s*PuntoPagos\s+(http:\/\/\S+)/m],
  ['tpaga', /^\s*Tpaga\s+(http:\/\/\S+)/m],
  ['payture', /^\s*Payture\s+(http:\/\/\S+)/m],
  ['placetopay', /^\s*PlacetoPay WebCheckout\s+(http:\/\/\S+)/m],
];

/** Reads the CLI's banner from stdout until every wanted listener is printed. */
function cliUrls(child: ChildProcess, want: readonly (keyof CliUrls)[] = LABELS.map(([k]) => k)): Promise<CliUrls> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const found = LABELS.filter(([k]) => want.includes(k)).map(([k, re]) => [k, re.exec(out)?.[1]] as const);
      if (found.every(([, url]) => url)) resolve(Object.fromEntries(found) as unknown as CliUrls);
    });
    child.once('exit', (code) => reject(new Error(`bench: pasarela start exited with ${code} before it printed its listeners\n${out}${err}`)));
  });
}

export interface Cli extends ProbedServer {
  urls: CliUrls;
}

type Provider = Exclude<keyof CliUrls, 'control'>;

/**
 * `node --expose-gc --import probe.mjs bin/pasarela.js start --port 0`: the CLI as users run
 * it, plus the probe. `bin` runs another checkout's build (bench/ab.ts); with `providers`,
 * only those start, and only their URLs (and the control one) are filled in.
 */
export async function startCli(opts: { bin?: string; providers?: readonly Provider[] } = {}): Promise<Cli> {
  const args = ['start', '--port', '0', ...(opts.providers ? ['--providers', opts.providers.join(',')] : [])];
  const child = fork(opts.bin ?? CLI, args, { execArgv: ['--expose-gc', '--import', PROBE], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const urls = await cliUrls(child, opts.providers ? ['control', ...opts.providers] : undefined);
  // Keep reading, so a full pipe never blocks the server.
  child.stdout!.resume();
  child.stderr!.resume();
  const first = opts.providers?.[0] ?? 'placetopay';
  return { ...probed('pasarela start', child, Number(new URL(urls[first]).port)), urls };
}

/** Health endpoint of each of the five listeners. */
export const healthUrls = (urls: CliUrls) => Object.values(urls).map((u: string) => `${u}/__admin/health`);

/**
 * Startup as users see it: from spawning `node bin/pasarela.js start --port 0` (no probe)
 * to all five listeners answering their health endpoint. Milliseconds.
 */
export async function timeStartup(): Promise<{ ms: number; bannerMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'start', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const urls = await cliUrls(child);
    const bannerMs = performance.now() - t0;
    const pending = new Set(healthUrls(urls));
    while (pending.size) {
      await Promise.all(
        [...pending].map(async (u) => {
          const res = await fetch(u).catch(() => undefined);
          if (res?.status === 200) pending.delete(u);
          await res?.arrayBuffer();
        }),
      );
    }
    return { ms: performance.now() - t0, bannerMs };
  } finally {
    await stopper(child)();
  }
}

/**
 * Fails when bin/pasarela.js would run the TypeScript source instead of dist/: the same
 * test it makes (the build stamp newer than every source file).
 */
export function assertBuilt(): void {
  const stamp = path('dist/.built');
  if (!existsSync(stamp) || !existsSync(path('dist/emulators/cli.js'))) throw new Error('bench: dist/ is not built; run `node scripts/build.mjs` (npm run bench does)');
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      newest = Math.max(newest, e.isDirectory() ? (walk(p), 0) : statSync(p).mtimeMs);
    }
  };
  for (const dir of ['emulators', 'clients', 'contracts', 'scenarios']) walk(path(dir));
  if (statSync(stamp).mtimeMs < newest) throw new Error('bench: dist/ is older than the sources, so the CLI would run them through tsx; run `node scripts/build.mjs` (npm run bench does)');
}
