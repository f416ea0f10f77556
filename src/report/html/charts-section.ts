/** The charts, each with its words and numbers for those who do not look. */
import type { ReportModel } from '../report-types.js';
import { operationsChart } from './operations-chart.js';
import { outcomeChart } from './outcome-chart.js';
import { markup, type SafeHtml } from './safe-html.js';
import { section } from './table.js';
import { trafficChart } from './traffic-chart.js';

/** The charts section: operations over time, request rate, outcome breakdown. */
export function chartsSection(model: ReportModel): SafeHtml {
  const { charts } = model;
  return section(
    'charts',
    'Charts',
    null,
    markup`<h3>Operations over time</h3>
${operationsChart(charts.operations, charts.bucketMs)}
<h3>Request rate against the paced rate</h3>
${trafficChart(charts.traffic, charts.trafficBucketMs)}
<h3>Outcome breakdown</h3>
${outcomeChart(model.counts.total)}`,
  );
}
