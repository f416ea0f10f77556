/**
 * `aa-sync resume [RUN_ID]`: continues an interrupted run (the latest by
 * default) with its recorded plan. Operations recorded in flight are looked up
 * before anything is sent again. Refuses when the run's inputs changed since,
 * unless `--allow-changed-inputs`.
 */
import { hintFlagsOf } from './run-end.js';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Checkpoint } from '../checkpoint/database.js';
import { getRun, latestRun } from '../checkpoint/run-store.js';
import type { RunRecord } from '../checkpoint/run-types.js';
import type { ApiFlags } from './api-flags.js';
import { withApiFlags } from './api-flags.js';
import type { LogFlags, StateFlags } from './common-flags.js';
import { withLogFlags, withStateFlags } from './common-flags.js';
import { ExitError, usageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { changedInputs } from './input-changes.js';
import type { RunFlags } from './run-flags.js';
import type { ReportFlags } from './report-flags.js';
import { withReportFlags } from './report-flags.js';
import { runOptionsOf, withRunFlags } from './run-flags.js';
import { claimRun, runWritingCommand, targetForRun } from './run-start.js';
import { runSession } from './run-session.js';

type ResumeFlags = ApiFlags &
  StateFlags &
  LogFlags &
  RunFlags &
  ReportFlags & { runId?: string; allowChangedInputs: boolean; yes: boolean };

export const RESUME_SWITCHES = ['allow-changed-inputs', 'yes'] as const;

const RESUMABLE: readonly RunRecord['status'][] = ['running', 'interrupted', 'stopped'];

function builder(argv: Argv): Argv<ResumeFlags> {
  return withReportFlags(withRunFlags(withStateFlags(withApiFlags(withLogFlags(argv)))))
    .positional('run-id', {
      type: 'string',
      describe: 'The run to continue (default: the latest)',
    })
    .option('allow-changed-inputs', {
      type: 'boolean',
      default: false,
      describe: 'Finish the recorded plan even though its export files changed since',
    })
    .option('yes', {
      type: 'boolean',
      default: false,
      describe: 'Needed off a terminal, as for apply',
    })
    .example('$0 resume', 'Continue the latest interrupted run')
    .example(
      '$0 resume 20261204-193012-4f2a --yes',
      'Continue that run from cron',
    ) as unknown as Argv<ResumeFlags>;
}

async function handler(args: ArgumentsCamelCase<ResumeFlags>): Promise<void> {
  await runWritingCommand(args, 'resume', async (context) => {
    const { checkpoint, lock, logger } = context;
    const run = chooseRun(checkpoint, args.runId);
    if (run === null) return EXIT.ok;
    const target = targetForRun(context.target, run);
    if (!args.allowChangedInputs) await refuseChangedInputs(run);
    claimRun(checkpoint, lock, logger, run.id);
    logger.info(`resuming run ${run.id}`, {
      run: run.id,
      baseUrl: target.baseUrl,
      baseUrlFrom: target.baseUrlFrom,
    });
    return runSession({
      checkpoint,
      runId: run.id,
      target,
      stateDir: args.stateDir,
      hints: hintFlagsOf(args),
      reportDir: args.reportDir,
      options: runOptionsOf(args, run.options),
      logger,
      releaseEarlierSignals: context.releaseEarlierSignals,
    });
  });
}

/**
 * The run to resume; null, after saying so, when there is nothing to resume
 * (a cron job resuming "whatever is left" should not alarm anybody).
 */
function chooseRun(checkpoint: Checkpoint, runId: string | undefined): RunRecord | null {
  const run = runId === undefined ? latestRun(checkpoint) : getRun(checkpoint, runId);
  if (run === undefined) {
    throw usageError(
      runId === undefined
        ? `there is no run in ${checkpoint.path} to resume; start one with \`aa-sync apply\``
        : `there is no run ${runId} in ${checkpoint.path}; \`aa-sync runs\` lists them`,
    );
  }
  if (RESUMABLE.includes(run.status)) {
    refuseSuperseded(checkpoint, run);
    return run;
  }
  if (run.status === 'partial') {
    throw new ExitError(
      EXIT.usage,
      `run ${run.id} is partial: it finished, with failures; to try its failed ` +
        `operations again, run \`aa-sync retry-failed ${run.id}\``,
    );
  }
  process.stdout.write(`Run ${run.id} is ${run.status}: there is nothing to resume.\n`);
  return null;
}

/**
 * A later run planned from a later live state: finishing this older plan now
 * could undo that run's changes, or create what it already created.
 */
function refuseSuperseded(checkpoint: Checkpoint, run: RunRecord): void {
  const latest = latestRun(checkpoint);
  if (latest === undefined || latest.id === run.id) return;
  throw new ExitError(
    EXIT.stalePlan,
    `run ${run.id} was superseded by run ${latest.id}, which started after it from a ` +
      'newer live state; resuming the older plan could undo or repeat its work. Apply the ' +
      'export again instead: it plans afresh and adopts what the older run created.',
  );
}

async function refuseChangedInputs(run: RunRecord): Promise<void> {
  const changes = await changedInputs(run.inputs);
  if (changes.length === 0) return;
  throw new ExitError(
    EXIT.stalePlan,
    [
      `the export of run ${run.id} changed since it started:`,
      ...changes.map((change) => `  - ${change}`),
      'Resuming would finish a plan made from the old export. To apply the new export, ' +
        'run `aa-sync apply` with it (it plans afresh and adopts what the old run created); ' +
        'to finish the old plan anyway, give --allow-changed-inputs.',
    ].join('\n'),
  );
}

export const resumeCommand: CommandModule<object, ResumeFlags> = {
  command: 'resume [run-id]',
  describe: 'Continue an interrupted run (the latest by default)',
  builder,
  handler,
};
