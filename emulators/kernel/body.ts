/**
 * Request body handling shared by every provider: a size limit answered in the
 * provider's format, one buffered read that the journal and the route share, and a
 * JSON reader that reports what was wrong instead of throwing.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { KernelError } from './errors.ts';
import type { PasarelaContext, PasarelaEnv } from './types.ts';

export const DEFAULT_BODY_LIMIT = 512 * 1024;

/**
 * hono's bodyLimit, answered by the provider's error renderer. The answer closes the
 * connection: the unread rest of the body must not be taken for the next request on a
 * keep-alive socket.
 */
export function limitBody(maxSize: number, render: (c: PasarelaContext, error: KernelError) => Response): MiddlewareHandler<PasarelaEnv> {
  return bodyLimit({
    maxSize,
    onError: (c) => {
      (c as PasarelaContext).set('bodyTooLarge', true);
      const res = render(c as PasarelaContext, new KernelError('body-too-large', `The request body is larger than ${maxSize} bytes`));
      res.headers.set('connection', 'close');
      return res;
    },
  }) as MiddlewareHandler<PasarelaEnv>;
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
