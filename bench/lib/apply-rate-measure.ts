/**
 * Figures of one rate-limited apply, from the emulator's request log: the
 * request window, the achieved rate of accepted requests, the 429s and, for
 * `--rate auto`, when the rate first reached a share of the limit.
 * Exports: `LoggedRequest`, `RateFigures`, `readRequestLog`, `rateFigures`,
 * `secondsToReach`.
 */
import type { RequestLogEntry } from '../../src/emulator/index.js';

/** The control endpoint's largest page. */
const PAGE = 1_000;
const MS_PER_SECOND = 1000;
/** Trailing window over which a rate counts as reached: single requests do not count. */
const REACH_WINDOW_MS = 2_000;

/** What the figures need of a logged request. */
export interface LoggedRequest {
  atMs: number;
  method: string;
  status: RequestLogEntry['status'];
}

type Control = (method: string, path: string) => Promise<unknown>;

/** Every API request the emulator logged, oldest first (paged through `since`). */
export async function readRequestLog(control: Control): Promise<LoggedRequest[]> {
  const entries: LoggedRequest[] = [];
  let since = 0;
  for (;;) {
    const page = (await control('GET', `/requests?since=${since}&limit=${PAGE}`)) as {
      requests: RequestLogEntry[];
    };
    for (const entry of page.requests) {
      entries.push({
        atMs: Date.parse(entry.time),
        method: entry.method,
        status: entry.status,
      });
      since = entry.seq;
    }
    if (page.requests.length < PAGE) return entries;
  }
}

export interface RateFigures {
  requests: number;
  accepted: number;
  rateLimited: number;
  writes: number;
  /** First to last request, in seconds. */
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

/** The figures of a run's requests against `limit` requests per second. */
export function rateFigures(
  requests: readonly LoggedRequest[],
  limit: number,
  reachShare: number,
): RateFigures {
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
    writes: requests.filter((r) => r.method !== 'GET').length,
    windowSeconds,
    acceptedPerSecond,
    shareOfLimit: acceptedPerSecond / limit,
    secondsTo85Percent: reached,
    shareAfterReaching: afterSeconds > 0 ? after.length / afterSeconds / limit : null,
  };
}
