import { chmodSync, chownSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStateDir } from '../../src/checkpoint/index.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { exitErrorOf, modeOf, setUmask, tempDir } from './support.js';

const WHAT_TO_DO = 'choose another --state-dir, or fix the permissions of this one';
const isRoot = process.getuid?.() === 0;
/** The conventional uid of `nobody`: a user other than the one running the test. */
const OTHER_UID = 65534;

describe('openStateDir', () => {
  it('creates a missing directory and its parents owner-only even under umask 000', () => {
    setUmask(0o000);
    const dir = join(tempDir(), 'nested', '.aa-sync');
    expect(openStateDir(dir)).toBe(dir);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(tempDir(), 'nested'))).toBe(0o700);
  });

  it('returns the absolute path of a relative one', () => {
    const cwd = process.cwd();
    process.chdir(tempDir());
    try {
      expect(openStateDir('state')).toBe(join(tempDir(), 'state'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('tightens an existing directory of ours that group and others could enter', () => {
    const dir = join(tempDir(), 'state');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    openStateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('leaves an owner-only directory as it is', () => {
    const dir = join(tempDir(), 'state');
    mkdirSync(dir);
    chmodSync(dir, 0o500);
    openStateDir(dir);
    expect(modeOf(dir)).toBe(0o500);
  });

  it.runIf(isRoot)('refuses an open directory that belongs to another user', () => {
    const dir = join(tempDir(), 'state');
    mkdirSync(dir);
    chmodSync(dir, 0o775);
    chownSync(dir, OTHER_UID, OTHER_UID);
    const error = exitErrorOf(() => openStateDir(dir));
    expect(error.exitCode).toBe(EXIT.io);
    expect(error.message).toBe(
      `cannot use state directory ${dir}: it has mode 0775, open to other users, ` +
        `and belongs to user ${OTHER_UID}, so aa-sync cannot make it owner-only (0700); ` +
        WHAT_TO_DO,
    );
    expect(modeOf(dir)).toBe(0o775);
  });

  it('refuses a symbolic link without touching the directory it points to', () => {
    const target = join(tempDir(), 'real');
    mkdirSync(target);
    chmodSync(target, 0o755);
    const link = join(tempDir(), 'link');
    symlinkSync(target, link);
    const error = exitErrorOf(() => openStateDir(link));
    expect([error.exitCode, error.message]).toEqual([
      EXIT.io,
      `cannot use state directory ${link}: it is a symbolic link, which aa-sync ` +
        'does not follow; give --state-dir the directory it points to, or choose another',
    ]);
    expect(modeOf(target)).toBe(0o755);
  });

  it('refuses a file', () => {
    const file = join(tempDir(), 'state');
    writeFileSync(file, 'notes\n');
    const error = exitErrorOf(() => openStateDir(file));
    expect(error.message).toBe(
      `cannot use state directory ${file}: it is not a directory; ${WHAT_TO_DO}`,
    );
  });

  it('says why a path cannot be inspected', () => {
    const file = join(tempDir(), 'file');
    writeFileSync(file, '');
    const dir = join(file, 'state');
    const error = exitErrorOf(() => openStateDir(dir));
    expect(error.exitCode).toBe(EXIT.io);
    expect(error.message).toBe(
      `cannot use state directory ${dir}: cannot inspect it: ENOTDIR: not a directory, ` +
        `lstat '${dir}'; ${WHAT_TO_DO}`,
    );
  });
});
