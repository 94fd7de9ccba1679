// Calibration server (bench/saturation.ts): bare node:http that spends BENCH_BUSY_US µs of
// CPU on each request before it answers, standing in for an emulator's per-request work.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = process.env.BENCH_ANSWER ?? '{}';
const busyNs = BigInt(Math.round(Number(process.env.BENCH_BUSY_US ?? 0) * 1000));
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const until = process.hrtime.bigint() + busyNs;
    while (process.hrtime.bigint() < until);
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
