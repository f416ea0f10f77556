/**
 * Operations over time: one stacked bar per bucket, by outcome (succeeded,
 * adopted, failed, skipped), so that a stall or a burst of failures shows.
 */
import type { OperationsBucket } from '../report-types.js';
import {
  bottomAxis,
  chartFigure,
  CHART_HEIGHT,
  legend,
  TIME_PLOT,
  valueAxis,
} from './chart-frame.js';
import { bucketWidthMs, formatElapsed, maxOf, timeTicks } from './chart-scale.js';
import type { TimeLayout } from './time-layout.js';
import { bucketBar, bucketSpan, timeLayout } from './time-layout.js';
import { formatCount, formatDuration, formatEpoch } from './format.js';
import { markup, type SafeHtml } from './safe-html.js';
import { emptyNote } from './table.js';

/** The stacked series, bottom first. */
export const OPERATION_SERIES = ['succeeded', 'adopted', 'failed', 'skipped'] as const;

/** The widest gap between two bars, in chart units. */
const MAX_BAR_GAP = 2;

function total(bucket: OperationsBucket): number {
  return OPERATION_SERIES.reduce((sum, series) => sum + bucket[series], 0);
}

function describe(bucket: OperationsBucket, layout: TimeLayout): string {
  const from = formatElapsed(bucket.atMs - layout.startMs);
  const to = formatElapsed(bucket.atMs - layout.startMs + layout.bucketMs);
  const parts = OPERATION_SERIES.map(
    (series) => `${formatCount(bucket[series])} ${series}`,
  );
  return `${from} to ${to}: ${parts.join(', ')}`;
}

function bar(bucket: OperationsBucket, layout: TimeLayout): SafeHtml {
  const span = bucketSpan(bucket.atMs, layout);
  let base = 0;
  const present = OPERATION_SERIES.filter((series) => bucket[series] > 0);
  const segments = present.map((series) => {
    const top = layout.y(base + bucket[series]);
    const bottom = layout.y(base);
    base += bucket[series];
    return bucketBar(`s-${series}`, span, top, bottom, MAX_BAR_GAP);
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
  const { layout, spanMs, yTicks } = timeLayout(
    sorted,
    bucketMs,
    maxOf(sorted.map(total)),
    true,
  );
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
