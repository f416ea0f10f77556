/**
 * Found by the concurrency torture part: of two applies started in the same
 * instant on a new state directory, the loser once met SQLITE_BUSY opening
 * the checkpoint and exited 9, "fix the permissions", instead of reaching
 * the run lock and exiting 8 with the holder's name.
 */
import { describe, expect, it } from 'vitest';
import { ExitError } from '../../src/cli/errors.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { retryWhileBusy } from '../../src/checkpoint/busy-retry.js';

const PATH = '/state/checkpoint.sqlite';

function sqliteError(code: string, message = 'database is locked'): Error {
  return Object.assign(new Error(message), { code });
}

/** An open that fails with `error` the first `failures` times. */
function failingOpen(failures: number, error: () => unknown) {
  let calls = 0;
  return {
    open: () => {
      calls += 1;
      if (calls <= failures) throw error();
      return 'opened';
    },
    calls: () => calls,
  };
}

describe('opening a checkpoint another process holds busy', () => {
  it('tries again until the other process lets go', () => {
    const attempt = failingOpen(3, () => sqliteError('SQLITE_BUSY'));
    expect(retryWhileBusy(PATH, 5_000, attempt.open)).toBe('opened');
    expect(attempt.calls()).toBe(4);
  });

  it('sees SQLITE_BUSY inside the ExitError an open already explained', () => {
    const explained = () =>
      new ExitError(EXIT.io, 'cannot open checkpoint file', {
        cause: sqliteError('SQLITE_BUSY_RECOVERY'),
      });
    const attempt = failingOpen(2, explained);
    expect(retryWhileBusy(PATH, 5_000, attempt.open)).toBe('opened');
    expect(attempt.calls()).toBe(3);
  });

  it('says the file stayed locked, with the locked exit code, when it never lets go', () => {
    const attempt = failingOpen(Infinity, () => sqliteError('SQLITE_BUSY'));
    let thrown: unknown;
    try {
      retryWhileBusy(PATH, 120, attempt.open);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ExitError);
    expect([(thrown as ExitError).exitCode, (thrown as ExitError).message]).toEqual([
      EXIT.locked,
      `checkpoint ${PATH} stayed locked by another process for 0.12 s (SQLite: database ` +
        'is locked); wait for the other aa-sync to finish (aa-sync runs shows the runs of ' +
        'this state directory), then run again',
    ]);
  });

  it('lets any other failure through at once', () => {
    const corrupt = () =>
      sqliteError('SQLITE_CORRUPT', 'database disk image is malformed');
    const attempt = failingOpen(1, corrupt);
    expect(() => retryWhileBusy(PATH, 5_000, attempt.open)).toThrow('malformed');
    expect(attempt.calls()).toBe(1);
  });
});
