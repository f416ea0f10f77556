/**
 * Turns the request gate's running totals into requests per second for the
 * report's rate chart: every interval the totals are read and what changed
 * since the last read becomes one `TrafficSample`. Exports:
 * `TRAFFIC_INTERVAL_MS`, `TrafficSamplerOptions`, `TrafficSampler`,
 * `startTrafficSampler`.
 */
import type { TrafficSample } from '../report/report-types.js';
import type { GateStats, RequestGate } from './types.js';

/** How often the gate's totals are read: the chart has one point per second. */
export const TRAFFIC_INTERVAL_MS = 1_000;

/** Samples are stamped with the start of a second. */
const SECOND_MS = 1_000;

export interface TrafficSamplerOptions {
  gate: Pick<RequestGate, 'stats'>;
  /** Clock in epoch ms; it must advance with the timers (fake timers do). */
  now: () => number;
  /**
   * Receives each sample as it is taken. It must not throw: it runs in a timer,
   * where an exception would end the process.
   */
  sink: (samples: TrafficSample[]) => void;
  /** Default `TRAFFIC_INTERVAL_MS`. */
  intervalMs?: number;
}

export interface TrafficSampler {
  /** Emits what changed since the last sample, then stops; later calls do nothing. */
  stop(): void;
}

/** The gate's totals at one moment; held ms rounded, so that deltas add up to the total. */
type Reading = TrafficSample;

function readingOf(stats: GateStats, atMs: number): Reading {
  return {
    atMs,
    requests: stats.requests,
    rateLimited: stats.rateLimited,
    heldMs: Math.round(stats.rateLimitWaitMs),
    pacedRate: stats.currentRate,
  };
}

/**
 * What happened between two readings, stamped with the start of the second in
 * which the interval began (a stamp at the end would credit a second's requests
 * to the next one). Undefined when nothing was sent, answered with 429 or held.
 */
function deltaOf(previous: Reading, next: Reading): TrafficSample | undefined {
  const requests = next.requests - previous.requests;
  const rateLimited = next.rateLimited - previous.rateLimited;
  // The gate's held time only grows; the guard keeps a sample valid if it did not.
  const heldMs = Math.max(0, next.heldMs - previous.heldMs);
  if (requests === 0 && rateLimited === 0 && heldMs === 0) return undefined;
  return {
    atMs: Math.floor(previous.atMs / SECOND_MS) * SECOND_MS,
    requests,
    rateLimited,
    heldMs,
    pacedRate: next.pacedRate,
  };
}

/**
 * Reads the gate's totals every `intervalMs` and hands the change to `sink` as
 * one sample. The timer is unref'd: it never keeps the process alive, and
 * `stop` clears it after a last, partial sample.
 */
export function startTrafficSampler(options: TrafficSamplerOptions): TrafficSampler {
  const { gate, now, sink, intervalMs = TRAFFIC_INTERVAL_MS } = options;
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 1) {
    throw new RangeError(`intervalMs must be an integer >= 1, got ${intervalMs}`);
  }
  let last = readingOf(gate.stats(), now());
  const take = (): void => {
    const next = readingOf(gate.stats(), now());
    const sample = deltaOf(last, next);
    last = next;
    if (sample !== undefined) sink([sample]);
  };
  const timer = setInterval(take, intervalMs);
  timer.unref();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      take();
    },
  };
}
