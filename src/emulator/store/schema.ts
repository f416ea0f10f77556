/**
 * The emulator's SQLite schema, its version (kept in `user_version`) and the
 * first id of every resource. Exports: `SCHEMA_VERSION`, `ID_RANGES`,
 * `DATA_TABLES`, `ensureSchema`.
 */
import type { Database } from 'better-sqlite3';

/** Bump with a migration step in `ensureSchema` whenever the DDL changes. */
export const SCHEMA_VERSION = 2;

/**
 * First id of each resource. The ranges are millions apart so an id of one kind
 * sent where another belongs answers 404 instead of touching the wrong thing.
 */
export const ID_RANGES = {
  organizations: 1_000_001,
  partner_links: 3_000_001,
  locations: 5_000_001,
  users: 9_000_001,
} as const;

/** Tables holding partner data, children first (the order `reset` deletes in). */
export const DATA_TABLES = [
  'memberships',
  'locations',
  'partner_links',
  'users',
  'organizations',
  'phone_numbers',
] as const;

// AUTOINCREMENT keeps id sequences in sqlite_sequence, so ids are never reused,
// not after a delete, a reset or a restart from the state file.
const DDL = `
CREATE TABLE organizations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  partner_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX organizations_by_partner ON organizations (partner_id, id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  partner_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  email TEXT NOT NULL,
  name TEXT,
  embed_secret TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (partner_id, external_id)
);
CREATE INDEX users_by_partner ON users (partner_id, id);

CREATE TABLE memberships (
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'user')),
  PRIMARY KEY (organization_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_by_user ON memberships (user_id, organization_id);

-- Every number ever issued; rows outlive their location so a number is never reused.
CREATE TABLE phone_numbers (
  number TEXT PRIMARY KEY,
  issued_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE locations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  partner_id TEXT NOT NULL,
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name TEXT,
  phone_number TEXT UNIQUE REFERENCES phone_numbers (number),
  status TEXT NOT NULL CHECK (status IN ('pending', 'active')),
  activates_at INTEGER,
  address TEXT,
  google_place_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX locations_by_partner ON locations (partner_id, id);
CREATE INDEX locations_by_organization ON locations (organization_id, id);

CREATE TABLE partner_links (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  partner_id TEXT NOT NULL,
  email TEXT NOT NULL,
  external_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted')),
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX partner_links_pending
  ON partner_links (partner_id, external_id) WHERE status = 'pending';
`;

// Version 2. Keys are configuration, not partner data: this table is not in
// DATA_TABLES, so a reset keeps it and it does not make the store non-empty.
const REVOKED_KEYS_DDL = `
-- SHA-256 (hex) of every revoked key; never the key itself.
CREATE TABLE revoked_keys (
  key_hash TEXT PRIMARY KEY,
  revoked_at TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * Creates the tables in an empty database, or checks that an existing one has
 * our schema version. Refuses a database that holds other tables, or one written
 * by a newer emulator.
 */
export function ensureSchema(db: Database, where: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `${where} has emulator schema version ${version}, newer than this emulator's ` +
        `${SCHEMA_VERSION}; upgrade aa-sync or use another stateFile`,
    );
  }
  if (version === 1) {
    db.transaction(() => migrateToVersion2(db))();
    return;
  }
  const tables = db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as {
    n: number;
  };
  if (version !== 0 || tables.n > 0) {
    throw new Error(
      `${where} is not an emulator state file (schema version ${version}, ` +
        `${tables.n} existing tables); point stateFile at a new or emulator-made file`,
    );
  }
  db.transaction(() => createSchema(db))();
}

function createSchema(db: Database): void {
  db.exec(DDL);
  db.exec(REVOKED_KEYS_DDL);
  const setStart = db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)');
  for (const [table, firstId] of Object.entries(ID_RANGES))
    setStart.run(table, firstId - 1);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

function migrateToVersion2(db: Database): void {
  db.exec(REVOKED_KEYS_DDL);
  db.pragma('user_version = 2');
}
