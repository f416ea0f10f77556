/**
 * `aa-sync runs` and `aa-sync status RUN_ID`: what the state directory holds.
 * Both only read the checkpoint and take no lock, so they work while a run is
 * going on.
 */
import { hintFlagsOf } from './run-end.js';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { openCheckpoint } from '../checkpoint/database.js';
import { getRun, listRuns, loadOperations } from '../checkpoint/run-store.js';
import type { StateFlags } from './common-flags.js';
import { withStateFlags } from './common-flags.js';
import { checkNumber } from './option-checks.js';
import { usageError } from './errors.js';
import { renderRunJson, renderRunListJson } from './run-json.js';
import { renderRunList, renderRunStatus } from './run-views.js';

interface ViewFlags extends StateFlags {
  json: boolean;
  color?: boolean;
}

type RunsFlags = ViewFlags & { limit?: string };
type StatusFlags = ViewFlags & { runId: string; limit?: string };

export const VIEW_SWITCHES = ['json', 'color'] as const;

const DEFAULT_RUNS_SHOWN = 20;

function withViewFlags<T>(argv: Argv<T>): Argv<T & ViewFlags> {
  return withStateFlags(argv)
    .option('json', { type: 'boolean', default: false, describe: 'Print JSON' })
    .option('color', {
      type: 'boolean',
      describe: 'Colour the output (default: on a terminal)',
    })
    .option('limit', {
      requiresArg: true,
      describe: 'Most entries to list',
    });
}

function listHandler(args: ArgumentsCamelCase<RunsFlags>): void {
  const limit = limitOf(args.limit) ?? DEFAULT_RUNS_SHOWN;
  const checkpoint = openCheckpoint(args.stateDir);
  try {
    const runs = listRuns(checkpoint, limit);
    process.stdout.write(
      args.json
        ? renderRunListJson(runs)
        : renderRunList(runs, { colour: colourOf(args), now: new Date() }),
    );
  } finally {
    checkpoint.close();
  }
}

function statusHandler(args: ArgumentsCamelCase<StatusFlags>): void {
  const checkpoint = openCheckpoint(args.stateDir);
  try {
    const run = getRun(checkpoint, args.runId);
    if (run === undefined) {
      throw usageError(
        `there is no run ${args.runId} in ${checkpoint.path}; \`aa-sync runs\` lists them`,
      );
    }
    const operations = loadOperations(checkpoint, run.id);
    const limit = limitOf(args.limit);
    process.stdout.write(
      args.json
        ? renderRunJson(run, operations)
        : renderRunStatus(run, operations, {
            colour: colourOf(args),
            now: new Date(),
            hintFlags: hintText(hintFlagsOf(args)),
            ...(limit === undefined ? {} : { limit }),
          }),
    );
  } finally {
    checkpoint.close();
  }
}

function limitOf(raw: string | undefined): number | undefined {
  return raw === undefined
    ? undefined
    : checkNumber('limit', raw, { min: 1, integer: true });
}

function colourOf(args: ViewFlags): boolean {
  return args.color ?? process.stdout.isTTY;
}

export const runsCommand: CommandModule<object, RunsFlags> = {
  command: 'runs',
  describe: 'List the runs recorded in the state directory, newest first',
  builder: (argv) => withViewFlags(argv),
  handler: listHandler,
};

export const statusCommand: CommandModule<object, StatusFlags> = {
  command: 'status <run-id>',
  describe: "Show a run's progress, failures and next step",
  builder: (argv) =>
    withViewFlags(argv).positional('run-id', {
      type: 'string',
      describe: 'The run to show',
    }) as unknown as Argv<StatusFlags>,
  handler: statusHandler,
};

/** The flags a hint repeats, as one string: state and report as given. */
function hintText(flags: { state: string; report: string }): string {
  return `${flags.state}${flags.report}`;
}
