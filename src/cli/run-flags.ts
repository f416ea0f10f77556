/**
 * The flags of the commands that write to the API (apply, resume,
 * retry-failed): pacing, concurrency, confirmation and the lock.
 */
import type { Argv } from 'yargs';
import type { RunOptions } from '../checkpoint/run-types.js';
import { RATE_CONTROL_DEFAULTS } from '../execute/rate-control.js';
import { checkNumber } from './option-checks.js';
import { usageError } from './errors.js';

/**
 * The emulator's default limit. The reference documents none (U4); ten per
 * second is a polite default that `--rate auto` or a known limit replaces.
 */
export const DEFAULT_RATE = 10;
/** Evenly spaced requests: a burst only helps against a bucket known to allow it. */
export const DEFAULT_BURST = 1;
export const DEFAULT_CONCURRENCY = 8;
/** Two minutes of failures: past a blip, short of failing thousands of operations. */
export const DEFAULT_MAX_OUTAGE_MS = 120_000;
const MIN_MAX_OUTAGE_MS = 1_000;
const MAX_MAX_OUTAGE_MS = 86_400_000;
const MAX_RATE = 1_000;
const MAX_CONCURRENCY = 256;

export interface RunFlags {
  rate?: string;
  burst?: string;
  concurrency?: string;
  maxOutageMs?: string;
  forceUnlock: boolean;
}

export const RUN_SWITCHES = ['force-unlock'] as const;

export function withRunFlags<T>(argv: Argv<T>): Argv<T & RunFlags> {
  return argv
    .option('rate', {
      requiresArg: true,
      describe: `Requests per second, or "auto" to find the API's limit (default ${DEFAULT_RATE})`,
    })
    .option('burst', {
      requiresArg: true,
      describe: `Requests that may go back to back after a pause (default ${DEFAULT_BURST})`,
    })
    .option('concurrency', {
      requiresArg: true,
      describe: `Most requests in flight at once (default ${DEFAULT_CONCURRENCY})`,
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

/** The run options from the flags, each checked with its range; `base` fills the gaps. */
export function runOptionsOf(flags: RunFlags, base?: RunOptions): RunOptions {
  return {
    rate: rateOf(flags.rate) ?? base?.rate ?? DEFAULT_RATE,
    burst:
      flags.burst === undefined
        ? (base?.burst ?? DEFAULT_BURST)
        : checkNumber('burst', flags.burst, { min: 1, max: MAX_RATE, integer: true }),
    concurrency:
      flags.concurrency === undefined
        ? (base?.concurrency ?? DEFAULT_CONCURRENCY)
        : checkNumber('concurrency', flags.concurrency, {
            min: 1,
            max: MAX_CONCURRENCY,
            integer: true,
          }),
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

function rateOf(raw: string | undefined): number | 'auto' | undefined {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw))
    throw usageError('--rate was given more than once; give it once');
  if (raw === 'auto') return 'auto';
  const rate = checkNumber('rate', raw, {
    min: RATE_CONTROL_DEFAULTS.minRate,
    max: MAX_RATE,
  });
  return rate;
}
