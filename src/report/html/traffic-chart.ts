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
  legend,
  TIME_PLOT,
  valueAxis,
} from './chart-frame.js';
import { bucketWidthMs, formatElapsed, maxOf, px, timeTicks } from './chart-scale.js';
import type { TimeLayout } from './time-layout.js';
import { bucketBar, bucketSpan, timeLayout } from './time-layout.js';
import { formatCount, formatDuration, formatEpoch, formatRate } from './format.js';
import { markup, type SafeHtml } from './safe-html.js';
import { emptyNote } from './table.js';
import { requestRate, trafficCaption, trafficTable } from './traffic-text.js';

/** Half the width of a 429 marker, and its height. */
const MARK_HALF_WIDTH = 4;
const MARK_HEIGHT = 7;
/** Room between a bar's top and the 429 marker over it. */
const MARK_LIFT = 2;
/** The widest gap between two bars, in chart units. */
const MAX_BAR_GAP = 1;

function sampleTitle(sample: TrafficSample, layout: TimeLayout): string {
  const at = formatElapsed(sample.atMs - layout.startMs);
  const rate = formatRate(requestRate(sample, layout.bucketMs));
  const paced = formatRate(sample.pacedRate);
  return `${at}: ${formatCount(sample.requests)} requests (${rate}/s), paced at ${paced}/s, ${formatCount(sample.rateLimited)} × 429, held ${formatDuration(sample.heldMs)}`;
}

/** The share of the bucket every request was held, drawn from the bucket's start. */
function heldBand(sample: TrafficSample, layout: TimeLayout): SafeHtml | null {
  if (sample.heldMs <= 0) return null;
  const { left, right } = bucketSpan(sample.atMs, layout);
  const share = Math.min(sample.heldMs, layout.bucketMs) / layout.bucketMs;
  return markup`<rect class="held" x="${px(left)}" y="${TIME_PLOT.top}" width="${px((right - left) * share)}" height="${TIME_PLOT.bottom - TIME_PLOT.top}"/>`;
}

function limitMark(
  sample: TrafficSample,
  layout: TimeLayout,
  top: number,
): SafeHtml | null {
  if (sample.rateLimited <= 0) return null;
  const { left, right } = bucketSpan(sample.atMs, layout);
  const x = px((left + right) / 2 - MARK_HALF_WIDTH);
  const y = px(top - MARK_HEIGHT - MARK_LIFT);
  return markup`<path class="limited" d="M${x} ${y}h${MARK_HALF_WIDTH * 2}l-${MARK_HALF_WIDTH} ${MARK_HEIGHT}z"/>`;
}

function sampleMarks(sample: TrafficSample, layout: TimeLayout): SafeHtml {
  const span = bucketSpan(sample.atMs, layout);
  const top = layout.y(requestRate(sample, layout.bucketMs));
  const bar = bucketBar('req', span, top, TIME_PLOT.bottom, MAX_BAR_GAP);
  return markup`<g class="sample"><title>${sampleTitle(sample, layout)}</title>${bar}${heldBand(sample, layout)}${limitMark(sample, layout, top)}</g>`;
}

/** The paced rate as steps; a gap between samples (no requests) or an unpaced one breaks the line. */
function pacedPath(samples: readonly TrafficSample[], layout: TimeLayout): string {
  let path = '';
  let previousEndMs: number | null = null;
  for (const sample of samples) {
    // Unpaced requests (the live read): no rate was in force, so no line.
    if (sample.pacedRate === 0) {
      previousEndMs = null;
      continue;
    }
    const { left, right } = bucketSpan(sample.atMs, layout);
    const y = px(layout.y(sample.pacedRate));
    const joined = previousEndMs === sample.atMs;
    path += `${joined ? 'L' : 'M'}${px(left)} ${y}H${px(right)}`;
    previousEndMs = sample.atMs + layout.bucketMs;
  }
  return path;
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
  const peak = maxOf(
    sorted.map((sample) => Math.max(requestRate(sample, bucketMs), sample.pacedRate)),
  );
  const { layout, spanMs, yTicks } = timeLayout(sorted, bucketMs, peak, false);
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
