/**
 * The load generator: autocannon over keep-alive connections, writing ready-made request
 * bytes. autocannon would rebuild each request from an object (header merge, string
 * concatenation, Buffer.from) on the generator's one thread; here every request is an
 * HTTP/1.1 message built before the run and handed out in turn to whichever connection
 * sends next, so the generator does little more than write and parse.
 */
import autocannon from 'autocannon';
import type { WireRequest } from './workloads.ts';

export interface Pool {
  /** Number of distinct requests. */
  size: number;
  /** How many were handed out so far (beyond `size`: the pool was reused). */
  taken: number;
  next(): Buffer;
}

/** The request as bytes on the wire: request line, Host, keep-alive, the client's headers, Content-Length, body. */
export function encode(r: WireRequest, host: string): Buffer {
  const body = Buffer.from(r.body, 'utf8');
  let head = `${r.method} ${r.path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n`;
  for (const [k, v] of Object.entries(r.headers)) if (k !== 'host' && k !== 'content-length' && k !== 'connection') head += `${k}: ${v}\r\n`;
  if (r.method !== 'GET' || body.length > 0) head += `Content-Length: ${body.length}\r\n`;
  return Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), body]);
}

/** A pool over these requests for a server at `host` (host:port). Reused from the start when exhausted. */
export function pool(requests: readonly WireRequest[], host: string): Pool {
  const buffers = requests.map((r) => encode(r, host));
  const p: Pool = {
    size: buffers.length,
    taken: 0,
    next: () => buffers[p.taken++ % buffers.length]!,
  };
  return p;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Answers with a status other than the expected one. */
  wrongStatus: number;
  /** Answers of the expected status whose body is not the success answer. */
  mismatches: number;
  /** CPU the bench process used per wall second (1 = one core busy): near 1, the generator is the limit. */
  generatorCpu: number;
  /** Whether the pool ran out and its requests were sent again. */
  reused: boolean;
}

export interface LoadOptions {
  port: number;
  connections: number;
  /** Run for this long, or until `amount` answers. */
  seconds?: number;
  amount?: number;
  /** The status every answer must have (default: any 2xx). */
  status?: number;
  /** Success check of each answer body; counted as a mismatch when false. */
  okBody?: (body: string) => boolean;
}

export async function load(requests: Pool, o: LoadOptions): Promise<LoadResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const instance = autocannon({
    url: `http://127.0.0.1:${o.port}`,
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.seconds ?? 10 }),
    // Each client's next request is the pool's next message (see the header comment).
    setupClient: (client) => {
      (client as unknown as { getRequestBuffer: () => Buffer }).getRequestBuffer = requests.next;
    },
    ...(o.okBody ? { verifyBody: o.okBody } : {}),
  } as autocannon.Options) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  // autocannon's histogram keeps whole milliseconds; its per-answer time (ms, from hrtime) is finer.
  const latencies: number[] = [];
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const statuses = (result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats ?? {};
  const total = result.requests.total;
  const expected = o.status === undefined ? total - result.non2xx : (statuses[String(o.status)]?.count ?? 0);
  return {
    requests: total,
    seconds: result.duration,
    rps: total / result.duration,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors: result.errors + result.timeouts,
    wrongStatus: total - expected,
    mismatches: (result as unknown as { mismatches?: number }).mismatches ?? 0,
    generatorCpu: (used.user + used.system) / 1e6 / wall,
    reused: requests.taken > requests.size,
  };
}

/** The q-quantile of the values (sorts them in place). */
function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
