/**
 * What every chart shares: the drawing area, the axes with their ticks and
 * titles, the legend, and the `<figure>` that carries the SVG's accessible
 * title and description, a caption and a data table for those who cannot see
 * the chart (or would rather read numbers).
 */
import { linearScale, px } from './chart-scale.js';
import { markup, type HtmlValue, type SafeHtml } from './safe-html.js';

/** The SVG's coordinate system; it scales to the width of the page. */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 260;

/** The plot area inside the SVG, room left for legend, ticks and axis titles. */
export interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The plot of the charts over time. */
export const TIME_PLOT: PlotArea = {
  left: 56,
  right: CHART_WIDTH - 16,
  top: 34,
  bottom: 206,
};

const TICK_LENGTH = 5;
const LABEL_GAP = 8;
const TICK_LABEL_DROP = 12;
const AXIS_TITLE_DROP = 38;
const Y_TITLE_X = 14;
const LEGEND_Y = 14;
const LEGEND_SWATCH = 10;
const LEGEND_LABEL_GAP = 4;
/** Average width of a legend character at 12px, to place the next entry. */
const LEGEND_CHAR_WIDTH = 6.6;
const LEGEND_ENTRY_GAP = 22;

/** Maps a value axis onto the plot's height, 0 at the bottom. */
export function verticalScale(plot: PlotArea, max: number): (value: number) => number {
  return linearScale(max, plot.bottom, plot.top);
}

/** Maps a value (elapsed ms, a count) onto the plot's width. */
export function horizontalScale(plot: PlotArea, max: number): (value: number) => number {
  return linearScale(max, plot.left, plot.right);
}

/** The vertical axis: grid lines, tick labels and a rotated title. */
export function valueAxis(
  plot: PlotArea,
  ticks: readonly number[],
  y: (value: number) => number,
  title: string,
  format: (value: number) => string,
): SafeHtml {
  const marks = ticks.map((tick) => {
    const at = px(y(tick));
    return markup`<line class="grid" x1="${plot.left}" x2="${plot.right}" y1="${at}" y2="${at}"/><text x="${plot.left - LABEL_GAP}" y="${at}" text-anchor="end" dominant-baseline="middle">${format(tick)}</text>`;
  });
  const middle = px((plot.top + plot.bottom) / 2);
  return markup`<g class="axis y-axis">${marks}<line x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${plot.bottom}"/><text transform="translate(${Y_TITLE_X} ${middle}) rotate(-90)" text-anchor="middle">${title}</text></g>`;
}

/** The horizontal axis: ticks at `ticks` (in the scale's units), labels and a title. */
export function bottomAxis(
  plot: PlotArea,
  ticks: readonly number[],
  x: (value: number) => number,
  title: string,
  format: (value: number) => string,
): SafeHtml {
  const marks = ticks.map((tick) => {
    const at = px(x(tick));
    return markup`<line x1="${at}" x2="${at}" y1="${plot.bottom}" y2="${plot.bottom + TICK_LENGTH}"/><text x="${at}" y="${plot.bottom + TICK_LENGTH + TICK_LABEL_DROP}" text-anchor="middle">${format(tick)}</text>`;
  });
  const centre = px((plot.left + plot.right) / 2);
  return markup`<g class="axis x-axis"><line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}"/>${marks}<text x="${centre}" y="${plot.bottom + AXIS_TITLE_DROP}" text-anchor="middle">${title}</text></g>`;
}

/** A legend entry: a swatch drawn with a class of the style sheet, and its label. */
export interface LegendEntry {
  className: string;
  label: string;
  /** `line` for a series drawn as a line, `mark` for a marker, else a filled box. */
  swatch: 'box' | 'line' | 'mark';
}

function swatch(entry: LegendEntry, x: number): SafeHtml {
  const top = LEGEND_Y - LEGEND_SWATCH / 2;
  if (entry.swatch === 'line') {
    return markup`<path class="${entry.className}" d="M${x} ${LEGEND_Y}h${LEGEND_SWATCH}"/>`;
  }
  if (entry.swatch === 'mark') {
    return markup`<path class="${entry.className}" d="M${x} ${top}h${LEGEND_SWATCH}l-${LEGEND_SWATCH / 2} ${LEGEND_SWATCH}z"/>`;
  }
  return markup`<rect class="${entry.className}" x="${x}" y="${top}" width="${LEGEND_SWATCH}" height="${LEGEND_SWATCH}"/>`;
}

/** The legend on one line above the plot, starting at `left`. */
export function legend(entries: readonly LegendEntry[], left: number): SafeHtml {
  let x = left;
  const parts = entries.map((entry) => {
    const labelX = x + LEGEND_SWATCH + LEGEND_LABEL_GAP;
    const part = markup`${swatch(entry, x)}<text x="${labelX}" y="${LEGEND_Y}" dominant-baseline="middle">${entry.label}</text>`;
    x = px(labelX + entry.label.length * LEGEND_CHAR_WIDTH + LEGEND_ENTRY_GAP);
    return part;
  });
  return markup`<g class="legend" aria-hidden="true">${parts}</g>`;
}

export interface ChartFigure {
  /** Id of the figure, prefix of the SVG's title and description ids (a constant). */
  id: string;
  title: string;
  description: string;
  height: number;
  body: SafeHtml;
  caption: HtmlValue;
  /** The chart's numbers as a table, folded under the caption. */
  table: SafeHtml;
}

/** The chart inside its `<figure>`, labelled for screen readers. */
export function chartFigure(chart: ChartFigure): SafeHtml {
  return markup`<figure class="chart" id="${chart.id}">
<svg viewBox="0 0 ${CHART_WIDTH} ${chart.height}" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc" preserveAspectRatio="xMinYMin meet">
<title id="${chart.id}-title">${chart.title}</title>
<desc id="${chart.id}-desc">${chart.description}</desc>
${chart.body}
</svg>
<figcaption>${chart.caption}</figcaption>
<details><summary>The numbers of this chart</summary>
<div class="table-wrap">${chart.table}</div>
</details>
</figure>`;
}
