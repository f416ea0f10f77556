/**
 * Order statistics of a list of durations, shared by the executor and
 * checkpoint benches. Exports: `Spread`, `percentile`, `spreadOf`, `round3`, `sum`.
 */

/** The usual figures of a list of milliseconds; all null for an empty list. */
export interface Spread {
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
  total: number;
}

const MICROSECONDS_PER_MS = 1000;

/**
 * The nearest-rank percentile of `sorted` (ascending): the smallest value
 * with at least `p`% of the values at or below it; null when empty.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? null;
}

/** p50, p99, max, mean and total of `values`, rounded to the microsecond. */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  const roundOrNull = (value: number | null): number | null =>
    value === null ? null : round3(value);
  return {
    count: sorted.length,
    p50: roundOrNull(percentile(sorted, 50)),
    p99: roundOrNull(percentile(sorted, 99)),
    max: roundOrNull(sorted.at(-1) ?? null),
    mean: sorted.length === 0 ? null : round3(total / sorted.length),
    total: round3(total),
  };
}

/** Three decimals: a microsecond for a figure in milliseconds. */
export function round3(value: number): number {
  return Math.round(value * MICROSECONDS_PER_MS) / MICROSECONDS_PER_MS;
}

/** The total of `values`. */
export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
