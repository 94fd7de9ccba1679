/**
 * A/B of one route between two builds, for a change too small for the full bench to show
 * against the machine's swings from one run to the next: each round starts each build's
 * CLI afresh (`bin/pasarela.js start --providers <its provider>`, the probe preloaded), warms
 * it up, measures it, and stops it; the order alternates between rounds.
 *
 *   npm run bench:ab -- <route> <checkout A> <checkout B>
 *   (BENCH_SECONDS, default 6; BENCH_ROUNDS, default 3; each checkout built: node scripts/build.mjs)
 *
 * A checkout of the previous commit for A: `git worktree add /tmp/before HEAD~1`, a link to
 * this node_modules inside it, and its build.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load, pool } from './load.ts';
import { startCli } from './processes.ts';
import { workloads, type RouteId } from './workloads.ts';

const [route, ...trees] = process.argv.slice(2);
const workload = workloads.find((w) => w.id === route);
if (!workload || trees.length !== 2) {
  console.error(`usage: npm run bench:ab -- <${workloads.map((w) => w.id).join('|')}> <checkout A> <checkout B>`);
  process.exit(2);
}
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const bins = trees.map((t) => join(resolve(t), 'bin/pasarela.js'));
for (const t of trees) if (!existsSync(join(resolve(t), 'dist/.built'))) throw new Error(`bench: ${t} is not built (node scripts/build.mjs there)`);

interface Measured {
  rps: number;
  p99: number;
  cpuUs: number;
}

async function once(bin: string, id: RouteId): Promise<Measured> {
  const w = workloads.find((x) => x.id === id)!;
  const cli = await startCli({ bin, providers: [w.provider] });
  try {
    const origin = cli.urls[w.provider];
    const generate = await w.prepare({ origin, fetch });
    const host = `127.0.0.1:${cli.port}`;
    const ok = (body: string) => w.ok(200, body) || w.ok(201, body);
    await load(pool(await generate(10_000), host), { port: cli.port, connections: 50, seconds: 2, okBody: ok });
    // Fresh ids for the measured part, with room for twice a quick rate.
    const requests = pool(await generate(SECONDS * 20_000), host);
    const before = await cli.cpuMicros();
    const r = await load(requests, { port: cli.port, connections: 50, seconds: SECONDS, okBody: ok });
    const cpu = (await cli.cpuMicros()) - before;
    if (r.errors || r.wrongStatus || r.mismatches || r.reused) throw new Error(`bench: ${bin}: ${r.errors} errors, ${r.wrongStatus} wrong statuses, ${r.mismatches} other answers${r.reused ? ', the pool ran out' : ''}`);
    return { rps: r.rps, p99: r.p99, cpuUs: cpu / r.requests };
  } finally {
    await cli.stop();
  }
}

const results: Measured[][] = [[], []];
for (let round = 0; round < ROUNDS; round++) {
  for (const i of round % 2 ? [1, 0] : [0, 1]) {
    const m = await once(bins[i]!, workload.id);
    results[i]!.push(m);
    console.log(`round ${round + 1}: ${trees[i]}: ${Math.round(m.rps)} req/s, p99 ${m.p99.toFixed(1)} ms, ${Math.round(m.cpuUs)} µs CPU/req`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = results.map((rs) => ({ rps: median(rs.map((r) => r.rps)), cpuUs: median(rs.map((r) => r.cpuUs)) }));
console.log(`\n| build | req/s (median) | CPU µs/req (median) |\n|---|---|---|`);
for (const [i, s] of summary.entries()) console.log(`| ${trees[i]} | ${Math.round(s.rps).toLocaleString('en-US')} | ${Math.round(s.cpuUs)} |`);
console.log(`\n${workload.title}: B/A ${(summary[1]!.rps / summary[0]!.rps).toFixed(2)} × req/s, ${(summary[1]!.cpuUs / summary[0]!.cpuUs).toFixed(2)} × CPU per request`);
