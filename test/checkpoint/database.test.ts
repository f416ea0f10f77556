import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_APPLICATION_ID,
  SCHEMA_VERSION,
  openCheckpoint,
  rememberOrganization,
} from '../../src/checkpoint/index.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import {
  CHECKPOINT_TABLES,
  exitErrorOf,
  listing,
  modeOf,
  open,
  setUmask,
  tempDir,
} from './support.js';

const ENV = 'https://api.example.com';
const AT = '2025-03-02T09:15:00.000Z';

/** A state directory holding `checkpoint.sqlite` made by `make`, which must close it. */
function stateDirWith(make: (file: string) => void): { dir: string; file: string } {
  const dir = join(tempDir(), 'state');
  mkdirSync(dir, { mode: 0o700 });
  const file = join(dir, 'checkpoint.sqlite');
  make(file);
  return { dir, file };
}

function foreignDatabase(file: string, setup: string): void {
  const db = new BetterSqlite3(file);
  try {
    db.exec(setup);
  } finally {
    db.close();
  }
}

describe('opening a new checkpoint', () => {
  it('creates the directory 0700 and the database, -wal and -shm 0600 under umask 000', () => {
    setUmask(0o000);
    const dir = join(tempDir(), '.aa-sync');
    const checkpoint = open(dir);
    rememberOrganization(checkpoint, ENV, 'c-1', 1_000_001, 'run-1', AT);
    expect(modeOf(dir)).toBe(0o700);
    expect(listing(dir)).toEqual([
      'checkpoint.sqlite',
      'checkpoint.sqlite-shm',
      'checkpoint.sqlite-wal',
    ]);
    expect(listing(dir).map((name) => modeOf(join(dir, name)))).toEqual([
      0o600, 0o600, 0o600,
    ]);
    checkpoint.close();
  });

  it('runs in WAL mode with full sync, foreign keys and a 5 s busy timeout', () => {
    const checkpoint = open(join(tempDir(), 'state'));
    const pragma = (name: string): unknown =>
      checkpoint.db.pragma(name, { simple: true });
    expect({
      journal: pragma('journal_mode'),
      synchronous: pragma('synchronous'),
      foreignKeys: pragma('foreign_keys'),
      busyTimeout: pragma('busy_timeout'),
      applicationId: pragma('application_id'),
      version: pragma('user_version'),
    }).toEqual({
      journal: 'wal',
      synchronous: 2,
      foreignKeys: 1,
      busyTimeout: 5000,
      applicationId: 0x61617379,
      version: 3,
    });
    checkpoint.close();
  });

  it('holds the planning memory, run and report tables after migration 3', () => {
    const checkpoint = open(join(tempDir(), 'state'));
    const tables = checkpoint.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(CHECKPOINT_TABLES);
    expect([SCHEMA_VERSION, CHECKPOINT_APPLICATION_ID]).toEqual([3, 1633776505]);
    checkpoint.close();
  });

  it('takes an empty file as a new checkpoint', () => {
    const { dir } = stateDirWith((file) => writeFileSync(file, ''));
    const checkpoint = open(dir);
    expect(checkpoint.db.pragma('user_version', { simple: true })).toBe(3);
    checkpoint.close();
  });

  it('caches a prepared statement per checkpoint', () => {
    const checkpoint = open(join(tempDir(), 'state'));
    const sql = 'SELECT count(*) FROM organization_map';
    expect(checkpoint.statement(sql)).toBe(checkpoint.statement(sql));
    checkpoint.close();
  });
});

describe('reopening a checkpoint', () => {
  it('keeps its data and tightens files that became readable by others', () => {
    const dir = join(tempDir(), 'state');
    const first = open(dir);
    rememberOrganization(first, ENV, 'c-1', 1_000_001, 'run-1', AT);
    first.close();
    const file = join(dir, 'checkpoint.sqlite');
    chmodSync(file, 0o644);
    const second = open(dir);
    expect(modeOf(file)).toBe(0o600);
    const ids = second.db.prepare('SELECT organization_id FROM organization_map').pluck();
    expect(ids.all()).toEqual([1_000_001]);
    second.close();
  });
});

describe('a checkpoint left by a crash', () => {
  it('opens with the writes still in its -wal file', () => {
    const dir = join(tempDir(), 'state');
    const crashed = join(tempDir(), 'crashed');
    const live = open(dir);
    rememberOrganization(live, ENV, 'c-1', 1_000_001, 'run-1', AT);
    // A copy taken while the writer is open is what a killed process leaves behind.
    cpSync(dir, crashed, { recursive: true });
    live.close();
    expect(statSync(join(crashed, 'checkpoint.sqlite-wal')).size).toBeGreaterThan(0);
    const reopened = open(crashed);
    const ids = reopened.db
      .prepare('SELECT organization_id FROM organization_map')
      .pluck();
    expect(ids.all()).toEqual([1_000_001]);
    reopened.close();
  });
});

describe('refusing what is not a usable checkpoint', () => {
  it('refuses a link in place of the database without touching its target', () => {
    const target = join(tempDir(), 'elsewhere.sqlite');
    writeFileSync(target, 'precious');
    chmodSync(target, 0o644);
    const { dir, file } = stateDirWith((path) => symlinkSync(target, path));
    const error = exitErrorOf(() => open(dir));
    expect([error.exitCode, error.message]).toEqual([
      EXIT.io,
      `cannot open checkpoint file ${file}: it is not a regular file (a link, a ` +
        'directory or a device); choose another --state-dir, or fix the permissions ' +
        'of this one',
    ]);
    expect([readFileSync(target, 'utf8'), modeOf(target)]).toEqual(['precious', 0o644]);
  });

  it('refuses a link in place of the -wal file', () => {
    const target = join(tempDir(), 'elsewhere');
    writeFileSync(target, '');
    const { dir } = stateDirWith((file) => symlinkSync(target, `${file}-wal`));
    expect(exitErrorOf(() => open(dir)).message).toMatch(
      /checkpoint\.sqlite-wal: it is not a regular file/,
    );
  });

  it('refuses another application’s SQLite file and leaves it untouched', () => {
    const { dir, file } = stateDirWith((path) =>
      foreignDatabase(
        path,
        "CREATE TABLE notes (text); INSERT INTO notes VALUES ('hi');",
      ),
    );
    chmodSync(file, 0o644);
    const before = readFileSync(file);
    const error = exitErrorOf(() => open(dir));
    expect([error.exitCode, error.message]).toEqual([
      EXIT.io,
      `${file} is not an aa-sync checkpoint (application_id 0, user_version 0, ` +
        '1 schema entries); it was left untouched. Choose another --state-dir, or ' +
        'move that file away if nothing needs it',
    ]);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect([listing(dir), modeOf(file)]).toEqual([['checkpoint.sqlite'], 0o644]);
  });

  it('refuses a WAL database of another application and leaves no files beside it', () => {
    const { dir, file } = stateDirWith((path) =>
      foreignDatabase(
        path,
        'PRAGMA journal_mode = WAL; PRAGMA application_id = 42; CREATE TABLE t (x);',
      ),
    );
    const before = readFileSync(file);
    const error = exitErrorOf(() => open(dir));
    expect(error.message).toMatch(
      /is not an aa-sync checkpoint \(application_id 42, user_version 0, 1 schema entries\)/,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(listing(dir)).toEqual(['checkpoint.sqlite']);
  });

  it('refuses a checkpoint of a newer schema version and leaves it untouched', () => {
    const dir = join(tempDir(), 'state');
    open(dir).close();
    const file = join(dir, 'checkpoint.sqlite');
    foreignDatabase(file, 'PRAGMA user_version = 7;');
    const before = readFileSync(file);
    const error = exitErrorOf(() => open(dir));
    expect([error.exitCode, error.message]).toEqual([
      EXIT.io,
      `checkpoint ${file} has schema version 7, written by a newer aa-sync (this one ` +
        'knows versions up to 3); it was left untouched. Upgrade aa-sync, or choose ' +
        'another --state-dir',
    ]);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a garbage file as damaged and keeps it', () => {
    const garbage = 'customer_id,org_name\nc-1,"Bayside, Dental"\n'.repeat(40);
    const { dir, file } = stateDirWith((path) => writeFileSync(path, garbage));
    const error = exitErrorOf(() => open(dir));
    expect([error.exitCode, error.message]).toEqual([
      EXIT.io,
      `checkpoint ${file} is damaged (SQLITE_NOTADB: file is not a database); it was ` +
        'kept as it is. To start over, move it aside with its -wal and -shm files ' +
        `(mv ${file} ${file}.damaged) and run again: aa-sync then starts a new ` +
        'checkpoint and no longer remembers which organization belongs to which ' +
        'customer key',
    ]);
    expect([readFileSync(file, 'utf8'), listing(dir)]).toEqual([
      garbage,
      ['checkpoint.sqlite'],
    ]);
  });

  it('reports damage found while reading as a damaged checkpoint', () => {
    const { dir, file } = damagedTable();
    const second = open(dir);
    const error = exitErrorOf(() =>
      second.read(() => second.db.prepare('SELECT count(*) FROM organization_map').get()),
    );
    expect(error.message).toMatch(
      new RegExp(`^checkpoint ${file} is damaged \\(SQLITE_CORRUPT`),
    );
    expect(existsSync(file)).toBe(true);
    second.close();
  });

  it('finds damage in a page no command reads when asked to verify, and keeps the file', () => {
    const { dir, file } = damagedTable();
    const [before, filesBefore] = [readFileSync(file), listing(dir)];
    const error = exitErrorOf(() => openCheckpoint(dir, { verify: true }));
    expect([error.exitCode, error.message]).toEqual([
      EXIT.io,
      `checkpoint ${file} is damaged (SQLite's quick_check found: Tree 2 page 2: btreeInitPage() returns error code 11; ` +
        'Page 23: never used; Page 24: never used); it was kept as it is. To start over, move it ' +
        'aside with its -wal and -shm files ' +
        `(mv ${file} ${file}.damaged) and run again: aa-sync then starts a new ` +
        'checkpoint and no longer remembers which organization belongs to which customer key',
    ]);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(listing(dir)).toEqual(filesBefore);
  });
});

/**
 * A closed checkpoint whose organization_map table's root page is garbage,
 * while the schema (page 1 on) stays readable: opening it succeeds.
 */
function damagedTable(): { dir: string; file: string } {
  const dir = join(tempDir(), 'state');
  const first = open(dir);
  const insert = first.db.prepare(
    "INSERT INTO organization_map VALUES ('e', ?, 1, 'r', 't')",
  );
  first.db.transaction(() => {
    for (let i = 0; i < 2000; i += 1) insert.run(`customer-${i}`);
  })();
  first.close();
  const file = join(dir, 'checkpoint.sqlite');
  const probe = new BetterSqlite3(file, { readonly: true });
  const rootPage = probe
    .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'organization_map'")
    .pluck()
    .get() as number;
  probe.close();
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  bytes.fill(0xa5, pageSize * (rootPage - 1), pageSize * rootPage);
  writeFileSync(file, bytes);
  return { dir, file };
}
