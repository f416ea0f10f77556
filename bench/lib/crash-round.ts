/**
 * One round of the crash campaign: a fresh state directory and an empty
 * emulator, then `apply --yes`, and `resume --yes` after it, each SIGKILLed
 * after a random delay, until a process exits by itself. After every kill the
 * checkpoint is opened read-only: its integrity is checked and the creates it
 * left in flight are counted. Exports: `RoundSetup`, `KillRecord`,
 * `RoundPlay`, `playRound`.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Random } from '../../src/emulator/random.js';
import type { CheckpointView } from './crash-checkpoint.js';
import { inspectCheckpoint } from './crash-checkpoint.js';
import type { EmulatorControl } from './crash-emulator.js';
import { committedCreates } from './crash-emulator.js';
import type { CliExit, CliPlace } from './crash-process.js';
import { startCli } from './crash-process.js';

/** `EXIT.interrupted`: the run paused itself (circuit breaker) and is resumable. */
const EXIT_INTERRUPTED = 6;
/** A round whose processes keep pausing themselves this often is stuck. */
const MAX_SELF_PAUSES = 20;

/** What every round shares. */
export interface RoundSetup {
  place: CliPlace;
  emulator: EmulatorControl;
  random: Random;
  /** The export, relative to `place.cwd`. */
  input: string;
  /** Flags given to apply and resume besides `--yes` and `--state-dir`. */
  runFlags: readonly string[];
  /** A kill lands uniformly in [minMs, maxMs) after the spawn. */
  killDelay: { minMs: number; maxMs: number };
  /**
   * Time for requests the killed process left at the emulator to end (its
   * latency plus jitter), before the emulator is compared with the checkpoint.
   */
  settleMs: number;
}

/** One kill and what it left behind. */
export interface KillRecord {
  round: number;
  command: 'apply' | 'resume';
  delayMs: number;
  /** Create operations the checkpoint holds in flight. */
  inFlightCreates: number;
  /** Creates the emulator committed beyond those the checkpoint records as done. */
  unrecordedCommits: number;
  /** `PRAGMA integrity_check`; 'ok', or 'no checkpoint' before the file existed. */
  integrity: string;
  /** The run the checkpoint held after the kill; null before one was recorded. */
  runStatus: string | null;
}

/** How a round went, before its end state is verified. */
export interface RoundPlay {
  round: number;
  stateDir: string;
  kills: KillRecord[];
  /** The process that exited by itself last (code 6 pauses are resumed). */
  finalExit: CliExit;
  finalCommand: 'apply' | 'resume';
  selfPauses: number;
}

/**
 * Plays round `round` until a process exits by itself. A process is killed
 * only while `mayKill(killsInThisRound)` holds; after that the next process
 * runs to its end.
 */
export async function playRound(
  setup: RoundSetup,
  round: number,
  mayKill: (kills: number) => boolean,
): Promise<RoundPlay> {
  const stateDir = `state-${round}`;
  await setup.emulator.reset();
  const kills: KillRecord[] = [];
  let selfPauses = 0;
  for (;;) {
    const view = inspectCheckpoint(join(setup.place.cwd, stateDir));
    const command = nextCommand(view);
    const args = commandArgs(setup, command, stateDir);
    const child = startCli(args, setup.place);
    const delayMs = drawDelay(setup);
    const ended = await exitOrDelay(child.exited, mayKill(kills.length) ? delayMs : null);
    if (ended !== null) {
      if (ended.code === EXIT_INTERRUPTED && selfPauses < MAX_SELF_PAUSES) {
        selfPauses += 1;
        continue;
      }
      return {
        round,
        stateDir,
        kills,
        finalExit: ended,
        finalCommand: command,
        selfPauses,
      };
    }
    child.kill();
    await child.exited;
    kills.push(await afterKill(setup, round, command, delayMs, stateDir));
  }
}

/**
 * The child's exit, or null once `delayMs` has passed first (no limit when
 * null). The delay's timer is cancelled either way, so none is left behind.
 */
async function exitOrDelay(
  exited: Promise<CliExit>,
  delayMs: number | null,
): Promise<CliExit | null> {
  if (delayMs === null) return exited;
  const timer = new AbortController();
  try {
    return await Promise.race([exited, sleep(delayMs, null, { signal: timer.signal })]);
  } finally {
    timer.abort();
  }
}

/** apply until a run is recorded; resume an unfinished run; apply again after a finished one. */
function nextCommand(view: CheckpointView | null): 'apply' | 'resume' {
  const status = view?.latestRun?.status;
  return status === undefined || status === 'completed' ? 'apply' : 'resume';
}

function commandArgs(
  setup: RoundSetup,
  command: 'apply' | 'resume',
  stateDir: string,
): string[] {
  const common = ['--yes', '--state-dir', stateDir, ...setup.runFlags];
  return command === 'apply' ? ['apply', setup.input, ...common] : ['resume', ...common];
}

function drawDelay(setup: RoundSetup): number {
  const { minMs, maxMs } = setup.killDelay;
  return minMs + setup.random.int(Math.max(1, maxMs - minMs));
}

async function afterKill(
  setup: RoundSetup,
  round: number,
  command: 'apply' | 'resume',
  delayMs: number,
  stateDir: string,
): Promise<KillRecord> {
  const view = inspectCheckpoint(join(setup.place.cwd, stateDir));
  await sleep(setup.settleMs);
  const committed = committedCreates(
    await setup.emulator.counters(),
    await setup.emulator.snapshot(),
  );
  const recorded = view?.recordedCreates ?? { organizations: 0, users: 0, locations: 0 };
  const unrecordedCommits =
    committed.organizations -
    recorded.organizations +
    (committed.users - recorded.users) +
    (committed.locations - recorded.locations);
  return {
    round,
    command,
    delayMs,
    inFlightCreates: view?.inFlightCreates ?? 0,
    unrecordedCommits,
    integrity: view?.integrity ?? 'no checkpoint',
    runStatus: view?.latestRun?.status ?? null,
  };
}
