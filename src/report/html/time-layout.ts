/**
 * What the two charts over time share: buckets of equal width laid along the
 * time axis of `TIME_PLOT`, a value axis from zero to a rounded peak, and a bar
 * filling a bucket but for a small gap.
 */
import { horizontalScale, TIME_PLOT, verticalScale } from './chart-frame.js';
import { px, valueTicks } from './chart-scale.js';
import { markup, type SafeHtml } from './safe-html.js';

/** Room between two bars, at most this share of a bucket's width. */
const BAR_GAP_SHARE = 0.2;
/** The thinnest bar drawn, so that a bucket of a very long run stays visible. */
const MIN_BAR_WIDTH = 0.5;

export interface TimeLayout {
  /** Where the first bucket starts, epoch ms. */
  startMs: number;
  bucketMs: number;
  /** Ms since `startMs` to an x coordinate. */
  x: (ms: number) => number;
  y: (value: number) => number;
}

/**
 * The layout of buckets sorted by `atMs`, with a value axis up to `peak`
 * (`whole`: ticks on whole numbers); also the time spanned and the ticks.
 */
export function timeLayout(
  sorted: readonly { atMs: number }[],
  bucketMs: number,
  peak: number,
  whole: boolean,
): { layout: TimeLayout; spanMs: number; yTicks: number[] } {
  const startMs = sorted[0]?.atMs ?? 0;
  const spanMs = (sorted.at(-1)?.atMs ?? startMs) - startMs + bucketMs;
  const yTicks = valueTicks(peak, whole);
  const layout: TimeLayout = {
    startMs,
    bucketMs,
    x: horizontalScale(TIME_PLOT, spanMs),
    y: verticalScale(TIME_PLOT, yTicks.at(-1) ?? 1),
  };
  return { layout, spanMs, yTicks };
}

/** The x coordinates of the bucket that starts at `atMs`. */
export function bucketSpan(
  atMs: number,
  layout: TimeLayout,
): { left: number; right: number } {
  const offset = atMs - layout.startMs;
  return { left: layout.x(offset), right: layout.x(offset + layout.bucketMs) };
}

/** A bar over a bucket's span from `top` to `bottom`, less a gap of at most `maxGap`. */
export function bucketBar(
  className: string,
  span: { left: number; right: number },
  top: number,
  bottom: number,
  maxGap: number,
): SafeHtml {
  const width = span.right - span.left;
  const gap = Math.min(maxGap, width * BAR_GAP_SHARE);
  return markup`<rect class="${className}" x="${px(span.left + gap / 2)}" y="${px(top)}" width="${px(Math.max(width - gap, MIN_BAR_WIDTH))}" height="${px(bottom - top)}"/>`;
}
