/**
 * The input rows validation left out: one table row per problem, with the
 * file, line and column to fix and the value found there.
 */
import type { RejectedProblem, RejectedRow } from '../report-types.js';
import { markup, type SafeHtml } from './safe-html.js';
import { emptyNote, orNone, pagedTable, section, type Column } from './table.js';

interface ProblemLine {
  row: RejectedRow;
  problem: RejectedProblem;
}

/** A value as found; an empty one is said to be empty, a missing one is a dash. */
function valueCell(value: string | null): SafeHtml {
  if (value === null) return markup`<span class="none">—</span>`;
  if (value === '') return markup`<span class="none">(empty)</span>`;
  return markup`${value}`;
}

const COLUMNS: readonly Column<ProblemLine>[] = [
  { header: 'File', cell: (line) => line.row.file, style: 'key' },
  { header: 'Line', cell: (line) => line.row.line, style: 'number' },
  { header: 'Customer', cell: (line) => orNone(line.row.key), style: 'key' },
  { header: 'Column', cell: (line) => orNone(line.problem.column), style: 'key' },
  { header: 'Value', cell: (line) => valueCell(line.problem.value), style: 'code' },
  { header: 'Reason', cell: (line) => line.problem.reason, style: 'prose' },
  { header: 'What to do', cell: (line) => orNone(line.problem.hint), style: 'prose' },
];

function problemLines(rejected: readonly RejectedRow[]): ProblemLine[] {
  return rejected.flatMap((row) => row.problems.map((problem) => ({ row, problem })));
}

/** The rejected section; its count is of rejected records, not of problems. */
export function rejectedSection(rejected: readonly RejectedRow[]): SafeHtml {
  const body =
    rejected.length === 0
      ? emptyNote('Every input row was valid.')
      : pagedTable(
          {
            id: 'rejected-table',
            caption: 'Rejected input rows: fix them in the file and run again',
            searchLabel: 'Filter rejected rows',
          },
          COLUMNS,
          problemLines(rejected),
        );
  return section('rejected', 'Rejected input rows', rejected.length, body);
}
