// Rewrites every block marked `<!-- snippet: include PATH -->` in README.md and docs/ with the
// file's current text (the recipes quote examples/*). test/examples/consumer.test.ts fails
// while a block and its file differ; this is the fix.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const files = ['README.md'];
for (const dir of ['docs', 'docs/recipes']) {
  try {
    for (const f of readdirSync(join(root, dir)).sort()) if (f.endsWith('.md')) files.push(join(dir, f));
  } catch {
    // No such folder.
  }
}
const BLOCK = /(<!--\s*snippet:\s*include\s+(\S+)\s*-->\n```[A-Za-z]*\n)([\s\S]*?)(\n```)/g;
for (const file of files) {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(BLOCK, (_m, open, include, _old, close) => `${open}${readFileSync(join(root, include), 'utf8').trimEnd()}${close}`);
  if (next !== text) {
    writeFileSync(path, next);
    console.log(`updated ${file}`);
  }
}
