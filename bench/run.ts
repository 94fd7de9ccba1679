/**
 * `npm run bench`: throughput and p99 latency of PlacetoPay create-session (auth +
 * validation + store) and query, against a bare node:http server measured in the same
 * run, on loopback; then server memory over 100k requests. Prints ratios, and with
 * `--json FILE` writes the numbers. Servers run in child processes; autocannon here.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { createAuth } from '../clients/placetopay/auth.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 100_000);

interface Server {
  child: ChildProcess;
  port: number;
}

async function startServer(file: string): Promise<Server> {
  const child = fork(new URL(file, import.meta.url).pathname, [], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return { child, port };
}

function memory(server: Server): Promise<{ memory: NodeJS.MemoryUsage; journal?: number; sessions?: number }> {
  return new Promise((resolve) => {
    server.child.once('message', (m) => resolve(m as never));
    server.child.send('memory');
  });
}

const stop = (server: Server) => new Promise<void>((r) => (server.child.once('exit', () => r()), server.child.kill()));

const login = 'sandbox-login';
const secretKey = 'sandbox-secret-key';
const createBody = (i: number) =>
  JSON.stringify({
    auth: createAuth({ login, secretKey }),
    payment: { reference: `BENCH-${i}`, description: 'benchmark', amount: { currency: 'COP', total: 10000 } },
    ipAddress: '127.0.0.1',
    userAgent: 'autocannon',
    returnUrl: 'https://shop.example/return',
  });

interface Measure {
  name: string;
  rps: number;
  p99: number;
  p50: number;
  errors: number;
  non2xx: number;
}

async function measure(name: string, port: number, body: (i: number) => string, path: (i: number) => string, opts: { duration?: number; amount?: number } = {}): Promise<Measure> {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? DURATION }),
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const n = i++;
          return { ...req, path: path(n), headers: { 'content-type': 'application/json' }, body: body(n) };
        },
      },
    ],
  });
  return { name, rps: result.requests.average, p99: result.latency.p99, p50: result.latency.p50, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const out: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memory: mb(totalmem()), durationSeconds: DURATION, connections: CONNECTIONS };
  console.log(`Pasarela benchmark: ${DURATION} s per run, ${CONNECTIONS} connections, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}`);

  const bare = await startServer('./servers/bare.ts');
  await measure('warm-up', bare.port, () => createBody(0), () => '/api/session', { duration: 2 });
  const baseline = await measure('bare node:http (fixed body)', bare.port, (n) => createBody(n), () => '/api/session');
  await stop(bare);

  const sandbox = await startServer('./servers/sandbox.ts');
  await measure('warm-up', sandbox.port, (n) => createBody(-n - 1), () => '/api/session', { duration: 3 });
  const create = await measure('PlacetoPay create-session', sandbox.port, (n) => createBody(n), () => '/api/session');
  const sessions = (await memory(sandbox)).sessions ?? 1;
  const query = await measure('PlacetoPay query', sandbox.port, () => JSON.stringify({ auth: createAuth({ login, secretKey }) }), (n) => `/api/session/${(n % sessions) + 1}`);

  const before = await memory(sandbox);
  await measure('memory run', sandbox.port, () => JSON.stringify({ auth: createAuth({ login, secretKey }) }), (n) => `/api/session/${(n % sessions) + 1}`, { amount: MEMORY_REQUESTS / 2 });
  const middle = await memory(sandbox);
  await measure('memory run', sandbox.port, () => JSON.stringify({ auth: createAuth({ login, secretKey }) }), (n) => `/api/session/${(n % sessions) + 1}`, { amount: MEMORY_REQUESTS / 2 });
  const after = await memory(sandbox);
  await stop(sandbox);

  const rows = [baseline, create, query].map((m) => ({
    run: m.name,
    'req/s': Math.round(m.rps),
    'p50 ms': m.p50,
    'p99 ms': m.p99,
    'vs bare': `${((m.rps / baseline.rps) * 100).toFixed(0)} %`,
    errors: m.errors + m.non2xx,
  }));
  console.table(rows);
  const growth = after.memory.heapUsed - before.memory.heapUsed;
  console.log(
    `memory over ${MEMORY_REQUESTS} queries on ${sessions} stored sessions: heap ${mb(before.memory.heapUsed)} → ${mb(middle.memory.heapUsed)} → ${mb(after.memory.heapUsed)} ` +
      `(${growth >= 0 ? '+' : ''}${mb(growth)}), rss ${mb(after.memory.rss)}, journal ${after.journal} entries (bounded)`,
  );
  console.log(`create-session throughput is ${((create.rps / baseline.rps) * 100).toFixed(0)} % of the bare baseline (target ≥ 40 %)`);
  Object.assign(out, { rows, sessions, heap: { before: before.memory.heapUsed, middle: middle.memory.heapUsed, after: after.memory.heapUsed }, journal: after.journal });
  const jsonAt = process.argv.indexOf('--json');
  if (jsonAt > 0 && process.argv[jsonAt + 1]) writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify(out, null, 2));
  if (rows.some((r) => r.errors > 0)) process.exitCode = 1;
}

await main();
