/**
 * `npm run bench` (issue 12): in one run, rounds interleaved, the order rotated between
 * rounds, every round measures once each
 *   - bare node:http answering a fixed body, and a bare Hono app (the baselines),
 *   - the CLI as users run it (`bin/pasarela.js start --port 0`, built dist/): PlacetoPay
 *     create-session and query, PuntoPagos crear, Tpaga charge, Payture api/Pay,
 *   - MSW: the package's handlers against a bare MSW handler,
 *   - with `--peers`, WireMock and Prism for the create-session request shape;
 * then startup (median of 5 starts) first and memory over BENCH_MEMORY_REQUESTS queries
 * last. Prints the tables (markdown) and the targets, `--json FILE` writes every number.
 * Exit code 1 when any run had errors or answers other than the success answer.
 */
import { writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { load, pool, type LoadResult, type Pool } from './load.ts';
import { measureMsw } from './msw.ts';
import { peersMissing, startPrism, startWireMock } from './peers.ts';
import { assertBuilt, startBaseline, startCli, timeStartup, type Cli, type Server } from './processes.ts';
import { checks, markdown, median, summary, type Memory, type Row, type RunId, type Startup } from './report.ts';
import { createSession, workloads, type RouteId, type WireRequest } from './workloads.ts';

const num = (name: string, fallback: number) => {
  const v = process.env[name];
  const n = v === undefined || v === '' ? fallback : Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`bench: ${name} must be a positive number, not "${v}"`);
  return n;
};
const SECONDS = num('BENCH_SECONDS', 10);
const ROUNDS = Math.round(num('BENCH_ROUNDS', 3));
const CONNECTIONS = Math.round(num('BENCH_CONNECTIONS', 50));
const MEMORY_REQUESTS = Math.round(num('BENCH_MEMORY_REQUESTS', 1_000_000));
const STARTS = 5;
const WARM_SECONDS = 2;
/** The CLI's journal bound (createSandbox's default journalLimit; `start` has no flag for it). */
const JOURNAL_BOUND = 1000;

const args = process.argv.slice(2);
const withPeers = args.includes('--peers');
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
if (jsonAt >= 0 && !jsonFile) throw new Error('bench: --json needs a file name');

const log = (line: string) => process.stdout.write(`${line}\n`);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One thing measured with autocannon against a listening server. */
interface HttpRun {
  id: RunId;
  label: string;
  server: Server;
  /** Requests for about `n` answers, made now (seeds are valid for 5 minutes). */
  requests(n: number): Promise<Pool>;
  status: number;
  okBody: (body: string) => boolean;
  /** Whether sending a request twice is harmless for this server (it checks neither auth nor ids). */
  cycles: boolean;
  warmSeconds?: number;
}

interface MswRun {
  id: 'msw-pasarela' | 'msw-bare';
  label: string;
}

type Run = HttpRun | MswRun;
const isHttp = (r: Run): r is HttpRun => 'server' in r;

/**
 * Best guess of each run's rate, to make just enough requests: the highest seen so far,
 * with room for twice that (after the 2 s warm-up, a JIT still cold, a route ran 1.5 × its
 * warm-up rate in the first round and used its pool up: Payture's OrderIds came back as
 * duplicates).
 */
const rate = new Map<RunId, number>();
const poolSize = (id: RunId, seconds: number) => Math.min(600_000, Math.max(5000, Math.ceil((rate.get(id) ?? 10_000) * seconds * 2) + 2000));

async function measureHttp(run: HttpRun, seconds: number): Promise<LoadResult & { cpuUs: number }> {
  const requests = await run.requests(run.cycles ? 0 : poolSize(run.id, seconds));
  const before = await run.server.cpuMicros();
  const result = await load(requests, { port: run.server.port, connections: CONNECTIONS, seconds, status: run.status, okBody: run.okBody });
  const after = await run.server.cpuMicros();
  rate.set(run.id, Math.max(rate.get(run.id) ?? 0, result.rps));
  return { ...result, reused: result.reused && !run.cycles, cpuUs: (after - before) / Math.max(1, result.requests) };
}

async function main() {
  assertBuilt();
  const cpu = cpus();
  const machine = { cpus: cpu.length, model: cpu[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}` };
  log(`Pasarela bench: ${ROUNDS} rounds × ${SECONDS} s per run, ${CONNECTIONS} connections, Node ${process.version}, ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB`);

  let peersNote: string | undefined;
  if (withPeers) {
    peersNote = peersMissing();
    if (peersNote) log(`--peers: skipped. ${peersNote}`);
  }

  // Startup first, on a quiet machine: nothing else of the bench is running yet.
  log(`startup: ${STARTS} starts of \`node bin/pasarela.js start --port 0\``);
  const starts: { ms: number; bannerMs: number }[] = [];
  for (let i = 0; i < STARTS; i++) starts.push(await timeStartup());
  const startup: Startup = { runsMs: starts.map((s) => s.ms), medianMs: median(starts.map((s) => s.ms)), bannerMedianMs: median(starts.map((s) => s.bannerMs)) };

  const servers: Server[] = [];
  let failed = false;
  try {
    const cli: Cli = await startCli();
    servers.push(cli);
    log(`pasarela start: ${Object.entries(cli.urls).map(([k, v]) => `${k} ${v}`).join(', ')}`);

    // One-time setup through the real clients over HTTP (a Tpaga card, sessions to query).
    const generators = new Map<RouteId, (n: number) => Promise<WireRequest[]>>();
    for (const w of workloads) generators.set(w.id, await w.prepare({ origin: cli.urls[w.provider], fetch }));
    const hostOf = (s: Server) => `127.0.0.1:${s.port}`;

    // The emulator's create-session answer: the fixed body of the baselines and peers.
    const [first] = await generators.get('placetopay-create')!(1);
    const firstRes = await fetch(`${cli.urls.placetopay}${first!.path}`, { method: first!.method, headers: first!.headers, body: first!.body });
    const answer = await firstRes.text();
    if (!createSession.ok(firstRes.status, answer)) throw new Error(`bench: create-session did not succeed: ${firstRes.status} ${answer}`);

    // Servers that check neither auth nor ids get one set of create-session requests, sent in turn.
    const shape = await generators.get('placetopay-create')!(20_000);
    const shaped = (server: Server) => {
      const p = pool(shape, hostOf(server));
      return async () => p;
    };

    const bare = await startBaseline('bare node:http, fixed body', 'bare.ts', answer);
    servers.push(bare);
    const hono = await startBaseline('bare Hono (parse JSON, c.json)', 'hono.ts', answer);
    servers.push(hono);
    const okShape = (body: string) => createSession.ok(200, body);
    const runs: Run[] = [
      { id: 'bare', label: bare.name, server: bare, requests: shaped(bare), status: 200, okBody: okShape, cycles: true },
      { id: 'hono', label: hono.name, server: hono, requests: shaped(hono), status: 200, okBody: okShape, cycles: true },
    ];
    for (const w of workloads) {
      const status = w.id === 'tpaga-charge' ? 201 : 200;
      const port = Number(new URL(cli.urls[w.provider]).port);
      const server: Server = { ...cli, port };
      runs.push({
        id: w.id,
        label: w.title,
        server,
        requests: async (n) => pool(await generators.get(w.id)!(n), hostOf(server)),
        status,
        okBody: (body) => w.ok(status, body),
        cycles: false,
      });
    }
    runs.push({ id: 'msw-pasarela', label: 'MSW, pasarela/msw handlers (create-session)' }, { id: 'msw-bare', label: 'MSW, bare handler, fixed body' });
    if (withPeers && !peersNote) {
      const sample = { headers: first!.headers, body: shape[0]!.body };
      const wiremock = await startWireMock(answer, sample);
      servers.push(wiremock);
      const prism = await startPrism(sample);
      servers.push(prism);
      runs.push(
        { id: 'wiremock', label: `${wiremock.name} (JSON-path stub, journal on)`, server: wiremock, requests: shaped(wiremock), status: 200, okBody: okShape, cycles: true, warmSeconds: 6 },
        { id: 'prism', label: `${prism.name} (validates the body)`, server: prism, requests: shaped(prism), status: 200, okBody: okShape, cycles: true, warmSeconds: 3 },
      );
    }

    // Warm-up: the JIT of every server, and a first rate to size each route's requests.
    for (const run of runs.filter(isHttp)) {
      const w = await measureHttp(run, run.warmSeconds ?? WARM_SECONDS);
      log(`warm-up ${run.label}: ${Math.round(w.rps)} req/s`);
    }

    const rows: Row[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const shift = (round - 1) % runs.length;
      const order = [...runs.slice(shift), ...runs.slice(0, shift)];
      const measured: Row[] = [];
      for (const run of order) {
        await pause(200);
        if (isHttp(run)) {
          const m = await measureHttp(run, SECONDS);
          measured.push({
            round,
            id: run.id,
            label: run.label,
            rps: m.rps,
            p50: m.p50,
            p99: m.p99,
            cpuUs: m.cpuUs,
            share: NaN,
            errors: m.errors + m.wrongStatus + m.mismatches,
            requests: m.requests,
            generatorCpu: m.generatorCpu,
            reused: m.reused,
          });
          if (m.errors + m.wrongStatus + m.mismatches) log(`  ${run.label}: ${m.errors} errors, ${m.wrongStatus} wrong statuses, ${m.mismatches} answers that are not the success answer`);
        } else {
          const m = await measureMsw(run.id === 'msw-pasarela' ? 'pasarela' : 'bare', SECONDS, CONNECTIONS, answer);
          measured.push({ round, id: run.id, label: run.label, rps: m.rps, p50: m.p50, p99: m.p99, cpuUs: m.cpuUs, share: NaN, errors: m.errors, requests: m.requests, reused: m.reused });
        }
        const last = measured[measured.length - 1]!;
        log(`round ${round}: ${last.label}: ${Math.round(last.rps)} req/s, p99 ${last.p99.toFixed(1)} ms, ${Math.round(last.cpuUs)} µs CPU/req${last.errors ? `, ${last.errors} ERRORS` : ''}`);
      }
      const bareRps = measured.find((r) => r.id === 'bare')!.rps;
      const mswBareRps = measured.find((r) => r.id === 'msw-bare')?.rps ?? NaN;
      for (const r of measured) r.share = r.rps / (r.id.startsWith('msw-') ? mswBareRps : bareRps);
      rows.push(...measured.sort((a, b) => runs.findIndex((x) => x.id === a.id) - runs.findIndex((x) => x.id === b.id)));
    }

    // Memory: queries only, so the heap should stay where it is; the journal at its bound.
    log(`memory: ${MEMORY_REQUESTS.toLocaleString('en-US')} PlacetoPay queries`);
    const query = runs.find((r): r is HttpRun => r.id === 'placetopay-query')!;
    const half = Math.ceil(MEMORY_REQUESTS / 2);
    const mb = (n: number) => n / 2 ** 20;
    const before = await cli.memory();
    let memoryErrors = 0;
    const halfRun = async () => {
      // Fresh seeds for each half (valid 5 minutes); up to 200,000 distinct requests, sent in turn.
      const requests = pool(await generators.get('placetopay-query')!(Math.min(half, 200_000)), hostOf(query.server));
      const m = await load(requests, { port: query.server.port, connections: CONNECTIONS, amount: half, status: 200, okBody: query.okBody });
      memoryErrors += m.errors + m.wrongStatus + m.mismatches;
      return m;
    };
    const m1 = await halfRun();
    const middle = await cli.memory();
    const m2 = await halfRun();
    const after = await cli.memory();
    const journal = (await (await fetch(`${cli.urls.control}/__admin/journal?admin=true`)).json()) as { entries: unknown[] };
    const memory: Memory = {
      requests: m1.requests + m2.requests,
      heapMB: { before: mb(before.heapUsed), middle: mb(middle.heapUsed), after: mb(after.heapUsed) },
      rssMB: mb(after.rss),
      journal: { entries: journal.entries.length, bound: JOURNAL_BOUND },
    };
    if (memoryErrors) log(`memory run: ${memoryErrors} answers were errors or not the success answer`);

    const all = checks(rows, startup, memory);
    log('');
    log(markdown(rows, all, { startup, memory }));
    log('');
    const fails = all.filter((c) => !c.pass).length;
    log(`${all.length - fails} of ${all.length} targets met${fails ? `; FAIL: ${all.filter((c) => !c.pass).map((c) => c.what).join('; ')}` : ''}.`);
    if (peersNote) log(`Peers were not measured: ${peersNote}.`);

    const errors = rows.reduce((n, r) => n + r.errors, 0) + memoryErrors;
    if (errors) {
      log(`ERRORS: ${errors} requests failed or got an answer other than the success answer (see the errors column).`);
      failed = true;
    }
    if (jsonFile) {
      writeFileSync(
        jsonFile,
        `${JSON.stringify(
          {
            date: new Date().toISOString(),
            node: process.version,
            machine,
            config: { seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS, memoryRequests: MEMORY_REQUESTS, peers: withPeers && !peersNote },
            answerBytes: Buffer.byteLength(answer),
            startup,
            rows,
            summary: summary(rows),
            checks: all,
            memory: { ...memory, errors: memoryErrors },
            errors,
          },
          null,
          2,
        )}\n`,
      );
      log(`numbers written to ${jsonFile}`);
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  if (failed) process.exitCode = 1;
}

await main();
