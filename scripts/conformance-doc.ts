// Writes docs/conformance.md from the corpus (npm run docs:conformance).
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadCases, loadDeviations } from '../emulators/conformance/case.ts';
import { conformanceReport } from '../emulators/conformance/report.ts';
import { providers } from '../emulators/registry.ts';

const root = new URL('../conformance/', import.meta.url).pathname;
const dirs = readdirSync(root).filter((d) => statSync(root + d).isDirectory()).map((d) => root + d);
const page = conformanceReport(loadCases(dirs).map((x) => x.case), loadDeviations(root + 'deviations.json'), providers);
writeFileSync(new URL('../docs/conformance.md', import.meta.url), page);
console.log('wrote docs/conformance.md');
