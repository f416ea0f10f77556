/**
 * Request rate against the paced rate: a bar per bucket for the requests sent
 * (per second), a step line for the rate the gate paced at, a red veil over the
 * share of a bucket during which every request was held by a 429, and a marker
 * over each bucket that got 429 answers.
 */
import type { TrafficSample } from '../report-types.js';
import {
  bottomAxis,
  chartFigure,
  CHART_HEIGHT,
  horizontalScale,
  legend,
  TIME_PLOT,
  valueAxis,
  verticalScale,
} from './chart-frame.js';
import {
  bucketWidthMs,
  formatElapsed,
  maxOf,
  px,
  timeTicks,
  valueTicks,
} from './chart-scale.js';
import { formatCount, formatDuration, formatEpoch, formatRate } from './format.js';
import { markup, type SafeHtml } from './safe-html.js';
import { emptyNote } from './table.js';
import { requestRate, trafficCaption, trafficTable } from './traffic-text.js';

/** Half the width of a 429 marker, and its height. */
const MARK_HALF_WIDTH = 4;
const MARK_HEIGHT = 7;
/** Room between a bar's top and the 429 marker over it. */
const MARK_LIFT = 2;
const BAR_GAP_SHARE = 0.2;
const MAX_BAR_GAP = 1;
const MIN_BAR_WIDTH = 0.5;

interface Layout {
  startMs: number;
  bucketMs: number;
  x: (ms: number) => number;
  y: (value: number) => number;
}

function span(sample: TrafficSample, layout: Layout): { left: number; right: number } {
  const offset = sample.atMs - layout.startMs;
  return { left: layout.x(offset), right: layout.x(offset + layout.bucketMs) };
}

function sampleTitle(sample: TrafficSample, layout: Layout): string {
  const at = formatElapsed(sample.atMs - layout.startMs);
  const rate = formatRate(requestRate(sample, layout.bucketMs));
  const paced = formatRate(sample.pacedRate);
  return `${at}: ${formatCount(sample.requests)} requests (${rate}/s), paced at ${paced}/s, ${formatCount(sample.rateLimited)} × 429, held ${formatDuration(sample.heldMs)}`;
}

/** The share of the bucket every request was held, drawn from the bucket's start. */
function heldBand(sample: TrafficSample, layout: Layout): SafeHtml | null {
  if (sample.heldMs <= 0) return null;
  const { left, right } = span(sample, layout);
  const share = Math.min(sample.heldMs, layout.bucketMs) / layout.bucketMs;
  return markup`<rect class="held" x="${px(left)}" y="${TIME_PLOT.top}" width="${px((right - left) * share)}" height="${TIME_PLOT.bottom - TIME_PLOT.top}"/>`;
}

function limitMark(sample: TrafficSample, layout: Layout, top: number): SafeHtml | null {
  if (sample.rateLimited <= 0) return null;
  const { left, right } = span(sample, layout);
  const x = px((left + right) / 2 - MARK_HALF_WIDTH);
  const y = px(top - MARK_HEIGHT - MARK_LIFT);
  return markup`<path class="limited" d="M${x} ${y}h${MARK_HALF_WIDTH * 2}l-${MARK_HALF_WIDTH} ${MARK_HEIGHT}z"/>`;
}

function sampleMarks(sample: TrafficSample, layout: Layout): SafeHtml {
  const { left, right } = span(sample, layout);
  const width = right - left;
  const gap = Math.min(MAX_BAR_GAP, width * BAR_GAP_SHARE);
  const top = layout.y(requestRate(sample, layout.bucketMs));
  const bar = markup`<rect class="req" x="${px(left + gap / 2)}" y="${px(top)}" width="${px(Math.max(width - gap, MIN_BAR_WIDTH))}" height="${px(TIME_PLOT.bottom - top)}"/>`;
  return markup`<g class="sample"><title>${sampleTitle(sample, layout)}</title>${bar}${heldBand(sample, layout)}${limitMark(sample, layout, top)}</g>`;
}

/** The paced rate as steps; a gap between samples (no requests) or an unpaced one breaks the line. */
function pacedPath(samples: readonly TrafficSample[], layout: Layout): string {
  let path = '';
  let previousEndMs: number | null = null;
  for (const sample of samples) {
    // Unpaced requests (the live read): no rate was in force, so no line.
    if (sample.pacedRate === 0) {
      previousEndMs = null;
      continue;
    }
    const { left, right } = span(sample, layout);
    const y = px(layout.y(sample.pacedRate));
    const joined = previousEndMs === sample.atMs;
    path += `${joined ? 'L' : 'M'}${px(left)} ${y}H${px(right)}`;
    previousEndMs = sample.atMs + layout.bucketMs;
  }
  return path;
}

function layoutOf(samples: readonly TrafficSample[], bucketMs: number) {
  const startMs = samples[0]?.atMs ?? 0;
  const spanMs = (samples.at(-1)?.atMs ?? startMs) - startMs + bucketMs;
  const peak = maxOf(
    samples.map((sample) => Math.max(requestRate(sample, bucketMs), sample.pacedRate)),
  );
  const yTicks = valueTicks(peak, false);
  const layout: Layout = {
    startMs,
    bucketMs,
    x: horizontalScale(TIME_PLOT, spanMs),
    y: verticalScale(TIME_PLOT, yTicks.at(-1) ?? 1),
  };
  return { layout, spanMs, yTicks };
}

const LEGEND = legend(
  [
    { className: 'req', label: 'requests/s', swatch: 'box' },
    { className: 'paced', label: 'paced rate', swatch: 'line' },
    { className: 'limited', label: '429 answers', swatch: 'mark' },
    { className: 'held', label: 'held by a 429', swatch: 'box' },
  ],
  TIME_PLOT.left,
);

/** The chart, or "No requests recorded." when the run sent none. */
export function trafficChart(
  samples: readonly TrafficSample[],
  modelBucketMs: number,
): SafeHtml {
  if (samples.length === 0) return emptyNote('No requests recorded.');
  const bucketMs = bucketWidthMs(modelBucketMs);
  const sorted = [...samples].sort((a, b) => a.atMs - b.atMs);
  const { layout, spanMs, yTicks } = layoutOf(sorted, bucketMs);
  const xTicks = timeTicks(spanMs);
  const body = markup`${valueAxis(TIME_PLOT, yTicks, layout.y, 'requests per second', formatRate)}
${sorted.map((sample) => sampleMarks(sample, layout))}
<path class="paced" d="${pacedPath(sorted, layout)}"/>
${bottomAxis(TIME_PLOT, xTicks, layout.x, 'time since the first request', formatElapsed)}
${LEGEND}`;
  return chartFigure({
    id: 'chart-traffic',
    title: 'Request rate against the paced rate',
    description: `Requests per second in ${sorted.length} buckets of ${formatDuration(bucketMs)} from ${formatEpoch(layout.startMs)}, with the paced rate, 429 answers and the time held by them.`,
    height: CHART_HEIGHT,
    body,
    caption: trafficCaption(sorted, bucketMs),
    table: trafficTable(sorted, bucketMs),
  });
}
