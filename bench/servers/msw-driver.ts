/**
 * One MSW measurement, in its own process (MSW patches the process's globals): `setupServer`
 * with either the package's own handlers from the built dist (`pasarela/msw` as users
 * import it) or a bare handler answering the same fixed body at the same URL; `fetch`
 * calls with create-session requests made by the real client, CONCURRENCY in flight.
 * Sends the result over IPC. Args: variant (pasarela|bare), seconds, concurrency.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { createSession, type WireRequest } from '../workloads.ts';

const [variant, secondsArg, concurrencyArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 10);
const concurrency = Number(concurrencyArg ?? 50);
const ORIGIN = 'https://checkout-test.placetopay.com';
const URL_ = `${ORIGIN}/api/session`;

let handlers: HttpHandler[];
if (variant === 'pasarela') {
  // The built package, as `import { handlers } from 'pasarela/msw'` loads it.
  handlers = ((await import(new URL('../../dist/emulators/msw.js', import.meta.url).href)) as { handlers: HttpHandler[] }).handlers;
} else {
  const fixed = JSON.parse(process.env.BENCH_ANSWER ?? '{}') as Record<string, unknown>;
  handlers = [http.post(URL_, () => HttpResponse.json(fixed))];
}
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });

const generate = await createSession.prepare({ origin: ORIGIN, fetch });

interface Run {
  requests: number;
  seconds: number;
  bad: number;
  latencies: number[];
  cpuMicros: number;
}

async function drive(pool: readonly WireRequest[], forSeconds: number): Promise<Run> {
  let i = 0;
  let bad = 0;
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  const deadline = start + forSeconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const r = pool[i++ % pool.length]!;
      const t = performance.now();
      try {
        const res = await fetch(URL_, { method: r.method, headers: r.headers, body: r.body });
        if (!createSession.ok(res.status, await res.text())) bad++;
      } catch {
        bad++;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  return { requests: latencies.length, seconds: (performance.now() - start) / 1000, bad, latencies, cpuMicros: used.user + used.system };
}

// Warm-up (JIT, MSW's lazy set-up), which also sizes the measured pool: requests are not reused.
const warm = await drive(await generate(5000), 2);
const pool = await generate(Math.ceil((warm.requests / warm.seconds) * seconds * 1.5) + 1000);
const run = await drive(pool, seconds);
server.close();

const sorted = run.latencies.sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
process.send!({
  requests: run.requests,
  seconds: run.seconds,
  rps: run.requests / run.seconds,
  p50: at(0.5),
  p99: at(0.99),
  errors: run.bad,
  cpuUs: run.cpuMicros / Math.max(1, run.requests),
  reused: run.requests > pool.length,
});
process.disconnect();
