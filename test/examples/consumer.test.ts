// A new user's first hour, as a test: the packed package installed in a separate project
// (strict TypeScript, vitest, msw), where every documented snippet compiles and runs, and each
// examples/<provider> project typechecks and passes its own tests. One pack, one install.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../emulators/index.ts';
import { childEnv, npm, packInto, root } from '../helpers/packed.ts';
import { documentationSnippets, pointAt, type Snippet } from './snippets.ts';

const run = promisify(execFile);
// Under node_modules/.cache, not /tmp: TypeScript 7's compiler is a native binary, and /tmp may be noexec.
const work = join(root, 'node_modules/.cache/pasarela-consumer');
const consumer = join(work, 'project');
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const snippets = documentationSnippets(root);
const code = (modes: Snippet['mode'][]) => snippets.filter((s) => modes.includes(s.mode));

/** What every example and the snippets need, at the versions this repository tests with. */
function consumerManifest(tarball: string) {
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const dev = (name: string) => own.devDependencies[name]!;
  return {
    name: 'pasarela-consumer',
    private: true,
    type: 'module',
    dependencies: { pasarela: `file:${tarball}` },
    devDependencies: { msw: dev('msw'), vitest: dev('vitest'), typescript: dev('typescript'), '@types/node': dev('@types/node') },
  };
}

const strict = {
  target: 'ES2022',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  types: ['node'],
};

const tsc = (project: string) => run(process.execPath, [join(consumer, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: consumer, env: childEnv, encoding: 'utf8' });
const vitest = (cwd: string) =>
  run(process.execPath, [join(consumer, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=verbose'], { cwd, env: { ...childEnv, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' }, encoding: 'utf8', timeout: 120_000 });
const failure = (e: unknown) => {
  const { stdout, stderr, message } = e as { stdout?: string; stderr?: string; message: string };
  return new Error(`${message}\n${stdout ?? ''}\n${stderr ?? ''}`);
};

describe('a consumer project with the packed package', () => {
  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(consumer, { recursive: true });
    const tarball = await packInto(work);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify(consumerManifest(tarball), null, 2));
    npm(['install', '--prefer-offline'], consumer);
  }, 240_000);

  it('installs with no install-time script (nothing in the package runs files it does not ship)', () => {
    const installed = JSON.parse(readFileSync(join(consumer, 'node_modules/pasarela/package.json'), 'utf8')) as { scripts?: Record<string, string> };
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(installed.scripts?.[hook], hook).toBeUndefined();
    // The checkout keeps its own (npm ci there builds dist/).
    expect((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.prepare).toBeDefined();
  });

  it('finds the documentation snippets', () => {
    expect(code(['run']).length).toBeGreaterThanOrEqual(5);
    expect(code(['vitest']).length).toBeGreaterThanOrEqual(1);
    expect(code(['include']).length).toBeGreaterThanOrEqual(examples.length);
  });

  it('every ```json block parses', () => {
    for (const s of code(['json'])) expect(() => JSON.parse(s.code), s.where).not.toThrow();
  });

  it('every included block is the file it names, unchanged', () => {
    for (const s of code(['include'])) {
      const file = join(root, s.include!);
      expect(existsSync(file), `${s.where}: ${s.include} does not exist`).toBe(true);
      expect(s.code.trim(), `${s.where} differs from ${s.include} (npm run docs:snippets rewrites it)`).toBe(readFileSync(file, 'utf8').trim());
    }
  });

  it('every ts/js snippet typechecks under strict against the packed package', { timeout: 120_000 }, async () => {
    const dir = join(consumer, 'snippets');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'vitest'), { recursive: true });
    for (const s of code(['run', 'typecheck', 'vitest'])) {
      const target = s.mode === 'vitest' ? join(dir, 'vitest', `${s.slug}.test.ts`) : join(dir, `${s.slug}.ts`);
      // Each block is a module of its own (top-level await, no shared names); the header says where it came from.
      writeFileSync(target, `// ${s.where}\n${s.code}\nexport {};\n`);
    }
    writeFileSync(join(dir, 'vitest', 'vitest.config.ts'), `import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { globalSetup: ['pasarela/vitest'] } });\n`);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...strict, outDir: 'out', rootDir: '.' }, include: ['*.ts', 'vitest/*.ts'] }, null, 2));
    await tsc(dir).catch((e) => {
      throw failure(e);
    });
  });

  it('every runnable snippet runs to completion against a sandbox on free ports', { timeout: 180_000 }, async () => {
    const out = join(consumer, 'snippets/out');
    for (const s of code(['run'])) {
      // Snippets written for `npx pasarela start` (ports 4100–4104) run against a fresh sandbox on free ports.
      const sandbox: Sandbox = createSandbox({ logError: () => {} });
      const { urls } = await sandbox.start({ port: 0 });
      const file = join(out, `${s.slug}.js`);
      writeFileSync(file, pointAt(readFileSync(file, 'utf8'), urls));
      try {
        await run(process.execPath, [file], { cwd: consumer, env: childEnv, encoding: 'utf8', timeout: 30_000 }).catch((e) => {
          throw new Error(`${s.where}: ${failure(e).message}`);
        });
      } finally {
        await sandbox.stop();
      }
    }
  });

  it('the vitest snippets pass under `globalSetup: ["pasarela/vitest"]`', { timeout: 180_000 }, async () => {
    const { stdout } = await vitest(join(consumer, 'snippets/vitest')).catch((e) => {
      throw failure(e);
    });
    expect(stdout).toMatch(/Tests\s+\d+ passed/);
  });

  for (const name of examples) {
    it(`examples/${name}: typechecks under strict and its tests pass`, { timeout: 180_000 }, async () => {
      const dir = join(consumer, 'examples', name);
      rmSync(dir, { recursive: true, force: true });
      cpSync(join(root, 'examples', name), dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
      // The example's own package.json asks for nothing the shared install lacks.
      const shared = consumerManifest('');
      for (const dep of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)]) {
        expect({ ...shared.dependencies, ...shared.devDependencies }, `examples/${name} depends on ${dep}`).toHaveProperty([dep]);
      }
      await tsc(dir).catch((e) => {
        throw failure(e);
      });
      const { stdout } = await vitest(dir).catch((e) => {
        throw failure(e);
      });
      expect(stdout).toMatch(/Tests\s+\d+ passed/);
      expect(stdout).not.toMatch(/skipped|failed/);
    });
  }
});
