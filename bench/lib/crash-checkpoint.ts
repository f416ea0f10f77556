/**
 * Reads a killed run's checkpoint without changing it: a read-only connection
 * that checks the file's integrity and counts what the kill interrupted.
 * Exports: `CheckpointView`, `RecordedCreates`, `inspectCheckpoint`,
 * `checkpointPath`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** The checkpoint's file in a state directory (see src/checkpoint/database.ts). */
export const checkpointPath = (stateDir: string): string =>
  join(stateDir, 'checkpoint.sqlite');

/** Create operations recorded as done (succeeded or adopted), per kind. */
export interface RecordedCreates {
  organizations: number;
  users: number;
  locations: number;
}

/** What a killed process left in its checkpoint. */
export interface CheckpointView {
  /** `PRAGMA integrity_check`'s rows joined: 'ok' for a sound file. */
  integrity: string;
  /** The newest run, or null when the kill came before one was recorded. */
  latestRun: { id: string; status: string } | null;
  /** Create operations marked in flight: their request may have left unrecorded. */
  inFlightCreates: number;
  recordedCreates: RecordedCreates;
}

const SQL = {
  latestRun: 'SELECT id, status FROM runs ORDER BY seq DESC LIMIT 1',
  inFlightCreates:
    "SELECT count(*) AS n FROM operations WHERE status = 'in-flight' " +
    "AND kind LIKE 'create-%'",
  recordedCreates:
    'SELECT kind, count(*) AS n FROM operations ' +
    "WHERE status IN ('succeeded', 'adopted') AND kind LIKE 'create-%' GROUP BY kind",
  hasRunTables:
    "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'operations'",
} as const;

const CREATE_KINDS: Record<string, keyof RecordedCreates> = {
  'create-organization': 'organizations',
  'create-user': 'users',
  'create-location': 'locations',
};

/**
 * Opens the checkpoint of `stateDir` read-only and describes it; null when the
 * kill came before the file existed. The connection is closed before returning,
 * so the next process finds the file as the killed one left it.
 */
export function inspectCheckpoint(stateDir: string): CheckpointView | null {
  const path = checkpointPath(stateDir);
  if (!existsSync(path)) return null;
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return describe(db);
  } finally {
    db.close();
  }
}

function describe(db: BetterSqlite3.Database): CheckpointView {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const integrity = rows.map((row) => row.integrity_check).join('; ');
  const empty = { organizations: 0, users: 0, locations: 0 };
  const tables = db.prepare<[], { n: number }>(SQL.hasRunTables).get();
  if (tables?.n !== 1) {
    return { integrity, latestRun: null, inFlightCreates: 0, recordedCreates: empty };
  }
  const run = db.prepare<[], { id: string; status: string }>(SQL.latestRun).get();
  const inFlight = db.prepare<[], { n: number }>(SQL.inFlightCreates).get();
  const recordedCreates = { ...empty };
  const counted = db.prepare<[], { kind: string; n: number }>(SQL.recordedCreates).all();
  for (const { kind, n } of counted) {
    const field = CREATE_KINDS[kind];
    if (field !== undefined) recordedCreates[field] += n;
  }
  return {
    integrity,
    latestRun: run ?? null,
    inFlightCreates: inFlight?.n ?? 0,
    recordedCreates,
  };
}
