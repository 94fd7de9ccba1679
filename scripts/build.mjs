// Builds the published package: plain JavaScript and type declarations in dist/,
// plus the JSON Schemas the contracts registry reads at run time.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

for (const entry of readdirSync(join(root, 'contracts'))) {
  const dir = join(root, 'contracts', entry);
  if (statSync(dir).isDirectory() && entry !== 'suites') {
    cpSync(dir, join(root, 'dist/contracts', entry), { recursive: true, filter: (src) => statSync(src).isDirectory() || src.endsWith('.json') });
  }
}
// The conformance runner (pasarela verify) checks case files against this schema.
cpSync(join(root, 'conformance/case.schema.json'), join(root, 'dist/conformance/case.schema.json'));
// The launcher (bin/pasarela.js) runs dist/ only while this stamp is newer than every source file.
writeFileSync(join(root, 'dist/.built'), new Date().toISOString());
console.log('built dist/');
