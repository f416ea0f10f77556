/**
 * Runs and operations as the checkpoint records them: what `apply`, `resume`,
 * `runs`, `status` and `retry-failed` read and write. The store is in
 * `run-store.ts`, the lock in `run-lock.ts`.
 */
import type { InputFingerprint, Operation, Plan } from '../plan/plan-types.js';

/**
 * `running`: started and not finished (a crashed run stays so until its lock
 * holder is found dead); `interrupted`: stopped by a signal or the circuit
 * breaker, resumable; `stopped`: the API refused the key, resumable once fixed;
 * `completed`: every operation succeeded or was adopted; `partial`: finished
 * with failed or skipped operations (see `retry-failed`).
 */
export const RUN_STATUSES = [
  'running',
  'interrupted',
  'stopped',
  'completed',
  'partial',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * `pending`: not started; `in-flight`: its request may have left (write-ahead
 * intent), so its outcome must be looked up before anything is sent again;
 * `succeeded`; `adopted`: an earlier attempt had landed and was found by lookup;
 * `failed`; `skipped`: an operation it depends on failed.
 */
export const OPERATION_STATUSES = [
  'pending',
  'in-flight',
  'succeeded',
  'adopted',
  'failed',
  'skipped',
] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** Statuses after which an operation is never sent again in its run. */
export const FINAL_OPERATION_STATUSES: readonly OperationStatus[] = [
  'succeeded',
  'adopted',
  'failed',
  'skipped',
];

/** What an operation produced; fields only where they apply. */
export interface OperationResult {
  organizationId?: number;
  userId?: number;
  locationId?: number;
  /** A created location's number; null while still being provisioned. */
  phoneNumber?: string | null;
}

/** The settings a run was started with, kept so that `resume` uses the same. */
export interface RunOptions {
  /** Requests per second, or 'auto'. */
  rate: number | 'auto';
  burst: number;
  concurrency: number;
  /** How long the API may keep failing before the run ends itself as resumable. */
  maxOutageMs?: number;
}

/** A run about to start. Times are ISO strings from the caller. */
export interface NewRun {
  id: string;
  /** `apply`, `apply --plan` or `retry-failed`. */
  command: string;
  /** `environmentOf(baseUrl)`: a run is only resumed against the same environment. */
  environment: string;
  baseUrl: string;
  inputs: InputFingerprint[];
  options: RunOptions;
  plan: Plan;
  /** The run `retry-failed` took its operations from; null otherwise. */
  parentRunId: string | null;
  /** Customers in the input, for the prune guard's baseline once completed. */
  customers: number;
  startedAt: string;
}

/** A run as recorded. */
export interface RunRecord {
  id: string;
  command: string;
  environment: string;
  baseUrl: string;
  inputs: InputFingerprint[];
  options: RunOptions;
  parentRunId: string | null;
  customers: number;
  status: RunStatus;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  exitCode: number | null;
  /** Operations per status. */
  counts: Record<OperationStatus, number>;
}

/** A new operation of a run; `seq` is its position in the plan. */
export interface NewOperation {
  seq: number;
  operation: Operation;
  /** Copied from another run (`retry-failed`): already done, with its result. */
  carried?: { status: 'succeeded' | 'adopted'; result: OperationResult };
}

/** An operation as recorded. */
export interface OperationRecord {
  runId: string;
  seq: number;
  /** `operation.id`. */
  id: string;
  tenant: string;
  kind: Operation['kind'];
  operation: Operation;
  dependsOn: string[];
  status: OperationStatus;
  attempts: number;
  lastError: string | null;
  result: OperationResult | null;
  phoneNumber: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

/** The holder of a state directory's run lock. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** The process's start time as the kernel reports it, to tell a reused pid apart. */
  processStart: string | null;
  runId: string | null;
  command: string;
  acquiredAt: string;
}

/**
 * Whether a record of a `retry-failed` run is one it carried from its parent
 * as already done (`NewOperation.carried`): recorded succeeded or adopted
 * without an attempt and never started. An operation this run performed was
 * marked in flight first, which sets its start (even when a lookup then
 * adopted it without sending anything, with 0 attempts). `countCarried` in
 * run-store.ts counts by the same rule in SQL.
 */
export function isCarried(record: OperationRecord): boolean {
  const done = record.status === 'succeeded' || record.status === 'adopted';
  return done && record.attempts === 0 && record.startedAt === null;
}
