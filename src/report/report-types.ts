/**
 * The contracts of the run reports. `ReportInput` is what the checkpoint holds
 * about one run (or one `plan`); `buildReportModel` turns it into a
 * `ReportModel`, which every writer renders: report.html, results.csv,
 * rejected.csv, failed.csv and summary.json.
 */
import type { InputFingerprint, Plan, SyncMode } from '../plan/plan-types.js';
import type { RejectedCustomer } from '../input/assemble.js';
import type { RecordSource } from '../input/records.js';
import type { OperationRecord, RunOptions, RunStatus } from '../checkpoint/run-types.js';

/** The `version` of summary.json; raised only when a field changes meaning or goes. */
export const SUMMARY_VERSION = 1;
/** The `format` of summary.json. */
export const SUMMARY_FORMAT = 'aa-sync-summary';

/** The files of one report directory, in the order they are written. */
export const REPORT_FILES = {
  html: 'report.html',
  results: 'results.csv',
  rejected: 'rejected.csv',
  failed: 'failed.csv',
  summary: 'summary.json',
} as const;
export type ReportFileKind = keyof typeof REPORT_FILES;

/**
 * A `plan` is recorded as a report of its own (`planned`); the other statuses
 * are a run's (see run-types.ts).
 */
export type ReportRunStatus = RunStatus | 'planned';

/** The run a report is about, as the checkpoint recorded it. */
export interface ReportRun {
  id: string;
  /** `plan`, `apply`, `apply --plan` or `retry-failed`. */
  command: string;
  baseUrl: string;
  inputs: InputFingerprint[];
  /** Absent for a plan. */
  options: RunOptions | null;
  parentRunId: string | null;
  status: ReportRunStatus;
  startedAt: string;
  /** Null while running or when the process died. */
  finishedAt: string | null;
  exitCode: number | null;
}

/**
 * Requests in one second of a run, as the request gate counted them. Seconds
 * without a request are absent.
 */
export interface TrafficSample {
  /** Start of the second, epoch ms. */
  atMs: number;
  /** Requests sent during the second (answered or not). */
  requests: number;
  /** 429 answers received during the second. */
  rateLimited: number;
  /** Ms of the second during which every request was held by a 429. */
  heldMs: number;
  /**
   * The rate the gate paced at by the end of the second (requests per second);
   * 0 for requests sent without pacing (the read of the live state).
   */
  pacedRate: number;
}

/** Everything a report shows, read back from the checkpoint. */
export interface ReportInput {
  run: ReportRun;
  plan: Plan;
  /** The run's operations in plan order; null for a plan (nothing was applied). */
  operations: OperationRecord[] | null;
  /** Customers validation left out, with their records as written. */
  rejected: RejectedCustomer[];
  /**
   * The records of every customer that has operations in the plan, by customer
   * key, in file and line order: failed.csv writes them back.
   */
  sources: ReadonlyMap<string, readonly RecordSource[]>;
  /** In time order. */
  traffic: TrafficSample[];
  /** When the report is generated (ISO); a rebuild gets its own. */
  generatedAt: string;
}

export const ENTITY_KINDS = ['organization', 'user', 'location'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * What became of an entity. `pending`: planned and not applied (a plan, or a run
 * that stopped before it); `conflict`: nothing could be planned safely;
 * `rejected`: validation left the customer out.
 */
export const OUTCOMES = [
  'created',
  'updated',
  'deleted',
  'adopted',
  'unchanged',
  'pending',
  'failed',
  'skipped',
  'conflict',
  'rejected',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type OutcomeCounts = Record<Outcome, number>;

/** The header of a report. */
export interface ReportHeader {
  runId: string;
  command: string;
  /** `merge`, `mirror` or `mirror + prune`. */
  mode: string;
  syncMode: SyncMode;
  prune: boolean;
  inputs: InputFingerprint[];
  baseUrl: string;
  status: ReportRunStatus;
  startedAt: string;
  finishedAt: string | null;
  /** Null when the run has not finished. */
  durationMs: number | null;
  exitCode: number | null;
  /** The exit code's name (`ok`, `partial`, ...), null when unknown. */
  exitName: string | null;
  parentRunId: string | null;
  /** Requests per second the run was started with, or `auto`; null for a plan. */
  rate: number | 'auto' | null;
  generatedAt: string;
  aaSyncVersion: string;
  /** Why the run is not done and what goes on (commands in backticks); null when completed. */
  nextStep: string | null;
}

/** One operation of the run, flattened for the tables and results.csv. */
export interface OperationRow {
  seq: number;
  id: string;
  tenant: string;
  entity: EntityKind;
  /** `create`, `update`, `set-role`, `delete`. */
  action: string;
  /** The operation's kind as in the plan. */
  kind: string;
  outcome: Outcome;
  /** The checkpoint's status; `planned` for a plan. */
  status: string;
  attempts: number;
  /** A name a person recognises: organization or location name, user external id. */
  target: string | null;
  organizationId: number | null;
  userId: number | null;
  locationId: number | null;
  phoneNumber: string | null;
  error: string | null;
  file: string | null;
  line: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

/** Something a person must act on, shown first. */
export interface FailureRow {
  tenant: string;
  /** `failed`, `skipped` or `conflict`. */
  outcome: 'failed' | 'skipped' | 'conflict';
  entity: EntityKind;
  /** The operation id, or null for a conflict. */
  operationId: string | null;
  target: string | null;
  /** What went wrong. */
  reason: string;
  /** What to do about it. */
  action: string;
  file: string | null;
  line: number | null;
}

/** The tenant's result in this run. */
export const TENANT_RESULTS = [
  'done',
  'unchanged',
  'pending',
  'failed',
  'conflict',
] as const;
export type TenantResult = (typeof TENANT_RESULTS)[number];

export interface TenantRow {
  key: string;
  organizationId: number | null;
  /** The plan's status: create, update, adopt, unchanged, conflict, delete. */
  planStatus: string;
  result: TenantResult;
  operations: number;
  failed: number;
  skipped: number;
  pending: number;
  newPhoneNumbers: string[];
}

/** One value of a rejected record that is wrong, and what to do. */
export interface RejectedProblem {
  column: string | null;
  value: string | null;
  reason: string;
  hint: string | null;
}

export interface RejectedRow {
  /** Null for a record that gives no customer key. */
  key: string | null;
  file: string;
  line: number;
  problems: RejectedProblem[];
}

export interface UpdateRow {
  tenant: string;
  operationId: string;
  entity: EntityKind;
  target: string | null;
  outcome: Outcome;
  changes: {
    field: string;
    from: string | null;
    to: string | null;
    fromKnown: boolean;
  }[];
}

export interface DriftRow {
  tenant: string;
  locationId: number;
  location: string | null;
  expected: string;
  actual: string;
  phoneNumber: string;
}

export interface UnmanagedRow {
  organizationId: number;
  name: string;
  rememberedAs: string | null;
  wouldDelete: boolean;
}

/** Operations finished in one time bucket, for the "operations over time" chart. */
export interface OperationsBucket {
  atMs: number;
  succeeded: number;
  adopted: number;
  failed: number;
  skipped: number;
}

export interface ReportCharts {
  /** Width of each bucket of `operations`, ms. */
  bucketMs: number;
  operations: OperationsBucket[];
  /** Per second, possibly merged into wider buckets for a long run (see `trafficBucketMs`). */
  traffic: TrafficSample[];
  trafficBucketMs: number;
}

/** Everything the writers render. */
export interface ReportModel {
  header: ReportHeader;
  /** Per entity kind and outcome; `total` adds the kinds up. */
  counts: Record<EntityKind | 'total', OutcomeCounts>;
  totals: {
    customers: number;
    rejectedCustomers: number;
    tenants: number;
    operations: number;
    /** Of the pending operations, those in flight: a resume looks each up before resending. */
    inFlight: number;
    newPhoneNumbers: number;
    requests: number;
    rateLimited: number;
    heldMs: number;
    drift: number;
    unmanaged: number;
  };
  failures: FailureRow[];
  tenants: TenantRow[];
  operations: OperationRow[];
  rejected: RejectedRow[];
  updates: UpdateRow[];
  drift: DriftRow[];
  unmanaged: UnmanagedRow[];
  charts: ReportCharts;
}
