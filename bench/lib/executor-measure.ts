/**
 * Rate figures of one apply from the emulator's request log: the request
 * window, the achieved rate of accepted requests, the 429s and, for `--rate
 * auto`, when the rate first reached a share of the limit.
 * Exports: `RateFigures`, `rateFigures`, `executorWindow`, `secondsToReach`.
 */
import type { LoggedRequest } from './executor-request-log.js';
import { isWrite } from './executor-request-log.js';

const MS_PER_SECOND = 1000;
/** Trailing window over which a rate counts as reached: single requests do not count. */
const REACH_WINDOW_MS = 2_000;

export interface RateFigures {
  requests: number;
  accepted: number;
  rateLimited: number;
  writes: number;
  /** The executor's first to last request, in seconds. */
  windowSeconds: number;
  /** Accepted requests per second over the window. */
  acceptedPerSecond: number;
  shareOfLimit: number;
  /** Seconds from the first request until the trailing 2 s rate reached 85% of the limit. */
  secondsTo85Percent: number | null;
  /** The share of the limit achieved from that point to the end. */
  shareAfterReaching: number | null;
}

/**
 * The first time (seconds after `startMs`) at which the accepted requests of
 * the trailing REACH_WINDOW_MS came to `perSecond` or more; null if never. It
 * is the window's end: the rate was measured over the 2 s before it.
 */
export function secondsToReach(
  acceptedAtMs: readonly number[],
  startMs: number,
  perSecond: number,
): number | null {
  const needed = Math.ceil((perSecond * REACH_WINDOW_MS) / MS_PER_SECOND);
  for (let i = needed - 1; i < acceptedAtMs.length; i += 1) {
    const end = acceptedAtMs[i] ?? 0;
    const start = acceptedAtMs[i - needed + 1] ?? 0;
    if (end - start < REACH_WINDOW_MS) {
      return (end - startMs) / MS_PER_SECOND;
    }
  }
  return null;
}

/**
 * The requests the executor sent: from the run's first write to its last, so
 * that the plan's read before the run and the read of new numbers after it
 * do not count against the rate. Lookups in between do count.
 */
export function executorWindow(requests: readonly LoggedRequest[]): LoggedRequest[] {
  const first = requests.findIndex(isWrite);
  const last = requests.findLastIndex(isWrite);
  return first === -1 ? [] : requests.slice(first, last + 1);
}

/** The figures of the executor's requests (see `executorWindow`) against `limit`/s. */
export function rateFigures(
  all: readonly LoggedRequest[],
  limit: number,
  reachShare: number,
): RateFigures {
  const requests = executorWindow(all);
  const accepted = requests.filter((r) => r.status !== 429).map((r) => r.atMs);
  const first = requests[0]?.atMs ?? 0;
  const last = requests.at(-1)?.atMs ?? first;
  const windowSeconds = (last - first) / MS_PER_SECOND;
  const acceptedPerSecond = windowSeconds > 0 ? accepted.length / windowSeconds : 0;
  const reached = secondsToReach(accepted, first, limit * reachShare);
  const reachedAt = reached === null ? null : first + reached * MS_PER_SECOND;
  const after = reachedAt === null ? [] : accepted.filter((at) => at >= reachedAt);
  const afterSeconds = reachedAt === null ? 0 : (last - reachedAt) / MS_PER_SECOND;
  return {
    requests: requests.length,
    accepted: accepted.length,
    rateLimited: requests.length - accepted.length,
    writes: requests.filter(isWrite).length,
    windowSeconds,
    acceptedPerSecond,
    shareOfLimit: acceptedPerSecond / limit,
    secondsTo85Percent: reached,
    shareAfterReaching: afterSeconds > 0 ? after.length / afterSeconds / limit : null,
  };
}
