/** MSW in a test file: the sandbox's handlers, real loopback traffic let through. */
import { setupServer } from 'msw/node';
import type { HttpHandler } from 'msw';
import { afterAll, beforeAll } from 'vitest';

export function useMsw(handlers: () => HttpHandler[]) {
  let server: ReturnType<typeof setupServer> | undefined;
  beforeAll(() => {
    server = setupServer(...handlers());
    server.listen({
      onUnhandledRequest(request, print) {
        const host = new URL(request.url).hostname;
        if (host === '127.0.0.1' || host === 'localhost') return;
        print.error();
      },
    });
  });
  afterAll(() => server?.close());
}
