/**
 * MSW transport: the same fetch function, answering requests to a provider's real
 * hosts inside the test process. The request is buffered (MSW's stream would need
 * `duplex: 'half'`), and a network-error fault becomes a network error of the fetch.
 */
import { http, type HttpHandler } from 'msw';
import { isNetworkError } from './faults.ts';
import type { AppFetch } from './server.ts';

export interface MswTarget {
  origin: string;
  fetch: AppFetch;
}

/**
 * A network error MSW recognises (`type: 'error'`) even when @hono/node-server has
 * replaced the global Response with its lightweight subclass (a sandbox started in the
 * same process): the native class is found up the prototype chain.
 */
function nativeNetworkError(): Response {
  let cls = globalThis.Response as typeof Response;
  while (cls.name !== 'Response' && Object.getPrototypeOf(cls)?.prototype instanceof Object) cls = Object.getPrototypeOf(cls) as typeof Response;
  return cls.error();
}

export function mswHandlers(targets: readonly MswTarget[]): HttpHandler[] {
  return targets.map(({ origin, fetch }) =>
    // A RegExp, not a path pattern: MSW decodes pattern paths and throws on a bad escape (`/%ff`).
    http.all(new RegExp(`^${origin.replace(/\/$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/|$)`), async ({ request }) => {
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const forwarded = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: hasBody ? await request.arrayBuffer() : undefined,
        signal: request.signal,
      });
      const res = await fetch(forwarded, { transport: 'msw', remoteAddress: '127.0.0.1' });
      return isNetworkError(res) ? nativeNetworkError() : res;
    }),
  );
}
