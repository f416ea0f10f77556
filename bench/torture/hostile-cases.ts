/**
 * The hostile-input corpus as one table, shared by the torture part and its
 * test: test/fixtures/hostile/cases.json names each case's input (a committed
 * file under inputs/, or one generated at run time because it is megabytes),
 * its extra flags, and the exact exit code and standard error `apply` must end
 * with. Exports: `HostileCase`, `HOSTILE_CASES`, `HOSTILE_INPUTS`, `casesFor`,
 * `CasePaths`, `inputPath`, `caseArgs`, `normaliseOutput`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One bad input and what aa-sync must answer to it. */
export interface HostileCase {
  /** Unique, kebab-case; the case's folder under the work directory. */
  id: string;
  /** One of the kinds issue 8 names ("broken quoting", "binary bytes", ...). */
  kind: string;
  /** What aa-sync does with it, as a test name reads. */
  description: string;
  /** The input's name: under inputs/, or under the work directory when generated. */
  file: string;
  /** The generator that writes the file at run time (see hostile-generate.ts). */
  generate?: string;
  /** Flags after the file; `{inputs}` and `{work}` stand for the two folders. */
  args?: string[];
  /** In the short version (`npm test`): at least two cases of every kind. */
  quick?: boolean;
  exit: number;
  /** Standard error of `apply`, with the folders written `{inputs}` and `{work}`. */
  stderr: string;
}

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/hostile/', import.meta.url));
/** The committed inputs, small files only; the large ones are generated. */
export const HOSTILE_INPUTS = join(FIXTURES, 'inputs');

export const HOSTILE_CASES: readonly HostileCase[] = JSON.parse(
  readFileSync(join(FIXTURES, 'cases.json'), 'utf8'),
) as HostileCase[];

/** The cases a run tries: all of them, or the short version's. */
export function casesFor(quick: boolean): readonly HostileCase[] {
  return quick ? HOSTILE_CASES.filter((entry) => entry.quick === true) : HOSTILE_CASES;
}

/** Where a run finds the inputs: the committed folder and the generated one. */
export interface CasePaths {
  inputs: string;
  work: string;
}

function fill(text: string, paths: CasePaths): string {
  return text.replaceAll('{inputs}', paths.inputs).replaceAll('{work}', paths.work);
}

/** The input file of `entry`, as the command line names it. */
export function inputPath(entry: HostileCase, paths: CasePaths): string {
  return join(entry.generate === undefined ? paths.inputs : paths.work, entry.file);
}

/** The case's own flags with the folders filled in. */
export function caseArgs(entry: HostileCase, paths: CasePaths): string[] {
  return (entry.args ?? []).map((arg) => fill(arg, paths));
}

/** Output with the two folders written back as `{inputs}` and `{work}`. */
export function normaliseOutput(text: string, paths: CasePaths): string {
  return text.replaceAll(paths.inputs, '{inputs}').replaceAll(paths.work, '{work}');
}
