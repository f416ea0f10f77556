/**
 * `aa-sync plan`: what would change, per tenant, in the manner of
 * `terraform plan`. Reads the live state (one request) and writes nothing to
 * the API. `--out` saves the plan for `aa-sync apply --plan`.
 */
import { resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Logger } from 'winston';
import type { Plan } from '../plan/index.js';
import { hasChanges, renderPlanText, serialisePlan } from '../plan/index.js';
import { writePrivateFile } from '../util/write-private-file.js';
import type { ApiTarget } from './api-flags.js';
import { resolveApiTarget, withApiFlags } from './api-flags.js';
import { withLogFlags, withStateFlags } from './common-flags.js';
import { ExitError } from './errors.js';
import { EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import { reportPlan } from './plan-report.js';
import type { ReportFlags } from './report-flags.js';
import { withReportFlags } from './report-flags.js';
import { prepareReportRoot } from '../report/report-dir.js';
import { withInputFlags } from './input-flags.js';
import type { MakePlanFlags } from './make-plan.js';
import { makePlan } from './make-plan.js';
import { checkOutPath } from './out-path.js';
import { exitOnSignal } from './signals.js';
import { withPlanFlags } from './plan-flags.js';
import { withCommandLog } from './command-log.js';

type PlanCommandFlags = MakePlanFlags &
  ReportFlags & {
    json: boolean;
    out?: string;
    detailedExitcode: boolean;
    quiet: boolean;
    color?: boolean;
  };

export const PLAN_COMMAND_SWITCHES = [
  'json',
  'detailed-exitcode',
  'quiet',
  'color',
] as const;

function builder(argv: Argv): Argv<PlanCommandFlags> {
  const base = withReportFlags(
    withPlanFlags(withStateFlags(withApiFlags(withLogFlags(withInputFlags(argv))))),
  );
  return base
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'Print the plan as JSON (the same document --out writes)',
    })
    .option('out', {
      type: 'string',
      requiresArg: true,
      describe: 'Save the plan to this file (owner-only) for `aa-sync apply --plan`',
    })
    .option('detailed-exitcode', {
      type: 'boolean',
      default: false,
      describe: 'Exit 0 when nothing changes, 2 when the plan holds changes',
    })
    .option('quiet', {
      type: 'boolean',
      default: false,
      describe: 'Print only the summary line',
    })
    .option('color', {
      type: 'boolean',
      describe: 'Colour the plan (default: on a terminal)',
    })
    .example('$0 plan customers.csv', 'Show what would change')
    .example(
      '$0 plan customers.csv --out plan.json --detailed-exitcode',
      'Save the plan; exit 2 if it holds changes',
    ) as unknown as Argv<PlanCommandFlags>;
}

async function handler(args: ArgumentsCamelCase<PlanCommandFlags>): Promise<void> {
  const startedAt = new Date();
  exitOnSignal('plan');
  if (args.out !== undefined) checkOutPath(args.out, args.inputs, args.stateDir);
  prepareReportRoot(args.reportDir);
  // Resolved first, so that a missing key fails before a long read.
  const target = resolveApiTarget(args);
  process.exitCode = await withCommandLog(args, [target.apiKey], (logger) =>
    planAndReport(args, target, logger, startedAt),
  );
}

/** Plans, prints the plan and writes its reports; returns the exit code. */
async function planAndReport(
  args: ArgumentsCamelCase<PlanCommandFlags>,
  target: ApiTarget,
  logger: Logger,
  startedAt: Date,
): Promise<ExitCode> {
  const { plan, assembly, environment, traffic } = await makePlan(args, target, logger);
  // Written once: the plan file and the checkpoint hold the same text.
  const planText = serialisePlan(plan);
  if (args.out !== undefined) await savePlan(planText, args.out);
  process.stdout.write(
    args.json
      ? planText
      : renderPlanText(plan, {
          colour: args.color ?? process.stdout.isTTY,
          quiet: args.quiet,
        }),
  );
  const exitCode = exitCodeOf(plan, args.detailedExitcode);
  // The plan's log file keeps its summary and how it ended, whatever was printed.
  logger.debug(renderPlanText(plan, { colour: false, quiet: true }).trimEnd(), {
    exitCode,
  });
  await reportPlan({
    plan,
    planText,
    assembly,
    target,
    environment,
    startedAt,
    stateDir: args.stateDir,
    reportDir: args.reportDir,
    exitCode,
    traffic,
    logger,
  });
  if (exitCode === EXIT.guard) {
    throw new ExitError(
      EXIT.guard,
      'a safety guard tripped (see above); nothing will be deleted until the export or ' +
        'the limits change',
    );
  }
  return exitCode;
}

function exitCodeOf(plan: Plan, detailedExitcode: boolean): ExitCode {
  if (plan.guards.length > 0) return EXIT.guard;
  if (detailedExitcode && hasChanges(plan.summary)) return EXIT.changes;
  return EXIT.ok;
}

async function savePlan(planText: string, file: string): Promise<void> {
  try {
    await writePrivateFile(file, planText);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ExitError(
      EXIT.io,
      `cannot write the plan to ${resolve(file)} (${reason}); choose another --out`,
      { cause: error },
    );
  }
}

export const planCommand: CommandModule<object, PlanCommandFlags> = {
  command: 'plan <inputs..>',
  describe: 'Show what aa-sync would change in the Partner API (reads only)',
  builder,
  handler,
};
