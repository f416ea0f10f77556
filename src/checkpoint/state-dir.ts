/**
 * The state directory (default `.aa-sync/`, flag `--state-dir`): created
 * owner-only, because the checkpoint in it maps every customer to an
 * organization id. Exports: `STATE_DIR_MODE`, `openStateDir`.
 */
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { resolve } from 'node:path';
import { ExitError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';

/** Only the owner may list, read or write the state directory. */
export const STATE_DIR_MODE = 0o700;

/** Permission bits that let someone other than the owner in. */
const GROUP_AND_OTHER_BITS = 0o077;

const WHAT_TO_DO = 'choose another --state-dir, or fix the permissions of this one';

/**
 * Makes sure `path` is a usable state directory and returns its absolute path.
 * A missing directory is created (with its parents) with mode 0700. An existing
 * one that lets group or others in is tightened to 0700 when we own it and
 * refused otherwise. A file, a symlink or anything else is refused untouched.
 * Every failure is an ExitError (EXIT.io) naming the path, the reason and what
 * to do.
 */
export function openStateDir(path: string): string {
  const dir = resolve(path);
  const existing = inspect(dir);
  if (existing === undefined) {
    create(dir);
    // Checked again: something else may have put a link there in the meantime.
    requireDirectory(dir, inspect(dir));
    return dir;
  }
  requireDirectory(dir, existing);
  if ((existing.mode & GROUP_AND_OTHER_BITS) !== 0) tighten(dir, existing);
  return dir;
}

/** The directory's own entry (a link is not followed); undefined when missing. */
function inspect(dir: string): Stats | undefined {
  try {
    return lstatSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw stateDirError(dir, `cannot inspect it: ${reason(error)}`, error);
  }
}

function create(dir: string): void {
  try {
    // mode 0700 survives any umask: a umask only ever removes bits.
    mkdirSync(dir, { recursive: true, mode: STATE_DIR_MODE });
  } catch (error) {
    throw stateDirError(dir, `cannot create it: ${reason(error)}`, error);
  }
}

function requireDirectory(dir: string, stats: Stats | undefined): void {
  if (stats === undefined) {
    throw stateDirError(dir, 'it vanished right after it was created', undefined);
  }
  if (stats.isSymbolicLink()) {
    throw stateDirError(
      dir,
      'it is a symbolic link, which aa-sync does not follow',
      undefined,
      'give --state-dir the directory it points to, or choose another',
    );
  }
  if (!stats.isDirectory()) {
    throw stateDirError(dir, 'it is not a directory', undefined);
  }
}

/** Removes group and other access, which only the directory's owner may do. */
function tighten(dir: string, stats: Stats): void {
  const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
  if (stats.uid !== process.getuid?.()) {
    const failure =
      `it has mode ${mode}, open to other users, and belongs to user ${stats.uid}, ` +
      'so aa-sync cannot make it owner-only (0700)';
    throw stateDirError(dir, failure, undefined);
  }
  try {
    chmodSync(dir, STATE_DIR_MODE);
  } catch (error) {
    throw stateDirError(
      dir,
      `cannot change its mode ${mode} to 0700: ${reason(error)}`,
      error,
    );
  }
}

function stateDirError(
  dir: string,
  failure: string,
  cause: unknown,
  whatToDo = WHAT_TO_DO,
): ExitError {
  return new ExitError(
    EXIT.io,
    `cannot use state directory ${dir}: ${failure}; ${whatToDo}`,
    { cause },
  );
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
