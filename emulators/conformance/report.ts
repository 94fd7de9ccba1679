/**
 * `docs/conformance.md`, generated from the corpus: per provider the cases, their grades, the
 * deviations, the oldest and newest recording, and per endpoint when it last matched the real
 * sandbox. Whether each case matches is not written here but enforced: `npm test` replays every
 * case and fails unless it matches or differs exactly as its deviation says.
 */
import type { ConformanceCase, Deviation } from './case.ts';

/** `GET /api/customer/:id`: the method and the path without query, ids and captures as `:id`. */
export function endpointOf(c: Pick<ConformanceCase, 'request'>): string {
  const path = c.request.path.split('?')[0]!;
  const segments = path.split('/').map((s) => (/\{\{|\d{3,}|^[A-Za-z0-9_=-]{20,}$/.test(s) ? ':id' : s));
  return `${c.request.method} ${segments.join('/')}`;
}

const minMax = (dates: (string | null | undefined)[]) => {
  const known = dates.filter((d): d is string => typeof d === 'string').sort();
  return { oldest: known[0] ?? '—', newest: known[known.length - 1] ?? '—' };
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function conformanceReport(cases: readonly ConformanceCase[], deviations: ReadonlyMap<string, Deviation>, providers: readonly { id: string; title: string }[]): string {
  const out: string[] = [
    '# Conformance',
    '',
    '<!-- Generated from conformance/ by `npm run docs:conformance`; `npm test` fails when this page is stale. -->',
    '',
    'Real exchanges with each gateway, gathered from public sources (see [conformance/README.md](../conformance/README.md)).',
    '`npm test` replays every case against a fresh emulator over real HTTP and through MSW: each one matches the',
    'recording, or differs in exactly the paths its deviation lists, for the reason given below.',
    '',
    '| provider | cases | recorded | fixture | docs | match | deviations | oldest recording | newest recording |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const byProvider = providers.map((p) => ({ ...p, cases: cases.filter((c) => c.provider === p.id) }));
  for (const p of byProvider) {
    const grade = (g: string) => p.cases.filter((c) => c.grade === g).length;
    const dev = p.cases.filter((c) => deviations.has(c.id)).length;
    const { oldest, newest } = minMax(p.cases.map((c) => c.recorded));
    out.push(`| ${p.title} | ${p.cases.length} | ${grade('recorded')} | ${grade('fixture')} | ${grade('docs')} | ${p.cases.length - dev} | ${dev} | ${oldest} | ${newest} |`);
  }
  for (const p of byProvider) {
    if (p.cases.length === 0) continue;
    out.push('', `## ${p.title}`, '', '| endpoint | cases | grades | newest recording | last verified against the real sandbox |', '|---|---|---|---|---|');
    const endpoints = new Map<string, ConformanceCase[]>();
    for (const c of p.cases) endpoints.set(endpointOf(c), [...(endpoints.get(endpointOf(c)) ?? []), c]);
    for (const [endpoint, list] of [...endpoints].sort(([a], [b]) => a.localeCompare(b))) {
      const grades = ['recorded', 'fixture', 'docs'].map((g) => [g, list.filter((c) => c.grade === g).length] as const).filter(([, n]) => n > 0).map(([g, n]) => `${n} ${g}`).join(', ');
      out.push(`| \`${cell(endpoint)}\` | ${list.length} | ${grades} | ${minMax(list.map((c) => c.recorded)).newest} | ${minMax(list.map((c) => c.lastVerified)).newest === '—' ? 'never' : minMax(list.map((c) => c.lastVerified)).newest} |`);
    }
    const devs = p.cases.filter((c) => deviations.has(c.id));
    if (devs.length) {
      out.push('', 'Deliberate differences:', '');
      for (const c of devs) out.push(`- \`${c.id}\` (${deviations.get(c.id)!.paths.map((x) => `\`${x}\``).join(', ')}): ${deviations.get(c.id)!.reason}`);
    }
    out.push('', '<details><summary>Cases</summary>', '', '| case | grade | recorded | source |', '|---|---|---|---|');
    for (const c of p.cases) out.push(`| \`${c.id}\`: ${cell(c.title)} | ${c.grade} | ${c.recorded ?? '—'} | ${cell(c.source.ref)} |`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}
