// Snapshots through the admin API: named or by body, covering state, clock and journal-free restore.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../emulators/kernel/sandbox.ts';
import { placetopay } from '../../emulators/placetopay/index.ts';
import { fixtureProvider } from './fixture-provider.ts';

const setup = () => {
  const sandbox = createSandbox({ modules: [fixtureProvider], logError: () => {} });
  const pay = async () => ((await (await sandbox.fetch('fixture', '/pay', { method: 'POST', headers: { authorization: 'Bearer fixture-key' }, body: JSON.stringify({ card: '4242424242424242', amount: 1 }) })).json()) as { id: string }).id;
  const get = async (id: string) => (await sandbox.fetch('fixture', `/pay/${id}`, { headers: { authorization: 'Bearer fixture-key' } })).status;
  const admin = (path: string, body?: unknown) => sandbox.admin(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { sandbox, pay, get, admin };
};

describe('snapshots', () => {
  it('a named snapshot brings state and clock back after later changes', async () => {
    const { sandbox, pay, get, admin } = setup();
    const kept = await pay();
    sandbox.clock.freeze(new Date('2030-01-01T00:00:00Z'));
    expect((await admin('snapshot', { name: 'clean' })).status).toBe(201);
    const later = await pay();
    sandbox.clock.advance(3600);
    expect((await admin('restore', { name: 'clean' })).status).toBe(200);
    expect(await get(kept)).toBe(200);
    expect(await get(later)).toBe(404);
    expect(sandbox.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(await pay()).toBe(later); // the id sequence is part of the state
  });

  it('a snapshot returned as JSON can be restored by body, also into another sandbox', async () => {
    const a = setup();
    const id = await a.pay();
    const snapshot = await (await a.admin('snapshot')).json();
    const b = setup();
    expect((await b.admin('restore', snapshot)).status).toBe(200);
    expect(await b.get(id)).toBe(200);
  });

  it('refuses what is not a snapshot, unknown names, and provider ports', async () => {
    const { admin } = setup();
    expect((await admin('restore', { hello: 1 })).status).toBe(400);
    expect((await admin('restore', { name: 'never-taken' })).status).toBe(404);
    expect((await admin('snapshot', { name: 7 })).status).toBe(400);
    // With two providers, one provider's port cannot snapshot the other's state.
    const two = createSandbox({ modules: [fixtureProvider, placetopay], logError: () => {} });
    expect((await two.fetch('fixture', '/__admin/snapshot', { method: 'POST' })).status).toBe(400);
    expect((await two.admin('snapshot', { method: 'POST' })).status).toBe(201);
  });
});
