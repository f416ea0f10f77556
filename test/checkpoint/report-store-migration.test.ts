import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_APPLICATION_ID,
  MIGRATIONS,
  SCHEMA_VERSION,
  getRun,
  listReportIds,
  loadOperations,
  loadReportInput,
} from '../../src/checkpoint/index.js';
import { serialisePlan } from '../../src/plan/plan-file.js';
import { INPUTS } from '../plan/support.js';
import { CHECKPOINT_TABLES } from './support.js';
import {
  ENV,
  OPS,
  T0,
  T1,
  counts,
  samplePlan,
  stateDir,
  withCheckpoint,
} from './run-fixtures.js';

/** A checkpoint as an aa-sync of schema version 2 left it: one finished run. */
function writeVersion2Checkpoint(): void {
  mkdirSync(stateDir(), { mode: 0o700 });
  const db = new BetterSqlite3(join(stateDir(), 'checkpoint.sqlite'));
  try {
    for (const migration of MIGRATIONS.slice(0, 2)) migration.up(db);
    db.pragma(`application_id = ${CHECKPOINT_APPLICATION_ID}`);
    db.pragma('user_version = 2');
    db.prepare(
      'INSERT INTO runs (id, seq, command, environment, base_url, inputs, options, plan, ' +
        'parent_run_id, customers, status, started_at, updated_at, finished_at, exit_code) ' +
        "VALUES ('run-old', 1, 'apply', ?, ?, ?, ?, ?, NULL, 2, 'completed', ?, ?, ?, 0)",
    ).run(
      ENV,
      `${ENV}/`,
      JSON.stringify(INPUTS),
      JSON.stringify({ rate: 10, burst: 5, concurrency: 4 }),
      serialisePlan(samplePlan()),
      T0,
      T1,
      T1,
    );
    const operation = samplePlan().tenants[1]?.operations[0];
    db.prepare(
      'INSERT INTO operations (run_id, op_id, seq, tenant, kind, payload, depends_on, ' +
        "status, attempts) VALUES ('run-old', ?, 3, 'b', ?, ?, '[]', 'succeeded', 1)",
    ).run(operation?.id, operation?.kind, JSON.stringify(operation));
  } finally {
    db.close();
  }
}

describe('migration 3', () => {
  it('adds the report tables to a version 2 checkpoint, keeping its runs', () => {
    writeVersion2Checkpoint();

    const [version, tables, run, operations, input, listed] = withCheckpoint((c) => [
      c.db.pragma('user_version', { simple: true }),
      c.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all(),
      getRun(c, 'run-old'),
      loadOperations(c, 'run-old').map((op) => [op.id, op.status]),
      loadReportInput(c, 'run-old', T1),
      listReportIds(c, 5),
    ]);

    expect([version, SCHEMA_VERSION]).toEqual([3, 3]);
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2, 3]);
    expect(tables).toEqual(CHECKPOINT_TABLES);
    expect(run).toMatchObject({
      id: 'run-old',
      status: 'completed',
      finishedAt: T1,
      exitCode: 0,
      counts: counts({ succeeded: 1 }),
    });
    expect(operations).toEqual([[OPS.orgB, 'succeeded']]);
    expect(input?.plan).toEqual(samplePlan());
    expect([input?.rejected, input?.sources, input?.traffic]).toStrictEqual([
      [],
      new Map(),
      [],
    ]);
    expect(listed).toEqual([{ id: 'run-old', kind: 'run', startedAt: T0 }]);
  });
});
