/**
 * `pasarela verify`: replays case files (and VCR cassettes, HAR files) against a fresh
 * in-process emulator per case, over real HTTP, the same way the corpus runs in `npm test`
 * (`caseSandbox`, `replayCase`, `judge`), and reports each as a match or its differences.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ProviderModule } from '../kernel/types.ts';
import { caseProblems, type ConformanceCase, type Deviation } from './case.ts';
import type { Difference } from './compare.ts';
import { foreignCases } from './foreign.ts';
import { liveCredentials } from './live.ts';
import { caseSandbox, httpSender, judge, replayCase } from './replay.ts';
import { unmaskCase } from './unmask.ts';

export interface VerifyInput {
  file: string;
  case: ConformanceCase;
}

export interface VerifyResult {
  file: string;
  id: string;
  provider: string;
  ok: boolean;
  /** `matches`, or what differs, one line per path. */
  message: string;
  differences: Difference[];
}

const KINDS: Record<string, 'case' | 'vcr-cassette' | 'har'> = { '.json': 'case', '.yml': 'vcr-cassette', '.yaml': 'vcr-cassette', '.har': 'har' };

/** Files under each path (directories recursively: `.json`, `.yml`, `.yaml`, `.har`), sorted. */
export function inputFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (path: string, explicit: boolean) => {
    const st = statSync(path);
    if (st.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        const child = join(path, entry);
        if (statSync(child).isDirectory() || KINDS[extname(entry).toLowerCase()]) walk(child, false);
      }
    } else if (explicit || KINDS[extname(path).toLowerCase()]) out.push(path);
  };
  for (const p of paths) walk(p, true);
  return out;
}

/** Cases of every input; a file that cannot be read as one is a failed result, not a crash. */
export function loadInputs(paths: readonly string[], modules: readonly ProviderModule[]): { inputs: VerifyInput[]; failures: VerifyResult[] } {
  const inputs: VerifyInput[] = [];
  const failures: VerifyResult[] = [];
  for (const file of inputFiles(paths)) {
    const fail = (message: string) => failures.push({ file, id: file, provider: '', ok: false, message, differences: [{ path: 'file', message }] });
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      fail(`cannot read: ${(err as Error).message}`);
      continue;
    }
    let kind = KINDS[extname(file).toLowerCase()] ?? 'case';
    let value: unknown;
    if (kind === 'case') {
      try {
        value = JSON.parse(text);
      } catch (err) {
        fail(`not JSON (${(err as Error).message})`);
        continue;
      }
      const log = (value as { log?: { entries?: unknown } } | null)?.log;
      if (log && Array.isArray(log.entries)) kind = 'har';
    }
    try {
      if (kind === 'case') {
        const problem = caseProblems(value, file);
        if (problem) fail(`not a conformance case: ${problem}`);
        else inputs.push({ file, case: value as ConformanceCase });
      } else {
        const cases = foreignCases(text, file, kind, modules, (id) => liveCredentials(id));
        if (cases.length === 0) fail(`no exchange with a host of ${modules.map((m) => m.title).join(', ')}`);
        for (const c of cases) inputs.push({ file, case: c });
      }
    } catch (err) {
      fail((err as Error).message);
    }
  }
  return { inputs, failures };
}

/** Replays one case on its own fresh emulator over HTTP. */
export async function verifyCase(input: VerifyInput, modules: readonly ProviderModule[], deviation?: Deviation): Promise<VerifyResult> {
  const c = input.case;
  const module = modules.find((m) => m.id === c.provider);
  const base = { file: input.file, id: c.id, provider: c.provider };
  if (!module) return { ...base, ok: false, message: `no provider "${c.provider}"`, differences: [{ path: 'provider', message: `no provider "${c.provider}"` }] };
  const errors: string[] = [];
  const sandbox = caseSandbox(c, modules, errors);
  try {
    const { urls } = await sandbox.start({ port: 0 });
    const outcome = await replayCase(unmaskCase(c, module), sandbox, module, httpSender(urls[c.provider]!), errors);
    const verdict = judge(outcome, deviation);
    return { ...base, ok: verdict.ok, message: verdict.message, differences: outcome.differences };
  } finally {
    await sandbox.stop();
  }
}

export async function verifyAll(inputs: readonly VerifyInput[], modules: readonly ProviderModule[], deviations: ReadonlyMap<string, Deviation> = new Map(), onResult?: (r: VerifyResult) => void): Promise<VerifyResult[]> {
  const out: VerifyResult[] = [];
  for (const input of inputs) {
    const r = await verifyCase(input, modules, deviations.get(input.case.id));
    onResult?.(r);
    out.push(r);
  }
  return out;
}

/** One block per result: `✓ id  matches` or `✗ id` and the differences, indented. */
export function formatResult(r: VerifyResult): string {
  return r.ok ? `✓ ${r.id}  ${r.message}` : `✗ ${r.id}  (${r.file})\n${r.message.split('\n').map((l) => `    ${l}`).join('\n')}`;
}

export function summary(results: readonly VerifyResult[]): string {
  const failed = results.filter((r) => !r.ok).length;
  return `${results.length} case${results.length === 1 ? '' : 's'}: ${results.length - failed} match, ${failed} differ`;
}

const xml = (s: string) => s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** JUnit XML: one test case per case, named by provider and id. */
export function junitReport(results: readonly VerifyResult[]): string {
  const failed = results.filter((r) => !r.ok).length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="pasarela verify" tests="${results.length}" failures="${failed}">`, `  <testsuite name="pasarela verify" tests="${results.length}" failures="${failed}">`];
  for (const r of results) {
    const open = `    <testcase classname="${xml(r.provider || 'file')}" name="${xml(r.id)}" file="${xml(r.file)}"`;
    if (r.ok) lines.push(`${open} />`);
    else lines.push(`${open}>`, `      <failure message="${xml(r.message.split('\n')[0]!)}">${xml(r.message)}</failure>`, '    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}
