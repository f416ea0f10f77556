/**
 * Opens the emulator database: in memory or a state file (mode 0600, WAL), the
 * same code path for both. Every failure is a StateFileError saying what failed,
 * the path and what to do. Exports: `openDatabase`, `MEMORY`.
 */
import { chmodSync, closeSync, lstatSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { StateFileError } from '../errors.js';
import { ensureSchema } from './schema.js';

/** The stateFile value that keeps everything in memory. */
export const MEMORY = ':memory:';

const WHAT_TO_DO =
  'point stateFile at a new file in an existing, writable directory, or at a file this emulator made';

/** Only the owner may read the state: it holds every partner's customer data. */
const STATE_FILE_MODE = 0o600;

/**
 * Opens (creating if needed) the database and brings its schema up to date.
 * WAL with synchronous=NORMAL keeps every committed write across a crash of
 * the process (not across a power cut), at thousands of writes per second.
 */
export function openDatabase(path: string): Database {
  const where = path === MEMORY ? 'the in-memory database' : `stateFile ${path}`;
  if (path !== MEMORY) prepareFile(path);
  let db: Database;
  try {
    db = new BetterSqlite3(path);
  } catch (error) {
    throw stateFileError(path, `cannot open ${where}: ${reason(error)}`, error);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    ensureSchema(db, where);
    // Tightened only now that the file proved to be an emulator database: a file
    // refused above keeps the mode it had.
    if (path !== MEMORY) chmodSync(path, STATE_FILE_MODE);
    return db;
  } catch (error) {
    db.close();
    // ensureSchema's own messages already name the file and what to do.
    if (error instanceof Error && error.message.startsWith(where)) {
      throw new StateFileError(path, error.message, { cause: error });
    }
    throw stateFileError(path, `cannot use ${where}: ${reason(error)}`, error);
  }
}

/**
 * Creates a missing state file with mode 0600 before SQLite does (SQLite gives
 * -wal and -shm the same mode). An existing path must be a regular file: a
 * link, a directory or a device (/dev/null, say) is refused untouched.
 */
function prepareFile(path: string): void {
  let kind: 'missing' | 'file' | 'other';
  try {
    kind = lstatSync(path).isFile() ? 'file' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw stateFileError(
        path,
        `cannot inspect stateFile ${path}: ${reason(error)}`,
        error,
      );
    }
    kind = 'missing';
  }
  if (kind === 'other') {
    const failure = `stateFile ${path} is not a regular file (a link, a directory or a device)`;
    throw stateFileError(path, failure, undefined);
  }
  if (kind === 'file') return;
  try {
    closeSync(openSync(path, 'wx', STATE_FILE_MODE));
  } catch (error) {
    throw stateFileError(
      path,
      `cannot create stateFile ${path}: ${reason(error)}`,
      error,
    );
  }
}

function stateFileError(path: string, failure: string, cause: unknown): StateFileError {
  return new StateFileError(path, `${failure}; ${WHAT_TO_DO}`, { cause });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
