/**
 * The fault and timing settings of the crash campaign, in one place for the
 * test and the bench. Exports: `CRASH_FAULTS`, `CRASH_KILL_DELAY`,
 * `CRASH_SETTLE_MS`, `crashRunFlags`.
 */
import type { FaultSettings } from '../../src/emulator/index.js';

/** Added latency: every request waits LATENCY_MS plus up to JITTER_MS. */
const LATENCY_MS = 40;
const LATENCY_JITTER_MS = 80;

/**
 * "Commit, then drop" on 15% of writes and a 5xx on 5% of requests; with the
 * latency, a kill often lands while creates are in flight.
 */
export const CRASH_FAULTS: FaultSettings = {
  latencyMs: LATENCY_MS,
  latencyJitterMs: LATENCY_JITTER_MS,
  dropAfterCommitRate: 0.15,
  dropMode: 'reset',
  errorRate: 0.05,
};

/**
 * A kill lands 0.3 to 1.5 s after the spawn: node starts in about 0.4 s,
 * planning takes a few requests, and executing the test's plan takes about
 * 3 s, so kills fall in planning and in execution, and the work left shrinks
 * until a process finishes before its kill.
 */
export const CRASH_KILL_DELAY = { minMs: 300, maxMs: 1_500 } as const;

/** Longer than LATENCY_MS + LATENCY_JITTER_MS: a request left by a kill has ended. */
export const CRASH_SETTLE_MS = 150;

/** Requests per second and in flight at once: fast enough for many kills per round. */
const RATE = 200;
const CONCURRENCY = 8;

/** Flags of every apply and resume of the campaign. */
export const crashRunFlags = (): string[] => [
  '--rate',
  String(RATE),
  '--concurrency',
  String(CONCURRENCY),
];
