// `npm pack` packs package.json as it is on disk after `prepack`: this takes the checkout-only
// lifecycle scripts out for the pack (`strip`, from prepack) and puts them back (`restore`,
// from postpack). A consumer's install then has no script that needs files not in the package
// (`prepare` runs scripts/build.mjs, which is not packed). Same idea as pinst.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const manifest = join(root, 'package.json');
const backup = join(root, 'node_modules/.cache/pasarela-pack/package.json');
/** Scripts that only make sense in a checkout: install-time (`prepare`) and the pack hooks. */
const CHECKOUT_ONLY = ['prepare', 'prepack', 'postpack'];

const mode = process.argv[2];
if (mode === 'strip') {
  // A backup left by an interrupted pack is the real manifest: keep it, strip again from it.
  const original = existsSync(backup) ? readFileSync(backup, 'utf8') : readFileSync(manifest, 'utf8');
  mkdirSync(join(backup, '..'), { recursive: true });
  writeFileSync(backup, original);
  const pkg = JSON.parse(original);
  for (const name of CHECKOUT_ONLY) delete pkg.scripts?.[name];
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (mode === 'restore') {
  if (existsSync(backup)) renameSync(backup, manifest);
} else {
  console.error('usage: node scripts/pack-manifest.mjs strip|restore');
  process.exit(2);
}
