/**
 * The outcome breakdown: one horizontal bar per outcome that happened, from
 * the `total` counts, with its number at the end of the bar.
 */
import { OUTCOMES, type Outcome, type OutcomeCounts } from '../report-types.js';
import {
  bottomAxis,
  chartFigure,
  CHART_WIDTH,
  horizontalScale,
  type PlotArea,
} from './chart-frame.js';
import { maxOf, px, valueTicks } from './chart-scale.js';
import { formatCount } from './format.js';
import { markup, type SafeHtml } from './safe-html.js';
import { emptyNote } from './table.js';

const ROW_HEIGHT = 24;
const BAR_HEIGHT = 16;
const PLOT_LEFT = 110;
/** Room right of the longest bar for its number. */
const PLOT_RIGHT_MARGIN = 56;
const PLOT_TOP = 10;
/** Room under the bars for ticks and the axis title. */
const AXIS_ROOM = 48;
const LABEL_GAP = 8;
const VALUE_GAP = 6;
const MIN_BAR_WIDTH = 1;

function plotFor(rows: number): PlotArea {
  return {
    left: PLOT_LEFT,
    right: CHART_WIDTH - PLOT_RIGHT_MARGIN,
    top: PLOT_TOP,
    bottom: PLOT_TOP + rows * ROW_HEIGHT,
  };
}

interface Row {
  outcome: Outcome;
  value: number;
  index: number;
}

function bar(row: Row, plot: PlotArea, x: (value: number) => number): SafeHtml {
  const top = plot.top + row.index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
  const middle = px(top + BAR_HEIGHT / 2);
  const end = px(x(row.value));
  const width = px(Math.max(end - plot.left, MIN_BAR_WIDTH));
  const value = formatCount(row.value);
  return markup`<g class="bar"><title>${value} ${row.outcome}</title><text x="${plot.left - LABEL_GAP}" y="${middle}" text-anchor="end" dominant-baseline="middle">${row.outcome}</text><rect class="bar-${row.outcome}" x="${plot.left}" y="${px(top)}" width="${width}" height="${BAR_HEIGHT}"/><text x="${end + VALUE_GAP}" y="${middle}" dominant-baseline="middle">${value}</text></g>`;
}

function dataTable(rows: readonly Row[]): SafeHtml {
  const lines = rows.map(
    (row) => markup`<tr><td>${row.outcome}</td><td class="number">${row.value}</td></tr>`,
  );
  return markup`<table><thead><tr><th scope="col">Outcome</th><th scope="col" class="number">entities</th></tr></thead><tbody>${lines}</tbody></table>`;
}

/** The chart of the `total` counts, or a sentence when every count is 0. */
export function outcomeChart(counts: OutcomeCounts): SafeHtml {
  const rows = OUTCOMES.filter((outcome) => counts[outcome] > 0).map(
    (outcome, index): Row => ({ outcome, value: counts[outcome], index }),
  );
  if (rows.length === 0) return emptyNote('No entity to count: the plan was empty.');
  const plot = plotFor(rows.length);
  const ticks = valueTicks(maxOf(rows.map((row) => row.value)), true);
  const x = horizontalScale(plot, ticks.at(-1) ?? 1);
  const sentence = rows
    .map((row) => `${formatCount(row.value)} ${row.outcome}`)
    .join(', ');
  return chartFigure({
    id: 'chart-outcomes',
    title: 'Outcome breakdown',
    description: `Entities by outcome: ${sentence}.`,
    height: plot.bottom + AXIS_ROOM,
    body: markup`${rows.map((row) => bar(row, plot, x))}
${bottomAxis(plot, ticks, x, 'entities', formatCount)}`,
    caption: `Entities by outcome, all kinds together: ${sentence}. The summary table splits them by kind.`,
    table: dataTable(rows),
  });
}
