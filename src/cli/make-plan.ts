/**
 * The planning pipeline shared by plan and apply: read and validate the inputs,
 * load the state directory's memory, read the live state (one request), build
 * the plan. Every step that can stop the run does so before any write.
 */
import type { Logger } from 'winston';
import { PartnerApiClient } from '../api/index.js';
import { environmentOf, loadPlanMemory, openCheckpoint } from '../checkpoint/index.js';
import type { Assembly } from '../input/assemble.js';
import type { Organization } from '../api/index.js';
import type { Plan, PlanMemory } from '../plan/index.js';
import { assertPlanOptions, buildPlan } from '../plan/index.js';
import { readLiveState } from '../plan/read-live.js';
import { recordLiveNumbers } from '../checkpoint/phone-numbers.js';
import { ExchangeTally } from '../report/exchange-tally.js';
import type { TrafficSample } from '../report/report-types.js';
import type { ApiFlags, ApiTarget } from './api-flags.js';
import type { LogFlags, StateFlags } from './common-flags.js';
import type { InputFlags } from './input-flags.js';
import { enforceMaxInvalid, loadInput, maxInvalidOf } from './load-input.js';
import { maxProblemsOf, problemLines } from './problem-list.js';
import { countOf } from '../util/count-of.js';
import { formatProblem } from '../input/problem-text.js';
import type { PlanFlags } from './plan-flags.js';
import { planOptionsOf } from './plan-flags.js';

export type MakePlanFlags = InputFlags & ApiFlags & StateFlags & LogFlags & PlanFlags;

export interface PlanningResult {
  plan: Plan;
  assembly: Assembly;
  target: ApiTarget;
  environment: string;
  /** The requests of the live read, per second, for the report. */
  traffic: TrafficSample[];
}

/** Checks every flag, then plans; problems in the input go to standard error. */
export async function makePlan(
  flags: MakePlanFlags,
  target: ApiTarget,
  logger: Logger,
): Promise<PlanningResult> {
  const limit = maxInvalidOf(flags);
  const maxProblems = maxProblemsOf(flags.maxProblems);
  const options = planOptionsOf(flags);
  assertPlanOptions(options);
  const environment = environmentOf(target.baseUrl);
  const { assembly, digests } = await loadInput(flags, logger);
  const shown = problemLines(
    assembly.problems,
    maxProblems,
    '`aa-sync validate` on the same files lists them all',
  );
  process.stderr.write(shown.map((line) => `${line}\n`).join(''));
  // Every problem, however many the terminal showed, for the log file.
  for (const problem of assembly.problems) logger.debug(formatProblem(problem));
  enforceMaxInvalid(limit, assembly);
  reportLeftOut(assembly);
  const memory = readMemory(flags.stateDir, environment);
  const tally = new ExchangeTally();
  const live = await readLive(target, logger, tally);
  learnNumbers(flags.stateDir, environment, live);
  const plan = buildPlan({
    customers: assembly.customers,
    live,
    memory,
    options,
    inputs: digests,
    rejected: assembly.rejected.map((entry) => entry.key),
  });
  return { plan, assembly, target, environment, traffic: tally.samples() };
}

/** Said only once --max-invalid has let the run go on without them. */
function reportLeftOut(assembly: Assembly): void {
  const { rejected, customers } = assembly.counts;
  if (rejected === 0) return;
  process.stderr.write(
    `${rejected.toLocaleString('en-US')} of ${countOf(customers, 'customer')} rejected, as --max-invalid allows; they are left ` +
      'out of the plan and their live organizations are left alone.\n',
  );
}

/** The numbers of locations earlier runs created, provisioned since (see phone-numbers.ts). */
function learnNumbers(stateDir: string, environment: string, live: Organization[]): void {
  const checkpoint = openCheckpoint(stateDir);
  try {
    recordLiveNumbers(checkpoint, environment, live);
  } finally {
    checkpoint.close();
  }
}

function readMemory(stateDir: string, environment: string): PlanMemory {
  const checkpoint = openCheckpoint(stateDir);
  try {
    return loadPlanMemory(checkpoint, environment);
  } finally {
    checkpoint.close();
  }
}

async function readLive(
  target: ApiTarget,
  logger: Logger,
  tally: ExchangeTally,
): Promise<Organization[]> {
  const client = new PartnerApiClient({
    baseUrl: target.baseUrl,
    apiKey: target.apiKey,
    onExchange: tally.onExchange,
  });
  try {
    return await readLiveState(client, { logger, bounds: target.retry });
  } finally {
    await client.close();
  }
}
