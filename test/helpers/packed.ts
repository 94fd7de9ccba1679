/**
 * `npm pack` of this checkout, one at a time: packing rebuilds dist/ and rewrites package.json
 * for the moment of the pack (scripts/pack-manifest.mjs), so two test files packing at once
 * would trip over each other. A lock directory serialises them across vitest workers.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
/** npm variables of the outer `npm test` must not leak into child npm commands. */
export const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));

export const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: childEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const LOCK = join(root, 'node_modules/.cache/pasarela-pack.lock');
const STALE_MS = 5 * 60_000;

async function withLock<T>(fn: () => T): Promise<T> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than any pack is left over from a killed run.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // Released meanwhile.
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Packs the checkout into `dir` and returns the tarball's path. */
export function packInto(dir: string): Promise<string> {
  return withLock(() => {
    mkdirSync(dir, { recursive: true });
    npm(['pack', '--pack-destination', dir], root);
    const tarball = readdirSync(dir).find((f) => /^pasarela-\d+\.\d+\.\d+\.tgz$/.test(f));
    if (!tarball) throw new Error(`npm pack left no tarball in ${dir}`);
    return join(dir, tarball);
  });
}
