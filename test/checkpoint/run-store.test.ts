import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  OPERATION_STATUSES,
  RUN_STATUSES,
  createRun,
  finishRun,
  getRun,
  latestRun,
  listRuns,
  loadOperations,
  loadRunPlan,
} from '../../src/checkpoint/index.js';
import type { RunRecord } from '../../src/checkpoint/index.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { INPUTS } from '../plan/support.js';
import {
  ENV,
  OPS,
  T0,
  T1,
  T2,
  T3,
  counts,
  manyOperations,
  newRun,
  operationsOf,
  samplePlan,
  startSample,
  stateDir,
  withCheckpoint,
} from './run-fixtures.js';
import { CHECKPOINT_TABLES, exitErrorOf } from './support.js';

/** Size of the run that must be recorded quickly. */
const LARGE_RUN_OPERATIONS = 100_000;
/** Generous: on a laptop it takes well under a second. */

/** A plan text cut short, as a damaged file might hold. */
const DAMAGED_PLAN = '{"format": "aa-sync-plan"';

describe('migration 2', () => {
  it('adds runs, operations and the run lock to a version 1 checkpoint, keeping its memory', () => {
    const dir = stateDir();
    withCheckpoint(() => undefined);
    const file = join(dir, 'checkpoint.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec(
      'DROP TABLE operations; DROP TABLE runs; DROP TABLE run_lock; DROP TABLE plan_runs; ' +
        'DROP TABLE report_headers; DROP TABLE report_records; DROP TABLE run_traffic; ' +
        'DROP TABLE run_activity',
    );
    raw.exec("INSERT INTO organization_map VALUES ('e', 'c-1', 7, 'run-0', 'x')");
    raw.pragma('user_version = 1');
    raw.close();
    const [version, tables, mapped] = withCheckpoint((c) => [
      c.db.pragma('user_version', { simple: true }),
      c.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all(),
      c.db.prepare('SELECT organization_id FROM organization_map').pluck().all(),
    ]);
    expect(version).toBe(3);
    expect(tables).toEqual(CHECKPOINT_TABLES);
    expect(mapped).toEqual([7]);
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1, 2, 3]);
  });

  it('accepts exactly the statuses of RUN_STATUSES and OPERATION_STATUSES', () => {
    const refused = withCheckpoint((c) => {
      startSample(c);
      const tries: string[] = [];
      const attempt = (sql: string, status: string) => {
        try {
          c.db.prepare(sql).run(status);
        } catch {
          tries.push(status);
        }
      };
      for (const status of [...RUN_STATUSES, 'done']) {
        attempt("UPDATE runs SET status = ? WHERE id = 'run-1'", status);
      }
      for (const status of [...OPERATION_STATUSES, 'done']) {
        attempt(`UPDATE operations SET status = ? WHERE op_id = '${OPS.orgB}'`, status);
      }
      return tries;
    });
    expect(refused).toEqual(['done', 'done']);
  });
});

describe('creating a run', () => {
  it('records the run as running, every operation pending, in plan order', () => {
    const [run, operations] = withCheckpoint((c) => {
      startSample(c);
      return [getRun(c, 'run-1'), loadOperations(c, 'run-1')] as const;
    });
    expect(run).toEqual({
      id: 'run-1',
      command: 'apply',
      environment: ENV,
      baseUrl: `${ENV}/`,
      inputs: INPUTS,
      options: { rate: 10, burst: 5, concurrency: 4 },
      parentRunId: null,
      customers: 2,
      status: 'running',
      startedAt: T0,
      updatedAt: T0,
      finishedAt: null,
      exitCode: null,
      counts: counts({ pending: 4 }),
    });
    const planned = operationsOf(samplePlan());
    expect(operations[1]).toEqual({
      runId: 'run-1',
      seq: 1,
      id: OPS.userA,
      tenant: 'a',
      kind: 'create-user',
      operation: planned[1]?.operation,
      dependsOn: [OPS.orgA],
      status: 'pending',
      attempts: 0,
      lastError: null,
      result: null,
      phoneNumber: null,
      startedAt: null,
      finishedAt: null,
      durationMs: null,
    });
    expect(operations.map((op) => `${op.seq} ${op.id} ${op.status}`)).toEqual([
      `0 ${OPS.orgA} pending`,
      `1 ${OPS.userA} pending`,
      `2 ${OPS.locationA} pending`,
      `3 ${OPS.orgB} pending`,
    ]);
  });

  it('carries done operations of a parent run with their result and phone number', () => {
    const operations = withCheckpoint((c) => {
      startSample(c, 'run-1');
      const run = newRun('run-2', { command: 'retry-failed', parentRunId: 'run-1' });
      const [orgA, , locationA, orgB] = operationsOf(run.plan);
      createRun(c, run, [
        { ...orgA!, carried: { status: 'adopted', result: { organizationId: 41 } } },
        {
          ...locationA!,
          carried: {
            status: 'succeeded',
            result: { locationId: 9, phoneNumber: '+16175550100' },
          },
        },
        orgB!,
      ]);
      expect(getRun(c, 'run-2')?.parentRunId).toBe('run-1');
      return loadOperations(c, 'run-2');
    });
    const phone = '+16175550100';
    expect(operations.map((op) => [op.id, op.status, op.result, op.phoneNumber])).toEqual(
      [
        [OPS.orgA, 'adopted', { organizationId: 41 }, null],
        [OPS.locationA, 'succeeded', { locationId: 9, phoneNumber: phone }, phone],
        [OPS.orgB, 'pending', null, null],
      ],
    );
  });

  it('keeps the plan, which reads back equal to what was planned', () => {
    const plan = withCheckpoint((c) => {
      startSample(c);
      return loadRunPlan(c, 'run-1');
    });
    expect(plan).toEqual(samplePlan());
  });

  it('records nothing when one operation cannot be recorded', () => {
    const [error, run] = withCheckpoint((c) => {
      const run = newRun('run-1');
      const [first] = operationsOf(run.plan);
      let thrown: unknown;
      try {
        createRun(c, run, [first!, { ...first!, seq: 1 }]);
      } catch (e) {
        thrown = e;
      }
      return [thrown, getRun(c, 'run-1')];
    });
    expect((error as { code?: string }).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(run).toBeUndefined();
  });

  it('refuses a customer count that is not a count', () => {
    withCheckpoint((c) => {
      expect(() => createRun(c, newRun('run-1', { customers: -1 }), [])).toThrow(
        'customers must be a count (an integer >= 0), got -1',
      );
    });
  });

  it(`records ${LARGE_RUN_OPERATIONS} operations in one run`, () => {
    const operations = manyOperations(LARGE_RUN_OPERATIONS);
    const [run, last] = withCheckpoint((c) => {
      createRun(c, newRun('run-big', { customers: LARGE_RUN_OPERATIONS }), operations);
      return [getRun(c, 'run-big'), loadOperations(c, 'run-big').at(-1)] as const;
    });
    expect(run?.counts).toEqual(counts({ pending: LARGE_RUN_OPERATIONS }));
    expect([last?.seq, last?.id]).toEqual([99_999, 'c-099999/organization:create']);
  });
});

describe('listing runs', () => {
  it('lists newest first, also runs started in the same millisecond', () => {
    const [listed, latest, firstTwo] = withCheckpoint((c) => {
      for (const id of ['run-b', 'run-a', 'run-c']) createRun(c, newRun(id), []);
      return [listRuns(c), latestRun(c), listRuns(c, 2)];
    });
    expect(listed.map((run) => run.id)).toEqual(['run-c', 'run-a', 'run-b']);
    expect(latest?.id).toBe('run-c');
    expect(firstTwo.map((run) => run.id)).toEqual(['run-c', 'run-a']);
  });

  it('returns the 20 newest by default', () => {
    const ids = withCheckpoint((c) => {
      for (let i = 1; i <= 21; i += 1) createRun(c, newRun(`run-${i}`), []);
      return listRuns(c).map((run) => run.id);
    });
    expect(ids).toHaveLength(20);
    expect([ids[0], ids[19]]).toEqual(['run-21', 'run-2']);
  });

  it('finds no run in a new checkpoint', () => {
    const found = withCheckpoint((c) => [listRuns(c), latestRun(c), getRun(c, 'run-1')]);
    expect(found).toEqual([[], undefined, undefined]);
  });

  it('refuses a limit below 1', () => {
    withCheckpoint((c) => {
      expect(() => listRuns(c, 0)).toThrow('limit must be an integer >= 1, got 0');
    });
  });
});

describe('finishing a run', () => {
  it('records status, exit code and end, and a resumed run runs again', () => {
    const [interrupted, resumed, completed] = withCheckpoint((c) => {
      startSample(c);
      finishRun(c, 'run-1', 'interrupted', EXIT.interrupted, T1);
      const first = getRun(c, 'run-1');
      finishRun(c, 'run-1', 'running', null, T2);
      const second = getRun(c, 'run-1');
      finishRun(c, 'run-1', 'completed', EXIT.ok, T3);
      return [first, second, getRun(c, 'run-1')];
    });
    const fields = (run: RunRecord | undefined) =>
      [run?.status, run?.exitCode, run?.updatedAt, run?.finishedAt] as const;
    expect(fields(interrupted)).toEqual(['interrupted', 6, T1, T1]);
    expect(fields(resumed)).toEqual(['running', null, T2, null]);
    expect(fields(completed)).toEqual(['completed', 0, T3, T3]);
  });
});

describe('a damaged checkpoint', () => {
  it('refuses a stored plan that no longer reads back, naming checkpoint and run', () => {
    const [error, path] = withCheckpoint((c) => {
      startSample(c);
      c.db.prepare('UPDATE runs SET plan = ?').run(DAMAGED_PLAN);
      return [exitErrorOf(() => loadRunPlan(c, 'run-1')), c.path];
    });
    let jsonProblem = '';
    try {
      JSON.parse(DAMAGED_PLAN);
    } catch (e) {
      jsonProblem = (e as Error).message;
    }
    expect(error.exitCode).toBe(EXIT.io);
    expect(error.message).toBe(
      `checkpoint ${path} holds a damaged plan for run run-1, so that run cannot be ` +
        'resumed or retried; start a new one with `aa-sync apply`. Detail: the plan ' +
        `stored for run run-1 is not an aa-sync plan: it is not JSON (${jsonProblem}). ` +
        'Pass a file written by `aa-sync plan --out`.',
    );
  });
});
