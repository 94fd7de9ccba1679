/** Runs one MSW measurement (bench/servers/msw-driver.ts) in a child process and returns its numbers. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadResult } from './load.ts';

export type MswResult = Pick<LoadResult, 'requests' | 'seconds' | 'rps' | 'p50' | 'p99' | 'reused'> & {
  /** Answers that were not the success answer, and failed fetches. */
  errors: number;
  /** CPU per request of the whole process: MSW, the handler and the fetch client alike. */
  cpuUs: number;
};

const driver = fileURLToPath(new URL('./servers/msw-driver.ts', import.meta.url));

export function measureMsw(variant: 'pasarela' | 'bare', seconds: number, concurrency: number, answer: string): Promise<MswResult> {
  const child = fork(driver, [variant, String(seconds), String(concurrency)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_ANSWER: answer },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let result: MswResult | undefined;
    child.on('message', (m) => (result = m as MswResult));
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`bench: the MSW driver (${variant}) exited with ${code} and no result`))));
  });
}
