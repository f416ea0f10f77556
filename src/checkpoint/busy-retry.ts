/**
 * Opening the checkpoint while another process is creating or converting it
 * (two runs started in the same instant on a new state directory) can meet
 * SQLITE_BUSY at once: SQLite does not always call its busy handler (a
 * journal-mode change, a read-only probe during recovery). The open is tried
 * again for a while, so that the process that lost the race reaches the run
 * lock and is told who holds it; if the file stays locked, the error says so
 * with the "locked" exit code rather than blaming the file's permissions.
 * Exports: `retryWhileBusy`, `BUSY_RETRY_MS`.
 */
import { ExitError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';

/** Pause between two attempts to open a busy checkpoint. */
export const BUSY_RETRY_MS = 50;
const MS_PER_SECOND = 1000;

/**
 * Runs `open` until it does not fail with SQLITE_BUSY, for at most
 * `budgetMs`; then a locked ExitError naming `path`.
 */
export function retryWhileBusy<T>(path: string, budgetMs: number, open: () => T): T {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    try {
      return open();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() >= deadline) throw busyError(path, budgetMs, error);
      sleep(BUSY_RETRY_MS);
    }
  }
}

/** SQLITE_BUSY or one of its extended codes, thrown as is or as an ExitError's cause. */
function isBusy(error: unknown): boolean {
  const sqlite = error instanceof ExitError ? error.cause : error;
  const code = (sqlite as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

function busyError(path: string, budgetMs: number, error: unknown): ExitError {
  const cause = error instanceof ExitError ? error.cause : error;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ExitError(
    EXIT.locked,
    `checkpoint ${path} stayed locked by another process for ` +
      `${budgetMs / MS_PER_SECOND} s (SQLite: ${reason}); wait for the other aa-sync ` +
      'to finish (aa-sync runs shows the runs of this state directory), then run again',
    { cause },
  );
}

/** Blocks the thread: opening the checkpoint is synchronous, as better-sqlite3 is. */
function sleep(ms: number): void {
  Atomics.wait(
    new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
    0,
    0,
    ms,
  );
}
