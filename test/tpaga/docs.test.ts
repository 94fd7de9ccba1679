// docs/tpaga.md carries the current scenario catalog (regenerate: npm run scenarios:docs).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { DOCS_BEGIN, DOCS_END, formatScenarios } from '../../emulators/scenario-tables.ts';
import { tpaga } from '../../emulators/tpaga/index.ts';

it('the scenario table in docs/tpaga.md is up to date', () => {
  const text = readFileSync(new URL('../../docs/tpaga.md', import.meta.url), 'utf8');
  const block = text.slice(text.indexOf(DOCS_BEGIN) + DOCS_BEGIN.length, text.indexOf(DOCS_END)).trim();
  expect(block).toBe(formatScenarios([tpaga], 'markdown').trim());
});
