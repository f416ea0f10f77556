/**
 * The checkpoint's schema as ordered migrations: `user_version` holds the
 * number of the last one applied, `application_id` marks the file as an
 * aa-sync checkpoint. Migration 1 holds the planning memory, migration 2 the
 * runs, their operations and the run lock, migration 3 what the run reports
 * need beyond them (see report-store.ts). Exports: `CHECKPOINT_APPLICATION_ID`,
 * `Migration`, `MIGRATIONS`, `SCHEMA_VERSION`, `migrate`.
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

// The status lists are written out, not built from RUN_STATUSES and
// OPERATION_STATUSES: a migration is frozen once shipped, and a later change to
// those lists needs a migration of its own. The tests check that they agree.
// runs.seq orders runs newest first even when two start in the same
// millisecond; it is a column rather than the rowid, which VACUUM may renumber.
// WITHOUT ROWID for operations: every access goes by (run_id, ...).
const RUN_TABLES = `
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  command TEXT NOT NULL,
  environment TEXT NOT NULL,
  base_url TEXT NOT NULL,
  inputs TEXT NOT NULL CHECK (json_valid(inputs)),
  options TEXT NOT NULL CHECK (json_valid(options)),
  -- serialisePlan's text, read back with parsePlan.
  plan TEXT NOT NULL,
  parent_run_id TEXT REFERENCES runs (id),
  customers INTEGER NOT NULL CHECK (customers >= 0),
  status TEXT NOT NULL
    CHECK (status IN ('running', 'interrupted', 'stopped', 'completed', 'partial')),
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT,
  exit_code INTEGER
);

CREATE TABLE operations (
  run_id TEXT NOT NULL REFERENCES runs (id),
  op_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  tenant TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  depends_on TEXT NOT NULL CHECK (json_valid(depends_on)),
  status TEXT NOT NULL CHECK (status IN
    ('pending', 'in-flight', 'succeeded', 'adopted', 'failed', 'skipped')),
  attempts INTEGER NOT NULL CHECK (attempts >= 0),
  last_error TEXT,
  result TEXT CHECK (result IS NULL OR json_valid(result)),
  phone_number TEXT,
  started_at TEXT,
  finished_at TEXT,
  duration_ms INTEGER CHECK (duration_ms IS NULL OR duration_ms >= 0),
  PRIMARY KEY (run_id, op_id)
) WITHOUT ROWID;
-- Loading a run's operations in plan order, and counting them per status
-- from the index alone.
CREATE UNIQUE INDEX operations_by_seq ON operations (run_id, seq);
CREATE INDEX operations_by_status ON operations (run_id, status);

-- At most one row: the process that holds the state directory. No reference to
-- runs: the lock is taken before its run exists and must outlive any run row.
CREATE TABLE run_lock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  pid INTEGER NOT NULL CHECK (pid > 0),
  hostname TEXT NOT NULL,
  process_start TEXT,
  run_id TEXT,
  command TEXT NOT NULL,
  acquired_at TEXT NOT NULL
);
`;

// A report belongs to a run (runs.id) or to a `plan` (plan_runs.id): report_id
// refers to either table, so it has no foreign key. Both ids have the form
// YYYYMMDD-HHMMSS-xxxx and are never reused.
// plan_runs mirrors runs without options and operations: a plan applies nothing.
// report_records keeps the records as written, in the order they are loaded back:
// a rejected entry's first record carries the entry's problems (possibly []),
// its further records none, so entries with the same key (or none) stay apart.
// A CSV record holds its header's number and its cells; the header, shared by
// every record of its file, is stored once in report_headers. A JSON record holds
// its text, which is not checked: a line that is not JSON is rejected as written.
// WITHOUT ROWID: records, headers and traffic are written, read and replaced by
// report, in key order.
const REPORT_TABLES = `
CREATE TABLE plan_runs (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  command TEXT NOT NULL,
  environment TEXT NOT NULL,
  base_url TEXT NOT NULL,
  inputs TEXT NOT NULL CHECK (json_valid(inputs)),
  -- serialisePlan's text, read back with parsePlan.
  plan TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  exit_code INTEGER
);

CREATE TABLE report_headers (
  report_id TEXT NOT NULL,
  header_no INTEGER NOT NULL CHECK (header_no >= 0),
  header TEXT NOT NULL CHECK (json_valid(header)),
  PRIMARY KEY (report_id, header_no)
) WITHOUT ROWID;

CREATE TABLE report_records (
  report_id TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 0),
  customer_key TEXT,
  rejected INTEGER NOT NULL CHECK (rejected IN (0, 1)),
  file TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'json', 'ndjson')),
  line INTEGER NOT NULL CHECK (line >= 1),
  end_line INTEGER NOT NULL CHECK (end_line >= line),
  -- Null for a JSON record.
  header_no INTEGER,
  -- A CSV record's cells as JSON, a JSON record's text.
  raw TEXT NOT NULL CHECK (header_no IS NULL OR json_valid(raw)),
  problems TEXT CHECK (problems IS NULL OR (rejected = 1 AND json_valid(problems))),
  -- An accepted customer's records always name it.
  CHECK (rejected = 1 OR customer_key IS NOT NULL),
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;

CREATE TABLE run_traffic (
  report_id TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  requests INTEGER NOT NULL CHECK (requests >= 0),
  rate_limited INTEGER NOT NULL CHECK (rate_limited >= 0),
  held_ms INTEGER NOT NULL CHECK (held_ms >= 0),
  paced_rate REAL NOT NULL CHECK (paced_rate >= 0),
  PRIMARY KEY (report_id, at_ms)
) WITHOUT ROWID;

-- A run's last activity, apart from its row in runs: that row holds the whole
-- plan, and SQLite rewrites a row in full on every update, so touching it per
-- operation made a run's cost grow with the square of its size.
CREATE TABLE run_activity (
  run_id TEXT PRIMARY KEY REFERENCES runs (id),
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
`;

/** Every migration, in order; versions run 1, 2, 3 ... without gaps. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'planning memory: organization map, last applied values, input sizes',
    up: (db) => db.exec(MEMORY_TABLES),
  },
  {
    version: 2,
    description: 'runs, their operations and the run lock',
    up: (db) => db.exec(RUN_TABLES),
  },
  {
    version: 3,
    description:
      'run reports: plans, the records of rejected and planned customers, traffic; ' +
      'run activity',
    up: (db) => db.exec(REPORT_TABLES),
  },
];

/** The schema version this aa-sync writes: the last migration's. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Applies the migrations after `fromVersion`, each in its own immediate
 * transaction together with the new `user_version`, so a crash leaves the file
 * at a version it really has. The version is read again inside each
 * transaction: two processes opening a new checkpoint at once both get here,
 * and the second must skip what the first has just applied. The caller has
 * checked that the file is a checkpoint (or empty) and not newer than this aa-sync.
 */
export function migrate(db: Database, fromVersion: number): void {
  for (const migration of MIGRATIONS) {
    if (migration.version <= fromVersion) continue;
    db.transaction(() => {
      const current = db.pragma('user_version', { simple: true }) as number;
      if (migration.version <= current) return;
      migration.up(db);
      db.pragma(`application_id = ${CHECKPOINT_APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
