/**
 * Operations over time: one stacked bar per bucket, by outcome (succeeded,
 * adopted, failed, skipped), so that a stall or a burst of failures shows.
 */
import type { OperationsBucket } from '../report-types.js';
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
import { formatCount, formatDuration, formatEpoch } from './format.js';
import { markup, type SafeHtml } from './safe-html.js';
import { emptyNote } from './table.js';

/** The stacked series, bottom first. */
export const OPERATION_SERIES = ['succeeded', 'adopted', 'failed', 'skipped'] as const;

/** Room between two bars, at most this share of a bucket's width. */
const BAR_GAP_SHARE = 0.2;
const MAX_BAR_GAP = 2;
/** The thinnest bar drawn, so that a bucket of a very long run stays visible. */
const MIN_BAR_WIDTH = 0.5;

function total(bucket: OperationsBucket): number {
  return OPERATION_SERIES.reduce((sum, series) => sum + bucket[series], 0);
}

interface Layout {
  startMs: number;
  bucketMs: number;
  x: (ms: number) => number;
  y: (value: number) => number;
}

function describe(bucket: OperationsBucket, layout: Layout): string {
  const from = formatElapsed(bucket.atMs - layout.startMs);
  const to = formatElapsed(bucket.atMs - layout.startMs + layout.bucketMs);
  const parts = OPERATION_SERIES.map(
    (series) => `${formatCount(bucket[series])} ${series}`,
  );
  return `${from} to ${to}: ${parts.join(', ')}`;
}

function bar(bucket: OperationsBucket, layout: Layout): SafeHtml {
  const left = layout.x(bucket.atMs - layout.startMs);
  const width = layout.x(bucket.atMs - layout.startMs + layout.bucketMs) - left;
  const gap = Math.min(MAX_BAR_GAP, width * BAR_GAP_SHARE);
  let base = 0;
  const present = OPERATION_SERIES.filter((series) => bucket[series] > 0);
  const segments = present.map((series) => {
    const top = layout.y(base + bucket[series]);
    const bottom = layout.y(base);
    base += bucket[series];
    return markup`<rect class="s-${series}" x="${px(left + gap / 2)}" y="${px(top)}" width="${px(Math.max(width - gap, MIN_BAR_WIDTH))}" height="${px(bottom - top)}"/>`;
  });
  return markup`<g class="bar"><title>${describe(bucket, layout)}</title>${segments}</g>`;
}

function dataTable(buckets: readonly OperationsBucket[]): SafeHtml {
  const headings = OPERATION_SERIES.map(
    (series) => markup`<th scope="col" class="number">${series}</th>`,
  );
  const rows = buckets.map((bucket) => {
    const cells = OPERATION_SERIES.map(
      (series) => markup`<td class="number">${bucket[series]}</td>`,
    );
    return markup`<tr><td>${formatEpoch(bucket.atMs)}</td>${cells}<td class="number">${total(bucket)}</td></tr>\n`;
  });
  return markup`<table><thead><tr><th scope="col">Bucket start</th>${headings}<th scope="col" class="number">total</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function layoutOf(sorted: readonly OperationsBucket[], bucketMs: number) {
  const startMs = sorted[0]?.atMs ?? 0;
  const spanMs = (sorted.at(-1)?.atMs ?? startMs) - startMs + bucketMs;
  const yTicks = valueTicks(maxOf(sorted.map(total)), true);
  const layout: Layout = {
    startMs,
    bucketMs,
    x: horizontalScale(TIME_PLOT, spanMs),
    y: verticalScale(TIME_PLOT, yTicks.at(-1) ?? 1),
  };
  return { layout, spanMs, yTicks };
}

const LEGEND = legend(
  OPERATION_SERIES.map((series) => ({
    className: `s-${series}`,
    label: series,
    swatch: 'box' as const,
  })),
  TIME_PLOT.left,
);

/** The chart, or a sentence when no operation finished. */
export function operationsChart(
  buckets: readonly OperationsBucket[],
  modelBucketMs: number,
): SafeHtml {
  if (buckets.length === 0) return emptyNote('No operations finished in this run.');
  const bucketMs = bucketWidthMs(modelBucketMs);
  const sorted = [...buckets].sort((a, b) => a.atMs - b.atMs);
  const { layout, spanMs, yTicks } = layoutOf(sorted, bucketMs);
  const xTicks = timeTicks(spanMs);
  const body = markup`${valueAxis(TIME_PLOT, yTicks, layout.y, 'operations', formatCount)}
${sorted.map((bucket) => bar(bucket, layout))}
${bottomAxis(TIME_PLOT, xTicks, layout.x, 'time since the first bucket', formatElapsed)}
${LEGEND}`;
  const per = formatDuration(bucketMs);
  return chartFigure({
    id: 'chart-operations',
    title: 'Operations over time',
    description: `Operations finished per ${per}, stacked by outcome, in ${sorted.length} buckets.`,
    height: CHART_HEIGHT,
    body,
    caption: `Operations finished per ${per}, stacked by outcome; the first bucket starts ${formatEpoch(layout.startMs)}.`,
    table: dataTable(sorted),
  });
}
