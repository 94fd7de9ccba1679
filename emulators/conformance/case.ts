/**
 * Conformance cases: real exchanges with a gateway, one JSON file each, in the format that
 * `conformance/README.md` describes and `conformance/case.schema.json` fixes. The corpus in
 * the repository, `pasarela verify` and `pasarela record` all read and write this one format.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createAjv, describeErrors, problemsToText } from '../kernel/schema.ts';

export interface CaseRequest {
  method: string;
  /** Path and query string exactly as sent. */
  path: string;
  headers?: Record<string, string>;
  body?: string | null;
  bodyBase64?: string;
  /** The recording's secret is not public: the provider re-signs with the setup merchant's. */
  resign?: boolean;
}

export type CaseFormat = 'json' | 'xml' | 'form' | 'text' | 'empty';

export interface CaseExpect {
  status: number;
  format?: CaseFormat;
  body?: unknown;
  values?: string[];
  ignore?: string[];
  contains?: string[];
  headers?: Record<string, string>;
}

export interface CaseStep {
  title?: string;
  request: CaseRequest;
  expect?: CaseExpect;
  capture?: Record<string, string>;
}

export interface ConformanceCase {
  id: string;
  provider: string;
  title: string;
  source: { ref: string; kind: string; commit?: string; note?: string };
  recorded: string | null;
  grade: 'recorded' | 'fixture' | 'docs';
  lastVerified?: string | null;
  notes?: string;
  setup?: {
    clock?: string;
    merchants?: Record<string, unknown>[];
    options?: Record<string, unknown>;
    steps?: CaseStep[];
  };
  request: CaseRequest;
  expect: CaseExpect;
}

/** A deliberate difference: the case's answer differs from the recording in exactly these paths. */
export interface Deviation {
  reason: string;
  paths: string[];
}

export class CaseFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'CaseFileError';
  }
}

const schemaUrl = new URL('../../conformance/case.schema.json', import.meta.url);
let validator: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/** Problems of a parsed case file against the schema (and its id against the file name). */
export function caseProblems(value: unknown, file?: string): string | undefined {
  validator ??= createAjv().compile(JSON.parse(readFileSync(schemaUrl, 'utf8')) as object);
  if (!validator(value)) return problemsToText(describeErrors(validator.errors)) || 'is not a conformance case';
  const id = (value as ConformanceCase).id;
  if (file && basename(file, '.json') !== id) return `the id "${id}" is not the file name`;
  return undefined;
}

/** JSON files under each path (a directory is read recursively), sorted. */
export function caseFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        const child = join(path, entry);
        if (statSync(child).isDirectory() || entry.endsWith('.json')) walk(child);
      }
    } else out.push(path);
  };
  for (const p of paths) walk(p);
  return out;
}

/** Reads and checks case files; a file that is not a valid case throws `CaseFileError`. */
export function loadCases(paths: readonly string[], skip: (file: string) => boolean = () => false): { file: string; case: ConformanceCase }[] {
  return caseFiles(paths)
    .filter((file) => !skip(file))
    .map((file) => {
      let value: unknown;
      try {
        value = JSON.parse(readFileSync(file, 'utf8'));
      } catch (err) {
        throw new CaseFileError(file, `not JSON (${(err as Error).message})`);
      }
      const problem = caseProblems(value, file);
      if (problem) throw new CaseFileError(file, problem);
      return { file, case: value as ConformanceCase };
    });
}

/** `conformance/deviations.json`: case id → the paths that differ on purpose, and why. */
export function loadDeviations(file: string): Map<string, Deviation> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Deviation>;
  const out = new Map<string, Deviation>();
  for (const [id, d] of Object.entries(raw)) {
    if (!d || typeof d.reason !== 'string' || d.reason.length < 10 || !Array.isArray(d.paths) || d.paths.length === 0 || !d.paths.every((p) => typeof p === 'string'))
      throw new CaseFileError(file, `deviation "${id}" needs a reason (a sentence) and a non-empty list of paths`);
    out.set(id, d);
  }
  return out;
}
