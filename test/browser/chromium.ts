/**
 * The one place that decides which Chromium the browser tests drive (with playwright-core;
 * never `playwright install`, which downloads). In order, the first that answers `--version`:
 *   1. CHROMIUM_PATH;
 *   2. a system Chromium or Chrome: on PATH, then in the usual install locations;
 *   3. the Chromium inside the devDependency @sparticuz/chromium (Linux x64), so that
 *      `npm ci` alone is enough.
 * `--version` rather than existsSync: a wrapper that exists but cannot start a browser (a
 * snap stub, a broken install, a binary missing a shared library) is no browser.
 * If none works, launching fails with one line saying what to install: never a skip.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { PACKAGE, packagedChromium } from './packaged-chromium.ts';

export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'packaged';
export interface FoundChromium {
  path: string;
  source: ChromiumSource;
  /** What `--version` printed, e.g. "Chromium 143.0.7499.0". */
  version: string;
  /** Candidates tried before this one, with why they were passed over. */
  passedOver: string[];
}

export const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
export const USUAL_LOCATIONS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
export const INSTALL_HINT = `install Chromium or Google Chrome (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to one; on Linux x64, \`npm ci\` with devDependencies provides ${PACKAGE}`;

/** What the packaged binary links against beyond glibc (`ldd`); slim container images may lack them. */
export const LIBRARIES_HINT = 'install the libraries the packaged Chromium needs (Debian/Ubuntu: apt-get install libnss3 libexpat1)';

const run = promisify(execFile);
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 200);

/** The version line a working browser prints, or throws with a one-line reason. */
export async function probe(path: string): Promise<string> {
  try {
    const { stdout } = await run(path, ['--version'], { timeout: 20_000 });
    const version = oneLine(stdout);
    if (!/\d+\.\d+/.test(version)) throw new Error(`printed no version (${JSON.stringify(version)})`);
    return version;
  } catch (e) {
    const err = e as { code?: unknown; signal?: unknown; stderr?: string; message?: string };
    const why = typeof err.code === 'number' ? `exit ${err.code}` : err.signal ? `killed by ${String(err.signal)}` : '';
    // stderr says why (a missing library, a stub's advice); spawn errors (ENOENT, EACCES) only have a message.
    const detail = err.stderr?.trim() || (why ? '' : (err.message ?? ''));
    throw new Error(oneLine(`${why} ${detail}`) || 'did not run');
  }
}

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

/** System candidates in order: each name on PATH, then the usual locations; existing files only, no repeats. */
export function systemCandidates(pathVar: string | undefined, locations: readonly string[] = USUAL_LOCATIONS): string[] {
  const dirs = (pathVar ?? '').split(delimiter).filter((d) => isAbsolute(d));
  const onPath = SYSTEM_NAMES.flatMap((name) => dirs.map((d) => join(d, name)));
  return [...new Set([...onPath, ...locations])].filter(isFile);
}

export interface FindOptions {
  env?: NodeJS.ProcessEnv;
  locations?: readonly string[];
  packaged?: () => Promise<string>;
}

export async function findChromium({ env = process.env, locations = USUAL_LOCATIONS, packaged = packagedChromium }: FindOptions = {}): Promise<FoundChromium> {
  const passedOver: string[] = [];
  const attempt = async (source: ChromiumSource, path: string): Promise<FoundChromium | undefined> => {
    try {
      return { path, source, version: await probe(path), passedOver };
    } catch (e) {
      passedOver.push(`${source === 'system' ? '' : `${source} `}${path}: ${(e as Error).message}`);
      return undefined;
    }
  };

  if (env.CHROMIUM_PATH) {
    const found = await attempt('CHROMIUM_PATH', env.CHROMIUM_PATH);
    if (found) return found;
  }
  const system = systemCandidates(env.PATH, locations);
  for (const path of system) {
    const found = await attempt('system', path);
    if (found) return found;
  }
  if (system.length === 0) passedOver.push(`no system ${SYSTEM_NAMES.join('/')} on PATH or in the usual locations`);
  try {
    const found = await attempt('packaged', await packaged());
    if (found) return found;
  } catch (e) {
    passedOver.push(`${PACKAGE}: ${oneLine((e as Error).message)}`);
  }
  const libraries = passedOver.some((reason) => reason.startsWith('packaged ') && reason.includes('error while loading shared libraries'));
  throw new Error(`No Chromium for the browser tests (${passedOver.join('; ')}): ${libraries ? `${LIBRARIES_HINT}, or ` : ''}${INSTALL_HINT}.`);
}

let chosen: Promise<FoundChromium> | undefined;
/** findChromium() once per test process; says so when a CHROMIUM_PATH that was set is not used. */
export function chromiumForTests(): Promise<FoundChromium> {
  chosen ??= findChromium().then((found) => {
    if (process.env.CHROMIUM_PATH && found.source !== 'CHROMIUM_PATH') console.warn(`CHROMIUM_PATH is not runnable (${found.passedOver[0]}); using ${found.source} ${found.path} (${found.version})`);
    return found;
  });
  return chosen;
}

export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launch(executablePath?: string): Promise<Browser> {
  return chromium.launch({ executablePath: executablePath ?? (await chromiumForTests()).path, headless: true, args: ARGS });
}
