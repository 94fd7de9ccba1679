// Baseline: the ceiling any Node emulator can reach here. node:http, reads the request
// body, answers a fixed JSON body (the emulator's create-session answer, BENCH_ANSWER).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = process.env.BENCH_ANSWER ?? '{}';
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
});
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
