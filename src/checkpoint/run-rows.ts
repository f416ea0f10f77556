/**
 * The SQL of the run store, the rows it reads and their conversion to records,
 * apart from the store's logic. Tables are created by migration 2 in
 * `schema.ts`. Exports: `SQL`, `RunRow`, `OperationRow`, `StatusCount`,
 * `toRunRecord`, `toOperationRecord`.
 */
import type { OperationKind } from '../plan/plan-types.js';
import { OPERATION_STATUSES } from './run-types.js';
import type {
  OperationRecord,
  OperationResult,
  OperationStatus,
  RunRecord,
  RunStatus,
} from './run-types.js';

// updated_at: the later of the row's own (start, finish) and the last operation's
// (run_activity, see schema.ts).
const RUN_COLUMNS =
  'r.id, r.command, r.environment, r.base_url, r.inputs, r.options, r.parent_run_id, ' +
  'r.customers, r.status, r.started_at, ' +
  'max(r.updated_at, coalesce(a.updated_at, r.updated_at)) AS updated_at, ' +
  'r.finished_at, r.exit_code';
const RUNS = 'runs r LEFT JOIN run_activity a ON a.run_id = r.id';

const OPERATION_COLUMNS =
  'run_id, op_id, seq, tenant, kind, payload, depends_on, status, attempts, ' +
  'last_error, result, phone_number, started_at, finished_at, duration_ms';

/** Operations that may still be sent; every other status is final. */
const OPEN = "status IN ('pending', 'in-flight')";

export const SQL = {
  // seq is one more than the largest so far, read in the same transaction:
  // runs started in the same millisecond still list in the order they began.
  insertRun:
    'INSERT INTO runs (id, seq, command, environment, base_url, inputs, options, plan, ' +
    'parent_run_id, customers, status, started_at, updated_at) VALUES (:id, ' +
    '(SELECT coalesce(max(seq), 0) + 1 FROM runs), :command, :environment, :baseUrl, ' +
    ":inputs, :options, :plan, :parentRunId, :customers, 'running', :at, :at)",
  insertOperation:
    `INSERT INTO operations (run_id, op_id, seq, tenant, kind, payload, depends_on, ` +
    'status, attempts, result, phone_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)',
  getRun: `SELECT ${RUN_COLUMNS} FROM ${RUNS} WHERE r.id = ?`,
  listRuns: `SELECT ${RUN_COLUMNS} FROM ${RUNS} ORDER BY r.seq DESC LIMIT ?`,
  getPlan: 'SELECT plan FROM runs WHERE id = ?',
  // Read in SQLite: the end of a run needs this one figure, not the whole plan parsed.
  planConflicts:
    "SELECT json_extract(plan, '$.summary.tenants.conflict') AS conflicts FROM runs WHERE id = ?",
  runExists: 'SELECT 1 FROM runs WHERE id = ?',
  countByStatus:
    'SELECT status, count(*) AS n FROM operations WHERE run_id = ? GROUP BY status',
  loadOperations: `SELECT ${OPERATION_COLUMNS} FROM operations WHERE run_id = ? ORDER BY seq`,
  operationStatus: 'SELECT status FROM operations WHERE run_id = ? AND op_id = ?',
  // Carried from the parent run (retry-failed): the rule of isCarried in run-types.ts.
  countCarried:
    'SELECT status, count(*) AS n FROM operations WHERE run_id = ? AND attempts = 0 ' +
    "AND started_at IS NULL AND status IN ('succeeded', 'adopted') GROUP BY status",
  // started_at keeps the first attempt's start, so a duration covers every attempt.
  markInFlight:
    "UPDATE operations SET status = 'in-flight', attempts = attempts + 1, " +
    `started_at = coalesce(started_at, ?) WHERE run_id = ? AND op_id = ? AND ${OPEN} ` +
    'RETURNING attempts',
  recordOutcome:
    'UPDATE operations SET status = :status, attempts = :attempts, last_error = :error, ' +
    'result = :result, phone_number = :phoneNumber, finished_at = :finishedAt, ' +
    `duration_ms = :durationMs WHERE run_id = :runId AND op_id = :opId AND ${OPEN}`,
  markSkipped:
    "UPDATE operations SET status = 'skipped', last_error = ?, finished_at = ? " +
    "WHERE run_id = ? AND op_id = ? AND status = 'pending'",
  touchRun:
    'INSERT INTO run_activity (run_id, updated_at) VALUES (:runId, :at) ' +
    'ON CONFLICT (run_id) DO UPDATE SET updated_at = excluded.updated_at',
  finishRun:
    'UPDATE runs SET status = ?, exit_code = ?, updated_at = ?, finished_at = ? ' +
    'WHERE id = ?',
} as const;

/** A `runs` row without its plan, which only `loadRunPlan` reads. */
export interface RunRow {
  id: string;
  command: string;
  environment: string;
  base_url: string;
  inputs: string;
  options: string;
  parent_run_id: string | null;
  customers: number;
  status: RunStatus;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  exit_code: number | null;
}

export interface OperationRow {
  run_id: string;
  op_id: string;
  seq: number;
  tenant: string;
  kind: OperationKind;
  payload: string;
  depends_on: string;
  status: OperationStatus;
  attempts: number;
  last_error: string | null;
  result: string | null;
  phone_number: string | null;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

/** A row of `SQL.countByStatus`. */
export interface StatusCount {
  status: OperationStatus;
  n: number;
}

/** The run as recorded, given its operations counted per status. */
export function toRunRecord(
  row: RunRow,
  statusCounts: readonly StatusCount[],
): RunRecord {
  // Every status is present, 0 when no operation has it.
  const counts = Object.fromEntries(OPERATION_STATUSES.map((status) => [status, 0]));
  for (const { status, n } of statusCounts) counts[status] = n;
  return {
    id: row.id,
    command: row.command,
    environment: row.environment,
    baseUrl: row.base_url,
    inputs: JSON.parse(row.inputs) as RunRecord['inputs'],
    options: JSON.parse(row.options) as RunRecord['options'],
    parentRunId: row.parent_run_id,
    customers: row.customers,
    status: row.status,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    exitCode: row.exit_code,
    counts: counts as Record<OperationStatus, number>,
  };
}

/** The operation as recorded. */
export function toOperationRecord(row: OperationRow): OperationRecord {
  return {
    runId: row.run_id,
    seq: row.seq,
    id: row.op_id,
    tenant: row.tenant,
    kind: row.kind,
    operation: JSON.parse(row.payload) as OperationRecord['operation'],
    dependsOn: JSON.parse(row.depends_on) as string[],
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    result: row.result === null ? null : (JSON.parse(row.result) as OperationResult),
    phoneNumber: row.phone_number,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
  };
}
