// Baseline: the ceiling any Node emulator can reach here. Reads the body, answers a fixed JSON body.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = JSON.stringify({
  status: { status: 'OK', reason: 'PC', message: 'The request has been processed successfully', date: '2026-01-01T00:00:00-05:00' },
  requestId: 1,
  processUrl: 'http://127.0.0.1:4104/session/1/cc9b8690b1f7228c78b759ce27d7e80a',
});
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
});
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('message', (m) => {
  if (m === 'memory') {
    globalThis.gc?.();
    process.send!({ memory: process.memoryUsage(), cpu: process.cpuUsage() });
  }
});
