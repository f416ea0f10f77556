/**
 * Where the crash part aims its kills. Uniform delays after the spawn land
 * almost all in the writes (they are most of a run's time); the start, the
 * planning and the report take a fraction of a second each and get kills only
 * when aimed at: a delay after a line the process prints there. Where a kill
 * really landed is read from the checkpoint afterwards (crash-evidence.ts);
 * the aim only makes each phase likely. Exports: `KillAim`, `AIMS`,
 * `writesAim`, `aimTrigger`, `commandFlags`.
 */
import type { Random } from '../../src/emulator/random.js';
import type { WatchedCli } from './crash-child.js';
import { delay } from './crash-child.js';

/** A kill `minMs` to `maxMs` after a point of the run. */
export interface KillAim {
  name: 'start' | 'planning' | 'writes' | 'report';
  /** The line that opens the window; null: the spawn itself. */
  after: RegExp | null;
  minMs: number;
  maxMs: number;
  /** The process logs at debug level (its planning lines are debug lines). */
  debug: boolean;
}

/** Logged (debug) once the lock is held and the export read: planning starts. */
const INPUT_READ = /"message":"read the input"/;
/** Logged (info) when apply starts its recorded run or resume takes one up. */
const RUN_START = /"message":"(run \S+ started|resuming run \S+)"/;
/** Printed on stdout once the run's end is recorded, before the numbers and reports. */
const RUN_END = /^Run \S+ (completed|partial|interrupted|stopped)\b/m;

/** The aims, by name; `writes` takes its window from the settings. */
export const AIMS = {
  /** Before node has loaded aa-sync: the checkpoint is not open yet. */
  start: { name: 'start', after: null, minMs: 0, maxMs: 150, debug: false },
  /** During the live read (40 ms or more of the emulator's latency). */
  planning: { name: 'planning', after: INPUT_READ, minMs: 0, maxMs: 20, debug: true },
  /** Resume plans nothing: its aim is the moment it takes its run up. */
  resumeStart: { name: 'planning', after: RUN_START, minMs: 0, maxMs: 15, debug: false },
  /** While the new numbers are read and the reports written. */
  report: { name: 'report', after: RUN_END, minMs: 0, maxMs: 10, debug: false },
} as const satisfies Record<string, KillAim>;

/** A writes aim: `minMs` to `maxMs` into the run's requests. */
export const writesAim = (minMs: number, maxMs: number): KillAim => ({
  name: 'writes',
  after: RUN_START,
  minMs,
  maxMs,
  debug: false,
});

/** What the kill waits for: the aim's line, then a delay drawn from `random`. */
export function aimTrigger(
  aim: KillAim,
  cli: WatchedCli,
  random: Random,
): (signal: AbortSignal) => Promise<void> {
  const ms = aim.minMs + random.int(Math.max(1, aim.maxMs - aim.minMs));
  return async (signal) => {
    if (aim.after !== null) await cli.seen(aim.after);
    await delay(ms, signal);
  };
}

/** The log flags of a process aimed at `aim`. */
export function commandFlags(aim: KillAim | null): string[] {
  return aim?.debug === true ? ['--log-level', 'debug'] : [];
}
