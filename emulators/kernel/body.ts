/**
 * Request body handling shared by every provider: a size limit answered in the
 * provider's format, one buffered read that the journal and the route share, and a
 * JSON reader that reports what was wrong instead of throwing.
 */
import type { MiddlewareHandler } from 'hono';
import { KernelError } from './errors.ts';
import type { PasarelaContext, PasarelaEnv } from './types.ts';

export const DEFAULT_BODY_LIMIT = 512 * 1024;

/**
 * A body-size limit answered by the provider's error renderer. A declared
 * Content-Length is checked without reading; any other body (chunked, or one a
 * transport built without the header) is read up to the limit and replaced by the
 * bytes read. The answer to an oversize body closes the connection: the unread rest
 * must not be taken for the next request on a keep-alive socket.
 *
 * (hono's bodyLimit rebuilt the request with `new Request(c.req.raw, …)`, which throws
 * on the Node listener's request objects: chunked POSTs, DELETE and OPTIONS were 500s.)
 */
export function limitBody(maxSize: number, render: (c: PasarelaContext, error: KernelError) => Response): MiddlewareHandler<PasarelaEnv> {
  const tooLarge = (c: PasarelaContext) => {
    c.set('bodyTooLarge', true);
    const res = render(c, new KernelError('body-too-large', `The request body is larger than ${maxSize} bytes`));
    res.headers.set('connection', 'close');
    return res;
  };
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get('content-length');
    if (declared !== null && !raw.headers.has('transfer-encoding')) return Number.parseInt(declared, 10) > maxSize ? tooLarge(c) : next();
    const reader = raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxSize) {
        await reader.cancel().catch(() => {});
        return tooLarge(c);
      }
      chunks.push(value);
    }
    c.req.raw = new Request(raw.url, { method: raw.method, headers: raw.headers, body: size ? Buffer.concat(chunks) : undefined, signal: raw.signal });
    return next();
  };
}

/** Reads the body once as text; HonoRequest caches it for json()/parseBody()/text(). */
export const bufferBody: MiddlewareHandler<PasarelaEnv> = async (c, next) => {
  if (c.req.raw.body) await c.req.text();
  await next();
};

export type JsonBody =
  | { ok: true; value: unknown }
  | { ok: false; problem: 'empty' | 'malformed' | 'not-json-content-type'; detail: string };

/**
 * The body as JSON. `requireContentType` mirrors providers (PlacetoPay) that ignore a
 * body sent without `Content-Type: application/json`.
 */
export async function readJson(c: PasarelaContext, opts: { requireContentType?: boolean } = {}): Promise<JsonBody> {
  const type = c.req.header('content-type') ?? '';
  if (opts.requireContentType && !/\bjson\b/i.test(type)) {
    return { ok: false, problem: 'not-json-content-type', detail: `Content-Type is "${type || 'missing'}", not application/json` };
  }
  const text = c.req.raw.body || Object.keys(c.req.bodyCache).length ? await c.req.text() : '';
  if (text.trim() === '') return { ok: false, problem: 'empty', detail: 'The request body is empty' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, problem: 'malformed', detail: `The request body is not valid JSON: ${(e as Error).message}` };
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
