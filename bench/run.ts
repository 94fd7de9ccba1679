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
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

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

/** Memory (after a forced GC), CPU time so far and, for the sandbox, what it holds. */
function report(server: Server): Promise<{ memory: NodeJS.MemoryUsage; cpu: NodeJS.CpuUsage; journal?: number; sessions?: number }> {
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
  total: number;
}

/**
 * Request bodies made before the run: computing a fresh tranKey per request inside the
 * load generator would make the generator, not the server, the limit of the baseline.
 * Seeds stay valid for 5 minutes, more than a round lasts.
 */
function pool(count: number, make: (i: number) => string): string[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

async function measure(name: string, port: number, bodies: readonly string[], path: (i: number) => string, opts: { duration?: number; amount?: number } = {}): Promise<Measure> {
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
          return { ...req, path: path(n), headers: { 'content-type': 'application/json' }, body: bodies[n % bodies.length] };
        },
      },
    ],
  });
  return {
    name,
    rps: result.requests.average,
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/** Server CPU time per request over a measurement (the other core runs the load). */
async function withCpu(server: Server, run: () => Promise<Measure>): Promise<Measure & { cpuUs: number }> {
  const before = (await report(server)).cpu;
  const m = await run();
  const after = (await report(server)).cpu;
  return { ...m, cpuUs: Math.round((after.user + after.system - before.user - before.system) / Math.max(1, m.total)) };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const out: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memory: mb(totalmem()), durationSeconds: DURATION, connections: CONNECTIONS, rounds: ROUNDS };
  console.log(`Pasarela benchmark: ${ROUNDS} rounds of ${DURATION} s per run, ${CONNECTIONS} connections, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}`);
  const bare = await startServer('./servers/bare.ts');
  const sandbox = await startServer('./servers/sandbox.ts');
  const queryBodies = () => pool(5000, () => JSON.stringify({ auth: createAuth({ login, secretKey }) }));
  await measure('warm-up', bare.port, pool(2000, createBody), () => '/api/session', { duration: 2 });
  await measure('warm-up', sandbox.port, pool(2000, createBody), () => '/api/session', { duration: 3 });

  const rows: Record<string, string | number>[] = [];
  const ratios: { create: number; query: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const bodies = pool(Math.ceil(DURATION * 6000), (i) => createBody(round * 1_000_000 + i));
    const baseline = await withCpu(bare, () => measure('bare node:http (fixed body)', bare.port, bodies, () => '/api/session'));
    const create = await withCpu(sandbox, () => measure('PlacetoPay create-session', sandbox.port, bodies, () => '/api/session'));
    const sessions = (await report(sandbox)).sessions ?? 1;
    const query = await withCpu(sandbox, () => measure('PlacetoPay query', sandbox.port, queryBodies(), (n) => `/api/session/${(n % sessions) + 1}`));
    ratios.push({ create: create.rps / baseline.rps, query: query.rps / baseline.rps });
    for (const m of [baseline, create, query]) {
      rows.push({ round, run: m.name, 'req/s': Math.round(m.rps), 'p50 ms': m.p50, 'p99 ms': m.p99, 'CPU µs/req': m.cpuUs, 'vs bare': `${((m.rps / baseline.rps) * 100).toFixed(0)} %`, errors: m.errors + m.non2xx });
    }
  }
  console.table(rows);
  const createRatio = median(ratios.map((r) => r.create));
  const queryRatio = median(ratios.map((r) => r.query));

  const sessions = (await report(sandbox)).sessions ?? 1;
  const memBodies = queryBodies();
  const before = await report(sandbox);
  await measure('memory run', sandbox.port, memBodies, (n) => `/api/session/${(n % sessions) + 1}`, { amount: MEMORY_REQUESTS / 2 });
  const middle = await report(sandbox);
  await measure('memory run', sandbox.port, memBodies, (n) => `/api/session/${(n % sessions) + 1}`, { amount: MEMORY_REQUESTS / 2 });
  const after = await report(sandbox);
  await stop(bare);
  await stop(sandbox);

  const growth = after.memory.heapUsed - before.memory.heapUsed;
  console.log(
    `memory over ${MEMORY_REQUESTS} queries on ${sessions} stored sessions: heap ${mb(before.memory.heapUsed)} → ${mb(middle.memory.heapUsed)} → ${mb(after.memory.heapUsed)} ` +
      `(${growth >= 0 ? '+' : ''}${mb(growth)}), rss ${mb(after.memory.rss)}, journal ${after.journal} entries (bounded)`,
  );
  console.log(`median over ${ROUNDS} rounds: create-session ${(createRatio * 100).toFixed(0)} % of the bare baseline (target ≥ 40 %), query ${(queryRatio * 100).toFixed(0)} %`);
  Object.assign(out, { rows, createRatio, queryRatio, sessions, heap: { before: before.memory.heapUsed, middle: middle.memory.heapUsed, after: after.memory.heapUsed }, journal: after.journal });
  const jsonAt = process.argv.indexOf('--json');
  if (jsonAt > 0 && process.argv[jsonAt + 1]) writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify(out, null, 2));
  if (rows.some((r) => Number(r.errors) > 0)) process.exitCode = 1;
}

await main();
