/**
 * Where reports go: `<report root>/<run id>/`, owner-only. The root is checked
 * before a command does any work, so that a report that cannot be written costs
 * nothing; each file is then written atomically (see write-private-file.ts).
 */
import {
  accessSync,
  chmodSync,
  constants,
  lstatSync,
  mkdirSync,
  statSync,
} from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ExitError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import { writePrivateFile } from '../util/write-private-file.js';
import type { ReportFileKind } from './report-types.js';
import { REPORT_FILES } from './report-types.js';

/** Where reports go unless `--report-dir` says otherwise (relative to the working directory). */
export const DEFAULT_REPORT_DIR = 'reports';
/** Report directories and the root aa-sync creates: owner-only, like the state directory. */
export const REPORT_DIR_MODE = 0o700;
/** What a run id (and a plan's id) looks like: `YYYYMMDD-HHMMSS-xxxx`. */
export const REPORT_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{4}$/;

/** The files of one written report, as absolute paths. */
export type ReportPaths = { dir: string } & Record<ReportFileKind, string>;

/**
 * Creates the report root if needed and checks that aa-sync may write in it;
 * an I/O error (exit 9) names the directory and what to do.
 */
export function prepareReportRoot(root: string): void {
  try {
    mkdirSync(root, { recursive: true, mode: REPORT_DIR_MODE });
    // The root may be a link (reports kept on another disk); a run's directory may not.
    if (!statSync(root).isDirectory()) {
      throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    }
    accessSync(root, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw reportDirError(root, error);
  }
}

/**
 * Writes every file of a report into `<root>/<id>/` and returns their paths.
 * The id must be a run id: a name from elsewhere can never lead out of the
 * root. An existing report directory of the id is replaced file by file; one
 * that is a link or not a directory is refused.
 */
export async function writeReportFiles(
  root: string,
  id: string,
  contents: Readonly<Record<ReportFileKind, string>>,
): Promise<ReportPaths> {
  const dir = reportDirOf(root, id);
  try {
    prepareReportRoot(root);
    makeOwnDirectory(dir);
    const paths = { dir } as ReportPaths;
    for (const kind of Object.keys(REPORT_FILES) as ReportFileKind[]) {
      const path = join(dir, REPORT_FILES[kind]);
      await writePrivateFile(path, contents[kind]);
      paths[kind] = path;
    }
    return paths;
  } catch (error) {
    if (error instanceof ExitError) throw error;
    throw reportDirError(dir, error);
  }
}

/** `<root>/<id>` as an absolute path; refuses an id that is not a run id. */
export function reportDirOf(root: string, id: string): string {
  if (!REPORT_ID_PATTERN.test(id)) {
    throw new ExitError(
      EXIT.usage,
      `${JSON.stringify(id)} is not a run id (they look like 20261204-213000-0a1b); ` +
        'see `aa-sync runs`',
    );
  }
  const base = resolve(root);
  const dir = join(base, id);
  const inside = relative(base, dir);
  if (inside !== id || isAbsolute(inside)) {
    throw new Error(`report directory ${dir} is outside ${base}`);
  }
  return dir;
}

function makeOwnDirectory(dir: string): void {
  try {
    mkdirSync(dir, { mode: REPORT_DIR_MODE });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink() || !stat.isDirectory()) {
    throw new ExitError(
      EXIT.io,
      `${dir} exists and is not a directory aa-sync made (a link or a file); move it away ` +
        'or choose another --report-dir',
    );
  }
  // An older directory of the same run (a resumed run) may have other bits.
  chmodSync(dir, REPORT_DIR_MODE);
}

function reportDirError(dir: string, error: unknown): ExitError {
  const reason = (error as NodeJS.ErrnoException).code ?? String(error);
  return new ExitError(
    EXIT.io,
    `cannot write reports in ${resolve(dir)} (${reason}); choose another --report-dir ` +
      'or fix its permissions',
    { cause: error },
  );
}
