/**
 * Route paths as some providers' servers see them: clients join a base URL ending in `/`
 * with a path starting with `/` and send `//`, which those servers tolerate.
 */
import { getPath } from 'hono/utils/url';

export const pathWithSingleSlashes = (request: Request): string => getPath(request).replace(/\/{2,}/g, '/');
