/**
 * Waits for a running aa-sync to hold its state directory's run lock, reading
 * the checkpoint read-only so the holder is not disturbed. Exports:
 * `waitForLockHolder`, `LockRow`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

const POLL_MS = 25;

/** The holder as the lock row records it. */
export interface LockRow {
  pid: number;
  command: string;
}

function readHolder(path: string): LockRow | undefined {
  if (!existsSync(path)) return undefined;
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'run_lock'")
      .get();
    if (table === undefined) return undefined;
    return db.prepare<[], LockRow>('SELECT pid, command FROM run_lock').get();
  } finally {
    db.close();
  }
}

/** Resolves with the lock row of `stateDir` once one exists; rejects after `timeoutMs`. */
export async function waitForLockHolder(
  stateDir: string,
  timeoutMs: number,
): Promise<LockRow> {
  const path = join(stateDir, 'checkpoint.sqlite');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const holder = readHolder(path);
    if (holder !== undefined) return holder;
    if (Date.now() > deadline) {
      throw new Error(`no run lock in ${path} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
