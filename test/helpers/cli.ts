/** The `pasarela` command in child processes, for tests that run it as a user would. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { afterAll } from 'vitest';

export const BIN = new URL('../../bin/pasarela.js', import.meta.url).pathname;

/** Runs `pasarela …` to completion. */
export function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Child processes of `pasarela start`, killed after the file's tests. */
export function useStart() {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });
  /** Starts `pasarela start …` and resolves with its banner once it listens. */
  return function start(args: string[], nodeArgs: string[] = []): Promise<{ child: ChildProcess; banner: string }> {
    const child = spawn(process.execPath, [...nodeArgs, BIN, 'start', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Press Ctrl+C')) resolve({ child, banner: out });
      });
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
  };
}

export const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (c) => r(c))));

/** A base port with room for the providers above it. */
export const randomBase = () => 30_000 + Math.floor(Math.random() * 20_000);
