/**
 * Route paths: how some providers' servers see them, and the one pattern rule used by
 * every path filter (fault rules, queued scenarios, journal queries).
 */
import { getPath } from 'hono/utils/url';

/** Clients join a base URL ending in `/` with a path starting with `/`; some servers tolerate the `//`. */
export const pathWithSingleSlashes = (request: Request): string => getPath(request).replace(/\/{2,}/g, '/');

/**
 * A path filter: exact, or with `*` matching any run of characters (`/api/session*`, or a
 * middle segment). Patterns come from admin input, so no regular expression: the literal
 * pieces between stars are found left to right, which is linear in the path's length and
 * exact for `*`-only globs (the leftmost place of each piece is never worse than another).
 */
export function pathMatches(pattern: string, path: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return pattern === path;
  const head = pieces[0]!;
  const tail = pieces[pieces.length - 1]!;
  if (path.length < head.length + tail.length || !path.startsWith(head) || !path.endsWith(tail)) return false;
  const end = path.length - tail.length;
  let at = head.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (piece === '') continue;
    const found = path.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/**
 * Origin, path and query of an absolute URL the HTTP adapter already normalised (a
 * `Request.url`), as `new URL` would give them, without parsing it again on every request.
 * The query keeps its `?` and is empty when there is none or nothing follows the `?`.
 */
export function splitHref(href: string): { origin: string; pathname: string; search: string } {
  const scheme = href.indexOf('://');
  let start = href.indexOf('/', scheme < 0 ? 0 : scheme + 3);
  if (start < 0) start = href.length;
  const hash = href.indexOf('#', start);
  const end = hash < 0 ? href.length : hash;
  const q = href.indexOf('?', start);
  const query = q >= 0 && q < end ? q : end;
  return { origin: href.slice(0, start), pathname: href.slice(start, query) || '/', search: end - query > 1 ? href.slice(query, end) : '' };
}
