/**
 * Checks a path given to `--out` before any work is done, so that a mistake
 * costs nothing: the plan never replaces an input, a device, a pipe, a link or
 * a directory, and a missing directory is reported before the live state is read.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ExitError, usageError } from './errors.js';
import { EXIT } from './exit-codes.js';

export function checkOutPath(out: string, inputs: readonly string[]): void {
  const target = resolve(out);
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
  const directory = dirname(target);
  if (kindOf(directory) === 'missing' || !statSync(directory).isDirectory()) {
    throw new ExitError(
      EXIT.io,
      `--out ${out}: the directory ${directory} does not exist; create it first`,
    );
  }
}

function kindOf(path: string): 'missing' | 'file' | 'other' {
  try {
    return lstatSync(path).isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

function sameFile(input: string, target: string): boolean {
  try {
    return realpathSync(input) === realpathSync(target);
  } catch {
    return false;
  }
}
