/**
 * The figures of the run: operations by entity kind and outcome, and the
 * totals. Every figure carries `data-figure="<kind>.<outcome>"` or
 * `data-figure="totals.<name>"` and its exact number as plain digits, so that a
 * browser test can compare the page with summary.json.
 */
import {
  ENTITY_KINDS,
  OUTCOMES,
  type EntityKind,
  type Outcome,
  type ReportModel,
} from '../report-types.js';
import { formatDuration } from './format.js';
import { markup, type SafeHtml } from './safe-html.js';
import { section } from './table.js';

type Totals = ReportModel['totals'];
type CountColumn = EntityKind | 'total';

const COUNT_COLUMNS: readonly CountColumn[] = [...ENTITY_KINDS, 'total'];

/** What each total means, in the order shown. */
export const TOTAL_LABELS: Record<keyof Totals, string> = {
  customers: 'customers in the input',
  rejectedCustomers: 'customers rejected by validation',
  tenants: 'tenants planned',
  operations: 'operations',
  inFlight: 'in flight (counted as pending; looked up on resume)',
  newPhoneNumbers: 'new phone numbers',
  requests: 'API requests',
  rateLimited: '429 answers',
  heldMs: 'ms held by 429 waits',
  drift: 'drifted locations',
  unmanaged: 'unmanaged organizations',
};

/** Headings of the outcome rows, as a person would say them. */
const OUTCOME_LABELS: Record<Outcome, string> = {
  created: 'Created',
  updated: 'Updated',
  deleted: 'Deleted',
  adopted: 'Adopted (already there)',
  unchanged: 'Unchanged',
  pending: 'Pending (not applied)',
  failed: 'Failed',
  skipped: 'Skipped (a dependency failed)',
  conflict: 'Conflict (nothing planned)',
  rejected: 'Rejected (invalid input)',
};

function countCell(column: CountColumn, outcome: Outcome, value: number): SafeHtml {
  const zero = value === 0 ? ' zero' : '';
  return markup`<td class="number${zero}" data-figure="${column}.${outcome}">${value}</td>`;
}

function outcomeRow(model: ReportModel, outcome: Outcome): SafeHtml {
  const cells = COUNT_COLUMNS.map((column) =>
    countCell(column, outcome, model.counts[column][outcome]),
  );
  return markup`<tr><th scope="row"><span class="badge o-${outcome}">${OUTCOME_LABELS[outcome]}</span></th>${cells}</tr>\n`;
}

function countsTable(model: ReportModel): SafeHtml {
  const headings = COUNT_COLUMNS.map(
    (column) => markup`<th scope="col" class="number">${column}</th>`,
  );
  const rows = OUTCOMES.map((outcome) => outcomeRow(model, outcome));
  return markup`<div class="table-wrap"><table id="counts-table">
<caption>Entities by kind and outcome</caption>
<thead><tr><th scope="col">Outcome</th>${headings}</tr></thead>
<tbody>
${rows}</tbody>
</table></div>`;
}

/** The label of a total; held time is also given as a duration a person reads. */
function totalLabel(name: keyof Totals, value: number): string {
  const label = TOTAL_LABELS[name];
  return name === 'heldMs' && value > 0 ? `${label} (${formatDuration(value)})` : label;
}

function totalsList(totals: Totals): SafeHtml {
  const names = Object.keys(TOTAL_LABELS) as (keyof Totals)[];
  const items = names.map(
    (name) =>
      markup`<li><span class="value" data-figure="totals.${name}">${totals[name]}</span><span class="label">${totalLabel(name, totals[name])}</span></li>\n`,
  );
  return markup`<ul class="figures">
${items}</ul>`;
}

/** The summary section: totals first, then the table of outcomes. */
export function summarySection(model: ReportModel): SafeHtml {
  return section('summary', 'Summary', null, [
    totalsList(model.totals),
    countsTable(model),
  ]);
}
