/**
 * The recent rates behind the progress display: requests per second achieved
 * and operations finished per second, over a sliding window rather than since
 * the start, so that a slow start or a long 429 pause stops weighing on the
 * figures once it is over. Exports: `RecentWindow`, `etaSeconds`, `RATE_WINDOW_MS`.
 */

/** How far back the rates look. */
export const RATE_WINDOW_MS = 10_000;
/**
 * Samples closer together than this are merged into the newest one, which
 * bounds the window to about 40 samples however often `add` is called.
 */
const SAMPLE_SPACING_MS = 250;
/** Below this span a rate is noise, and is reported as unknown. */
const MIN_SPAN_MS = 1_000;

/** Cumulative counts at one moment. */
export interface RateSample {
  /** Clock reading, in ms. */
  at: number;
  requests: number;
  done: number;
}

export interface RecentRates {
  /** Requests per second; null until the window spans `MIN_SPAN_MS`. */
  requestsPerSecond: number | null;
  /** Operations finished per second; null until the window spans `MIN_SPAN_MS`. */
  operationsPerSecond: number | null;
}

/** A sliding window of cumulative counts. */
export class RecentWindow {
  readonly #samples: RateSample[] = [];

  /** Records the counts at `sample.at`; times must not go backwards. */
  add(sample: RateSample): void {
    const samples = this.#samples;
    const last = samples.at(-1);
    const before = samples.at(-2);
    if (
      last !== undefined &&
      before !== undefined &&
      last.at - before.at < SAMPLE_SPACING_MS
    ) {
      samples[samples.length - 1] = sample;
    } else {
      samples.push(sample);
    }
    // Keep the newest sample at or before the window's start, so that the
    // window is covered whole rather than from its first sample inside.
    while (samples.length > 2 && samples[1]!.at <= sample.at - RATE_WINDOW_MS) {
      samples.shift();
    }
  }

  /** Samples kept: at most about `RATE_WINDOW_MS / SAMPLE_SPACING_MS + 2`. */
  get size(): number {
    return this.#samples.length;
  }

  /** The rates between the oldest and the newest sample kept. */
  rates(): RecentRates {
    const oldest = this.#samples[0];
    const newest = this.#samples.at(-1);
    if (oldest === undefined || newest === undefined) return UNKNOWN;
    const spanMs = newest.at - oldest.at;
    if (spanMs < MIN_SPAN_MS) return UNKNOWN;
    const perSecond = (delta: number): number => (delta * 1_000) / spanMs;
    return {
      requestsPerSecond: perSecond(newest.requests - oldest.requests),
      operationsPerSecond: perSecond(newest.done - oldest.done),
    };
  }
}

const UNKNOWN: RecentRates = { requestsPerSecond: null, operationsPerSecond: null };

/**
 * Seconds until `total` at the recent rate of finished operations, rounded up;
 * 0 when all are done; null while no operation finished in the window (at the
 * start, or while every request is held by a 429).
 */
export function etaSeconds(
  done: number,
  total: number,
  operationsPerSecond: number | null,
): number | null {
  if (done >= total) return 0;
  if (operationsPerSecond === null || operationsPerSecond <= 0) return null;
  return Math.ceil((total - done) / operationsPerSecond);
}
