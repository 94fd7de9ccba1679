/**
 * `--state-file F`: the sandbox's state across restarts. Writes are atomic (temporary
 * file, fsync, rename), so a hard kill leaves either the old or the new file, never a
 * torn one. Changes are written at most `intervalMs` after they happen.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { SandboxSnapshot } from './sandbox.ts';

export class StateFileError extends Error {}

export function readStateFile(path: string): SandboxSnapshot | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new StateFileError(`state file ${path} is not valid JSON (${(e as Error).message}); move it away to start fresh`);
  }
  if ((parsed as SandboxSnapshot | null)?.version !== 1) throw new StateFileError(`state file ${path} is not a Pasarela state file`);
  return parsed as SandboxSnapshot;
}

interface Restorable {
  snapshot(): SandboxSnapshot;
  restore(snapshot: SandboxSnapshot, opts: { fromDisk?: boolean }): void;
  reserveIds(persist: () => void, block?: number): void;
  changes: { on(listener: (topic: string) => void): unknown };
}

/**
 * `--state-file F`: restores the sandbox from F (checked in full first: a bad file is one
 * line naming it and the problem, and stays untouched), writes it back at once (so the new
 * start and its id reservations are on disk before the first answer), then keeps it current.
 */
export function keepStateFile(sandbox: Restorable, path: string, intervalMs = 200) {
  const saved = readStateFile(path);
  if (saved) {
    try {
      sandbox.restore(saved, { fromDisk: true });
    } catch (e) {
      throw new StateFileError(`state file ${path}: ${(e as Error).message.replace(/^Not a valid Pasarela snapshot: /, '')}; fix it or move it away to start fresh`);
    }
  }
  const persister = createPersister(path, () => sandbox.snapshot(), intervalMs);
  sandbox.reserveIds(() => persister.flush());
  persister.flush();
  sandbox.changes.on((topic) => {
    if (topic === 'state' || topic === 'clock' || topic === 'webhooks') persister.schedule();
  });
  return persister;
}

export function writeStateFileAtomic(path: string, snapshot: SandboxSnapshot): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(snapshot));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Debounced writer: `schedule()` after changes, `flush()` on shutdown. */
export function createPersister(path: string, snapshot: () => SandboxSnapshot, intervalMs = 200) {
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    writeStateFileAtomic(path, snapshot());
  };
  return {
    schedule() {
      if (!timer) timer = setTimeout(flush, intervalMs);
    },
    flush,
  };
}
