/**
 * Node transport: one HTTP listener around a fetch function. Knows nothing about
 * providers. A network-error answer from the app (a network-error or hang fault) becomes
 * a destroyed socket, which is what a client sees when a real gateway drops it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
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

export async function listen(fetchApp: AppFetch, opts: { host: string; port: number; name: string }): Promise<Listener> {
  const requestListener = getRequestListener(
    async (request, env) => {
      const bindings = env as HttpBindings;
      const remoteAddress = bindings.incoming.socket.remoteAddress ?? '127.0.0.1';
      const res = await fetchApp(request, { transport: 'http', remoteAddress: remoteAddress.replace(/^::ffff:/, ''), rawHeaders: bindings.incoming.rawHeaders });
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
  const server: Server = createServer(requestListener);
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
  server.on('clientError', (_err, socket) => {
    // Malformed HTTP never reaches the app; answer like a web server would.
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
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
