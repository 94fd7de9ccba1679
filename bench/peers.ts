/**
 * `--peers`: WireMock and Prism serving the same create-session request shape, installed
 * apart from the package (`npm --prefix bench/peers ci`, pinned in bench/peers/).
 * They have no probe: their CPU time is read from /proc/<pid>/stat.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from './processes.ts';

const peers = fileURLToPath(new URL('./peers/', import.meta.url));
const WIREMOCK_JAR = join(peers, 'node_modules/wiremock/build/wiremock-standalone-3.13.2.jar');
const PRISM = join(peers, 'node_modules/@stoplight/prism-cli/dist/index.js');
const PRISM_SPEC = join(peers, 'placetopay-session.openapi.yaml');

export const PEERS_INSTALL = 'npm --prefix bench/peers ci';

/** Why the peers cannot run, or undefined when they can. */
export function peersMissing(): string | undefined {
  if (!existsSync(WIREMOCK_JAR) || !existsSync(PRISM)) return `WireMock and Prism are not installed: run \`${PEERS_INSTALL}\` (Java 17+ for WireMock)`;
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    return 'WireMock needs `java` on PATH';
  }
  return undefined;
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** utime + stime of a process (all its threads), µs; resolution one clock tick. */
function procCpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS) * 1e6;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Polls until `probe` answers 200 (the peers print nothing reliable when ready). */
async function ready(name: string, child: ChildProcess, probe: () => Promise<Response>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`bench: ${name} exited with ${child.exitCode}`);
    const res = await probe().catch(() => undefined);
    if (res) {
      const text = await res.text();
      if (res.status === 200) return;
      throw new Error(`bench: ${name} answered ${res.status} to the create-session request: ${text.slice(0, 500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`bench: ${name} did not answer within ${timeoutMs / 1000} s`);
}

function server(name: string, child: ChildProcess, port: number, cleanup = () => {}): Server {
  return {
    name,
    port,
    cpuMicros: async () => procCpuMicros(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => (cleanup(), resolve());
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => (clearTimeout(timer), done()));
        child.kill('SIGTERM');
      }),
  };
}

/** A create-session request as the load sends it, to check a peer answers 200 before it is measured. */
export interface SampleRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * WireMock standalone: one stub for POST /api/session matching the body by JSON path
 * (`$.auth.login`, `$.payment.reference`) and answering the emulator's answer. The
 * request journal is on, as by default, but bounded to the emulator's 1,000 entries:
 * unbounded, its growth over the rounds would slow WireMock down and flatter the ratio.
 */
export async function startWireMock(answer: string, sample: SampleRequest): Promise<Server> {
  const rootDir = mkdtempSync(join(tmpdir(), 'pasarela-bench-wiremock-'));
  mkdirSync(join(rootDir, 'mappings'));
  mkdirSync(join(rootDir, '__files'));
  const mapping = {
    request: {
      method: 'POST',
      urlPath: '/api/session',
      headers: { 'Content-Type': { contains: 'application/json' } },
      bodyPatterns: [{ matchesJsonPath: '$.auth.login' }, { matchesJsonPath: '$.payment.reference' }],
    },
    response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: answer },
  };
  writeFileSync(join(rootDir, 'mappings/create-session.json'), JSON.stringify(mapping, null, 2));
  const port = await freePort();
  const child = spawn('java', ['-jar', WIREMOCK_JAR, '--port', String(port), '--bind-address', '127.0.0.1', '--root-dir', rootDir, '--disable-banner', '--max-request-journal-entries', '1000'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const s = server('WireMock 3.13.2', child, port, () => rmSync(rootDir, { recursive: true, force: true }));
  return readyOrStopped('WireMock', s, child, sample);
}

/** The server once it answers the sample request; stopped (and its files removed) when it never does. */
async function readyOrStopped(name: string, s: Server, child: ChildProcess, sample: SampleRequest): Promise<Server> {
  try {
    await ready(name, child, () => fetch(`http://127.0.0.1:${s.port}/api/session`, { method: 'POST', headers: sample.headers, body: sample.body }));
  } catch (e) {
    await s.stop();
    throw e;
  }
  return s;
}

/** Prism 5.14.2 mocking bench/peers/placetopay-session.openapi.yaml: validates each body, answers the example. */
export async function startPrism(sample: SampleRequest): Promise<Server> {
  const port = await freePort();
  // Its log goes to /dev/null: still formatted per request, as Prism's default does.
  const child = spawn(process.execPath, [PRISM, 'mock', '-h', '127.0.0.1', '-p', String(port), PRISM_SPEC], { stdio: ['ignore', 'ignore', 'inherit'] });
  const s = server('Prism 5.14.2', child, port);
  return readyOrStopped('Prism', s, child, sample);
}
