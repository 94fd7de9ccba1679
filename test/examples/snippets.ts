/**
 * The code blocks of the documentation, as a new user copies them. Each ```ts / ```js block
 * is checked; the line before it (an HTML comment) may say how:
 *
 *   (nothing)                          typechecked under strict, then run with node
 *   <!-- snippet: typecheck -->        typechecked only (a config file, a fragment of a server)
 *   <!-- snippet: vitest -->           typechecked, then run as a test file under `pasarela/vitest`
 *   <!-- snippet: include PATH -->     must equal the file PATH (which its own test checks)
 *   <!-- snippet: skip REASON -->      not checked; the reason is required
 *
 * ```json blocks must parse. Other languages (sh, text) are not checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export type SnippetMode = 'run' | 'typecheck' | 'vitest' | 'include' | 'skip' | 'json';

export interface Snippet {
  /** `README.md:42` (the fence's line), for messages. */
  where: string;
  /** A file-name-safe id. */
  slug: string;
  mode: SnippetMode;
  code: string;
  /** `include`: the file the block must equal (relative to the repository). */
  include?: string;
}

const CODE = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs']);
const DIRECTIVE = /^<!--\s*snippet:\s*(typecheck|vitest|include|skip)\b\s*(.*?)\s*-->$/;

export function extractSnippets(file: string, text: string): Snippet[] {
  const lines = text.split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```([A-Za-z]*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const lang = open[2]!.toLowerCase();
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!.slice(Math.min(indent, lines[i]!.length - lines[i]!.trimStart().length)));
    if (!CODE.has(lang) && lang !== 'json') continue;
    let back = start - 1;
    while (back >= 0 && lines[back]!.trim() === '') back--;
    const directive = back >= 0 ? DIRECTIVE.exec(lines[back]!.trim()) : null;
    const where = `${file}:${start + 1}`;
    const slug = `${file.replace(/[^A-Za-z0-9]+/g, '-')}-${start + 1}`;
    const code = `${body.join('\n')}\n`;
    if (lang === 'json') {
      out.push({ where, slug, mode: 'json', code });
      continue;
    }
    const mode = (directive?.[1] ?? 'run') as SnippetMode;
    if (mode === 'skip' && !directive?.[2]) throw new Error(`${where}: "snippet: skip" needs a reason`);
    if (mode === 'include' && !directive?.[2]) throw new Error(`${where}: "snippet: include" needs a path`);
    out.push({ where, slug, mode, code, ...(mode === 'include' ? { include: directive![2] } : {}) });
  }
  return out;
}

/** README.md, docs/*.md and docs/recipes/*.md of the repository at `root`. */
export function documentationSnippets(root: string): Snippet[] {
  const files = ['README.md'];
  for (const dir of ['docs', 'docs/recipes']) {
    try {
      for (const f of readdirSync(join(root, dir)).sort()) if (f.endsWith('.md')) files.push(join(dir, f));
    } catch {
      // No such folder.
    }
  }
  return files.flatMap((f) => extractSnippets(relative(root, join(root, f)), readFileSync(join(root, f), 'utf8')));
}

/**
 * The emulator URLs the documentation uses (`npx pasarela start`: control on 4100, providers
 * on 4101–4104) replaced by those of a sandbox on free ports.
 */
export function pointAt(code: string, urls: Record<string, string>): string {
  const ports: Record<string, string | undefined> = {
    '4100': urls.control,
    '4101': urls.puntopagos,
    '4102': urls.tpaga,
    '4103': urls.payture,
    '4104': urls.placetopay,
  };
  return code.replace(/http:\/\/(?:127\.0\.0\.1|localhost):(410[0-4])/g, (m, port: string) => ports[port] ?? m);
}
