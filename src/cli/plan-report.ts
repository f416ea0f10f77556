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
  finishPlanRun,
  recordReportSources,
  recordTraffic,
} from '../checkpoint/report-store.js';
import type { TrafficSample } from '../report/report-types.js';
import { newRunId } from '../execute/start-run.js';
import type { Assembly } from '../input/assemble.js';
import type { Plan } from '../plan/index.js';
import { produceReports } from '../report/produce-reports.js';
import { openRunLog } from '../log/run-log.js';
import type { ApiTarget } from './api-flags.js';
import type { ExitCode } from './exit-codes.js';
import { describeReportPaths } from './report.js';

export interface PlanToReport {
  plan: Plan;
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
    checkpoint.write(() => {
      createPlanRun(checkpoint, {
        id,
        command: 'plan',
        environment: input.environment,
        baseUrl: input.target.baseUrl,
        inputs: plan.fingerprints.inputs,
        plan,
        startedAt: input.startedAt.toISOString(),
      });
      recordReportSources(checkpoint, id, {
        rejected: assembly.rejected,
        sources: assembly.sources,
        tenants: new Set(
          plan.tenants.filter((t) => t.operations.length > 0).map((t) => t.key),
        ),
      });
      recordTraffic(checkpoint, id, input.traffic);
      finishPlanRun(checkpoint, id, {
        finishedAt: new Date().toISOString(),
        exitCode: input.exitCode,
      });
    });
    openRunLog(input.logger, dirname(checkpoint.path), id);
    const written = await produceReports(checkpoint, id, input.reportDir);
    if (written !== undefined) {
      const paths = describeReportPaths(id, written.paths);
      process.stderr.write(paths);
      input.logger.debug(paths.trimEnd(), { run: id });
    }
  } finally {
    checkpoint.close();
  }
}
