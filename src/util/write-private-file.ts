/**
 * Writes a file only its owner can read (mode 0600), atomically: the content
 * goes to a temporary file beside it, which then replaces the target, so a
 * crash or a full disk never leaves half a plan or report behind.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;

export async function writePrivateFile(path: string, content: string): Promise<void> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    // `wx`: never follow or reuse a file someone placed at the temporary name.
    await fs.writeFile(temporary, content, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
