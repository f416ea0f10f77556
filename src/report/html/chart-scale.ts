/** Scales and ticks of the charts: round steps a person can read at a glance. */

/** Ticks an axis aims for; the actual count is between about half and twice this. */
export const TARGET_TICKS = 5;

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
/** Steps of a time axis, from a second to a day. */
const TIME_STEPS_MS = [1, 2, 5, 10, 15, 30]
  .map((seconds) => seconds * MS_PER_SECOND)
  .concat([1, 2, 5, 10, 15, 30].map((minutes) => minutes * MS_PER_MINUTE))
  .concat([1, 2, 3, 6, 12, 24].map((hours) => hours * MS_PER_HOUR));

/** 1, 2 or 5 times a power of ten, the smallest at least `rough`. */
export function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  if (fraction <= 1) return power;
  if (fraction <= 2) return 2 * power;
  if (fraction <= 5) return 5 * power;
  return 10 * power;
}

/** Floating-point noise off a tick (0.30000000000000004 → 0.3). */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * Ticks from 0 to at least `max`; whole numbers only when `integer` (counts).
 * An empty axis (`max` 0) still gets a scale of 0 to 1.
 */
export function valueTicks(max: number, integer: boolean): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = niceStep(max / TARGET_TICKS);
  const step = integer ? Math.max(1, rough) : rough;
  const steps = Math.ceil(clean(max / step));
  return Array.from({ length: steps + 1 }, (_, index) => clean(index * step));
}

/** Ticks of elapsed time from 0 to `spanMs`, at a step from `TIME_STEPS_MS`. */
export function timeTicks(spanMs: number): number[] {
  const step =
    TIME_STEPS_MS.find((candidate) => spanMs / candidate <= TARGET_TICKS + 1) ??
    niceStep(spanMs / TARGET_TICKS / MS_PER_HOUR) * MS_PER_HOUR;
  const count = Math.floor(spanMs / step);
  return Array.from({ length: count + 1 }, (_, index) => index * step);
}

/** `0s`, `45s`, `2m`, `1m 30s`, `1h`, `2h 15m`: elapsed time on an axis. */
export function formatElapsed(ms: number): string {
  const seconds = Math.round(ms / MS_PER_SECOND);
  if (seconds < 60) return `${seconds}s`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return minutes === 0 ? `${hours}h` : `${hours}h ${minutes}m`;
  return rest === 0 ? `${minutes}m` : `${minutes}m ${rest}s`;
}

/** Maps `[0, domainMax]` onto `[from, to]` linearly; a zero domain maps to `from`. */
export function linearScale(domainMax: number, from: number, to: number) {
  return (value: number): number =>
    domainMax > 0 ? from + (value / domainMax) * (to - from) : from;
}

/** A coordinate rounded to a tenth of a unit, which keeps the SVG small. */
export function px(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The bucket width used when the model gives none that is positive. */
export const DEFAULT_BUCKET_MS = 1000;

/** A bucket width to divide by: `DEFAULT_BUCKET_MS` unless the model's is positive. */
export function bucketWidthMs(bucketMs: number): number {
  return Number.isFinite(bucketMs) && bucketMs > 0 ? bucketMs : DEFAULT_BUCKET_MS;
}

/**
 * The largest of `values`, `-Infinity` for none. A loop rather than
 * `Math.max(...values)`, which overflows the stack on a very long run.
 */
export function maxOf(values: readonly number[]): number {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  return max;
}

/** The smallest of `values`, `Infinity` for none. */
export function minOf(values: readonly number[]): number {
  return -maxOf(values.map((value) => -value));
}
