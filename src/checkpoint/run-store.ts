/**
 * Runs and their operations in the checkpoint: created in one transaction,
 * marked in flight before a request leaves, and given their outcome when it
 * comes. Times are ISO strings from the caller: the store never reads a clock.
 * Every write composes with others inside `checkpoint.write` (it then becomes
 * a savepoint of the outer transaction). Exports: `DEFAULT_RUN_LIST_LIMIT`,
 * `RecordedOutcome`, `createRun`, `getRun`, `listRuns`, `latestRun`, `loadRunPlan`,
 * `loadOperations`, `markInFlight`, `recordOutcome`, `markSkipped`, `finishRun`.
 */
import { ExitError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import { parsePlan, serialisePlan } from '../plan/plan-file.js';
import type { Plan } from '../plan/plan-types.js';
import type { Checkpoint } from './database.js';
import type {
  NewOperation,
  NewRun,
  OperationRecord,
  OperationResult,
  OperationStatus,
  RunRecord,
  RunStatus,
} from './run-types.js';
import { SQL, toOperationRecord, toRunRecord } from './run-rows.js';
import type { OperationRow, RunRow, StatusCount } from './run-rows.js';

/** How many runs `listRuns` returns unless told otherwise. */
export const DEFAULT_RUN_LIST_LIMIT = 20;

/**
 * How an operation's attempt ended, as recorded. `pending` and `in-flight`
 * record an interrupted operation: `in-flight` when a request may have landed,
 * so that it is looked up before anything is sent again.
 */
export type RecordedOutcome =
  | {
      status: 'succeeded' | 'adopted';
      result: OperationResult;
      attempts: number;
      at: string;
      durationMs: number;
    }
  | { status: 'failed'; error: string; attempts: number; at: string; durationMs: number }
  | {
      status: 'pending' | 'in-flight';
      attempts: number;
      error: string | null;
      at: string;
    };

/**
 * Records a new run (status `running`) and all its operations (`pending`, or
 * the carried status and result) in one transaction: a crash leaves either the
 * whole run or nothing.
 */
export function createRun(
  checkpoint: Checkpoint,
  run: NewRun,
  operations: readonly NewOperation[],
): void {
  if (!Number.isSafeInteger(run.customers) || run.customers < 0) {
    throw new RangeError(
      `customers must be a count (an integer >= 0), got ${run.customers}`,
    );
  }
  const insertRun = checkpoint.statement(SQL.insertRun);
  const insertOperation = checkpoint.statement(SQL.insertOperation);
  const plan = serialisePlan(run.plan);
  checkpoint.write(() => {
    insertRun.run({
      id: run.id,
      command: run.command,
      environment: run.environment,
      baseUrl: run.baseUrl,
      inputs: JSON.stringify(run.inputs),
      options: JSON.stringify(run.options),
      plan,
      parentRunId: run.parentRunId,
      customers: run.customers,
      at: run.startedAt,
    });
    for (const { seq, operation, carried } of operations) {
      insertOperation.run(
        run.id,
        operation.id,
        seq,
        operation.tenant,
        operation.kind,
        JSON.stringify(operation),
        JSON.stringify(operation.dependsOn),
        carried?.status ?? 'pending',
        carried === undefined ? null : JSON.stringify(carried.result),
        carried?.result.phoneNumber ?? null,
      );
    }
  });
}

/** The run with its operation counts per status; undefined when unknown. */
export function getRun(checkpoint: Checkpoint, id: string): RunRecord | undefined {
  return checkpoint.read(() => {
    const row = checkpoint.statement<[string], RunRow>(SQL.getRun).get(id);
    return row === undefined ? undefined : withCounts(checkpoint, row);
  });
}

/** The latest `limit` runs, newest first. */
export function listRuns(
  checkpoint: Checkpoint,
  limit: number = DEFAULT_RUN_LIST_LIMIT,
): RunRecord[] {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be an integer >= 1, got ${limit}`);
  }
  return checkpoint.read(() =>
    checkpoint
      .statement<[number], RunRow>(SQL.listRuns)
      .all(limit)
      .map((row) => withCounts(checkpoint, row)),
  );
}

/** The run started last; undefined when there is none. */
export function latestRun(checkpoint: Checkpoint): RunRecord | undefined {
  return listRuns(checkpoint, 1)[0];
}

/** How many customers of the run's plan are in conflict (nothing is done for them). */
export function countPlanConflicts(checkpoint: Checkpoint, id: string): number {
  const row = checkpoint
    .statement<[string], { conflicts: number | null }>(SQL.planConflicts)
    .get(id);
  if (row === undefined) throw unknownRun(id);
  return row.conflicts ?? 0;
}

/**
 * The plan the run was started with. A stored plan that no longer reads back
 * is an ExitError (EXIT.io) naming the checkpoint and the run.
 */
export function loadRunPlan(checkpoint: Checkpoint, id: string): Plan {
  const row = checkpoint.statement<[string], { plan: string }>(SQL.getPlan).get(id);
  if (row === undefined) throw unknownRun(id);
  try {
    return parsePlan(row.plan, `the plan stored for run ${id}`);
  } catch (error) {
    if (!(error instanceof ExitError)) throw error;
    throw new ExitError(
      EXIT.io,
      `checkpoint ${checkpoint.path} holds a damaged plan for run ${id}, so that ` +
        'run cannot be resumed or retried; start a new one with `aa-sync apply`. ' +
        // parsePlan's own advice is about plan files; the detail still helps a bug report.
        `Detail: ${error.message}`,
      { cause: error },
    );
  }
}

/** The run's operations in plan order. */
export function loadOperations(checkpoint: Checkpoint, runId: string): OperationRecord[] {
  return checkpoint.read(() => {
    requireRun(checkpoint, runId);
    return checkpoint
      .statement<[string], OperationRow>(SQL.loadOperations)
      .all(runId)
      .map(toOperationRecord);
  });
}

/**
 * Write-ahead intent, before the operation's request leaves: the operation is
 * `in-flight` with one more attempt, on disk when this returns (WAL with
 * synchronous=FULL). The first attempt's start is kept. Returns the attempts.
 * Only a pending or in-flight operation may be sent.
 */
export function markInFlight(
  checkpoint: Checkpoint,
  runId: string,
  opId: string,
  at: string,
): number {
  const mark = checkpoint.statement<[string, string, string], { attempts: number }>(
    SQL.markInFlight,
  );
  return checkpoint.write(() => {
    const row = mark.get(at, runId, opId);
    if (row === undefined) throw notOpen(checkpoint, runId, opId);
    touch(checkpoint, runId, at);
    return row.attempts;
  });
}

/**
 * Records how an attempt of a pending or in-flight operation ended, and sets
 * the run's `updated_at`.
 */
export function recordOutcome(
  checkpoint: Checkpoint,
  runId: string,
  opId: string,
  outcome: RecordedOutcome,
): void {
  const record = checkpoint.statement(SQL.recordOutcome);
  const done = outcome.status !== 'pending' && outcome.status !== 'in-flight';
  const result = 'result' in outcome ? outcome.result : null;
  checkpoint.write(() => {
    const changes = record.run({
      runId,
      opId,
      status: outcome.status,
      attempts: outcome.attempts,
      error: 'error' in outcome ? outcome.error : null,
      result: result === null ? null : JSON.stringify(result),
      phoneNumber: result?.phoneNumber ?? null,
      finishedAt: done ? outcome.at : null,
      durationMs: 'durationMs' in outcome ? outcome.durationMs : null,
    }).changes;
    if (changes === 0) throw notOpen(checkpoint, runId, opId);
    touch(checkpoint, runId, outcome.at);
  });
}

/**
 * Skips pending operations (something they depend on failed), all or none,
 * with `reason` as their last error.
 */
export function markSkipped(
  checkpoint: Checkpoint,
  runId: string,
  opIds: readonly string[],
  reason: string,
  at: string,
): void {
  const skip = checkpoint.statement(SQL.markSkipped);
  checkpoint.write(() => {
    requireRun(checkpoint, runId);
    for (const opId of opIds) {
      if (skip.run(reason, at, runId, opId).changes === 0) {
        throw notOpen(checkpoint, runId, opId, 'skipped');
      }
    }
    touch(checkpoint, runId, at);
  });
}

/**
 * Sets the run's status and exit code. `finished_at` is `at`, or null for
 * `running` (a resumed run runs again).
 */
export function finishRun(
  checkpoint: Checkpoint,
  runId: string,
  status: RunStatus,
  exitCode: number | null,
  at: string,
): void {
  const finish = checkpoint.statement(SQL.finishRun);
  const finishedAt = status === 'running' ? null : at;
  checkpoint.write(() => {
    if (finish.run(status, exitCode, at, finishedAt, runId).changes === 0) {
      throw unknownRun(runId);
    }
  });
}

/**
 * Operations a `retry-failed` run carried from its parent as already done,
 * per status: its counts include them, and what it did itself is the rest.
 */
export function countCarried(
  checkpoint: Checkpoint,
  runId: string,
): { succeeded: number; adopted: number } {
  const carried = { succeeded: 0, adopted: 0 };
  const rows = checkpoint.statement<[string], StatusCount>(SQL.countCarried).all(runId);
  for (const row of rows) {
    if (row.status === 'succeeded' || row.status === 'adopted')
      carried[row.status] = row.n;
  }
  return carried;
}

/** Notes the run's last activity, in a row of its own (see schema.ts, run_activity). */
function touch(checkpoint: Checkpoint, runId: string, at: string): void {
  checkpoint.statement(SQL.touchRun).run({ runId, at });
}

function requireRun(checkpoint: Checkpoint, runId: string): void {
  if (checkpoint.statement(SQL.runExists).get(runId) === undefined) {
    throw unknownRun(runId);
  }
}

function withCounts(checkpoint: Checkpoint, row: RunRow): RunRecord {
  const counts = checkpoint.statement<[string], StatusCount>(SQL.countByStatus);
  return toRunRecord(row, counts.all(row.id));
}

const unknownRun = (runId: string): Error =>
  new Error(`no run ${JSON.stringify(runId)} in the checkpoint`);

/** Why an operation could not be updated: unknown, or already finished. */
function notOpen(
  checkpoint: Checkpoint,
  runId: string,
  opId: string,
  action = 'sent or given an outcome',
): Error {
  const row = checkpoint
    .statement<[string, string], { status: OperationStatus }>(SQL.operationStatus)
    .get(runId, opId);
  if (row === undefined) {
    requireRun(checkpoint, runId);
    return new Error(`run ${runId} has no operation ${JSON.stringify(opId)}`);
  }
  return new Error(
    `operation ${opId} of run ${runId} is ${row.status}, so it cannot be ${action}`,
  );
}
