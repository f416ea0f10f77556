/**
 * The flags of the commands that write to the API (apply, resume,
 * retry-failed): pacing, concurrency, confirmation and the lock.
 */
import type { Argv } from 'yargs';
import type { RunOptions } from '../checkpoint/run-types.js';
import type { SettingsFlags, Sourced } from '../config/index.js';
import { DEFAULT_CONCURRENCY, DEFAULT_RATE, RATE_RANGE } from '../config/defaults.js';
import { checkNumber } from './option-checks.js';

export { DEFAULT_CONCURRENCY, DEFAULT_RATE } from '../config/defaults.js';

/** Evenly spaced requests: a burst only helps against a bucket known to allow it. */
export const DEFAULT_BURST = 1;
/** Two minutes of failures: past a blip, short of failing thousands of operations. */
export const DEFAULT_MAX_OUTAGE_MS = 120_000;
const MIN_MAX_OUTAGE_MS = 1_000;
const MAX_MAX_OUTAGE_MS = 86_400_000;

/** As parsed; rate and concurrency are resolved into `settings` (see src/config). */
export interface PaceFlags {
  rate?: string;
  concurrency?: string;
}

export interface RunFlags extends PaceFlags {
  burst?: string;
  maxOutageMs?: string;
  forceUnlock: boolean;
}

export const RUN_SWITCHES = ['force-unlock'] as const;

/** Adds `--rate` and `--concurrency`, which a profile may also set. */
export function withPaceFlags<T>(argv: Argv<T>): Argv<T & PaceFlags> {
  return argv
    .option('rate', {
      requiresArg: true,
      describe: `Requests per second, or "auto" to find the API's limit (default: the profile's rate, else ${DEFAULT_RATE})`,
    })
    .option('concurrency', {
      requiresArg: true,
      describe: `Most requests in flight at once (default: the profile's concurrency, else ${DEFAULT_CONCURRENCY})`,
    }) as unknown as Argv<T & PaceFlags>;
}

export function withRunFlags<T>(argv: Argv<T>): Argv<T & RunFlags> {
  return withPaceFlags(argv)
    .option('burst', {
      requiresArg: true,
      describe: `Requests that may go back to back after a pause (default ${DEFAULT_BURST})`,
    })
    .option('max-outage-ms', {
      requiresArg: true,
      describe: `End the run as resumable once the API has failed this long (default ${DEFAULT_MAX_OUTAGE_MS})`,
    })
    .option('force-unlock', {
      type: 'boolean',
      default: false,
      describe:
        'Take the state directory from a holder on another host that is gone (check first)',
    }) as unknown as Argv<T & RunFlags>;
}

/**
 * The run options, each checked with its range. `base` is the run being
 * continued: its recorded options win over the profile and the defaults, so
 * that only a flag changes how a resumed run goes on.
 */
export function runOptionsOf(
  flags: RunFlags & SettingsFlags,
  base?: RunOptions,
): RunOptions {
  return {
    rate: chosen(flags.settings.rate, base?.rate),
    burst:
      flags.burst === undefined
        ? (base?.burst ?? DEFAULT_BURST)
        : checkNumber('burst', flags.burst, {
            min: 1,
            max: RATE_RANGE.max,
            integer: true,
          }),
    concurrency: chosen(flags.settings.concurrency, base?.concurrency),
    maxOutageMs:
      flags.maxOutageMs === undefined
        ? (base?.maxOutageMs ?? DEFAULT_MAX_OUTAGE_MS)
        : checkNumber('max-outage-ms', flags.maxOutageMs, {
            min: MIN_MAX_OUTAGE_MS,
            max: MAX_MAX_OUTAGE_MS,
            integer: true,
          }),
  };
}

function chosen<T>(setting: Sourced<T>, recorded: T | undefined): T {
  return setting.origin === 'flag' || recorded === undefined ? setting.value : recorded;
}
