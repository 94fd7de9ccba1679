/**
 * Replays a conformance case against a fresh sandbox of its provider: the setup (clock,
 * merchants, options), the earlier steps of the recording with their captures, then the
 * request, each compared with what was recorded. The transport is the caller's: real HTTP
 * (`httpSender`), MSW, or anything that turns a request into an answer.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createSandbox, type Sandbox, type SandboxOptions } from '../kernel/sandbox.ts';
import type { ProviderModule, SignableRequest } from '../kernel/types.ts';
import type { CaseExpect, CaseRequest, ConformanceCase, Deviation } from './case.ts';
import { compareAnswer, parseAnswer, valueAt, type Answer, type Difference } from './compare.ts';

/** A request ready to send: captures filled in, re-signed if asked, body as bytes. */
export interface OutgoingRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

export type Sender = (request: OutgoingRequest) => Promise<Answer>;

export interface CaseOutcome {
  id: string;
  provider: string;
  differences: Difference[];
  /** The answer to the case's own request (absent when a step failed to send). */
  answer?: Answer;
}

/**
 * A sandbox for one case: only its provider, its merchants and options, its frozen clock.
 * `mswBridge` (kernel/msw.ts's `mswHandlers`) for replays through MSW; `pasarela verify`
 * replays over direct calls and does not load msw.
 */
export function caseSandbox(c: ConformanceCase, modules: readonly ProviderModule[], errors: string[] = [], mswBridge?: SandboxOptions['mswBridge']): Sandbox {
  if (!modules.some((m) => m.id === c.provider)) throw new Error(`no provider module "${c.provider}"`);
  return createSandbox({
    modules,
    providers: [c.provider],
    seed: 1,
    merchants: c.setup?.merchants ? { [c.provider]: c.setup.merchants } : undefined,
    options: c.setup?.options ? { [c.provider]: c.setup.options } : undefined,
    freezeAt: c.setup?.clock,
    // A recording names real merchant URLs: a replay notifies nobody.
    fetch: async () => new Response(null, { status: 204 }),
    logError: (message, error) => errors.push(`${message}: ${(error as Error)?.stack ?? String(error)}`),
    mswBridge,
  });
}

const fill = (text: string, vars: Map<string, string>): string =>
  text.replace(/\{\{([A-Za-z0-9_]+)\}\}/g, (whole, name: string) => {
    const v = vars.get(name);
    if (v === undefined) throw new Error(`nothing captured as "${name}"`);
    return v;
  });

function outgoing(req: CaseRequest, vars: Map<string, string>, module: ProviderModule, merchant: unknown, now: Date, store: unknown): OutgoingRequest {
  let signable: SignableRequest = {
    method: req.method,
    path: fill(req.path, vars),
    headers: Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k, fill(v, vars)])),
    body: req.bodyBase64 !== undefined ? null : req.body == null ? null : fill(req.body, vars),
  };
  if (req.resign) {
    if (!module.resign) throw new Error(`the case asks to re-sign, and ${module.id} has no resign()`);
    signable = module.resign(signable, merchant, now, store as never);
  }
  const body = req.bodyBase64 !== undefined ? Buffer.from(req.bodyBase64, 'base64') : signable.body === null ? null : Buffer.from(signable.body, 'utf8');
  return { method: signable.method, path: signable.path, headers: signable.headers, body };
}

/** Replays `c` on `sandbox` through `send`; never throws for a difference, only reports it. */
export async function replayCase(c: ConformanceCase, sandbox: Sandbox, module: ProviderModule, send: Sender, errors: string[] = []): Promise<CaseOutcome> {
  const differences: Difference[] = [];
  const vars = new Map<string, string>();
  const merchant = c.setup?.merchants?.[0] ?? module.defaultMerchants[0];
  const exchange = async (req: CaseRequest, expect: CaseExpect | undefined, prefix: string) => {
    const answer = await send(outgoing(req, vars, module, merchant, sandbox.clock.now(), sandbox.provider(c.provider).store));
    if (expect) for (const d of compareAnswer(expect, answer)) differences.push({ path: prefix + d.path, message: d.message });
    return answer;
  };
  try {
    for (const [i, step] of (c.setup?.steps ?? []).entries()) {
      const answer = await exchange(step.request, step.expect, `setup.steps.${i}.`);
      if (!step.capture) continue;
      const parsed = parseAnswer(step.expect?.format, answer);
      for (const [name, path] of Object.entries(step.capture)) {
        const value = valueAt(parsed, path);
        if (value === undefined || value === null || typeof value === 'object') differences.push({ path: `setup.steps.${i}.capture.${name}`, message: `no value at ${path} in ${JSON.stringify(answer.text.slice(0, 160))}` });
        else vars.set(name, String(value));
      }
    }
    const answer = await exchange(c.request, c.expect, '');
    return { id: c.id, provider: c.provider, differences: withErrors(differences, errors), answer };
  } catch (err) {
    differences.push({ path: 'request', message: (err as Error).message });
    return { id: c.id, provider: c.provider, differences: withErrors(differences, errors) };
  }
}

const withErrors = (differences: Difference[], errors: string[]) => [...differences, ...errors.map((e) => ({ path: 'error', message: `the emulator logged an unexpected error: ${e}` }))];

/** Whether an outcome is what the corpus promises: a match, or exactly the listed deviation. */
export function judge(outcome: CaseOutcome, deviation?: Deviation): { ok: boolean; message: string } {
  const list = (ds: Difference[]) => ds.map((d) => `  ${d.path}: ${d.message}`).join('\n');
  if (!deviation) return outcome.differences.length === 0 ? { ok: true, message: 'matches' } : { ok: false, message: `differs from the recording:\n${list(outcome.differences)}` };
  if (outcome.differences.length === 0) return { ok: false, message: `matches the recording now: remove "${outcome.id}" from deviations.json` };
  const listed = new Set(deviation.paths);
  const unexpected = outcome.differences.filter((d) => !listed.has(d.path));
  const gone = deviation.paths.filter((p) => !outcome.differences.some((d) => d.path === p));
  if (unexpected.length === 0 && gone.length === 0) return { ok: true, message: `differs as listed: ${deviation.reason}` };
  return {
    ok: false,
    message: [unexpected.length ? `differs beyond its deviation:\n${list(unexpected)}` : '', gone.length ? `no longer differs at: ${gone.join(', ')} (update deviations.json)` : ''].filter(Boolean).join('\n'),
  };
}

/** A node:http answer read in full: status, headers (repeated ones joined), raw header list, body. */
export function readNodeAnswer(res: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; rawHeaders: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', reject);
    res.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      resolve({ status: res.statusCode ?? 0, headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) });
    });
  });
}

/** Sends over real HTTP to `base` (node:http, so a GET may carry a body as some clients send). */
export function httpSender(base: string): Sender {
  return (req) =>
    new Promise((resolve, reject) => {
      // Joined, not resolved: a recorded `//transaccion/crear` is a path, not a host.
      const url = new URL(base.replace(/\/$/, '') + req.path);
      const headers: Record<string, string> = { ...req.headers };
      if (req.body) headers['content-length'] = String(req.body.length);
      const r = httpRequest(url, { method: req.method, headers, agent: false }, (res) => {
        readNodeAnswer(res).then((a) => resolve({ status: a.status, headers: a.headers, text: a.body.toString('utf8') }), reject);
      });
      r.on('error', reject);
      r.end(req.body ?? undefined);
    });
}

/** Sends with a `fetch` (MSW intercepting it) to the provider's real host. */
export function fetchSender(origin: string, fetcher: typeof fetch = fetch): Sender {
  return async (req) => {
    const res = await fetcher(new URL(origin.replace(/\/$/, '') + req.path), { method: req.method, headers: req.headers, body: req.body ? new Uint8Array(req.body) : undefined, redirect: 'manual' });
    const h: Record<string, string> = {};
    res.headers.forEach((v, k) => (h[k] = v));
    return { status: res.status, headers: h, text: await res.text() };
  };
}
