/**
 * Lock holders that die. A run holding the lock is challenged while it lives
 * (the challenger must exit 8: a live holder is never robbed), then SIGKILLed;
 * the next resume or apply must start without any cleanup and finish the
 * work. And a lock row naming a pid that now belongs to another process (the
 * start time differs) is taken over, while one naming a live process with its
 * own start time is not. Exports: `HolderResult`, `killHolder`, `ReusedPidResult`,
 * `reusedPid`.
 */
import { hostname } from 'node:os';
import {
  acquireRunLock,
  openCheckpoint,
  processStartOf,
} from '../../src/checkpoint/index.js';
import type { World } from './concurrency-world.js';
import { EXPORT_FILE, KEYS, checkpointRows, duplicatesIn } from './concurrency-world.js';
import { delay, exitOrTimeout } from './crash-child.js';

/** Logged when apply starts its recorded run: the lock is held, the writes begin. */
const RUN_START = /"message":"run \S+ started"/;
/** The holder's run lasts seconds (its key is slowed too): it outlives its challenger. */
const HOLDER_FLAGS = ['--rate', '200', '--concurrency', '2'];
/** The kill lands up to this long after the challenger's exit. */
const KILL_SPREAD_MS = 400;

/** One holder's challenge, death and successor. */
export interface HolderResult {
  next: 'resume' | 'apply';
  /** The challenger's exit code while the holder lived (8 wanted). */
  challengerCode: number | null;
  /** The holder was still running when its challenger exited. */
  holderAlive: boolean;
  /** The successor's exit code (0 wanted: nothing blocks it). */
  nextCode: number | null;
  /** The successor said it took the lock over from the dead holder. */
  tookOver: boolean;
  duplicates: number;
  desired: boolean;
  lockLeft: boolean;
}

/** Holder `index`: apply, challenged, killed, then resume (even) or apply (odd). */
export async function killHolder(
  world: World,
  index: number,
  killAfterMs: (maxMs: number) => number,
): Promise<HolderResult> {
  const stateDir = await world.freshCase(`holder-${index}`);
  const next = index % 2 === 0 ? 'resume' : 'apply';
  const holder = world.start(KEYS.setup, ['apply', EXPORT_FILE], stateDir, HOLDER_FLAGS);
  const early = await exitOrTimeout(holder, () => holder.seen(RUN_START));
  if (early !== null)
    throw new Error(`the holder exited (${early.code}) before its run started`);
  const challenger = await world.start(KEYS.first, ['apply', EXPORT_FILE], stateDir)
    .exited;
  const holderAlive = holder.running();
  const ended = await exitOrTimeout(holder, (signal) =>
    delay(killAfterMs(KILL_SPREAD_MS), signal),
  );
  if (ended !== null)
    throw new Error(`the holder exited (${ended.code}) before its kill`);
  holder.kill();
  await holder.exited;
  const args = next === 'resume' ? ['resume'] : ['apply', EXPORT_FILE];
  const successor = await world.start(KEYS.second, args, stateDir).exited;
  const snapshot = await world.snapshot();
  const { expected } = world;
  return {
    next,
    challengerCode: challenger.code,
    holderAlive,
    nextCode: successor.code,
    tookOver: successor.stderr.includes(
      `took over the lock of apply (pid ${holder.pid})`,
    ),
    duplicates: duplicatesIn(await world.counters(), snapshot),
    desired:
      snapshot.organizations.length === expected.organizations &&
      snapshot.users.length === expected.users &&
      snapshot.locations.length === expected.locations,
    lockLeft: checkpointRows(stateDir).lockPid !== null,
  };
}

/** Both cases of a lock row naming a live process that is not aa-sync (this one). */
export interface ReusedPidResult {
  /** The row's start time differs from the pid's: exit 0 wanted, lock taken over. */
  reusedCode: number | null;
  reusedTookOver: boolean;
  /** The row's start time is the pid's own: exit 8 wanted, the lock kept. */
  liveCode: number | null;
  liveNamed: boolean;
}

/**
 * Writes a lock row for this process's pid, once with a start time it never
 * had (the pid was reused after the holder died) and once with its own.
 */
export async function reusedPid(world: World): Promise<ReusedPidResult> {
  const reused = await withPlantedLock(world, 'reused-pid', '1');
  const ownStart = processStartOf(process.pid);
  const live = await withPlantedLock(world, 'live-pid', ownStart);
  return {
    reusedCode: reused.code,
    reusedTookOver: reused.stderr.includes(
      `took over the lock of apply (pid ${process.pid})`,
    ),
    liveCode: live.code,
    liveNamed: live.stderr.includes(`(pid ${process.pid} on host ${hostname()}, `),
  };
}

async function withPlantedLock(
  world: World,
  name: string,
  processStart: string | null,
): Promise<{ code: number | null; stderr: string }> {
  const stateDir = await world.freshCase(name);
  const checkpoint = openCheckpoint(stateDir);
  try {
    // Take the lock the product's way, then make the row name the process it should.
    acquireRunLock(checkpoint, {
      command: 'apply',
      runId: null,
      at: new Date().toISOString(),
    });
    checkpoint.db.prepare('UPDATE run_lock SET process_start = ?').run(processStart);
  } finally {
    checkpoint.close();
  }
  const end = await world.start(KEYS.first, ['apply', EXPORT_FILE], stateDir).exited;
  return { code: end.code, stderr: end.stderr };
}
