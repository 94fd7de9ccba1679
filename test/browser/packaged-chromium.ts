/**
 * The Chromium that the devDependency @sparticuz/chromium carries inside its npm tarball
 * (bin/chromium.br, a brotli-compressed Linux x64 headless shell), so that `npm ci` alone
 * provides a browser: nothing is downloaded at install or test time.
 *
 * We unpack it ourselves rather than call the package's executablePath(): that one writes a
 * fixed /tmp/chromium (shared by every checkout and version, and raced by parallel test
 * workers, since it trusts any file already there). Here the binary goes to
 * node_modules/.cache/pasarela-chromium/<version>/, written to a temporary name and then linked
 * into place, so a worker sees either no file or a complete one.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, constants, link, mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';

export const PACKAGE = '@sparticuz/chromium';
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/pasarela-chromium/', import.meta.url));

/** The package's root folder and version; throws when it is not installed (e.g. `npm ci --omit=dev`). */
async function packageRoot(): Promise<{ root: string; version: string }> {
  // Its exports map has only ".", so resolve the entry point and climb to the folder holding its package.json.
  let dir = dirname(createRequire(import.meta.url).resolve(PACKAGE));
  for (;;) {
    const manifest = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest !== undefined) {
      const { name, version } = JSON.parse(manifest) as { name?: string; version?: string };
      if (name === PACKAGE && version) return { root: dir, version };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${PACKAGE} has no package.json above its entry point`);
    dir = parent;
  }
}

/** Path of the unpacked binary, unpacking it on first use (about 3 s, 190 MB). */
export async function packagedChromium(cache = CACHE): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`${PACKAGE} carries a Linux x64 binary only (this is ${process.platform} ${process.arch})`);
  const { root, version } = await packageRoot();
  const target = join(cache, version, 'chromium');
  if (await access(target, constants.X_OK).then(() => true, () => false)) return target;
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.${randomUUID()}.partial`;
  try {
    await pipeline(createReadStream(join(root, 'bin', 'chromium.br')), createBrotliDecompress(), createWriteStream(partial, { mode: 0o755 }));
    // link() is atomic and never replaces: a running Chromium re-executes its own file for its
    // GPU and renderer processes, so swapping the file under it (rename) kills it. When two
    // workers unpack at once, the second finds the first one's file and uses that.
    await link(partial, target).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  } finally {
    await rm(partial, { force: true });
  }
  return target;
}
