/**
 * `runs --json` and `status --json`: field names that scripts may rely on,
 * versioned by {@link RUN_JSON_FORMAT_VERSION}.
 */
import type { OperationRecord, RunRecord } from '../checkpoint/run-types.js';
import { FINAL_OPERATION_STATUSES, OPERATION_STATUSES } from '../checkpoint/run-types.js';

/** Operations of the run, whatever their status. */
export function total(run: RunRecord): number {
  return OPERATION_STATUSES.reduce((sum, status) => sum + run.counts[status], 0);
}

/** Operations that reached a final status. */
export function done(run: RunRecord): number {
  return FINAL_OPERATION_STATUSES.reduce((sum, status) => sum + run.counts[status], 0);
}

/**
 * The JSON of one run, with field names that scripts may rely on:
 * `run`: `id`, `command`, `status`, `environment`, `inputs` (`file`, `sha256`,
 * `bytes`), `options` (`rate`: number or "auto", `burst`, `concurrency`),
 * `parentRunId`, `customers`, `startedAt`, `updatedAt`, `finishedAt`,
 * `exitCode`, `counts` (one key per operation status: `pending`, `in-flight`,
 * `succeeded`, `adopted`, `failed`, `skipped`), `done`, `total`.
 * The base URL is left out: the environment names the API without the
 * credentials or query a base URL may carry.
 */
export function runJson(run: RunRecord): Record<string, unknown> {
  return {
    id: run.id,
    command: run.command,
    status: run.status,
    environment: run.environment,
    inputs: run.inputs.map(({ file, sha256, bytes }) => ({ file, sha256, bytes })),
    options: { ...run.options },
    parentRunId: run.parentRunId,
    customers: run.customers,
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
    exitCode: run.exitCode,
    counts: Object.fromEntries(OPERATION_STATUSES.map((s) => [s, run.counts[s]])),
    done: done(run),
    total: total(run),
  };
}

/**
 * `operations[]`: `seq`, `id`, `tenant`, `kind`, `status`, `attempts`,
 * `lastError`, `dependsOn`, `result` (`organizationId`, `userId`,
 * `locationId`, `phoneNumber` where they apply; null before success),
 * `phoneNumber`, `startedAt`, `finishedAt`, `durationMs`. The request body is
 * left out: the saved plan holds it.
 */
function operationJson(op: OperationRecord): Record<string, unknown> {
  return {
    seq: op.seq,
    id: op.id,
    tenant: op.tenant,
    kind: op.kind,
    status: op.status,
    attempts: op.attempts,
    lastError: op.lastError,
    dependsOn: op.dependsOn,
    result: op.result,
    phoneNumber: op.phoneNumber,
    startedAt: op.startedAt,
    finishedAt: op.finishedAt,
    durationMs: op.durationMs,
  };
}

/** Format of the JSON below; raised when a field changes meaning or goes away. */
export const RUN_JSON_FORMAT_VERSION = 1;

/** `status --json`: `{ formatVersion, run, operations }`, operations in plan order. */
export function renderRunJson(run: RunRecord, operations: OperationRecord[]): string {
  const sorted = [...operations].sort((a, b) => a.seq - b.seq);
  const value = {
    formatVersion: RUN_JSON_FORMAT_VERSION,
    run: runJson(run),
    operations: sorted.map(operationJson),
  };
  return JSON.stringify(value, null, 2) + '\n';
}

/** `runs --json`: `{ formatVersion, runs }`, newest first, each run as in `status --json`. */
export function renderRunListJson(runs: readonly RunRecord[]): string {
  const value = { formatVersion: RUN_JSON_FORMAT_VERSION, runs: runs.map(runJson) };
  return JSON.stringify(value, null, 2) + '\n';
}
