/**
 * Where reports go: `<report root>/<run id>/`, owner-only. The root is checked
 * before a command does any work, so that a report that cannot be written costs
 * nothing. A run's directory is replaced as a whole: its files are written into
 * a staging directory beside it, which is then swapped in, so that a process
 * killed half-way (a second Ctrl+C) never leaves a mix of two reports. The
 * steps of a write are exported too, so that a test can stop between them.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import {
  accessSync,
  constants,
  promises as fs,
  lstatSync,
  mkdirSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ExitError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import { PRIVATE_FILE_MODE } from '../util/write-private-file.js';
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

/** Moves a file or directory, as `fs.rename` does; replaceable in tests. */
export type Move = (from: string, to: string) => Promise<void>;

const REPORT_KINDS = Object.keys(REPORT_FILES) as ReportFileKind[];
const REPORT_FILE_NAMES: readonly string[] = Object.values(REPORT_FILES);
const STAGING_SUFFIX = '.tmp';
/** `wx`: the staging directory is new and ours, so a file already there is not ours. */
const STAGED_FILE_OPTIONS = { mode: PRIVATE_FILE_MODE, flag: 'wx' } as const;
const ASIDE_SUFFIX = '.old';
/** Random bytes in a staging directory's name, as hex: two writers never share one. */
const NAME_RANDOM_BYTES = 4;
/** `.<run id>.<pid>.<random hex>.tmp|old`: a staging or set-aside directory. */
const LEFTOVER_NAME = /^\.([^.]+)\.([1-9]\d*)\.[0-9a-f]{8}\.(?:tmp|old)$/;
/** After `.<report file>.`: what a file-by-file write (before whole directories) left. */
const STRAY_FILE_TAIL = /^[1-9]\d*\.[0-9a-f]{8}\.tmp$/;
/** Until this old, a leftover named after a running process may be its write in progress. */
const LEFTOVER_GRACE_MS = 10 * 60_000;

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
 * root. An existing report directory of the id is replaced as a whole, so that
 * `<root>/<id>` always holds one complete report (or, for an instant, none);
 * what earlier interrupted writes of the id left is removed first. A report
 * directory that is a link, not a directory, or holds files aa-sync did not
 * write is refused untouched (exit 9).
 */
export async function writeReportFiles(
  root: string,
  id: string,
  contents: Readonly<Record<ReportFileKind, string>>,
): Promise<ReportPaths> {
  const dir = reportDirOf(root, id);
  let staged: string | undefined;
  try {
    prepareReportRoot(root);
    if (isOwnDirectory(dir)) refuseForeignEntries(dir);
    await removeLeftovers(root);
    staged = await createStagingDir(dir);
    for (const kind of REPORT_KINDS) await writeStagedFile(staged, kind, contents[kind]);
    await swapInReport(staged, dir);
    return pathsIn(dir);
  } catch (error) {
    if (staged !== undefined) await discard(staged);
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

/**
 * Creates the empty staging directory of the report directory `dir`,
 * `.<id>.<pid>.<random hex>.tmp` beside it, owner-only, and returns its path.
 */
export async function createStagingDir(dir: string): Promise<string> {
  const random = randomBytes(NAME_RANDOM_BYTES).toString('hex');
  const staged = join(
    dirname(dir),
    `.${basename(dir)}.${process.pid}.${random}${STAGING_SUFFIX}`,
  );
  // A umask only ever takes bits away: group and other get none.
  await fs.mkdir(staged, { mode: REPORT_DIR_MODE });
  return staged;
}

/** Writes one report file (0600) into a staging directory. */
export async function writeStagedFile(
  staged: string,
  kind: ReportFileKind,
  content: string,
): Promise<void> {
  await fs.writeFile(join(staged, REPORT_FILES[kind]), content, STAGED_FILE_OPTIONS);
}

/**
 * Puts the complete staging directory `staged` in the place of `dir`: the old
 * report (if any) is renamed aside, the new one renamed in, the old one
 * removed. When the new one cannot be moved in, the old one is put back and
 * the error thrown; `staged` is then the caller's to remove.
 */
export async function swapInReport(
  staged: string,
  dir: string,
  move: Move = fs.rename,
): Promise<void> {
  const aside = `${staged.slice(0, -STAGING_SUFFIX.length)}${ASIDE_SUFFIX}`;
  const hadOld = await setAside(dir, aside, move);
  try {
    await move(staged, dir);
  } catch (error) {
    // Should the old report not go back either, it stays aside, and the next
    // write of the id removes it: the error that matters is the first.
    if (hadOld) await move(aside, dir).catch(() => undefined);
    throw error;
  }
  if (hadOld) await discard(aside);
}

/** False when there is no old report to set aside. */
async function setAside(dir: string, aside: string, move: Move): Promise<boolean> {
  try {
    await move(dir, aside);
    return true;
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Removes a directory of ours; a failure only leaves a leftover the next write removes. */
async function discard(path: string): Promise<void> {
  await fs.rm(path, { recursive: true, force: true }).catch(() => undefined);
}

/** False when `dir` is missing; a link or a file there is refused untouched. */
function isOwnDirectory(dir: string): boolean {
  const stat = lstatSync(dir, { throwIfNoEntry: false });
  if (stat === undefined) return false;
  if (stat.isSymbolicLink() || !stat.isDirectory()) {
    throw new ExitError(
      EXIT.io,
      `${dir} exists and is not a directory aa-sync made (a link or a file); move it away ` +
        'or choose another --report-dir',
    );
  }
  return true;
}

/** The old report directory is removed whole: only if all of it is an old report. */
function refuseForeignEntries(dir: string): void {
  const foreign = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || !isReportFileName(entry.name))
    .map((entry) => JSON.stringify(entry.name))
    .sort();
  if (foreign.length > 0) {
    throw new ExitError(
      EXIT.io,
      `${dir} holds files aa-sync did not write (${foreign.join(', ')}); move them ` +
        'away or choose another --report-dir',
    );
  }
}

function isReportFileName(name: string): boolean {
  return REPORT_FILE_NAMES.some(
    (file) =>
      name === file ||
      (name.startsWith(`.${file}.`) && STRAY_FILE_TAIL.test(name.slice(file.length + 2))),
  );
}

/**
 * Removes the staging and set-aside directories that interrupted writes left
 * in `root`, of any run (a run that is never reported again must not keep its
 * half report forever), and nothing else: not links, not files, not names of
 * another shape, not those of a write another process may still be doing.
 */
async function removeLeftovers(root: string): Promise<void> {
  const nowMs = Date.now();
  for (const name of await fs.readdir(root)) {
    const match = LEFTOVER_NAME.exec(name);
    if (match === null || !REPORT_ID_PATTERN.test(match[1] ?? '')) continue;
    const path = join(root, name);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory() === true && isAbandoned(Number(match[2]), stat, nowMs)) {
      await discard(path);
    }
  }
}

/** This process never writes one report twice at once, so its own leftovers are old. */
function isAbandoned(pid: number, stat: Stats, nowMs: number): boolean {
  if (pid === process.pid || nowMs - stat.mtimeMs > LEFTOVER_GRACE_MS) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, as another user.
    return codeOf(error) !== 'EPERM';
  }
}

function pathsIn(dir: string): ReportPaths {
  const paths = { dir } as ReportPaths;
  for (const kind of REPORT_KINDS) paths[kind] = join(dir, REPORT_FILES[kind]);
  return paths;
}

function reportDirError(dir: string, error: unknown): ExitError {
  const where = resolve(dir);
  const code = codeOf(error);
  const blocker = code === 'ENOTDIR' || code === 'EEXIST' ? notADirectoryIn(where) : null;
  const message =
    blocker === null
      ? `cannot write reports in ${where} (${code ?? String(error)}); choose another ` +
        '--report-dir or fix its permissions'
      : `cannot write reports in ${where}: ${blocker.at === where ? 'it' : blocker.at} ` +
        `is ${blocker.stat.isFile() ? 'a file, ' : ''}not a directory; ` +
        'choose another --report-dir';
  return new ExitError(EXIT.io, message, { cause: error });
}

/**
 * The path at or above `path` that exists and is not a directory (links
 * followed, as mkdir follows them); below it nothing can exist.
 */
function notADirectoryIn(path: string): { at: string; stat: Stats } | null {
  for (let at = path; ; at = dirname(at)) {
    let stat: Stats | undefined;
    try {
      stat = statSync(at, { throwIfNoEntry: false });
    } catch {
      // ENOTDIR below the file looked for, or no access: look further up.
    }
    if (stat !== undefined) return stat.isDirectory() ? null : { at, stat };
    if (dirname(at) === at) return null;
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
