// A provider's `getPath` decides routing, scenario-queue matching and fault matching.
import { splitHref } from '../../emulators/kernel/paths.ts';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../emulators/kernel/sandbox.ts';
import { fixtureProvider } from './fixture-provider.ts';

const collapsing = { ...fixtureProvider, getPath: (req: Request) => new URL(req.url).pathname.replace(/\/{2,}/g, '/') };
const headers = { authorization: 'Bearer fixture-key', 'content-type': 'application/json' };
// Full URLs: `new URL('//pay', base)` would read `pay` as a host.
const at = (path: string) => `https://api.fixture.test${path}`;
const body = JSON.stringify({ card: '4111111111111111', amount: 1 });

describe('ProviderModule.getPath', () => {
  it('without it, `//pay` is an unknown route', async () => {
    const sandbox = createSandbox({ modules: [fixtureProvider], logError: () => {} });
    const res = await sandbox.fetch('fixture', at('//pay'), { method: 'POST', headers, body });
    expect(res.status).toBe(404);
    await sandbox.stop();
  });

  it('with it, `//pay` routes as `/pay`, and queued scenarios and faults match the normalised path', async () => {
    const sandbox = createSandbox({ modules: [collapsing], logError: () => {} });
    expect((await sandbox.fetch('fixture', at('//pay'), { method: 'POST', headers, body })).status).toBe(201);

    sandbox.scenarios.add({ provider: 'fixture', scenario: 'declined', path: '/pay' });
    const other = await sandbox.fetch('fixture', at('/pay//'), { method: 'POST', headers, body });
    expect(other.status).toBe(404); // `/pay/` is another route: only duplicate slashes collapse
    const queued = await sandbox.fetch('fixture', at('//pay'), { method: 'POST', headers, body });
    expect(((await queued.json()) as { status: string }).status).toBe('declined');

    sandbox.faults.add({ provider: 'fixture', path: '/pay', action: { type: 'status', status: 503 }, times: 1 });
    expect((await sandbox.fetch('fixture', at('///pay'), { method: 'POST', headers, body })).status).toBe(503);
    await sandbox.stop();
  });
});

describe('splitHref', () => {
  it('gives what new URL gives for a normalised request URL', () => {
    for (const raw of ['http://127.0.0.1:4104/api/session', 'http://localhost/', 'http://h:1/a/b?x=1&y=%3D2', 'http://h/p?', 'http://h/p?#frag', 'http://h/p#f?x', 'http://[::1]:80/x?q=a?b', 'https://shop.example:8443//transaccion/crear?']) {
      const href = new URL(raw).href;
      const url = new URL(href);
      expect(splitHref(href), raw).toEqual({ origin: url.origin, pathname: url.pathname, search: url.search });
    }
  });
});
