/**
 * Progress on a terminal: one cli-progress bar line on standard error with
 * done/total, percentage, the achieved request rate, the ETA, the failures and
 * the time held by 429s. `stop` leaves the final state as a plain line.
 */
import cliProgress from 'cli-progress';
import { setStatusLine } from '../log/status-line.js';
import type { ProgressDisplay, ProgressSnapshot } from './progress.js';
import { formatDurationMs, formatRate } from './progress-format.js';
import { etaSeconds, RecentWindow } from './progress-rate.js';

/** Redraws per second: enough to look alive, few enough to cost nothing. */
const REDRAWS_PER_SECOND = 5;
const REDRAW_MS = 1_000 / REDRAWS_PER_SECOND;
/** Leaves room for the figures on an 80-column terminal. */
const BAR_WIDTH = 14;

/** The tokens besides cli-progress's own `bar` and `percentage`. */
interface BarPayload {
  done: string;
  all: string;
  speed: string;
  timing: string;
  failures: string;
  held: string;
}

const BAR_FORMAT =
  '{bar} {done}/{all} {percentage}% | {speed} | {timing} | {failures} | {held}';

const figure = (n: number): string => n.toLocaleString('en-US');

function countsOf(snapshot: ProgressSnapshot): Omit<BarPayload, 'speed' | 'timing'> {
  return {
    done: figure(snapshot.done),
    all: figure(snapshot.total),
    failures: `${figure(snapshot.failed)} failed`,
    held: `429 wait ${formatDurationMs(snapshot.rateLimitWaitMs)}`,
  };
}

function livePayload(snapshot: ProgressSnapshot, window: RecentWindow): BarPayload {
  const { requestsPerSecond, operationsPerSecond } = window.rates();
  const eta = etaSeconds(snapshot.done, snapshot.total, operationsPerSecond);
  return {
    ...countsOf(snapshot),
    speed: formatRate(requestsPerSecond),
    timing: `ETA ${eta === null ? '--' : formatDurationMs(eta * 1_000)}`,
  };
}

/** At the end the ETA gives way to the time taken, and the rate to the run's average. */
function finalPayload(final: ProgressSnapshot): BarPayload {
  const seconds = final.elapsedMs / 1_000;
  return {
    ...countsOf(final),
    speed: `${formatRate(seconds > 0 ? final.requests / seconds : null)} avg`,
    timing: `took ${formatDurationMs(final.elapsedMs)}`,
  };
}

function newBar(stream: NodeJS.WritableStream): cliProgress.SingleBar {
  return new cliProgress.SingleBar({
    stream,
    format: BAR_FORMAT,
    barsize: BAR_WIDTH,
    barCompleteChar: '\u2588',
    barIncompleteChar: '\u2591',
    fps: REDRAWS_PER_SECOND,
    // Draw on the redraw timer only, so that `update` never writes: an
    // executor finishing thousands of operations a second calls it that often.
    synchronousUpdate: false,
    // The caller decided this is a terminal; without this, cli-progress would
    // draw nothing on a stream it does not see as one.
    noTTYOutput: true,
    notTTYSchedule: REDRAW_MS,
    // Line wrapping stays on and the cursor visible: both are terminal-wide
    // settings that a killed process could not restore.
    linewrap: true,
    hideCursor: false,
    // Signals belong to the run (graceful stop), not to the bar.
    gracefulExit: false,
  });
}

/** The bar display; the bar starts with the first snapshot. */
export function createProgressBar(
  stream: NodeJS.WritableStream,
  now: () => number,
): ProgressDisplay {
  const bar = newBar(stream);
  const window = new RecentWindow();
  let started = false;
  let stopped = false;
  const show = (snapshot: ProgressSnapshot, payload: BarPayload): void => {
    if (!started) {
      started = true;
      setStatusLine(stream);
      bar.start(snapshot.total, snapshot.done, payload);
      return;
    }
    bar.setTotal(snapshot.total);
    bar.update(snapshot.done, payload);
  };
  return {
    update(snapshot) {
      if (stopped || snapshot.total === 0) return;
      window.add({ at: now(), requests: snapshot.requests, done: snapshot.done });
      show(snapshot, livePayload(snapshot, window));
    },
    stop(final) {
      if (stopped) return;
      stopped = true;
      // A run with nothing to do (the quiet nightly case) draws no bar at all.
      if (!started && final.total === 0) return;
      show(final, finalPayload(final));
      // Draws the final state, clears the redraw timer and ends the line.
      bar.stop();
      setStatusLine(null);
    },
  };
}
