/**
 * The checkpoint's schema as ordered migrations: `user_version` holds the
 * number of the last one applied, `application_id` marks the file as an
 * aa-sync checkpoint. A later issue adds runs, operations and the lock as
 * migration 2. Exports: `CHECKPOINT_APPLICATION_ID`, `Migration`, `MIGRATIONS`,
 * `SCHEMA_VERSION`, `migrate`.
 */
import type { Database } from 'better-sqlite3';

/** `PRAGMA application_id` of every checkpoint: the bytes "aasy" (0x61617379). */
export const CHECKPOINT_APPLICATION_ID = 0x61617379;

/** One step of the schema; `version` is what `user_version` holds after it. */
export interface Migration {
  version: number;
  /** What the step adds, for a reader of this file. */
  description: string;
  up(db: Database): void;
}

// Timestamps are ISO strings from the caller: the store never reads a clock, so
// tests pass fixed times. WITHOUT ROWID: every lookup goes by the primary key.
const MEMORY_TABLES = `
CREATE TABLE organization_map (
  -- The normalised API base URL (environmentOf): ids of two environments never mix.
  environment TEXT NOT NULL,
  customer_key TEXT NOT NULL,
  organization_id INTEGER NOT NULL,
  first_seen_run TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (environment, customer_key)
) WITHOUT ROWID;

-- value is JSON text, so that an applied null is not confused with "never applied".
CREATE TABLE last_applied (
  environment TEXT NOT NULL,
  customer_key TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL CHECK (json_valid(value)),
  PRIMARY KEY (environment, customer_key, field)
) WITHOUT ROWID;

-- Completed runs only: a crashed run must not lower the prune guard's baseline.
-- The rowid keeps the order of recording, which decides the latest; an index on
-- environment alone holds its entries in rowid order, so that lookup is direct.
CREATE TABLE input_history (
  environment TEXT NOT NULL,
  run_id TEXT NOT NULL,
  customers INTEGER NOT NULL CHECK (customers >= 0),
  recorded_at TEXT NOT NULL,
  UNIQUE (environment, run_id)
);
CREATE INDEX input_history_latest ON input_history (environment);
`;

/** Every migration, in order; versions run 1, 2, 3 ... without gaps. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'planning memory: organization map, last applied values, input sizes',
    up: (db) => db.exec(MEMORY_TABLES),
  },
];

/** The schema version this aa-sync writes: the last migration's. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Applies the migrations after `fromVersion`, each in its own transaction
 * together with the new `user_version`, so a crash leaves the file at a
 * version it really has. The caller has checked that the file is a checkpoint
 * (or empty) and not newer than this aa-sync.
 */
export function migrate(db: Database, fromVersion: number): void {
  for (const migration of MIGRATIONS) {
    if (migration.version <= fromVersion) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`application_id = ${CHECKPOINT_APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
