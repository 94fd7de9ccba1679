/** The numbers of a bench run, the targets of issue 12 checked against them, and the markdown tables. */

export type RunId =
  | 'bare'
  | 'hono'
  | 'placetopay-create'
  | 'placetopay-query'
  | 'puntopagos-crear'
  | 'tpaga-charge'
  | 'payture-pay'
  | 'wiremock'
  | 'prism'
  | 'msw-pasarela'
  | 'msw-bare';

export interface Row {
  round: number;
  id: RunId;
  label: string;
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU per request, µs (for MSW: the whole process, client included). */
  cpuUs: number;
  /** rps over bare node:http's in the same round (MSW rows: over the bare MSW handler's). */
  share: number;
  /** Connection errors, timeouts, wrong statuses, bodies that are not the success answer. */
  errors: number;
  requests: number;
  /** CPU of the bench process per wall second during the run (1 = one core): near 1, the load generator is the limit. */
  generatorCpu?: number;
  /** The run needed more requests than were made for it and sent some again. */
  reused: boolean;
}

export interface Memory {
  requests: number;
  heapMB: { before: number; middle: number; after: number };
  rssMB: number;
  journal: { entries: number; bound: number };
}

export interface Startup {
  runsMs: number[];
  medianMs: number;
  bannerMedianMs: number;
}

export interface Check {
  what: string;
  value: string;
  target: string;
  pass: boolean;
}

export const median = (xs: readonly number[]): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const ratio = (x: number) => `${x.toFixed(2)} ×`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));

/** Per-round values of `id` divided by those of `over` in the same round. */
function perRound(rows: readonly Row[], id: RunId, over: RunId, value: (r: Row) => number): number[] {
  return rows
    .filter((r) => r.id === id)
    .flatMap((r) => {
      const base = rows.find((b) => b.id === over && b.round === r.round);
      return base ? [value(r) / value(base)] : [];
    });
}

export const HEAP_FLAT_MB = 5;

export function checks(rows: readonly Row[], startup: Startup | undefined, memory: Memory | undefined): Check[] {
  const out: Check[] = [];
  const share = (id: RunId) => median(rows.filter((r) => r.id === id).map((r) => r.share));
  const has = (id: RunId) => rows.some((r) => r.id === id);
  for (const id of ['placetopay-create', 'placetopay-query'] as const) {
    if (!has(id)) continue;
    const label = rows.find((r) => r.id === id)!.label;
    out.push({ what: `${label}: req/s share of bare node:http`, value: pct(share(id)), target: '≥ 60 %', pass: share(id) >= 0.6 });
    const p99 = median(perRound(rows, id, 'bare', (r) => r.p99));
    out.push({ what: `${label}: p99 over bare's p99`, value: ratio(p99), target: '≤ 3 ×', pass: p99 <= 3 });
  }
  for (const id of ['puntopagos-crear', 'tpaga-charge', 'payture-pay'] as const) {
    if (!has(id)) continue;
    out.push({ what: `${rows.find((r) => r.id === id)!.label}: req/s share of bare node:http`, value: pct(share(id)), target: '≥ 50 %', pass: share(id) >= 0.5 });
  }
  if (has('msw-pasarela')) out.push({ what: 'MSW create-session over a bare MSW handler', value: ratio(share('msw-pasarela')), target: '≥ 0.8 ×', pass: share('msw-pasarela') >= 0.8 });
  for (const [peer, times] of [['wiremock', 2], ['prism', 3.5]] as const) {
    if (!has(peer)) continue;
    const x = median(perRound(rows, 'placetopay-create', peer, (r) => r.rps));
    out.push({ what: `create-session req/s over ${rows.find((r) => r.id === peer)!.label}`, value: ratio(x), target: `≥ ${times} ×`, pass: x >= times });
  }
  if (startup) out.push({ what: 'start to all five listeners healthy (median of 5)', value: `${int(startup.medianMs)} ms`, target: '< 500 ms', pass: startup.medianMs < 500 });
  if (memory) {
    const growth = memory.heapMB.after - memory.heapMB.before;
    out.push({
      what: `heap after GC over ${int(memory.requests)} queries`,
      value: `${memory.heapMB.before.toFixed(1)} → ${memory.heapMB.middle.toFixed(1)} → ${memory.heapMB.after.toFixed(1)} MB`,
      target: `flat (grows < ${HEAP_FLAT_MB} MB)`,
      pass: growth < HEAP_FLAT_MB,
    });
    out.push({ what: 'journal entries after the memory run', value: int(memory.journal.entries), target: `≤ ${int(memory.journal.bound)} (its bound)`, pass: memory.journal.entries <= memory.journal.bound });
  }
  return out;
}

/** One line per run: medians over rounds. */
export function summary(rows: readonly Row[]) {
  const ids = [...new Set(rows.map((r) => r.id))];
  return ids.map((id) => {
    const of = rows.filter((r) => r.id === id);
    return {
      id,
      label: of[0]!.label,
      rps: median(of.map((r) => r.rps)),
      p50: median(of.map((r) => r.p50)),
      p99: median(of.map((r) => r.p99)),
      cpuUs: median(of.map((r) => r.cpuUs)),
      share: median(of.map((r) => r.share)),
      errors: of.reduce((n, r) => n + r.errors, 0),
    };
  });
}

const table = (head: string[], body: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const isMsw = (id: RunId) => id.startsWith('msw-');

export function markdown(rows: readonly Row[], all: Check[], extra: { startup?: Startup; memory?: Memory }): string {
  const parts: string[] = [];
  parts.push(
    table(
      ['run', 'req/s (median)', 'p50 ms', 'p99 ms', 'CPU µs/req', 'share', 'errors'],
      summary(rows).map((s) => [s.label, int(s.rps), ms(s.p50), ms(s.p99), int(s.cpuUs), isMsw(s.id) ? `${ratio(s.share)} bare MSW` : pct(s.share), s.errors]),
    ),
  );
  parts.push(table(['target', 'measured', 'target', 'result'], all.map((c) => [c.what, c.value, c.target, c.pass ? 'PASS' : '**FAIL**'])));
  parts.push(
    table(
      ['round', 'run', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'share', 'errors', 'bench CPU'],
      rows.map((r) => [
        r.round,
        r.label,
        int(r.rps),
        ms(r.p50),
        ms(r.p99),
        int(r.cpuUs),
        isMsw(r.id) ? ratio(r.share) : pct(r.share),
        r.errors,
        r.generatorCpu === undefined ? '–' : `${(r.generatorCpu * 100).toFixed(0)} %${r.reused ? ' (reused)' : ''}`,
      ]),
    ),
  );
  if (extra.startup) parts.push(`Startup, spawn to five healthy listeners: ${extra.startup.runsMs.map((x) => int(x)).join(', ')} ms (median ${int(extra.startup.medianMs)} ms; banner printed at ${int(extra.startup.bannerMedianMs)} ms).`);
  if (extra.memory) {
    const m = extra.memory;
    parts.push(
      `Memory over ${int(m.requests)} PlacetoPay queries: heap after GC ${m.heapMB.before.toFixed(1)} → ${m.heapMB.middle.toFixed(1)} → ${m.heapMB.after.toFixed(1)} MB ` +
        `(${m.heapMB.after - m.heapMB.before >= 0 ? '+' : ''}${(m.heapMB.after - m.heapMB.before).toFixed(1)} MB), rss ${m.rssMB.toFixed(0)} MB, journal ${int(m.journal.entries)} entries (bound ${int(m.journal.bound)}).`,
    );
  }
  return parts.join('\n\n');
}
