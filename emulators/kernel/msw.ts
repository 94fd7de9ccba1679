/**
 * MSW transport: the same fetch function, answering requests to a provider's real
 * hosts inside the test process. MSW's request goes to the app as it is (MSW keeps its
 * own clone for its listeners; copying it cost about a fifth of the MSW path's CPU), and a
 * network-error fault becomes a network error of the fetch.
 */
import { http, type HttpHandler } from 'msw';
import { isNetworkError } from './faults.ts';
import { splitHref } from './paths.ts';
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

/**
 * One handler for every target: MSW runs each handler in turn until one answers, and each
 * run parses the URL and the cookies of the request again, so fourteen hosts as fourteen
 * handlers made a request to the last of them pay that fourteen times. The host is picked
 * here from a Map instead.
 */
export function mswHandlers(targets: readonly MswTarget[]): HttpHandler[] {
  const byOrigin = new Map(targets.map(({ origin, fetch }) => [origin.replace(/\/$/, ''), fetch] as const));
  if (!byOrigin.size) return [];
  const alternatives = [...byOrigin.keys()].map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return [
    // A RegExp, not a path pattern: MSW decodes pattern paths and throws on a bad escape (`/%ff`).
    http.all(new RegExp(`^(?:${alternatives})(/|$)`), async ({ request }) => {
      const fetch = byOrigin.get(splitHref(request.url).origin);
      // Not one of ours after all (a user-info URL the pattern let through): the next handler's.
      if (!fetch) return undefined;
      const res = await fetch(request, { transport: 'msw', remoteAddress: '127.0.0.1' });
      return isNetworkError(res) ? nativeNetworkError() : res;
    }),
  ];
}
