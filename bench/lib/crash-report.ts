/**
 * Writes the crash bench's figures: `crash.json` (totals and one line per
 * round) and `crash.md` (a table a reader can quote). Exports:
 * `writeCrashResult`, `crashResultJson`, `CrashAsked`.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { CampaignResult, RoundSummary } from './crash-campaign.js';
import { CRASH_FAULTS, CRASH_KILL_DELAY, crashRunFlags } from './crash-settings.js';

const MS_PER_SECOND = 1000;

/** What the bench was asked for: kills wanted and the time limit, if any. */
export interface CrashAsked {
  kills: number;
  maxMinutes: number | null;
}

function shortfall(result: CampaignResult, asked: CrashAsked): string {
  if (result.kills >= asked.kills) return '';
  const limit =
    asked.maxMinutes === null ? '' : ` in the ${asked.maxMinutes}-minute time limit`;
  return ` Only ${result.kills} of the ${asked.kills} kills asked for fit${limit}.`;
}

function roundJson(round: RoundSummary): Record<string, unknown> {
  return {
    round: round.round,
    kills: round.kills.length,
    killsInWindow: round.kills.filter((kill) => kill.inFlightCreates > 0).length,
    killsWithUnrecordedCommit: round.kills.filter((kill) => kill.unrecordedCommits > 0)
      .length,
    finalCommand: round.finalCommand,
    finalExit: round.finalExit.code,
    ...(round.finalExit.code === 0 ? {} : { finalOutput: round.finalOutput }),
    selfPauses: round.selfPauses,
    statuses: round.check.statuses,
    duplicates: round.check.duplicates,
    lostOperations: round.check.lostOperations,
    missing: round.check.missing,
    planExit: round.check.planExit,
    wallMs: round.wallMs,
  };
}

/** The JSON document of a campaign: settings, totals, rounds. */
export function crashResultJson(
  result: CampaignResult,
  failures: readonly string[],
  asked: CrashAsked,
): Record<string, unknown> {
  const { rounds, ...totals } = result;
  return {
    date: new Date().toISOString(),
    nodeVersion: process.version,
    cpuCount: availableParallelism(),
    settings: {
      faults: CRASH_FAULTS,
      killDelayMs: CRASH_KILL_DELAY,
      runFlags: crashRunFlags(),
      maxMinutes: asked.maxMinutes,
    },
    killsWanted: asked.kills,
    ...totals,
    roundCount: rounds.length,
    verdict: failures.length === 0 ? 'pass' : 'fail',
    failures,
    rounds: rounds.map(roundJson),
  };
}

function markdown(
  result: CampaignResult,
  failures: readonly string[],
  asked: CrashAsked,
): string {
  const seconds = (result.wallMs / MS_PER_SECOND).toFixed(0);
  const rows: [string, string | number][] = [
    ['kills asked for', asked.kills],
    ['kills (SIGKILL)', result.kills],
    ['kills with a create in flight (between send and record)', result.killsInWindow],
    [
      'kills after which the emulator held an unrecorded create',
      result.killsWithUnrecordedCommit,
    ],
    ['kills before the checkpoint existed', result.killsBeforeCheckpoint],
    ['rounds (fresh state directory and emulator each)', result.rounds.length],
    ['operations per round', result.operationsPerRound],
    ['adoptions (operations found by lookup)', result.adoptions],
    ['duplicates (committed creates > 1, users listed twice)', result.duplicates],
    ['lost operations (not succeeded or adopted)', result.lostOperations],
    ['missing entities in the emulator', result.missing],
    ['integrity_check failures', result.integrityFailures],
    ['rounds not ending in exit 0 and an empty plan', result.unfinishedRounds],
    ['wall time', `${seconds} s`],
  ];
  const verdict =
    failures.length === 0 ? 'All checks passed.' : `FAILED: ${failures.join('; ')}.`;
  return [
    '# Crash and resume under kill -9',
    '',
    `${new Date().toISOString()}, Node ${process.version}, ${availableParallelism()} CPUs, ` +
      `seed ${result.seed}. An export of ${result.customers} customers; the emulator (in ` +
      'the bench process) commits then drops 15% of writes, answers 5xx to 5% of ' +
      'requests and adds 40-120 ms to each. `apply --yes`, then `resume --yes`, run ' +
      `with ${crashRunFlags().join(' ')} and are killed ${CRASH_KILL_DELAY.minMs}-` +
      `${CRASH_KILL_DELAY.maxMs} ms after they start, until one exits by itself.`,
    '',
    '| figure | value |',
    '| --- | ---: |',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    '',
    `${verdict}${shortfall(result, asked)}`,
    '',
  ].join('\n');
}

/** Writes crash.json and crash.md into `dir`. */
export async function writeCrashResult(
  dir: string,
  result: CampaignResult,
  failures: readonly string[],
  asked: CrashAsked,
): Promise<void> {
  const json = crashResultJson(result, failures, asked);
  await writeFile(join(dir, 'crash.json'), `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(join(dir, 'crash.md'), markdown(result, failures, asked));
}
