/**
 * Torture part `crash`: SIGKILLs at aimed points of real `apply` and `resume`
 * runs (the built command line) against an emulator in this process that
 * commits then drops 15% of writes' answers and fails 5% of requests, each
 * kill followed by the next resume, until a process ends by itself. Checks:
 * no duplicate, no lost operation, `PRAGMA integrity_check` ok after every
 * kill, every round ending by itself in the desired state, kills in every
 * phase of a run, and enough of them between a create's send and its record.
 * Exports: `crashPart`.
 */
import { startEmulator } from '../../src/emulator/index.js';
import { emulatorControl } from '../lib/crash-emulator.js';
import { controlCall } from '../lib/emulator-process.js';
import { CRASH_FAULTS, CRASH_SETTLE_MS, crashRunFlags } from '../lib/crash-settings.js';
import type { TortureCheck, TortureFigure, TorturePart, TortureResult } from './part.js';
import { check } from './part.js';
import { KILL_PHASES } from './crash-evidence.js';
import type { CrashKill, CrashRound } from './crash-play.js';
import { inWindow, runCrashCampaign } from './crash-play.js';
import type { ExpectedState } from '../lib/crash-verify.js';
import { crashSize } from './crash-settings.js';
import type { CrashSize } from './crash-settings.js';

const API_KEY = 'sk_test_demo';

export const crashPart: TorturePart = {
  id: 'crash',
  async run(options) {
    const started = Date.now();
    const size = crashSize(options.quick);
    const emu = await startEmulator({
      rateLimit: null,
      faults: { ...CRASH_FAULTS, seed: size.seed },
    });
    try {
      const { rounds, expected } = await runCrashCampaign({
        ...size,
        workDir: options.workDir,
        emulator: emulatorControl(emu.url, emu.controlToken),
        control: (method, path) => controlCall(emu.url, emu.controlToken, method, path),
        baseUrl: emu.baseUrl,
        apiKey: API_KEY,
        runFlags: crashRunFlags(),
        settleMs: CRASH_SETTLE_MS,
        log: options.log,
      });
      return result(size, rounds, expected, Date.now() - started);
    } finally {
      await emu.close();
    }
  },
};

function result(
  size: CrashSize,
  rounds: CrashRound[],
  expected: ExpectedState,
  wallMs: number,
): TortureResult {
  const kills = rounds.flatMap((round) => round.kills);
  return {
    part: 'crash',
    title: 'Crashes: SIGKILL at random points of real runs, then resume',
    setup:
      `An export of ${size.customers} customers (${expected.organizations} organizations, ` +
      `${expected.users} users, ${expected.locations} locations), applied by the built ` +
      `aa-sync (${crashRunFlags().join(' ')}) against an emulator that adds 40-120 ms ` +
      'to each request, commits then drops 15% of writes and answers 5xx to 5%. Each ' +
      'round starts from an empty emulator and state directory; apply, then resume, ' +
      `are SIGKILLed until one exits by itself; ${size.aiming}. Seed ${size.seed}.`,
    figures: [
      {
        label: 'organizations, users, locations the export asks for',
        value: `${expected.organizations}, ${expected.users}, ${expected.locations}`,
      },
      ...figures(rounds, kills, wallMs),
    ],
    checks: checks(size, rounds, kills, expected),
    notes: [
      "A kill counts as between a create's send and its record when that process " +
        "had written a create's intent (the operation was pending before it started " +
        'and is in flight after the kill) and its request certainly left: the ' +
        'emulator committed the create, or logged a create request of that process ' +
        'as abandoned by its client (outcome aborted). The crash bench counted any ' +
        'create in flight in the checkpoint, including those an earlier killed ' +
        'process left there and those still waiting for their turn; that looser ' +
        'figure is shown beside it.',
      'The phase of each kill is read from the checkpoint after it (lock row, runs, ' +
        'operations), not from where it was aimed.',
    ],
    wallMs,
  };
}

const count = (kills: readonly CrashKill[], test: (kill: CrashKill) => boolean): number =>
  kills.filter(test).length;

function figures(
  rounds: CrashRound[],
  kills: CrashKill[],
  wallMs: number,
): TortureFigure[] {
  const adopted = rounds.reduce((n, round) => n + (round.check.statuses.adopted ?? 0), 0);
  return [
    { label: 'kills (SIGKILL)', value: kills.length },
    { label: 'rounds (fresh state directory and emulator each)', value: rounds.length },
    ...KILL_PHASES.map((phase) => ({
      label: `kills ${phase}`,
      value: count(kills, (kill) => kill.phase === phase),
    })),
    {
      label: "kills between a create's send and its record",
      value: count(kills, inWindow),
    },
    {
      label: '... of which the emulator committed the unrecorded create',
      value: count(kills, (kill) => kill.committedNotRecorded > 0),
    },
    {
      label: 'kills with a create intent of that process open',
      value: count(kills, (kill) => kill.ownOpenCreates > 0),
    },
    {
      label: 'kills with any create in flight in the checkpoint (bench measure)',
      value: count(kills, (kill) => kill.anyInFlightCreates > 0),
    },
    { label: 'operations adopted after a lookup', value: adopted },
    { label: 'wall time', value: `${Math.round(wallMs / 1000)} s` },
  ];
}

function checks(
  size: CrashSize,
  rounds: CrashRound[],
  kills: CrashKill[],
  expected: ExpectedState,
): TortureCheck[] {
  const caught = count(kills, inWindow);
  const minimum = Math.ceil(size.kills * size.windowShare);
  const sum = (pick: (round: CrashRound) => number): number =>
    rounds.reduce((n, round) => n + pick(round), 0);
  const missingPhases = KILL_PHASES.filter(
    (phase) => !kills.some((kill) => kill.phase === phase),
  );
  return [
    check('kills', size.kills, kills.length),
    {
      label: "kills between a create's send and its record",
      expected: `at least ${minimum}`,
      actual: String(caught),
      ok: caught >= minimum,
    },
    check('phases of a run without a kill', 'none', missingPhases.join(', ') || 'none'),
    check(
      'kills after which integrity_check was not ok',
      0,
      count(
        kills,
        (kill) => kill.integrity !== 'ok' && kill.integrity !== 'no checkpoint',
      ),
    ),
    check(
      'duplicate creates',
      0,
      sum((round) => round.check.duplicates),
    ),
    check(
      'lost operations',
      0,
      sum((round) => round.check.lostOperations),
    ),
    check(
      'rounds not ending by themselves with exit 0',
      0,
      count2(rounds, (round) => round.finalExit.code !== 0),
    ),
    check(
      'rounds whose end differs from the desired state',
      0,
      count2(rounds, (round) => !desired(round, expected)),
    ),
  ];
}

const count2 = (rounds: CrashRound[], test: (round: CrashRound) => boolean): number =>
  rounds.filter(test).length;

/** The emulator holds exactly the export, each thing created once, and a new plan is empty. */
function desired(round: CrashRound, expected: ExpectedState): boolean {
  const { live, createCounts, planExit, missing } = round.check;
  const once = (histogram: Record<string, number>, n: number): boolean =>
    Object.keys(histogram).every((key) => key === '1') && (histogram['1'] ?? 0) === n;
  return (
    planExit === 0 &&
    missing === 0 &&
    live.organizations === expected.organizations &&
    live.users === expected.users &&
    live.locations === expected.locations &&
    once(createCounts.organizations, expected.organizations) &&
    once(createCounts.locations, expected.locations)
  );
}
