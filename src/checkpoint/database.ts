/**
 * Opens the checkpoint, `<state dir>/checkpoint.sqlite`: owner-only files, WAL
 * with full sync, the schema brought up to date. A file that is not a
 * checkpoint, or is newer or damaged, is refused and left as it was. Exports:
 * `CHECKPOINT_FILE`, `CHECKPOINT_FILE_MODE`, `BUSY_TIMEOUT_MS`, `Checkpoint`,
 * `OpenOptions`, `openCheckpoint`.
 */
import { closeSync, constants, fchmodSync, lstatSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import { ExitError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import { retryWhileBusy } from './busy-retry.js';
import { CHECKPOINT_APPLICATION_ID, SCHEMA_VERSION, migrate } from './schema.js';
import { openStateDir } from './state-dir.js';

/** The checkpoint's file name inside the state directory. */
export const CHECKPOINT_FILE = 'checkpoint.sqlite';

/** The checkpoint and its -wal and -shm files: the owner's alone. */
export const CHECKPOINT_FILE_MODE = 0o600;

/** How long a statement waits for another connection's lock before failing. */
export const BUSY_TIMEOUT_MS = 5_000;

/** Create if missing, never truncate, and never through a link put there meanwhile. */
const CREATE_NO_FOLLOW = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW;

const SIDE_FILE_SUFFIXES = ['-wal', '-shm'] as const;

/** SQLite result codes that mean the file's content is not a readable database. */
const DAMAGE_CODES = ['SQLITE_CORRUPT', 'SQLITE_NOTADB'];
/** Problems of a damaged file shown in its message; the rest add nothing a user can act on. */
const DAMAGE_SHOWN = 3;

/** An open checkpoint. Close it: an open one holds its file. */
export interface Checkpoint {
  /** Absolute path of the database file. */
  readonly path: string;
  /** The connection, for the modules that add their own tables. */
  readonly db: Database;
  /** A prepared statement, compiled once per checkpoint and cached. */
  statement<Params extends unknown[] = unknown[], Row = unknown>(
    sql: string,
  ): Statement<Params, Row>;
  /** Runs `fn` in one immediate write transaction; a damaged file is an ExitError. */
  write<T>(fn: () => T): T;
  /** Runs `fn`'s reads in one transaction, so they see one snapshot; a damaged file is an ExitError. */
  read<T>(fn: () => T): T;
  close(): void;
}

interface Identity {
  applicationId: number;
  version: number;
  tables: number;
}

export interface OpenOptions {
  /**
   * Read every page before opening (SQLite's quick_check): damage in a page
   * the command would never read is found before it writes into the file.
   * For the writing commands; about 140 ms per 150 MB of checkpoint.
   */
  verify?: boolean;
}

/**
 * Opens (creating if needed) the checkpoint of a state directory, which is
 * itself prepared by `openStateDir`. Every failure is an ExitError (EXIT.io,
 * or EXIT.locked when another process keeps it locked) naming the file, what
 * is wrong and what to do.
 */
export function openCheckpoint(stateDir: string, options: OpenOptions = {}): Checkpoint {
  const path = join(openStateDir(stateDir), CHECKPOINT_FILE);
  return retryWhileBusy(path, BUSY_TIMEOUT_MS, () => openFile(path, options));
}

function openFile(path: string, options: OpenOptions): Checkpoint {
  const files = [path, ...SIDE_FILE_SUFFIXES.map((suffix) => path + suffix)];
  const sizes = files.map(sizeOfRegularFile);
  // An empty or missing file is a new checkpoint; anything else proves itself first.
  if ((sizes[0] ?? 0) > 0) {
    const missing = files.filter((_, i) => sizes[i] === undefined);
    probe(path, missing, options.verify === true);
  }
  // Closing any descriptor of a file drops every POSIX lock this process holds
  // on it, SQLite's included: opening a file this process already has open as
  // a checkpoint (apply plans with a second connection) would let another
  // process think the checkpoint unused, rebuild its -shm under the run and
  // crash it (SIGBUS). A file already owner-only is therefore not opened here.
  files.filter((file) => !isOwnerOnly(file)).forEach(makeOwnerOnly);
  return openReadWrite(path);
}

/** A regular file with mode 0600, seen without opening it. */
function isOwnerOnly(file: string): boolean {
  try {
    const stats = lstatSync(file);
    return stats.isFile() && (stats.mode & 0o777) === CHECKPOINT_FILE_MODE;
  } catch {
    return false;
  }
}

/**
 * The size of a regular file, undefined when missing. A link, a directory or
 * a device is refused untouched: SQLite would follow or misuse it.
 */
function sizeOfRegularFile(file: string): number | undefined {
  try {
    const stats = lstatSync(file);
    if (stats.isFile()) return stats.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw openFailure(file, `cannot inspect it: ${reason(error)}`, error);
  }
  throw openFailure(file, 'it is not a regular file (a link, a directory or a device)');
}

/**
 * Checks an existing file through a read-only connection, which never writes
 * to it, so a refused file keeps its exact bytes. The -wal and -shm files that
 * SQLite creates for the read are removed again when the file is refused.
 */
function probe(path: string, missingSideFiles: string[], verify: boolean): void {
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    refuseForeign(path, readIdentity(db));
    if (verify) refuseDamaged(path, db);
  } catch (error) {
    db?.close();
    missingSideFiles.forEach((file) => rmSync(file, { force: true }));
    throw asCheckpointError(path, error);
  }
  db.close();
}

/** The first problems SQLite's quick_check reports, as an ExitError. */
function refuseDamaged(path: string, db: Database): void {
  const rows = db.pragma(`quick_check(${DAMAGE_SHOWN})`) as { quick_check: string }[];
  // One row may hold several lines, headed by the database's name: one list.
  const problems = rows
    .flatMap((row) => row.quick_check.split('\n'))
    .filter((line) => line !== '' && !line.startsWith('***'));
  if (problems.length === 1 && problems[0] === 'ok') return;
  throw damagedFile(path, `SQLite's quick_check found: ${problems.join('; ')}`);
}

/**
 * Creates a missing file with mode 0600 before SQLite can create it with
 * another, and tightens an existing one (it proved to be a checkpoint).
 */
function makeOwnerOnly(file: string): void {
  try {
    const fd = openSync(file, CREATE_NO_FOLLOW, CHECKPOINT_FILE_MODE);
    try {
      // Set explicitly: the mode given to open only applies to a new file.
      fchmodSync(fd, CHECKPOINT_FILE_MODE);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw openFailure(file, `cannot make it owner-only (0600): ${reason(error)}`, error);
  }
}

function openReadWrite(path: string): Checkpoint {
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const identity = readIdentity(db);
    refuseForeign(path, identity);
    configure(db);
    migrate(db, identity.version);
    return wrap(db, path);
  } catch (error) {
    db?.close();
    throw asCheckpointError(path, error);
  }
}

/**
 * WAL lets readers run beside the writer; synchronous=FULL makes every commit
 * durable across a power cut, which the executor relies on: the intent to
 * create is on disk before the create call is sent.
 */
function configure(db: Database): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
  if (mode !== 'wal') throw new Error(`SQLite refused WAL mode (it kept "${mode}")`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

function readIdentity(db: Database): Identity {
  const tables = db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as {
    n: number;
  };
  return {
    applicationId: db.pragma('application_id', { simple: true }) as number,
    version: db.pragma('user_version', { simple: true }) as number,
    tables: tables.n,
  };
}

/** Accepts a checkpoint this aa-sync can read, or an empty database. */
function refuseForeign(path: string, identity: Identity): void {
  const { applicationId, version, tables } = identity;
  if (applicationId === CHECKPOINT_APPLICATION_ID) {
    if (version <= SCHEMA_VERSION) return;
    throw new ExitError(
      EXIT.io,
      `checkpoint ${path} has schema version ${version}, written by a newer aa-sync ` +
        `(this one knows versions up to ${SCHEMA_VERSION}); it was left untouched. ` +
        'Upgrade aa-sync, or choose another --state-dir',
    );
  }
  if (applicationId === 0 && version === 0 && tables === 0) return;
  throw new ExitError(
    EXIT.io,
    `${path} is not an aa-sync checkpoint (application_id ${applicationId}, ` +
      `user_version ${version}, ${tables} schema entries); it was left untouched. ` +
      'Choose another --state-dir, or move that file away if nothing needs it',
  );
}

function wrap(db: Database, path: string): Checkpoint {
  const statements = new Map<string, Statement<unknown[], unknown>>();
  const guarded = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw damageError(path, error) ?? error;
    }
  };
  return {
    path,
    db,
    statement<Params extends unknown[] = unknown[], Row = unknown>(sql: string) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement as unknown as Statement<Params, Row>;
    },
    write: (fn) => guarded(() => db.transaction(fn).immediate()),
    read: (fn) => guarded(() => db.transaction(fn).deferred()),
    close: () => {
      statements.clear();
      db.close();
    },
  };
}

function asCheckpointError(path: string, error: unknown): ExitError {
  if (error instanceof ExitError) return error;
  return damageError(path, error) ?? openFailure(path, reason(error), error);
}

/** The explained error for a damaged file; undefined for any other failure. */
function damageError(path: string, error: unknown): ExitError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (!DAMAGE_CODES.some((damage) => code.startsWith(damage))) return undefined;
  return damagedFile(path, `${code}: ${reason(error)}`, error);
}

function damagedFile(path: string, detail: string, cause?: unknown): ExitError {
  return new ExitError(
    EXIT.io,
    `checkpoint ${path} is damaged (${detail}); it was kept as it is. ` +
      `To start over, move it aside with its -wal and -shm files (mv ${path} ` +
      `${path}.damaged) and run again: aa-sync then starts a new checkpoint and no ` +
      'longer remembers which organization belongs to which customer key',
    { cause },
  );
}

function openFailure(file: string, failure: string, cause?: unknown): ExitError {
  return new ExitError(
    EXIT.io,
    `cannot open checkpoint file ${file}: ${failure}; choose another --state-dir, ` +
      'or fix the permissions of this one',
    { cause },
  );
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
