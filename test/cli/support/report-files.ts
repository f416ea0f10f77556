/**
 * Reading the report files the commands leave in the test's directory, for the
 * end-to-end tests of reports: one report's files, its summary.json, every
 * file under the report root, and the forms an API key could take in them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RunSummary } from '../../../src/report/summary-json.js';
import { workDir } from './e2e.js';

/** The files of one report directory, sorted by name. */
export const FILE_NAMES = [
  'failed.csv',
  'rejected.csv',
  'report.html',
  'results.csv',
  'summary.json',
];

/** The report directory of `id` under `root` (relative to the test's directory). */
export const reportDir = (id: string, root = 'reports'): string =>
  join(workDir(), root, id);

/** The permission bits of `path`. */
export const modeOf = (path: string): number => statSync(path).mode & 0o777;

/** A report's text files by name; fails unless they are exactly the five. */
export type ReportFiles = Record<string, string>;

export function readReport(id: string, root = 'reports'): ReportFiles {
  const dir = reportDir(id, root);
  const names = readdirSync(dir).sort();
  expect(names).toEqual(FILE_NAMES);
  return Object.fromEntries(
    names.map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );
}

/** The summary.json of `id` under `root`. */
export function readSummary(id: string, root = 'reports'): RunSummary {
  return JSON.parse(
    readFileSync(join(reportDir(id, root), 'summary.json'), 'utf8'),
  ) as RunSummary;
}

/** Every file of every report under `reports/`, by `<id>/<name>`. */
export function allReportFiles(): Map<string, Buffer> {
  const root = join(workDir(), 'reports');
  const files = new Map<string, Buffer>();
  for (const id of readdirSync(root)) {
    for (const name of readdirSync(join(root, id))) {
      files.set(`${id}/${name}`, readFileSync(join(root, id, name)));
    }
  }
  return files;
}

/**
 * The key as it could be written: plain, URL-encoded, and base64 at each of
 * the three alignments a longer encoded text could give it (the characters
 * that also depend on the neighbouring bytes are left off).
 */
export function keyForms(key: string): string[] {
  const base64 = [0, 1, 2].map((shift) => {
    const bytes = Buffer.concat([Buffer.alloc(shift), Buffer.from(key)]);
    return bytes.toString('base64').slice(shift === 0 ? 0 : 4, -4);
  });
  return [key, encodeURIComponent(key), ...base64];
}

/** The paths of `files` whose bytes hold `text`. */
export function filesHolding(files: Map<string, Buffer>, text: string): string[] {
  return [...files].filter(([, bytes]) => bytes.includes(text)).map(([path]) => path);
}

/** Fails when any form of any of `keys` is in any of `files`. */
export function expectNoKeyIn(files: Map<string, Buffer>, keys: readonly string[]): void {
  for (const form of keys.flatMap(keyForms)) {
    expect([form, filesHolding(files, form)]).toEqual([form, []]);
  }
}
