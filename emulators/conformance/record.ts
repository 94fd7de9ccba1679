/**
 * `pasarela record`: a recording proxy. The user's code talks to it as to the emulator; it
 * forwards each request to the real sandbox, returns the real answer unchanged, and writes
 * the exchange as a conformance case (`conformance/README.md`), redacted before anything is
 * kept: card numbers to first 6 / last 4, CVVs, passwords, secrets, tranKeys and signatures
 * removed, the user's own credentials replaced by the emulator's. Ids and dates stay: they
 * are the facts a replay is judged on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { ProviderModule } from '../kernel/types.ts';
import type { ConformanceCase } from './case.ts';
import { caseProblems } from './case.ts';
import { RecordingRedactor } from './recording-redactor.ts';
import { readNodeAnswer } from './replay.ts';
import { RecordingSession } from './session.ts';

/** A request body larger than this is refused, not forwarded (no gateway call is near it). */
const MAX_BODY = 16 * 1024 * 1024;
const UPSTREAM_TIMEOUT_MS = 60_000;
/** Hop-by-hop headers: the proxy's own connection, not the exchange. */
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate']);

export interface RecorderOptions {
  module: ProviderModule;
  /** The real sandbox: only its origin is used, the client's path is forwarded as sent. */
  upstream: string;
  /** Cases go to `<outDir>/<provider>/<id>.json`. */
  outDir: string;
  /** The user's sandbox credentials (field → value), replaced in what is written. */
  credentials?: Record<string, string>;
  host?: string;
  port?: number;
  /** Called with one line per exchange. */
  log?: (line: string) => void;
  now?: () => Date;
  /** `source.note` of every case. */
  note?: string;
}

export interface Recorder {
  url: string;
  server: Server;
  /** Files written so far. */
  files: string[];
  close(): Promise<void>;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error(`request body over ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(size === 0 ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The answer's body as text, content-encoding undone (the client still gets the bytes as sent). */
function decoded(body: Buffer, encoding: string | undefined): string {
  try {
    const e = (encoding ?? '').trim().toLowerCase();
    if (e === 'gzip' || e === 'x-gzip') return gunzipSync(body).toString('utf8');
    if (e === 'deflate') return inflateSync(body).toString('utf8');
    if (e === 'br') return brotliDecompressSync(body).toString('utf8');
  } catch {
    return '';
  }
  return body.toString('utf8');
}

interface UpstreamAnswer {
  status: number;
  rawHeaders: string[];
  headers: Record<string, string>;
  body: Buffer;
}

function forward(upstream: URL, req: IncomingMessage, body: Buffer | null): Promise<UpstreamAnswer> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP.has(name) && name !== 'host') headers[name] = value;
  headers.host = upstream.host;
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = send(new URL(req.url ?? '/', upstream.origin), { method: req.method, headers, agent: false, timeout: UPSTREAM_TIMEOUT_MS }, (res) => {
      readNodeAnswer(res).then((a) => resolve({ ...a, status: a.status || 502 }), reject);
    });
    r.on('timeout', () => r.destroy(new Error(`no answer in ${UPSTREAM_TIMEOUT_MS / 1000} s`)));
    r.on('error', reject);
    r.end(body ?? undefined);
  });
}

/** The answer exactly as the sandbox sent it, bar the hop-by-hop headers (the body is whole now). */
function reply(res: ServerResponse, answer: UpstreamAnswer): void {
  const raw: string[] = [];
  for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
    const name = answer.rawHeaders[i]!;
    if (HOP.has(name.toLowerCase()) || name.toLowerCase() === 'content-length') continue;
    raw.push(name, answer.rawHeaders[i + 1]!);
  }
  raw.push('Content-Length', String(answer.body.length));
  res.writeHead(answer.status, raw);
  res.end(answer.body);
}

/** Starts a recording proxy; resolves once it listens. */
export async function startRecorder(o: RecorderOptions): Promise<Recorder> {
  const upstream = new URL(o.upstream);
  if (upstream.protocol !== 'http:' && upstream.protocol !== 'https:') throw new Error(`the upstream must be an http(s) URL, not "${o.upstream}"`);
  const now = o.now ?? (() => new Date());
  const log = o.log ?? (() => {});
  const started = now();
  const redactor = new RecordingRedactor(o.module, o.credentials);
  const session = new RecordingSession({
    provider: o.module.id,
    source: { ref: `${upstream.origin} via pasarela record`, kind: 'pasarela-record', ...(o.note ? { note: o.note } : {}) },
    recorded: day(started),
    lastVerified: day(started),
    idPrefix: `${o.module.id}-rec-${started.toISOString().slice(0, 19).replace(/[-:]/g, '').toLowerCase()}`,
    merchants: () => redactor.setupMerchants(),
    common: redactor.commonValues(),
  });
  const dir = join(o.outDir, o.module.id);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  // Exchanges are numbered as they are answered; one at a time, so that each case's steps are the ones before it.
  let queue = Promise.resolve();

  const server = createServer((req, res) => {
    void (async () => {
      let body: Buffer | null;
      try {
        body = await readBody(req);
      } catch (err) {
        res.writeHead(413, { 'content-type': 'text/plain' }).end(`pasarela record: ${(err as Error).message}\n`);
        return;
      }
      const at = now();
      let answer: UpstreamAnswer;
      try {
        answer = await forward(upstream, req, body);
      } catch (err) {
        const message = `pasarela record: ${upstream.origin} did not answer ${req.method} ${req.url}: ${(err as Error).message}`;
        log(`${req.method} ${(req.url ?? '/').split('?')[0]} → no answer (${(err as Error).message}); nothing recorded`);
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`${message}\n`);
        return;
      }
      reply(res, answer);
      queue = queue.then(() => {
        try {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          const x = redactor.exchange({
            method: req.method ?? 'GET',
            path: req.url ?? '/',
            requestHeaders: headers,
            requestBody: body === null ? null : body.toString('utf8'),
            status: answer.status,
            responseHeaders: answer.headers,
            responseBody: decoded(answer.body, answer.headers['content-encoding']),
            at,
          });
          const c = session.add(x);
          files.push(writeCase(dir, c, redactor));
          log(`${x.method} ${x.path.split('?')[0]} → ${x.status}  ${c.id}.json${x.resign ? '  (re-signed on replay)' : ''}`);
        } catch (err) {
          log(`${req.method} ${(req.url ?? '/').split('?')[0]} → ${answer.status}; not recorded: ${(err as Error).message}`);
        }
      });
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${port}`,
    server,
    files,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await queue;
    },
  };
}

/** Writes one case; refuses a file that would still hold one of the user's credentials. */
function writeCase(dir: string, c: ConformanceCase, redactor: RecordingRedactor): string {
  const problem = caseProblems(c);
  if (problem) throw new Error(`the case would not be valid: ${problem}`);
  const text = `${JSON.stringify(c, null, 2)}\n`;
  if (redactor.leaks(text).length) throw new Error('it still holds a credential after redaction');
  const file = join(dir, `${c.id}.json`);
  writeFileSync(file, text, { flag: 'wx' });
  return file;
}
