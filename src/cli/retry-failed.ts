/**
 * `aa-sync retry-failed RUN_ID`: a new run of the operations that failed in
 * RUN_ID and of those skipped because of them. What they depend on and that
 * succeeded is carried over with its result (the organization a location goes
 * into, say), so nothing done is done again.
 */
import { hintFlagsOf } from './run-end.js';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Checkpoint } from '../checkpoint/database.js';
import { getRun, loadOperations, loadRunPlan } from '../checkpoint/run-store.js';
import type {
  NewOperation,
  OperationRecord,
  RunRecord,
} from '../checkpoint/run-types.js';
import type { ApiFlags } from './api-flags.js';
import { withApiFlags } from './api-flags.js';
import type { LogFlags, StateFlags } from './common-flags.js';
import { withLogFlags, withStateFlags } from './common-flags.js';
import { usageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import type { RunFlags } from './run-flags.js';
import type { ReportFlags } from './report-flags.js';
import { withReportFlags } from './report-flags.js';
import { runOptionsOf, withRunFlags } from './run-flags.js';
import type { RunRecords } from './run-start.js';
import { runWritingCommand, startNewRun, targetForRun } from './run-start.js';
import { loadReportRecords } from '../checkpoint/report-store.js';

type RetryFlags = ApiFlags &
  StateFlags &
  LogFlags &
  RunFlags &
  ReportFlags & { runId: string; yes: boolean };

export const RETRY_SWITCHES = ['yes'] as const;

function builder(argv: Argv): Argv<RetryFlags> {
  return withReportFlags(withRunFlags(withStateFlags(withApiFlags(withLogFlags(argv)))))
    .positional('run-id', { type: 'string', describe: 'The run whose failures to retry' })
    .option('yes', {
      type: 'boolean',
      default: false,
      describe: 'Needed off a terminal, as for apply',
    })
    .example(
      '$0 retry-failed 20261204-193012-4f2a --yes',
      'Retry what failed in that run',
    ) as unknown as Argv<RetryFlags>;
}

async function handler(args: ArgumentsCamelCase<RetryFlags>): Promise<void> {
  await runWritingCommand(args, 'retry-failed', async (context) => {
    const { checkpoint } = context;
    const parent = requireFinishedRun(checkpoint, args.runId);
    const target = targetForRun(context.target, parent);
    const operations = retryOperations(loadOperations(checkpoint, parent.id));
    if (operations.length === 0) {
      process.stdout.write(
        `Run ${parent.id} has no failed or skipped operation to retry.\n`,
      );
      return EXIT.ok;
    }
    return startNewRun({
      ...context,
      target,
      stateDir: args.stateDir,
      hints: hintFlagsOf(args),
      reportDir: args.reportDir,
      options: runOptionsOf(args, parent.options),
      command: 'retry-failed',
      plan: loadRunPlan(checkpoint, parent.id),
      inputs: parent.inputs,
      customers: parent.customers,
      parentRunId: parent.id,
      operations,
      records: parentRecords(checkpoint, parent.id),
    });
  });
}

/**
 * The export records of the parent's customers, so that this run's failed.csv
 * can be fed back too. Rejected records stay with the run that read the export.
 */
function parentRecords(checkpoint: Checkpoint, parentId: string): RunRecords {
  return { rejected: [], sources: loadReportRecords(checkpoint, parentId).sources };
}

function requireFinishedRun(checkpoint: Checkpoint, runId: string): RunRecord {
  const run = getRun(checkpoint, runId);
  if (run === undefined) {
    throw usageError(
      `there is no run ${runId} in ${checkpoint.path}; \`aa-sync runs\` lists them`,
    );
  }
  if (run.status === 'partial' || run.status === 'completed') return run;
  throw usageError(
    `run ${run.id} is ${run.status}: finish it first with \`aa-sync resume ${run.id}\`, ` +
      'then retry what failed',
  );
}

/**
 * The failed and skipped operations, reset to pending, and the done operations
 * they depend on, carried with their results.
 */
export function retryOperations(records: readonly OperationRecord[]): NewOperation[] {
  const retried = records.filter((r) => r.status === 'failed' || r.status === 'skipped');
  const needed = new Set(retried.flatMap((r) => r.dependsOn));
  const carried = records.filter(
    (r) => needed.has(r.id) && (r.status === 'succeeded' || r.status === 'adopted'),
  );
  const chosen = new Set([...retried, ...carried].map((r) => r.id));
  return records
    .filter((r) => chosen.has(r.id))
    .map((r) =>
      r.status === 'succeeded' || r.status === 'adopted'
        ? {
            seq: r.seq,
            operation: r.operation,
            carried: { status: r.status, result: r.result ?? {} },
          }
        : { seq: r.seq, operation: r.operation },
    );
}

export const retryFailedCommand: CommandModule<object, RetryFlags> = {
  command: 'retry-failed <run-id>',
  describe: 'Start a new run of the operations that failed (or were skipped) in a run',
  builder,
  handler,
};
