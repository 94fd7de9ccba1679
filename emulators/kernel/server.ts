/**
 * Node transport: one HTTP listener around a fetch function. Knows nothing about
 * providers. A network-error answer from the app (a network-error or hang fault) becomes
 * a destroyed socket, which is what a client sees when a real gateway drops it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import type { IncomingMessage } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { DEFAULT_BODY_LIMIT } from './body.ts';
import { isNetworkError } from './faults.ts';
import type { TransportEnv } from './types.ts';

export type AppFetch = (request: Request, env: TransportEnv) => Promise<Response>;

export interface Listener {
  name: string;
  host: string;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** The client went away while its request was read: nothing to answer, and not a bug. */
export function isClientGone(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string } | null;
  return !!e && (e.code === 'ECONNRESET' || e.code === 'ERR_STREAM_PREMATURE_CLOSE' || e.name === 'AbortError' || (e.message === 'aborted' && e.name === 'Error'));
}

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly label: string,
  ) {
    super(`pasarela: ${host}:${port} (${label}) is already in use; stop the process that holds it or start with --port <another base>`);
    this.name = 'PortInUseError';
  }
}

/**
 * How long a client may take to send its request (documented in the README): the headers
 * within 10 s, the whole request within 60 s. Slow or half-open clients are closed, so a few
 * thousand of them cannot hold the listener. Answers may take longer (latency and hang faults).
 */
export const DEFAULT_TIMEOUTS = { headersMs: 10_000, requestMs: 60_000 };

/**
 * A GET or HEAD with a body (Content-Length or chunked): the adapter drops it, because a Fetch
 * `Request` cannot hold one, so it is read here, up to the body limit, as text.
 */
/** Whether this request is a GET or HEAD that carries a body (the only case `readGetBody` reads). */
function hasGetBody(incoming: IncomingMessage): boolean {
  if (incoming.method !== 'GET' && incoming.method !== 'HEAD') return false;
  const length = incoming.headers['content-length'];
  return incoming.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

async function readGetBody(incoming: IncomingMessage): Promise<{ getBody?: string; getBodyTooLarge?: boolean }> {
  if (Number(incoming.headers['content-length']) > DEFAULT_BODY_LIMIT) return { getBodyTooLarge: true };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > DEFAULT_BODY_LIMIT) return { getBodyTooLarge: true };
    chunks.push(chunk);
  }
  return size ? { getBody: Buffer.concat(chunks).toString('utf8') } : {};
}

export interface ListenOptions {
  host: string;
  port: number;
  name: string;
  timeouts?: Partial<typeof DEFAULT_TIMEOUTS>;
}

/**
 * A refused body (413): the answer goes out at once, the connection stays open while the rest
 * of the body is read and discarded (bounded by the drain), then closes. Ending the answer
 * straight away would close the socket under a client still writing: it would see EPIPE,
 * not the answer.
 */
async function answerThenDrain(res: Response, { outgoing }: HttpBindings, drained: Promise<void>): Promise<Response> {
  const body = Buffer.from(await res.arrayBuffer());
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  headers.connection = 'close';
  headers['content-length'] = String(body.length);
  outgoing.writeHead(res.status, headers);
  outgoing.write(body);
  void drained.finally(() => outgoing.end());
  return RESPONSE_ALREADY_SENT;
}

export async function listen(fetchApp: AppFetch, opts: ListenOptions): Promise<Listener> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  const requestListener = getRequestListener(
    async (request, env) => {
      const bindings = env as HttpBindings;
      const remoteAddress = bindings.incoming.socket.remoteAddress ?? '127.0.0.1';
      // Awaited only when there is such a body: every other request skips a microtask turn.
      const getBody = hasGetBody(bindings.incoming) ? await readGetBody(bindings.incoming) : undefined;
      const refusal: { drained?: Promise<void> } = {};
      const res = await fetchApp(request, { transport: 'http', remoteAddress: remoteAddress.replace(/^::ffff:/, ''), rawHeaders: bindings.incoming.rawHeaders, refusal, ...getBody });
      if (refusal.drained) return answerThenDrain(res, bindings, refusal.drained);
      if (isNetworkError(res)) {
        bindings.incoming.socket.destroy();
        // The socket is gone; node-server's write of this placeholder is a no-op.
        return new Response(null, { status: 502 });
      }
      return res;
    },
    {
      overrideGlobalObjects: true,
      errorHandler: (err) => {
        console.error(`pasarela: ${opts.name}: transport error`, err);
        return new Response('Internal transport error', { status: 500 });
      },
    },
  );
  const server: Server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: Math.max(timeouts.requestMs, timeouts.headersMs),
      // Node checks the two timeouts on this interval (default 30 s): check often enough to honour them.
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(timeouts.headersMs / 4))),
    },
    requestListener,
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(opts.host, opts.port, opts.name) : err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(opts.port, opts.host);
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // Malformed HTTP never reaches the app; answer like a web server would.
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    name: opts.name,
    host: opts.host,
    port,
    url: `http://${hostForUrl}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests in flight get a moment to finish, then their sockets are closed.
        setTimeout(() => server.closeAllConnections(), 1_000).unref();
      }),
  };
}
