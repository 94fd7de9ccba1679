/**
 * Request body handling shared by every provider: a size limit answered in the
 * provider's format, one buffered read that the journal and the route share, and a
 * JSON reader that reports what was wrong instead of throwing.
 */
import type { MiddlewareHandler } from 'hono';
import { KernelError } from './errors.ts';
import type { PasarelaContext, PasarelaEnv } from './types.ts';

export const DEFAULT_BODY_LIMIT = 512 * 1024;

/** Request.text()'s decoding: UTF-8, a leading BOM dropped, bad bytes replaced. */
const utf8 = new TextDecoder();

/**
 * Size limit and one buffered read of the body, shared by the journal and the route
 * (HonoRequest caches it for json()/parseBody()/text()). With a Content-Length the
 * check needs no stream, and the adapter reads the body on its fast path; any other
 * body (chunked, or a DELETE/OPTIONS the Node adapter gives an empty stream) is read
 * here up to the limit. A refusal is rendered by the provider and closes the
 * connection (the unread rest must not be taken for the next request on a keep-alive
 * socket), after the rest is drained.
 *
 * (hono's bodyLimit rebuilds the request with `new Request(c.req.raw, …)`, which throws
 * on the Node adapter's request objects: chunked POSTs, DELETE and OPTIONS were 500s.)
 */
/**
 * After a refusal the rest of the body is still read and thrown away, up to this many bytes
 * or this long, so that a client still writing can read the 413 (closing at once would give
 * it EPIPE / ECONNRESET instead of the answer). The HTTP listener closes the connection once
 * the drain ends (`TransportEnv.refusal`). The time is the real bound (nginx's lingering
 * close has only one); the bytes are generous because a streaming client on loopback can
 * write 17 MB before its event loop reads the answer (measured on a busy two-core machine:
 * a 16 MB bound gave such a client EPIPE).
 */
export const DRAIN_AFTER_REFUSAL = { bytes: 256 * 1024 * 1024, ms: 10_000 };

async function drain(reader: ReadableStreamDefaultReader<Uint8Array> | undefined): Promise<void> {
  if (!reader) return;
  let read = 0;
  const timer = setTimeout(() => void reader.cancel().catch(() => {}), DRAIN_AFTER_REFUSAL.ms);
  timer.unref?.();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.length;
      if (read > DRAIN_AFTER_REFUSAL.bytes) {
        await reader.cancel().catch(() => {});
        return;
      }
    }
  } catch {
    // The client went away or the timer cancelled the read: nothing left to drain.
  } finally {
    clearTimeout(timer);
  }
}

export function limitBody(maxSize: number, render: (c: PasarelaContext, error: KernelError) => Response): MiddlewareHandler<PasarelaEnv> {
  const refuse = (c: PasarelaContext, reader: ReadableStreamDefaultReader<Uint8Array> | undefined) => {
    c.set('bodyTooLarge', true);
    const res = render(c, new KernelError('body-too-large', `The request body is larger than ${maxSize} bytes`));
    res.headers.set('connection', 'close');
    const drained = drain(reader);
    if (c.env?.refusal) c.env.refusal.drained = drained;
    return res;
  };
  return async function limitAndBufferBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      // A GET body the HTTP listener read for the app (see server.ts): the same limit.
      if (c.env?.getBodyTooLarge || Buffer.byteLength(c.env?.getBody ?? '') > maxSize) return refuse(c, undefined);
      return next();
    }
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > maxSize) return refuse(c, c.req.raw.body?.getReader());
      await c.req.text();
      return next();
    }
    const raw = c.req.raw;
    if (!raw.body) return next();
    const reader = raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxSize) return refuse(c, reader);
      chunks.push(value);
    }
    // Into HonoRequest's body cache, as reading through c.req would have left it: the bytes
    // first (other readers, formData among them, are made from the first cached form) and
    // the text decoded as Request.text() decodes it. Rebuilding the request to read it again
    // cost a Request and a second stream per body (a tenth of the MSW path, whose requests
    // carry no Content-Length).
    const bytes = size ? Buffer.concat(chunks, size) : new Uint8Array(0);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    // (Hono types the cache by the values, but keeps the promises.)
    const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
    cache.arrayBuffer = Promise.resolve(buffer);
    cache.text = Promise.resolve(utf8.decode(bytes));
    return next();
  };
}

/** Whether the request had a body that was read (GET and HEAD have none). */
export const hasBody = (c: PasarelaContext): boolean => Object.keys(c.req.bodyCache).length > 0;

export type JsonBody =
  | { ok: true; value: unknown }
  | { ok: false; problem: 'empty' | 'malformed' | 'not-json-content-type'; detail: string };

/** PHP's json_decode and most JSON stacks stop at 512 levels; deeper bodies are malformed there. */
export const MAX_JSON_DEPTH = 512;

/** Whether arrays and objects nest deeper than `max` (iterative: a deep value cannot overflow the stack here). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The body as JSON. `requireContentType` mirrors providers (PlacetoPay) that ignore a
 * body sent without `Content-Type: application/json`.
 */
export async function readJson(c: PasarelaContext, opts: { requireContentType?: boolean; maxDepth?: number } = {}): Promise<JsonBody> {
  const type = c.req.header('content-type') ?? '';
  if (opts.requireContentType && !/\bjson\b/i.test(type)) {
    return { ok: false, problem: 'not-json-content-type', detail: `Content-Type is "${type || 'missing'}", not application/json` };
  }
  // Cached by the kernel's body step on provider routes; read here on the admin API.
  const text = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text();
  if (text.trim() === '') return { ok: false, problem: 'empty', detail: 'The request body is empty' };
  try {
    const value: unknown = JSON.parse(text);
    const max = opts.maxDepth ?? MAX_JSON_DEPTH;
    // Deeper than `max` takes more than `max` brackets opened and closed: short bodies cannot be.
    if (text.length > 2 * max && nestedDeeperThan(value, max)) return { ok: false, problem: 'malformed', detail: `The request body nests deeper than ${max} levels` };
    return { ok: true, value };
  } catch (e) {
    return { ok: false, problem: 'malformed', detail: `The request body is not valid JSON: ${(e as Error).message}` };
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
