/**
 * summary.json: the figures of a run for machines (a monitoring job reads it
 * after every nightly run). Exports: `renderSummaryJson`, `summaryOf`,
 * `RunSummary`.
 */
import { isAbsolute, normalize, sep } from 'node:path';
import type { InputFingerprint, SyncMode } from '../plan/plan-types.js';
import type {
  EntityKind,
  OutcomeCounts,
  ReportFileKind,
  ReportModel,
  ReportRunStatus,
  TenantResult,
} from './report-types.js';
import {
  REPORT_FILES,
  SUMMARY_FORMAT,
  SUMMARY_VERSION,
  TENANT_RESULTS,
} from './report-types.js';

/**
 * The document of summary.json, version 1. A field is never removed or given
 * another meaning without raising `version`; fields may be added.
 */
export interface RunSummary {
  /** Always `aa-sync-summary`. */
  format: typeof SUMMARY_FORMAT;
  /** The schema version (1). */
  version: typeof SUMMARY_VERSION;
  run: {
    /** The run id (or the plan's id), `YYYYMMDD-HHMMSS-xxxx`. */
    id: string;
    /** `plan`, `apply`, `apply --plan` or `retry-failed`. */
    command: string;
    /**
     * `planned` for a plan; else `running`, `interrupted`, `stopped`,
     * `completed` or `partial` (see checkpoint/run-types.ts).
     */
    status: ReportRunStatus;
    /** `merge`, `mirror` or `mirror + prune`. */
    mode: string;
    syncMode: SyncMode;
    prune: boolean;
    /** The Partner API base URL (never a key). */
    baseUrl: string;
    /** The input files: path as given, SHA-256 (hex) and size in bytes. */
    inputs: InputFingerprint[];
    /** The run `retry-failed` took its operations from; null otherwise. */
    parentRunId: string | null;
    /** Requests per second the run was started with, `auto`, or null for a plan. */
    rate: number | 'auto' | null;
    /** ISO times; `finishedAt` is null while running or after a crash. */
    startedAt: string;
    finishedAt: string | null;
    /** The aa-sync version that wrote the report. */
    aaSyncVersion: string;
  };
  /**
   * Per entity kind (`organization`, `user`, `location`, and `total` adding
   * them up) and outcome: `created`, `updated`, `deleted`, `adopted`,
   * `unchanged`, `pending`, `failed`, `skipped`, `conflict`, `rejected`.
   * How each is counted: see `buildReportModel`.
   */
  counts: Record<EntityKind | 'total', OutcomeCounts>;
  /**
   * `customers` (in the input, rejected included), `rejectedCustomers`,
   * `tenants`, `operations` (a `retry-failed` run's own, not those it carried
   * from its parent as done), `inFlight` (operations whose request may have
   * landed with its answer lost; counted as `pending` too, and looked up on
   * resume before anything is sent again), `newPhoneNumbers` (billed numbers
   * provisioned, or for a plan to be provisioned), `requests` and `rateLimited` (429 answers)
   * sent to the API, `heldMs` (time every request waited on a 429), `drift`
   * (area-code differences), `unmanaged` (live organizations no customer
   * matches).
   */
  totals: ReportModel['totals'];
  /** Tenants per result: `done`, `unchanged`, `pending`, `failed`, `conflict`. */
  tenants: Record<TenantResult, number>;
  /**
   * The exit code the run recorded; null while running or after a crash. When
   * the report itself cannot be written the process exits 9 instead, and this
   * file is not there to say so.
   */
  exitCode: number | null;
  /** Its name in aa-sync's exit code table (`ok`, `partial`, ...); null if unknown. */
  exitName: string | null;
  durations: {
    /** From start to finish; null when the run has not finished. */
    runMs: number | null;
    /** Time all requests were held back by 429 answers (equals `totals.heldMs`). */
    rateLimitHeldMs: number;
    /** The operations' own durations added up (they overlap when concurrent). */
    operationsMs: number;
    /** The longest single operation; 0 when none ran. */
    slowestOperationMs: number;
  };
  /** The report's files, relative to the report directory. */
  reports: Record<ReportFileKind, string>;
  /** When the report was written (ISO); a rebuilt report gets its own. */
  generatedAt: string;
}

/** The summary document of `model`; `files` are relative to the report directory. */
export function summaryOf(
  model: ReportModel,
  files: Readonly<Record<ReportFileKind, string>> = REPORT_FILES,
): RunSummary {
  const { header } = model;
  return {
    format: SUMMARY_FORMAT,
    version: SUMMARY_VERSION,
    run: {
      id: header.runId,
      command: header.command,
      status: header.status,
      mode: header.mode,
      syncMode: header.syncMode,
      prune: header.prune,
      baseUrl: header.baseUrl,
      inputs: header.inputs.map((entry) => ({ ...entry })),
      parentRunId: header.parentRunId,
      rate: header.rate,
      startedAt: header.startedAt,
      finishedAt: header.finishedAt,
      aaSyncVersion: header.aaSyncVersion,
    },
    counts: structuredClone(model.counts),
    totals: { ...model.totals },
    tenants: tenantResults(model),
    exitCode: header.exitCode,
    exitName: header.exitName,
    durations: durations(model),
    reports: relativeFiles(files),
    generatedAt: header.generatedAt,
  };
}

/** summary.json's text: `summaryOf` as JSON, two-space indented, ending in a newline. */
export function renderSummaryJson(
  model: ReportModel,
  files: Readonly<Record<ReportFileKind, string>> = REPORT_FILES,
): string {
  return `${JSON.stringify(summaryOf(model, files), null, 2)}\n`;
}

function tenantResults(model: ReportModel): Record<TenantResult, number> {
  const counts = Object.fromEntries(
    TENANT_RESULTS.map((result) => [result, 0]),
  ) as Record<TenantResult, number>;
  for (const tenant of model.tenants) counts[tenant.result] += 1;
  return counts;
}

function durations(model: ReportModel): RunSummary['durations'] {
  let operationsMs = 0;
  let slowestOperationMs = 0;
  for (const row of model.operations) {
    if (row.durationMs === null) continue;
    operationsMs += row.durationMs;
    slowestOperationMs = Math.max(slowestOperationMs, row.durationMs);
  }
  return {
    runMs: model.header.durationMs,
    rateLimitHeldMs: model.totals.heldMs,
    operationsMs,
    slowestOperationMs,
  };
}

/** A report file named outside its directory is a bug in the caller. */
function relativeFiles(
  files: Readonly<Record<ReportFileKind, string>>,
): Record<ReportFileKind, string> {
  const checked = { ...files };
  for (const name of Object.values(checked)) {
    const normal = normalize(name);
    const outside = normal === '..' || normal.startsWith(`..${sep}`);
    if (isAbsolute(name) || outside || normal !== name) {
      throw new Error(
        `report file ${JSON.stringify(name)} is not inside the report directory`,
      );
    }
  }
  return checked;
}
