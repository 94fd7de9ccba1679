// --state-file under a hard kill: the file is never torn, and writes acknowledged more
// than a second before the kill are there after a restart.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlacetoPay } from '../../clients/placetopay/index.ts';
import { readStateFile } from '../../emulators/kernel/persist.ts';
import { randomBase, useStart } from '../helpers/cli.ts';

const start = useStart();

describe('state file under a hard kill', () => {
  it('keeps every session acknowledged more than a second before SIGKILL, and the file always parses', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasarela-kill-'));
    const state = join(dir, 'state.json');
    const base = randomBase();
    const { child: first } = await start(['--port', String(base), '--providers', 'placetopay', '--state-file', state]);
    const client = new PlacetoPay({ login: 'sandbox-login', secretKey: 'sandbox-secret-key', baseUrl: `http://127.0.0.1:${base + 4}` });
    const acknowledged: { requestId: number; at: number }[] = [];
    let writing = true;
    const writer = (async () => {
      let i = 0;
      while (writing) {
        try {
          const r = await client.createSession({ payment: { reference: `K-${i++}`, amount: { currency: 'COP', total: 100 } }, ipAddress: '1.1.1.1', userAgent: 'kill', returnUrl: 'https://s.t/r' });
          acknowledged.push({ requestId: r.requestId, at: Date.now() });
        } catch {
          return; // the process is gone
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 2500));
    const killedAt = Date.now();
    first.kill('SIGKILL');
    writing = false;
    await writer;
    expect(acknowledged.length).toBeGreaterThan(20);

    const saved = readStateFile(state)!; // throws if torn
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp')).length).toBeLessThanOrEqual(1);
    const kept = new Set(Object.keys((saved.providers.placetopay!.merchants['sandbox-login'] as { sessions: object }).sessions).map(Number));
    const old = acknowledged.filter((a) => a.at < killedAt - 1000);
    expect(old.length).toBeGreaterThan(0);
    for (const a of old) expect(kept.has(a.requestId), `session ${a.requestId}`).toBe(true);

    await start(['--port', String(base), '--providers', 'placetopay', '--state-file', state]);
    for (const a of old.slice(-3)) expect((await client.query(a.requestId)).requestId).toBe(a.requestId);

    // Sessions of the last moments before the kill may be lost, but their ids are never handed out again.
    const answered = new Set(acknowledged.map((a) => a.requestId));
    for (let i = 0; i < 5; i++) {
      const r = await client.createSession({ payment: { reference: `After-${i}`, amount: { currency: 'COP', total: 100 } }, ipAddress: '1.1.1.1', userAgent: 'kill', returnUrl: 'https://s.t/r' });
      expect(answered.has(r.requestId), `requestId ${r.requestId} was answered before the kill`).toBe(false);
    }
  });
});
