// State file: atomic writes, restore after restart, refusal of a corrupt file.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../emulators/index.ts';
import { createPersister, readStateFile, StateFileError, writeStateFileAtomic } from '../../emulators/kernel/persist.ts';
import { PlacetoPay } from '../../clients/placetopay/index.ts';

describe('state file', () => {
  it('a session created before a restart is there after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasarela-state-'));
    const path = join(dir, 'state.json');
    const first = createSandbox({ providers: ['placetopay'] });
    const persister = createPersister(path, () => first.snapshot(), 10);
    first.changes.on(() => persister.schedule());
    const { urls } = await first.start({ port: 0 });
    const client = new PlacetoPay({ login: 'sandbox-login', secretKey: 'sandbox-secret-key', baseUrl: urls.placetopay });
    const created = await client.createSession({ payment: { reference: 'KEEP', amount: { currency: 'COP', total: 5000 } }, ipAddress: '1.1.1.1', userAgent: 't', returnUrl: 'https://s.t/r' });
    await new Promise((r) => setTimeout(r, 50));
    await first.stop();
    expect(readdirSync(dir)).toEqual(['state.json']); // no temporary file left behind

    const second = createSandbox({ providers: ['placetopay'] });
    second.restore(readStateFile(path)!);
    const again = await second.start({ port: 0 });
    const info = await new PlacetoPay({ login: 'sandbox-login', secretKey: 'sandbox-secret-key', baseUrl: again.urls.placetopay }).query(created.requestId);
    expect(info.request.payment?.reference).toBe('KEEP');
    const next = await new PlacetoPay({ login: 'sandbox-login', secretKey: 'sandbox-secret-key', baseUrl: again.urls.placetopay }).createSession({ payment: { reference: 'NEXT', amount: { currency: 'COP', total: 1 } }, ipAddress: '1.1.1.1', userAgent: 't', returnUrl: 'https://s.t/r' });
    expect(next.requestId).toBe(created.requestId + 1);
    await second.stop();
  });

  it('refuses a corrupt or foreign file with a message, and reads nothing when absent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasarela-state-'));
    expect(readStateFile(join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(join(dir, 'bad.json'), '{"version":1,"provi');
    expect(() => readStateFile(join(dir, 'bad.json'))).toThrow(StateFileError);
    writeFileSync(join(dir, 'other.json'), '{"hello":1}');
    expect(() => readStateFile(join(dir, 'other.json'))).toThrow(/not a Pasarela state file/);
    writeStateFileAtomic(join(dir, 'ok.json'), { version: 1, takenAt: 'x', providers: {} });
    expect(existsSync(join(dir, 'ok.json'))).toBe(true);
  });
});
