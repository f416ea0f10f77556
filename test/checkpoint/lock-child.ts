/**
 * A child process for the run lock tests: opens the checkpoint of the state
 * directory given as its argument and tries to take the run lock for run
 * `run-child`. It prints one JSON line saying whether it got the lock; holding
 * it, it waits until its stdin closes, then releases the lock and exits.
 * Run as: node --import tsx test/checkpoint/lock-child.ts STATE_DIR
 */
import { acquireRunLock, openCheckpoint } from '../../src/checkpoint/index.js';
import { isExitError } from '../../src/cli/errors.js';

/** What the child reports on its one line of output. */
export type ChildReport =
  | { acquired: true; pid: number }
  | { acquired: false; pid: number; exitCode: number; message: string };

export const CHILD_RUN_ID = 'run-child';
export const CHILD_ACQUIRED_AT = '2025-03-02T09:15:00.000Z';

function report(line: ChildReport): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function main(stateDir: string): void {
  const checkpoint = openCheckpoint(stateDir);
  try {
    const lock = acquireRunLock(checkpoint, {
      command: 'apply',
      runId: CHILD_RUN_ID,
      at: CHILD_ACQUIRED_AT,
    });
    report({ acquired: true, pid: process.pid });
    process.stdin.resume();
    process.stdin.on('end', () => {
      lock.release();
      checkpoint.close();
    });
  } catch (error) {
    checkpoint.close();
    if (!isExitError(error)) throw error;
    const { exitCode, message } = error;
    report({ acquired: false, pid: process.pid, exitCode, message });
  }
}

const stateDir = process.argv[2];
// Imported by the test for its types and constants only: act only when run.
if (stateDir !== undefined && process.argv[1]?.endsWith('lock-child.ts')) main(stateDir);
