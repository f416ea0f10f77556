/**
 * Progress off a terminal: an info line at most every `intervalMs`, and one
 * when the run stops. Cron logs want the heartbeat even when nothing moved, so
 * a quiet interval still gets its line.
 */
import type { Logger } from '../log/logger.js';
import type { ProgressDisplay, ProgressSnapshot } from './progress.js';
import { formatDurationMs } from './progress-format.js';
import { etaSeconds, RecentWindow } from './progress-rate.js';

/** Rates are logged with one decimal. */
const roundRate = (rate: number): number => Math.round(rate * 10) / 10;

/**
 * Heartbeat fields: `done`, `total`, `failed`, `rate` (requests per second
 * over the recent window; null until known), `etaSeconds` (null until known),
 * `waitMs` (time held by 429s so far).
 */
function heartbeatFields(snapshot: ProgressSnapshot, window: RecentWindow) {
  const { requestsPerSecond, operationsPerSecond } = window.rates();
  return {
    done: snapshot.done,
    total: snapshot.total,
    failed: snapshot.failed,
    rate: requestsPerSecond === null ? null : roundRate(requestsPerSecond),
    etaSeconds: etaSeconds(snapshot.done, snapshot.total, operationsPerSecond),
    waitMs: snapshot.rateLimitWaitMs,
  };
}

/**
 * Final fields: every count of the snapshot, `rate` as the average over the
 * whole run, `waitMs` and `elapsedMs`.
 */
function finalFields(final: ProgressSnapshot) {
  const seconds = final.elapsedMs / 1_000;
  return {
    done: final.done,
    total: final.total,
    succeeded: final.succeeded,
    adopted: final.adopted,
    failed: final.failed,
    skipped: final.skipped,
    requests: final.requests,
    rate: seconds > 0 ? roundRate(final.requests / seconds) : null,
    rateLimited: final.rateLimited,
    waitMs: final.rateLimitWaitMs,
    elapsedMs: final.elapsedMs,
  };
}

const ofTotal = (s: ProgressSnapshot): string =>
  `${s.done.toLocaleString('en-US')} of ${s.total.toLocaleString('en-US')} operations done`;

/** The log-line display; the first line comes `intervalMs` after creation. */
export function createProgressLog(
  logger: Logger,
  intervalMs: number,
  now: () => number,
): ProgressDisplay {
  const window = new RecentWindow();
  let lastLineAt = now();
  let stopped = false;
  return {
    update(snapshot) {
      if (stopped) return;
      const at = now();
      window.add({ at, requests: snapshot.requests, done: snapshot.done });
      if (at - lastLineAt < intervalMs) return;
      lastLineAt = at;
      logger.info(`progress: ${ofTotal(snapshot)}`, heartbeatFields(snapshot, window));
    },
    stop(final) {
      if (stopped) return;
      stopped = true;
      const took = formatDurationMs(final.elapsedMs);
      logger.info(
        `progress at the end: ${ofTotal(final)} in ${took}`,
        finalFields(final),
      );
    },
  };
}
