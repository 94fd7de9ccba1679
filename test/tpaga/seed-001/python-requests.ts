/**
 * Python `requests.post(...)` reproduced byte for byte in Node, for seed 001's client:
 * the request line, requests' default headers in its order (Host, User-Agent,
 * Accept-Encoding, Accept, Connection; the caller's headers; then what preparing the body
 * adds, Content-Length and for `json=` Content-Type; Authorization last)
 * and `json.dumps` bodies (", " and ": " separators, non-ASCII as \uXXXX). One connection
 * per call, like `requests.post`, which opens a Session and closes it.
 */
import { request } from 'node:http';

/** What requests 2.34 on the project's machine sends; the seed test takes the installed one's. */
export const REQUESTS_DEFAULTS = { userAgent: 'python-requests/2.34.2', acceptEncoding: 'gzip, deflate' };

/** `json.dumps(value)` with Python's defaults (ensure_ascii, `(', ', ': ')`). */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : JSON.stringify(value);
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}

/** `HTTPBasicAuth(user, password)`: latin-1 bytes, base64. */
export const pythonBasicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'latin1').toString('base64')}`;

export interface PostOptions {
  /** `json=`: serialised with json.dumps, Content-Type application/json. */
  json?: unknown;
  /** `data=` bytes, sent as they are. */
  data?: Buffer;
  headers?: Record<string, string>;
  auth?: [string, string];
  defaults?: typeof REQUESTS_DEFAULTS;
}

/** `requests.post(url, ...)` as a fetch-like Response. */
export function requestsPost(url: string | URL, o: PostOptions): Promise<Response> {
  const u = new URL(url);
  const d = o.defaults ?? REQUESTS_DEFAULTS;
  const body = o.data ?? Buffer.from(pythonJsonDumps(o.json), 'utf8');
  // Node writes an array of [name, value] pairs in this order and with this casing.
  const headers: [string, string][] = [
    ['Host', u.host],
    ['User-Agent', d.userAgent],
    ['Accept-Encoding', d.acceptEncoding],
    ['Accept', '*/*'],
    ['Connection', 'keep-alive'],
    ...Object.entries(o.headers ?? {}),
    ['Content-Length', String(body.length)],
    ...(o.data === undefined ? ([['Content-Type', 'application/json']] as [string, string][]) : []),
    ...(o.auth ? ([['Authorization', pythonBasicAuth(...o.auth)]] as [string, string][]) : []),
  ];
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: 'POST', path: u.pathname + u.search, headers: headers.flat(), agent: false, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
        const status = res.statusCode ?? 0;
        resolve(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: h }));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
