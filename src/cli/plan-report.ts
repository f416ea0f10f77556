/**
 * What `aa-sync plan` leaves behind: the plan recorded in the checkpoint under
 * an id of its own (so `aa-sync report ID` can write its reports again), and
 * its reports. Nothing is sent to the API here.
 */
import { dirname } from 'node:path';
import type { Logger } from 'winston';
import { openCheckpoint } from '../checkpoint/database.js';
import {
  createPlanRun,
  recordReportSources,
  recordTraffic,
} from '../checkpoint/report-store.js';
import type { ReportInput, TrafficSample } from '../report/report-types.js';
import { newRunId } from '../execute/start-run.js';
import type { Assembly } from '../input/assemble.js';
import type { Plan } from '../plan/index.js';
import { produceReports } from '../report/produce-reports.js';
import { openRunLog } from '../log/run-log.js';
import type { ApiTarget } from './api-flags.js';
import type { ExitCode } from './exit-codes.js';
import { describeReportPaths } from './report.js';

type ReportRecords = Pick<ReportInput, 'rejected' | 'sources'>;

export interface PlanToReport {
  plan: Plan;
  /** The plan as `serialisePlan` wrote it. */
  planText: string;
  assembly: Assembly;
  target: ApiTarget;
  environment: string;
  startedAt: Date;
  stateDir: string;
  reportDir: string;
  /** What the plan command exits with. */
  exitCode: ExitCode;
  /** The requests of the live read. */
  traffic: TrafficSample[];
  /** The command's logger, whose held lines go to the plan's log file. */
  logger: Logger;
}

/** Records the plan and writes its reports; the paths go to standard error. */
export async function reportPlan(input: PlanToReport): Promise<void> {
  const id = newRunId(input.startedAt);
  const checkpoint = openCheckpoint(input.stateDir);
  try {
    const { plan, assembly } = input;
    const records = keptRecords(plan, assembly);
    checkpoint.write(() => {
      createPlanRun(checkpoint, {
        id,
        command: 'plan',
        environment: input.environment,
        baseUrl: input.target.baseUrl,
        inputs: plan.fingerprints.inputs,
        plan,
        planText: input.planText,
        startedAt: input.startedAt.toISOString(),
        end: { finishedAt: new Date().toISOString(), exitCode: input.exitCode },
      });
      recordReportSources(checkpoint, id, {
        ...records,
        tenants: new Set(records.sources.keys()),
      });
      recordTraffic(checkpoint, id, input.traffic);
    });
    openRunLog(input.logger, dirname(checkpoint.path), id);
    const written = await produceReports(checkpoint, id, input.reportDir, {
      stored: { plan, records },
    });
    if (written !== undefined) {
      const paths = describeReportPaths(id, written.paths);
      process.stderr.write(paths);
      input.logger.debug(paths.trimEnd(), { run: id });
    }
  } finally {
    checkpoint.close();
  }
}

/**
 * The records the plan's report keeps: every rejected entry, and the records of
 * the customers with operations (in key order, as the checkpoint gives them back).
 */
function keptRecords(plan: Plan, assembly: Assembly): ReportRecords {
  const changing = new Set(
    plan.tenants.filter((tenant) => tenant.operations.length > 0).map((t) => t.key),
  );
  const sources = new Map([...assembly.sources].filter(([key]) => changing.has(key)));
  return { rejected: assembly.rejected, sources };
}
