/**
 * Durations and rates as short text for the progress display and the run
 * views. Exports: `formatDurationMs`, `formatRate`.
 */

const SECOND_MS = 1_000;
const MINUTE_S = 60;
const HOUR_S = 3_600;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * `7s`, `4m05s`, `2h03m`: whole seconds, rounded. Past an hour the seconds are
 * dropped, as they no longer help anyone decide anything.
 */
export function formatDurationMs(durationMs: number): string {
  const seconds = Math.max(0, Math.round(durationMs / SECOND_MS));
  if (seconds < MINUTE_S) return `${seconds}s`;
  if (seconds < HOUR_S) {
    return `${Math.floor(seconds / MINUTE_S)}m${pad2(seconds % MINUTE_S)}s`;
  }
  const minutes = Math.floor((seconds % HOUR_S) / MINUTE_S);
  return `${Math.floor(seconds / HOUR_S)}h${pad2(minutes)}m`;
}

/** `12.5 req/s`; `-- req/s` while the rate is not known yet. */
export function formatRate(requestsPerSecond: number | null): string {
  return requestsPerSecond === null
    ? '-- req/s'
    : `${requestsPerSecond.toFixed(1)} req/s`;
}
