// Which Chromium the browser tests get (./chromium.ts), and proof that with no usable system
// browser the one from the npm package still launches and renders a page.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, launch, probe, systemCandidates } from './chromium.ts';
import { packagedChromium } from './packaged-chromium.ts';

// Not os.tmpdir(): the fake browsers must be executable, and /tmp may be mounted noexec.
const cache = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'pasarela-discovery-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A shell script standing in for a browser (or for a broken one). */
function program(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
const exit127 = program('exit-127', 'echo "chromium: not found" >&2; exit 127');
const noPackage = () => Promise.reject(new Error('not installed'));

describe('probe', () => {
  it('accepts a program that prints a version, and says why it refuses others', async () => {
    expect(await probe(program('ok', 'echo "Chromium 1.2.3"'))).toBe('Chromium 1.2.3');
    await expect(probe(exit127)).rejects.toThrow('exit 127 chromium: not found');
    await expect(probe(program('silent', 'exit 0'))).rejects.toThrow('printed no version');
    const notExecutable = join(dir, 'plain-file');
    writeFileSync(notExecutable, 'not a program');
    await expect(probe(notExecutable)).rejects.toThrow('EACCES');
    await expect(probe(join(dir, 'missing'))).rejects.toThrow('ENOENT');
  });
});

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first when it runs', async () => {
    const chosen = program('chosen', 'echo "Chromium 999.0"');
    const found = await findChromium({ env: { CHROMIUM_PATH: chosen, PATH: '' }, locations: [], packaged: noPackage });
    expect(found).toMatchObject({ source: 'CHROMIUM_PATH', path: chosen, version: 'Chromium 999.0' });
  });

  it('passes over a CHROMIUM_PATH that exits 127 and a system stub that cannot start, for a working one on PATH', async () => {
    const stubDir = join(dir, 'stub-bin');
    const goodDir = join(dir, 'good-bin');
    mkdirSync(stubDir, { recursive: true });
    mkdirSync(goodDir, { recursive: true });
    // Like Ubuntu's chromium-browser without the snap: the file exists, the browser does not.
    writeFileSync(join(stubDir, 'chromium'), '#!/bin/sh\necho "install the snap" >&2; exit 1\n');
    chmodSync(join(stubDir, 'chromium'), 0o755);
    writeFileSync(join(goodDir, 'google-chrome'), '#!/bin/sh\necho "Google Chrome 150.0"\n');
    chmodSync(join(goodDir, 'google-chrome'), 0o755);
    const found = await findChromium({ env: { CHROMIUM_PATH: exit127, PATH: `${stubDir}:${goodDir}` }, locations: [], packaged: noPackage });
    expect(found).toMatchObject({ source: 'system', path: join(goodDir, 'google-chrome'), version: 'Google Chrome 150.0' });
    expect(found.passedOver).toEqual([`CHROMIUM_PATH ${exit127}: exit 127 chromium: not found`, `${join(stubDir, 'chromium')}: exit 1 install the snap`]);
  });

  it('lists PATH entries before the usual locations, existing files only', () => {
    const usual = program('usual-chrome', 'echo "Chromium 1.0"');
    expect(systemCandidates(`relative/bin:${dir}`, [usual, join(dir, 'nowhere')])).toEqual([usual]);
  });

  it('fails with one line that says what was tried and what to install', async () => {
    const error = await findChromium({ env: { CHROMIUM_PATH: exit127, PATH: '' }, locations: [], packaged: noPackage }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(`CHROMIUM_PATH ${exit127}: exit 127`);
    expect(message).toContain('no system chromium/');
    expect(message).toContain('@sparticuz/chromium: not installed');
    expect(message).toContain('apt-get install chromium');
    expect(message).not.toContain('libnss3');
  });

  it('names the libraries to install when the packaged binary cannot load them', async () => {
    const packaged = program('no-nss', 'echo "chromium: error while loading shared libraries: libnss3.so: cannot open shared object file" >&2; exit 127');
    const error = await findChromium({ env: { PATH: '' }, locations: [], packaged: async () => packaged }).catch((e: Error) => e);
    expect((error as Error).message).toContain(`packaged ${packaged}: exit 127 chromium: error while loading shared libraries: libnss3.so`);
    expect((error as Error).message).toContain('apt-get install libnss3 libexpat1');
  });
});

describe('the packaged Chromium (npm ci alone)', () => {
  it('is found when CHROMIUM_PATH exits 127 and there is no system browser, and renders a page (Linux x64; refused by name elsewhere)', async () => {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      await expect(packagedChromium()).rejects.toThrow('Linux x64 binary only');
      return;
    }
    const found = await findChromium({ env: { CHROMIUM_PATH: exit127, PATH: '' }, locations: [] });
    expect(found.source).toBe('packaged');
    expect(found.path).toMatch(/node_modules\/\.cache\/pasarela-chromium\/[\d.]+\/chromium$/);
    expect(found.version).toMatch(/^Chromium \d+\./);

    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>ok</title><p id="p">Pago aprobado ñ</p><script>document.title = String(6 * 7)</script>'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const browser = await launch(found.path);
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(await page.textContent('#p')).toBe('Pago aprobado ñ');
      expect(await page.title()).toBe('42');
      expect((await page.screenshot()).length).toBeGreaterThan(1000);
    } finally {
      await browser.close();
      server.close();
    }
  }, 60_000);
});
