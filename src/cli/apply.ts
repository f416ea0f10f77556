/**
 * `aa-sync apply`: plans (or reads a saved plan), asks on a terminal, records
 * the run in the checkpoint and applies it through the paced executor.
 */
import { hintFlagsOf } from './run-end.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Logger } from 'winston';
import { PartnerApiClient } from '../api/index.js';
import { environmentOf } from '../checkpoint/environment.js';
import type { InputFingerprint, Plan } from '../plan/index.js';
import {
  checkPlanFreshness,
  hasChanges,
  parsePlan,
  renderPlanText,
} from '../plan/index.js';
import { readLiveState } from '../plan/read-live.js';
import { indexLiveState } from '../plan/live-state.js';
import { checkSavedPlan } from '../plan/plan-integrity.js';
import type { PlanIntegrity } from '../plan/plan-integrity.js';
import type { Checkpoint } from '../checkpoint/database.js';
import { loadPlanMemory } from '../checkpoint/memory-store.js';
import { findPlanSources } from '../checkpoint/report-store.js';
import { recordLiveNumbers } from '../checkpoint/phone-numbers.js';
import { ExchangeTally } from '../report/exchange-tally.js';
import type { TrafficSample } from '../report/report-types.js';
import type { ApiTarget } from './api-flags.js';
import { withApiFlags } from './api-flags.js';
import { withLogFlags, withStateFlags } from './common-flags.js';
import { canAsk, confirm } from './confirm.js';
import { ExitError, usageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { withInputFlags } from './input-flags.js';
import type { MakePlanFlags } from './make-plan.js';
import { makePlan } from './make-plan.js';
import { withPlanFlags } from './plan-flags.js';
import type { RunFlags } from './run-flags.js';
import type { ReportFlags } from './report-flags.js';
import { withReportFlags } from './report-flags.js';
import { runOptionsOf, withRunFlags } from './run-flags.js';
import type { RunRecords } from './run-start.js';
import { runWritingCommand, startNewRun } from './run-start.js';

type ApplyFlags = MakePlanFlags &
  RunFlags &
  ReportFlags & {
    plan?: string;
    yes: boolean;
  };

export const APPLY_SWITCHES = ['yes'] as const;

/** A plan and what it was made from, ready to become a run. */
interface PlannedWork {
  plan: Plan;
  command: string;
  inputs: InputFingerprint[];
  customers: number;
  /** From the export, or kept by the `plan` that saved the plan file. */
  records?: RunRecords;
  /** The requests of the live read, for the report. */
  traffic: TrafficSample[];
}

function builder(argv: Argv): Argv<ApplyFlags> {
  const base = withReportFlags(
    withRunFlags(
      withPlanFlags(withStateFlags(withApiFlags(withLogFlags(withInputFlags(argv))))),
    ),
  );
  return base
    .option('plan', {
      type: 'string',
      requiresArg: true,
      describe: 'Apply this saved plan (from `aa-sync plan --out`) instead of planning',
    })
    .option('yes', {
      type: 'boolean',
      default: false,
      describe: 'Apply without asking (needed off a terminal, e.g. in cron)',
    })
    .example('$0 apply customers.csv', 'Plan, show the plan, ask, then apply')
    .example(
      '$0 apply customers.csv --yes --rate 8',
      'Nightly: no question, 8 requests/s',
    )
    .example('$0 apply --plan plan.json --yes', 'Apply a reviewed plan if still current');
}

async function handler(args: ArgumentsCamelCase<ApplyFlags>): Promise<void> {
  const inputs = args.inputs ?? [];
  if (args.plan !== undefined && inputs.length > 0) {
    throw usageError('give export files or --plan FILE, not both');
  }
  if (args.plan === undefined && inputs.length === 0) {
    throw usageError('name the export files to apply, or give --plan FILE');
  }
  const options = runOptionsOf(args);
  await runWritingCommand(args, 'apply', async (context) => {
    const { checkpoint, target, logger } = context;
    const work =
      args.plan === undefined
        ? await planFromInputs(args, target, logger)
        : await loadSavedPlan(args.plan, target, logger, checkpoint);
    showPlan(work.plan, logger);
    if (hasChanges(work.plan.summary) && !args.yes) {
      const go = await confirm(
        `Do you want aa-sync to make these changes in ${target.baseUrl}? ` +
          `(the base URL comes from ${target.baseUrlFrom})`,
      );
      if (!go) {
        process.stdout.write('Apply cancelled; nothing was changed.\n');
        return EXIT.ok;
      }
    }
    return startNewRun({
      ...context,
      stateDir: args.stateDir,
      hints: hintFlagsOf(args),
      reportDir: args.reportDir,
      options,
      command: work.command,
      plan: work.plan,
      inputs: work.inputs,
      customers: work.customers,
      parentRunId: null,
      ...(work.records === undefined ? {} : { records: work.records }),
      traffic: work.traffic,
    });
  });
}

async function planFromInputs(
  args: ApplyFlags,
  target: ApiTarget,
  logger: Logger,
): Promise<PlannedWork> {
  const { plan, assembly, traffic } = await makePlan(args, target, logger);
  return {
    plan,
    command: 'apply',
    inputs: plan.fingerprints.inputs,
    customers: assembly.counts.customers,
    records: { rejected: assembly.rejected, sources: assembly.sources },
    traffic,
  };
}

/** Reads a saved plan and checks that the live state is still what it was made from. */
async function loadSavedPlan(
  file: string,
  target: ApiTarget,
  logger: Logger,
  checkpoint: Checkpoint,
): Promise<PlannedWork> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ExitError(EXIT.io, `cannot read the plan ${resolve(file)} (${reason})`, {
      cause: error,
    });
  }
  const plan = parsePlan(text, file);
  const tally = new ExchangeTally();
  const client = new PartnerApiClient({
    baseUrl: target.baseUrl,
    apiKey: target.apiKey,
    onExchange: tally.onExchange,
  });
  try {
    const live = await readLiveState(client, { logger, bounds: target.retry });
    const freshness = checkPlanFreshness(plan, live);
    if (!freshness.fresh) {
      throw new ExitError(
        EXIT.stalePlan,
        `${freshness.message}\nThe plan in ${resolve(file)} was not applied; nothing was changed.`,
      );
    }
    recordLiveNumbers(checkpoint, environmentOf(target.baseUrl), live);
    const memory = loadPlanMemory(checkpoint, environmentOf(target.baseUrl));
    refuseEdited(file, checkSavedPlan(plan, indexLiveState(live), memory));
  } finally {
    await client.close();
  }
  const environment = environmentOf(target.baseUrl);
  logger.debug(`plan ${file} matches the live state of ${environment}`);
  const records = findPlanSources(checkpoint, environment, plan.fingerprints);
  return {
    plan,
    command: 'apply --plan',
    inputs: plan.fingerprints.inputs,
    customers: plan.summary.customers,
    ...(records === undefined ? {} : { records }),
    traffic: tally.samples(),
  };
}

/** A plan that is not what `aa-sync plan --out` wrote, or that trips a guard now. */
function refuseEdited(file: string, integrity: PlanIntegrity): void {
  const where = resolve(file);
  if (integrity.problems.length > 0) {
    throw new ExitError(
      EXIT.invalidInput,
      [
        `the plan in ${where} is not as \`aa-sync plan --out\` wrote it:`,
        ...integrity.problems.map((problem) => `  - ${problem}`),
        'It was not applied; nothing was changed. Make a new plan with `aa-sync plan --out`.',
      ].join('\n'),
    );
  }
  if (integrity.guards.length > 0) {
    throw new ExitError(
      EXIT.guard,
      [
        `the plan in ${where} trips a safety guard:`,
        ...integrity.guards.map((trip) => `  - ${trip.message}`),
        'It was not applied; nothing was changed.',
      ].join('\n'),
    );
  }
}

/** The whole plan for a person at a terminal; its summary line in logs. */
function showPlan(plan: Plan, logger: Logger): void {
  // The run's log file keeps the summary whatever the terminal shows.
  logger.debug(renderPlanText(plan, { colour: false, quiet: true }).trimEnd());
  if (plan.guards.length > 0) {
    process.stdout.write(renderPlanText(plan, { colour: false, quiet: false }));
    throw new ExitError(
      EXIT.guard,
      'a safety guard tripped (see above); nothing was changed',
    );
  }
  const person = canAsk();
  process.stdout.write(renderPlanText(plan, { colour: person, quiet: !person }));
}

export const applyCommand: CommandModule<object, ApplyFlags> = {
  command: 'apply [inputs..]',
  describe: 'Plan and apply the changes to the Partner API (asks first on a terminal)',
  builder,
  handler,
};
