/**
 * The crash campaign shared by `test/execute/crash-resume.test.ts` and
 * `bench/crash-bench.ts`: rounds of kill -9 and resume against one emulator
 * until the wanted number of kills is reached, each round checked at its end.
 * Exports: `CampaignOptions`, `CampaignResult`, `RoundSummary`, `runCampaign`.
 */
import { join } from 'node:path';
import { createRandom } from '../../src/emulator/random.js';
import { customerAt, generateExport } from '../generate-export.js';
import type { EmulatorControl } from './crash-emulator.js';
import { requireBuild } from './crash-process.js';
import type { CliExit, CliPlace } from './crash-process.js';
import type { KillRecord, RoundSetup } from './crash-round.js';
import { playRound } from './crash-round.js';
import type { RoundCheck } from './crash-verify.js';
import { expectedStateOf, verifyRound } from './crash-verify.js';

/** Rounds beyond the kills wanted: a round may end before its first kill. */
const SPARE_ROUNDS = 10;
const EXPORT_FILE = 'crash-export.csv';

export interface CampaignOptions {
  /** Kills wanted in total; the last round still runs to its end. */
  kills: number;
  /** Seed of the kill delays and of the export. */
  seed: number;
  customers: number;
  /** A directory the campaign owns: the export and one state directory per round. */
  workDir: string;
  emulator: EmulatorControl;
  /** The emulator's Partner API base URL and a key it accepts. */
  baseUrl: string;
  apiKey: string;
  runFlags: readonly string[];
  killDelay: RoundSetup['killDelay'];
  settleMs: number;
  /**
   * Epoch ms after which no process is killed and no round starts: the
   * round under way runs to its end. Default: no limit.
   */
  stopKillingAtMs?: number;
  /** A line per round, for the output of the test or the bench. */
  log?: (line: string) => void;
}

/** One round: its kills, how it ended and its end check. */
export interface RoundSummary {
  round: number;
  kills: KillRecord[];
  finalExit: Pick<CliExit, 'code' | 'signal'>;
  /** The last lines the final process printed, for a failure's message. */
  finalOutput: string;
  finalCommand: 'apply' | 'resume';
  selfPauses: number;
  check: RoundCheck;
  wallMs: number;
}

/** The campaign's figures; the checks decide what they must be. */
export interface CampaignResult {
  seed: number;
  customers: number;
  operationsPerRound: number;
  rounds: RoundSummary[];
  kills: number;
  /** Kills with at least one create in flight in the checkpoint. */
  killsInWindow: number;
  /** Kills after which the emulator held a create the checkpoint had not recorded. */
  killsWithUnrecordedCommit: number;
  /** Kills before the checkpoint file existed (nothing to check). */
  killsBeforeCheckpoint: number;
  integrityFailures: number;
  duplicates: number;
  lostOperations: number;
  missing: number;
  adoptions: number;
  /** Rounds whose last process did not exit 0, or whose plan still held changes. */
  unfinishedRounds: number;
  wallMs: number;
}

/** Plays rounds until `options.kills` kills are done; throws only on a harness fault. */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  requireBuild();
  const started = Date.now();
  const customers = Array.from({ length: options.customers }, (_, i) =>
    customerAt(options.seed, i),
  );
  await generateExport({
    customers: options.customers,
    seed: options.seed,
    out: join(options.workDir, EXPORT_FILE),
  });
  const setup = roundSetup(options);
  const expected = expectedStateOf(customers);
  const rounds: RoundSummary[] = [];
  let kills = 0;
  const stopAt = options.stopKillingAtMs ?? Number.POSITIVE_INFINITY;
  const mayKill = (inRound: number): boolean =>
    kills + inRound < options.kills && Date.now() < stopAt;
  for (let round = 1; mayKill(0); round += 1) {
    if (round > options.kills + SPARE_ROUNDS) break;
    const roundStart = Date.now();
    const play = await playRound(setup, round, mayKill);
    const check = await verifyRound(
      setup.place,
      options.emulator,
      play.stateDir,
      EXPORT_FILE,
      expected,
    );
    kills += play.kills.length;
    const summary: RoundSummary = {
      round,
      kills: play.kills,
      finalExit: { code: play.finalExit.code, signal: play.finalExit.signal },
      finalOutput: tail(play.finalExit),
      finalCommand: play.finalCommand,
      selfPauses: play.selfPauses,
      check,
      wallMs: Date.now() - roundStart,
    };
    rounds.push(summary);
    options.log?.(describeRound(summary, kills));
    if (summary.finalExit.code !== 0) options.log?.(summary.finalOutput);
  }
  return totals(options, rounds, Date.now() - started);
}

function roundSetup(options: CampaignOptions): RoundSetup {
  const place: CliPlace = {
    cwd: options.workDir,
    env: {
      ...withoutApiVariables(process.env),
      ANSWERING_AGENT_API_KEY: options.apiKey,
      ANSWERING_AGENT_BASE_URL: options.baseUrl,
    },
  };
  return {
    place,
    emulator: options.emulator,
    random: createRandom(`crash:${options.seed}`),
    input: EXPORT_FILE,
    runFlags: options.runFlags,
    killDelay: options.killDelay,
    settleMs: options.settleMs,
  };
}

function withoutApiVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of Object.keys(copy)) {
    if (name.startsWith('ANSWERING_AGENT_')) delete copy[name];
  }
  return copy;
}

function tail(exit: CliExit): string {
  const lines = `${exit.stdout}\n${exit.stderr}`.trim().split('\n');
  return lines.slice(-8).join('\n');
}

function describeRound(summary: RoundSummary, killsSoFar: number): string {
  const inWindow = summary.kills.filter((kill) => kill.inFlightCreates > 0).length;
  const { check } = summary;
  return (
    `round ${summary.round}: ${summary.kills.length} kills (${inWindow} with a create in ` +
    `flight), then ${summary.finalCommand} exited ${summary.finalExit.code}; ` +
    `${check.statuses.adopted ?? 0} adopted, ${check.duplicates} duplicates, ` +
    `${check.lostOperations} lost, plan exit ${check.planExit}; ${killsSoFar} kills so far`
  );
}

function totals(
  options: CampaignOptions,
  rounds: RoundSummary[],
  wallMs: number,
): CampaignResult {
  const kills = rounds.flatMap((round) => round.kills);
  const sum = (pick: (round: RoundSummary) => number): number =>
    rounds.reduce((n, round) => n + pick(round), 0);
  const withCheckpoint = kills.filter((kill) => kill.integrity !== 'no checkpoint');
  return {
    seed: options.seed,
    customers: options.customers,
    operationsPerRound: Object.values(rounds[0]?.check.statuses ?? {}).reduce(
      (n, count) => n + count,
      0,
    ),
    rounds,
    kills: kills.length,
    killsInWindow: kills.filter((kill) => kill.inFlightCreates > 0).length,
    killsWithUnrecordedCommit: kills.filter((kill) => kill.unrecordedCommits > 0).length,
    killsBeforeCheckpoint: kills.length - withCheckpoint.length,
    integrityFailures: withCheckpoint.filter((kill) => kill.integrity !== 'ok').length,
    duplicates: sum((round) => round.check.duplicates),
    lostOperations: sum((round) => round.check.lostOperations),
    missing: sum((round) => round.check.missing),
    adoptions: sum((round) => round.check.statuses.adopted ?? 0),
    unfinishedRounds: rounds.filter(
      (round) => round.finalExit.code !== 0 || round.check.planExit !== 0,
    ).length,
    wallMs,
  };
}
