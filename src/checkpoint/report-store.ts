/**
 * What the checkpoint keeps for the run reports beyond the runs themselves:
 * the `plan` invocations (a plan creates no run), the records of the rejected
 * customers and of the customers with operations (as written, so that
 * rejected.csv and failed.csv can give them back), and the traffic per second.
 * `loadReportInput` gathers all of it, so that `aa-sync report` can rebuild a
 * report after the inputs have changed or gone. Every function takes the open
 * checkpoint first; times are ISO strings from the caller (the store never reads
 * a clock). Exports: `NewPlanRun`, `PlanRunEnd`, `ReportSources`, `ReportListing`,
 * `StoredParts`, `createPlanRun`, `finishPlanRun`, `recordReportSources`, `recordTraffic`,
 * `loadReportInput`, `loadReportRecords`, `listReportIds`, `findPlanSources`.
 */
import { ExitError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import type { RejectedCustomer } from '../input/assemble.js';
import type { RecordSource } from '../input/records.js';
import { parsePlan, serialisePlan } from '../plan/plan-file.js';
import type { InputFingerprint, Plan, PlanFingerprints } from '../plan/plan-types.js';
import type { ReportInput, ReportRun, TrafficSample } from '../report/report-types.js';
import type { Checkpoint } from './database.js';
import { readRecords, writeRecords } from './report-records.js';
import { REPORT_SQL as SQL, toTrafficSample } from './report-rows.js';
import type { PlanRunRow, ReportListRow, TrafficRow } from './report-rows.js';
import { getRun, loadOperations, loadRunPlan } from './run-store.js';
import type { RunRecord } from './run-types.js';

/** A `plan` invocation about to read the API. */
export interface NewPlanRun {
  /** Of the same form as a run id (`newRunId`), and never one of them. */
  id: string;
  /** `plan`. */
  command: string;
  /** `environmentOf(baseUrl)`. */
  environment: string;
  baseUrl: string;
  inputs: InputFingerprint[];
  plan: Plan;
  /** `serialisePlan(plan)`, when the caller has already written it (a plan file). */
  planText?: string;
  startedAt: string;
  /** How it ended, when it is recorded only once it has ended. */
  end?: PlanRunEnd;
}

/** How a `plan` invocation ended. */
export interface PlanRunEnd {
  finishedAt: string;
  exitCode: number;
}

/** The records a report needs from the input of its run. */
export interface ReportSources {
  /** Every rejected entry, in the order the report lists them. */
  rejected: readonly RejectedCustomer[];
  /** The accepted customers' records by key (`Assembly.sources`). */
  sources: ReadonlyMap<string, readonly RecordSource[]>;
  /** The keys whose records are kept: the tenants with operations. */
  tenants: ReadonlySet<string>;
}

/** A run or a plan that has a report. */
export interface ReportListing {
  id: string;
  kind: 'run' | 'plan';
  startedAt: string;
}

/**
 * Records a `plan` invocation: not finished yet, or ended when `run.end` is
 * given (one write of a row that holds the whole plan, not two).
 */
export function createPlanRun(checkpoint: Checkpoint, run: NewPlanRun): void {
  const insert = checkpoint.statement(SQL.insertPlanRun);
  const plan = run.planText ?? serialisePlan(run.plan);
  checkpoint.write(() => {
    insert.run(
      run.id,
      run.command,
      run.environment,
      run.baseUrl,
      JSON.stringify(run.inputs),
      plan,
      run.startedAt,
      run.end?.finishedAt ?? null,
      run.end?.exitCode ?? null,
    );
  });
}

/** Records the end of a `plan` invocation. */
export function finishPlanRun(checkpoint: Checkpoint, id: string, end: PlanRunEnd): void {
  const finish = checkpoint.statement(SQL.finishPlanRun);
  checkpoint.write(() => {
    if (finish.run(end.finishedAt, end.exitCode, id).changes === 0) {
      throw new Error(`no plan ${JSON.stringify(id)} in the checkpoint`);
    }
  });
}

/**
 * Stores the rejected entries and the records of the customers in `tenants`
 * (the tenants with operations: a run that changes nothing stores no record),
 * replacing what the report had, so that a resumed run does not duplicate them.
 * One transaction; a CSV header is stored once.
 */
export function recordReportSources(
  checkpoint: Checkpoint,
  reportId: string,
  sources: ReportSources,
): void {
  checkpoint.write(() => writeRecords(checkpoint, reportId, sources));
}

/**
 * Adds the samples to the report's traffic: a second already recorded gets the
 * counts added and the latest paced rate. One transaction.
 */
export function recordTraffic(
  checkpoint: Checkpoint,
  reportId: string,
  samples: readonly TrafficSample[],
): void {
  samples.forEach(checkSample);
  if (samples.length === 0) return;
  const upsert = checkpoint.statement(SQL.upsertTraffic);
  checkpoint.write(() => {
    for (const sample of samples) {
      upsert.run(
        reportId,
        sample.atMs,
        sample.requests,
        sample.rateLimited,
        sample.heldMs,
        sample.pacedRate,
      );
    }
  });
}

const TRAFFIC_COUNTS = ['atMs', 'requests', 'rateLimited', 'heldMs'] as const;

function checkSample(sample: TrafficSample): void {
  for (const field of TRAFFIC_COUNTS) {
    const value = sample[field];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`traffic ${field} must be an integer >= 0, got ${value}`);
    }
  }
  if (!Number.isFinite(sample.pacedRate) || sample.pacedRate < 0) {
    throw new RangeError(
      `traffic pacedRate must be a number >= 0, got ${sample.pacedRate}`,
    );
  }
}

/**
 * Everything the report of a run or a plan shows, read in one snapshot;
 * undefined when `id` is neither. A stored plan that no longer reads back is an
 * ExitError (EXIT.io) naming the checkpoint and the id. `stored` holds what
 * the caller has just stored under `id` and still has in memory: what it gives
 * is not read back (a plan of 100,000 customers takes seconds to parse again).
 */
export function loadReportInput(
  checkpoint: Checkpoint,
  id: string,
  generatedAt: string,
  stored: StoredParts = {},
): ReportInput | undefined {
  return checkpoint.read(() => {
    const run = getRun(checkpoint, id);
    if (run !== undefined) {
      const plan = stored.plan ?? loadRunPlan(checkpoint, id);
      const operations = loadOperations(checkpoint, id);
      return {
        run: reportRunOf(run),
        plan,
        operations,
        ...kept(checkpoint, id, stored.records),
        generatedAt,
      };
    }
    const row = checkpoint.statement<[string], PlanRunRow>(SQL.getPlanRun).get(id);
    if (row === undefined) return undefined;
    const plan = stored.plan ?? parseStoredPlan(checkpoint, id);
    return {
      run: planRunOf(row),
      plan,
      operations: null,
      ...kept(checkpoint, id, stored.records),
      generatedAt,
    };
  });
}

/** The runs and plans with a report, newest first (by start). */
export function listReportIds(checkpoint: Checkpoint, limit: number): ReportListing[] {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be an integer >= 1, got ${limit}`);
  }
  return checkpoint
    .statement<[number], ReportListRow>(SQL.listReports)
    .all(limit)
    .map((row) => ({ id: row.id, kind: row.kind, startedAt: row.started_at }));
}

function reportRunOf(run: RunRecord): ReportRun {
  return {
    id: run.id,
    command: run.command,
    baseUrl: run.baseUrl,
    inputs: run.inputs,
    options: run.options,
    parentRunId: run.parentRunId,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    exitCode: run.exitCode,
  };
}

function planRunOf(row: PlanRunRow): ReportRun {
  return {
    id: row.id,
    command: row.command,
    baseUrl: row.base_url,
    inputs: JSON.parse(row.inputs) as InputFingerprint[],
    options: null,
    parentRunId: null,
    status: 'planned',
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    exitCode: row.exit_code,
  };
}

/** The plan stored for plan `id`, which exists; called inside a read transaction. */
function parseStoredPlan(checkpoint: Checkpoint, id: string): Plan {
  const text = checkpoint.statement<[string], string>(SQL.getPlanText).pluck().get(id);
  try {
    return parsePlan(text ?? '', `the plan stored for plan ${id}`);
  } catch (error) {
    if (!(error instanceof ExitError)) throw error;
    throw new ExitError(
      EXIT.io,
      `checkpoint ${checkpoint.path} holds a damaged plan for plan ${id}, so its ` +
        'report cannot be rebuilt; run `aa-sync plan` again for a new one. ' +
        `Detail: ${error.message}`,
      { cause: error },
    );
  }
}

/**
 * The export records kept for report `id` (a run or a plan), without its plan,
 * operations or traffic: what `retry-failed` carries from its parent.
 */
export function loadReportRecords(
  checkpoint: Checkpoint,
  id: string,
): Pick<ReportInput, 'rejected' | 'sources'> {
  return checkpoint.read(() => readRecords(checkpoint, id));
}

/**
 * The records kept by the latest `plan` of this environment whose plan has
 * these fingerprints (the same inputs by content, live state and options):
 * what `apply --plan` keeps for its reports, since a plan file holds no records.
 * Undefined when no such plan was recorded in this state directory.
 */
export function findPlanSources(
  checkpoint: Checkpoint,
  environment: string,
  fingerprints: PlanFingerprints,
): Pick<ReportInput, 'rejected' | 'sources'> | undefined {
  return checkpoint.read(() => {
    const id = checkpoint
      .statement<[string, string, string, string], string>(SQL.findPlanRun)
      .pluck()
      .get(
        environment,
        fingerprints.live,
        fingerprints.options,
        JSON.stringify(fingerprints.inputs),
      );
    return id === undefined ? undefined : readRecords(checkpoint, id);
  });
}

/** What a caller stored for a report and holds yet (see `loadReportInput`). */
export interface StoredParts {
  /** The plan given to `createPlanRun` or `createRun`. */
  plan?: Plan;
  /** The records given to `recordReportSources`, as `readRecords` gives them back. */
  records?: Pick<ReportInput, 'rejected' | 'sources'>;
}

type KeptParts = Pick<ReportInput, 'rejected' | 'sources' | 'traffic'>;

/** The report's records and traffic; called inside a read transaction. */
function kept(
  checkpoint: Checkpoint,
  reportId: string,
  records = readRecords(checkpoint, reportId),
): KeptParts {
  const traffic = checkpoint
    .statement<[string], TrafficRow>(SQL.loadTraffic)
    .all(reportId)
    .map(toTrafficSample);
  return { ...records, traffic };
}
