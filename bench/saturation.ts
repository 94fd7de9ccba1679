/**
 * What a share of bare node:http means on this machine: bare node:http that spends a fixed
 * amount of CPU per request (0, 20, 60, 120, 160 µs), loaded like every bench run. Prints
 * req/s, the share of the 0 µs run and the server's user and system CPU per request, so an
 * emulator's share can be read as "N µs of work per request", and the growth of the system
 * time (the socket writes) with saturation is measured rather than guessed.
 *   node --import tsx bench/saturation.ts      (BENCH_SECONDS, default 5)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { load, pool } from './load.ts';
import type { WireRequest } from './workloads.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const BUSY = [0, 20, 60, 120, 160];
const answer = JSON.stringify({ status: { status: 'OK', reason: 'PC', message: 'La petición se ha procesado correctamente', date: '2026-12-05T10:49:36-05:00' }, requestId: 1, processUrl: 'https://checkout-test.placetopay.com/spa/session/1/306749c8e9362340276887741c5ef683' });
const requests: WireRequest[] = Array.from({ length: 1000 }, (_, i) => ({ method: 'POST', path: '/api/session', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth: { login: 'sandbox-login' }, payment: { reference: `R-${i}` } }) }));
const probe = fileURLToPath(new URL('./servers/probe.mjs', import.meta.url));

let base = NaN;
console.log('| busy work per request | req/s | share of 0 µs | server user µs/req | server system µs/req | bench CPU |\n|---|---|---|---|---|---|');
for (const busy of BUSY) {
  const child = fork(fileURLToPath(new URL('./servers/busy.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--import', probe],
    env: { ...process.env, BENCH_ANSWER: answer, BENCH_BUSY_US: String(busy) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const port = await new Promise<number>((resolve) => child.on('message', (m: { port?: number }) => typeof m.port === 'number' && resolve(m.port)));
    const cpu = () =>
      new Promise<NodeJS.CpuUsage>((resolve) => {
        const on = (m: { probe?: string; cpu?: NodeJS.CpuUsage }) => m.probe === 'usage' && (child.off('message', on), resolve(m.cpu!));
        child.on('message', on);
        child.send({ probe: 'usage', id: 0 });
      });
    const requestPool = pool(requests, `127.0.0.1:${port}`);
    await load(requestPool, { port, connections: 50, seconds: 2, status: 200 });
    const before = await cpu();
    const m = await load(requestPool, { port, connections: 50, seconds: SECONDS, status: 200 });
    const after = await cpu();
    if (busy === 0) base = m.rps;
    const per = (a: number, b: number) => ((b - a) / m.requests).toFixed(1);
    console.log(`| ${busy} µs | ${Math.round(m.rps).toLocaleString('en-US')} | ${((m.rps / base) * 100).toFixed(0)} % | ${per(before.user, after.user)} | ${per(before.system, after.system)} | ${(m.generatorCpu * 100).toFixed(0)} % |`);
  } finally {
    child.kill();
  }
}
