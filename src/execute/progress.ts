/**
 * How a run shows its progress: a bar on a terminal, a heartbeat log line
 * otherwise (cron). The executor pushes snapshots; the display decides when
 * to draw. Exports: `createProgressDisplay`, `ProgressSnapshot`,
 * `ProgressDisplay`, `ProgressDisplayOptions`, `DEFAULT_PROGRESS_INTERVAL_MS`.
 */
import type { Logger } from '../log/logger.js';
import { createProgressBar } from './progress-bar.js';
import { createProgressLog } from './progress-log.js';

/** The counts of a run at one moment; every count is cumulative. */
export interface ProgressSnapshot {
  /** Operations finished (any final status). */
  done: number;
  /** Operations in the run. */
  total: number;
  succeeded: number;
  adopted: number;
  failed: number;
  skipped: number;
  /** HTTP requests sent so far. */
  requests: number;
  /** The rate the request gate paces at now, in requests per second. */
  currentRate: number;
  /** 429 answers so far. */
  rateLimited: number;
  /** Time every request was held because of 429s. */
  rateLimitWaitMs: number;
  elapsedMs: number;
}

/**
 * `update` is cheap and may be called after every finished operation; the
 * display draws at its own pace. Call it on a timer too (every second, say)
 * so that the heartbeat goes on while every request waits on a 429.
 */
export interface ProgressDisplay {
  update(snapshot: ProgressSnapshot): void;
  /** Draws the final state and releases the terminal; later calls do nothing. */
  stop(final: ProgressSnapshot): void;
}

export interface ProgressDisplayOptions {
  /** A progress bar when true (a terminal), log lines otherwise. */
  tty: boolean;
  /** Where the bar goes: standard error in the CLI, never standard output. */
  stream: NodeJS.WritableStream;
  /** Receives the log lines when `tty` is false. */
  logger: Logger;
  /** Off a terminal: the least time between two log lines, in ms. */
  intervalMs?: number;
  /** The clock, in ms; `Date.now` by default. */
  now?: () => number;
}

/** Off a terminal, a progress line every 5 seconds. */
export const DEFAULT_PROGRESS_INTERVAL_MS = 5_000;

/** The display for a run; `stop` it in a `finally`, or a terminal keeps a redraw timer. */
export function createProgressDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  const now = options.now ?? Date.now;
  if (options.tty) return createProgressBar(options.stream, now);
  const intervalMs = options.intervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  return createProgressLog(options.logger, intervalMs, now);
}
