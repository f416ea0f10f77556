/**
 * "Memory stays flat", stated so that it can be checked: once the executor
 * is running, the heap in use after a full collection at 90% of the
 * operations is within MAX_GROWTH_MIB of the same at 10%. The whole plan is
 * loaded before the first operation starts, so what it costs is already in
 * the 10% figure; what can still grow between 10% and 90% is what the run
 * keeps per finished operation.
 *
 * Why not RSS: in the 10,000-customer run, RSS moved between 240 and 480 MiB
 * while the executor ran, up and down, with no trend: V8 lets garbage pile
 * up before it collects, more so on a busy machine. The RSS figures are
 * kept (at 10%, 50%, 90%, the peak), but a bound on them would either fail
 * at random or be too loose to catch a leak.
 * Exports: `MemoryFigures`, `memoryFigures`, `MAX_GROWTH_MIB`, `BAND`.
 */
import type { FullCollection } from './load-gc.js';
import type { MemorySample } from './load-sampler.js';

/**
 * Why 32 MiB. What the executor rightly keeps per finished operation is one
 * entry of its results map (src/execute/executor.ts): the operation's id (a
 * string of about 40 characters), a Map slot and a result object of one or
 * two numbers, about 250 bytes. Over the 80% of 50,000 operations between the
 * two points that is 40,000 × 250 B ≈ 10 MiB. A full collection that ran
 * while the program allocated leaves some garbage it marked live (floating
 * garbage): the lowest of the collections near a point is taken, and 22 MiB
 * more is left for it. What the criterion exists to catch costs more:
 * keeping each operation's request or answer (1 to 2 KB of JSON and its
 * objects), its log line or its timing record would add 40,000 × 1.5 KB ≈
 * 57 MiB or more, and the bound refuses it.
 */
export const MAX_GROWTH_MIB = 32;

/**
 * A figure "at p%" comes from what was seen within ±BAND of p% of the
 * operations (or the nearest when nothing was): for RSS the highest sample
 * (the top of the sawtooth there), for the heap the lowest collection (the
 * one with the least floating garbage).
 */
export const BAND = 0.05;

export interface MemoryFigures {
  /** RSS in MiB at 10%, 50% and 90% of the operations (executor running). */
  rss10: number;
  rss50: number;
  rss90: number;
  rssGrowth: number;
  /** Heap after a full collection, in MiB, at 10%, 50% and 90%; null without one. */
  heap10: number | null;
  heap50: number | null;
  heap90: number | null;
  /** heap90 - heap10; null when a point had no collection while executing. */
  heapGrowth: number | null;
  /** Full collections while the executor ran. */
  collections: number;
  /** The highest RSS sample and the phase it was taken in. */
  highestSample: number;
  highestPhase: string;
  samples: number;
}

interface Point {
  done: number;
  value: number;
}

/** The value at `share` of `total`: `pick` of the band, or the nearest point. */
function valueAt(
  points: readonly Point[],
  share: number,
  total: number,
  pick: (values: number[]) => number,
): number | null {
  const target = share * total;
  const inBand = points.filter((point) => Math.abs(point.done - target) <= BAND * total);
  if (inBand.length > 0) return pick(inBand.map((point) => point.value));
  const nearest = [...points].sort(
    (a, b) => Math.abs(a.done - target) - Math.abs(b.done - target),
  )[0];
  return nearest?.value ?? null;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
const round1OrNull = (value: number | null): number | null =>
  value === null ? null : round1(value);

function atShares(
  points: readonly Point[],
  total: number,
  pick: (v: number[]) => number,
) {
  return [0.1, 0.5, 0.9].map((share) => valueAt(points, share, total, pick));
}

/** The figures of one run; `total` is the run's operation count. */
export function memoryFigures(
  samples: readonly MemorySample[],
  collections: readonly FullCollection[],
  total: number,
): MemoryFigures {
  const rss = samples
    .filter((sample) => sample.phase === 'executing')
    .map((sample) => ({ done: sample.done, value: sample.rssMiB }));
  const [rss10 = 0, rss50 = 0, rss90 = 0] = atShares(rss, total, (v) => Math.max(...v));
  const heap = collections
    .filter((collection) => collection.phase === 'executing')
    .map((collection) => ({ done: collection.done, value: collection.heapMiB }));
  const [heap10 = null, heap50 = null, heap90 = null] = atShares(heap, total, (v) =>
    Math.min(...v),
  );
  const highest = samples.reduce<MemorySample | undefined>(
    (top, sample) => (top === undefined || sample.rssMiB > top.rssMiB ? sample : top),
    undefined,
  );
  return {
    rss10: round1(rss10 ?? 0),
    rss50: round1(rss50 ?? 0),
    rss90: round1(rss90 ?? 0),
    rssGrowth: round1((rss90 ?? 0) - (rss10 ?? 0)),
    heap10: round1OrNull(heap10),
    heap50: round1OrNull(heap50),
    heap90: round1OrNull(heap90),
    heapGrowth: heap10 === null || heap90 === null ? null : round1(heap90 - heap10),
    collections: heap.length,
    highestSample: round1(highest?.rssMiB ?? 0),
    highestPhase: highest?.phase ?? 'none',
    samples: samples.length,
  };
}
