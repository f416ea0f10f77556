/**
 * Checks a path given to `--out` before any work is done, so that a mistake
 * costs nothing: the plan never replaces an input, a device, a pipe, a link or
 * a directory, and a missing directory is reported before the live state is read.
 */
import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { ExitError, usageError } from './errors.js';
import { EXIT } from './exit-codes.js';

/** What the start of a plan file holds (`serialisePlan` writes format first). */
const PLAN_MARK = '"format": "aa-sync-plan"';
const HEAD_BYTES = 64;

export function checkOutPath(
  out: string,
  inputs: readonly string[],
  stateDir: string,
): void {
  const target = resolve(out);
  if (isInside(target, resolve(stateDir))) {
    throw usageError(
      `--out ${out} is inside the state directory ${stateDir}, which holds the checkpoint; ` +
        'save the plan somewhere else',
    );
  }
  const existing = kindOf(target);
  if (existing === 'other') {
    throw new ExitError(
      EXIT.io,
      `--out ${out} exists and is not a regular file (a directory, link, device or ` +
        'pipe); name a new file, or an earlier plan file to replace',
    );
  }
  if (existing === 'file' && inputs.some((input) => sameFile(input, target))) {
    throw usageError(
      `--out ${out} is one of the inputs; the plan would replace your export`,
    );
  }
  if (existing === 'file' && !isPlanFile(target)) {
    throw usageError(
      `--out ${out} exists and is not an aa-sync plan; name a new file (only an earlier ` +
        'plan is ever replaced)',
    );
  }
  const directory = dirname(target);
  if (!isDirectory(directory)) {
    const what = existsSync(directory)
      ? `${directory} is not a directory; name a file in a directory`
      : `the directory ${directory} does not exist; create it first`;
    throw new ExitError(EXIT.io, `--out ${out}: ${what}`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function kindOf(path: string): 'missing' | 'file' | 'other' {
  try {
    return lstatSync(path).isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

function isInside(path: string, directory: string): boolean {
  const rest = relative(directory, path);
  return (
    rest === '' || !(rest === '..' || rest.startsWith(`..${sep}`) || rest.startsWith(sep))
  );
}

function isPlanFile(path: string): boolean {
  const head = Buffer.alloc(HEAD_BYTES);
  const descriptor = openSync(path, 'r');
  try {
    const read = readSync(descriptor, head, 0, HEAD_BYTES, 0);
    return head.subarray(0, read).toString('utf8').includes(PLAN_MARK);
  } finally {
    closeSync(descriptor);
  }
}

function sameFile(input: string, target: string): boolean {
  try {
    return realpathSync(input) === realpathSync(target);
  } catch {
    return false;
  }
}
