/**
 * What a person must act on, shown before the charts and the long tables: each
 * failed, skipped or conflicting entity with what went wrong, what to do and
 * where the input asked for it.
 */
import type { FailureRow } from '../report-types.js';
import { formatSource } from './format.js';
import { markup, type HtmlValue, type SafeHtml } from './safe-html.js';
import { emptyNote, orNone, pagedTable, section, type Column } from './table.js';

const COLUMNS: readonly Column<FailureRow>[] = [
  {
    header: 'Outcome',
    cell: (row) => markup`<span class="badge o-${row.outcome}">${row.outcome}</span>`,
  },
  { header: 'Tenant', cell: (row) => row.tenant, style: 'key' },
  { header: 'Entity', cell: (row) => row.entity },
  { header: 'Target', cell: (row) => orNone(row.target) },
  { header: 'Reason', cell: (row) => withCode(row.reason), style: 'prose' },
  { header: 'What to do', cell: (row) => withCode(row.action), style: 'prose' },
  {
    header: 'Source',
    cell: (row) => orNone(formatSource(row.file, row.line)),
    style: 'key',
  },
  { header: 'Operation', cell: (row) => orNone(row.operationId), style: 'code' },
];

/**
 * A message with commands in backticks (`aa-sync retry-failed ...`) as text
 * with those commands set as code; every part is still escaped.
 */
export function withCode(text: string): HtmlValue {
  const parts = text.split('`');
  // An odd count of backticks leaves one unpaired: the text is shown as written.
  if (parts.length % 2 === 0) return text;
  return parts.map((part, index) =>
    index % 2 === 1 ? markup`<code>${part}</code>` : part,
  );
}

/** Where the failed customers' records are, when some operation failed or was skipped. */
function feedBackHint(failures: readonly FailureRow[]): SafeHtml {
  if (!failures.some((failure) => failure.outcome !== 'conflict')) return markup``;
  return markup`<p class="hint">The records of the customers whose operations failed or
were skipped are in <code>failed.csv</code> beside this page, with their original columns
and the error: correct them there and feed the file back
(<code>aa-sync apply failed.csv</code>), or run <code>aa-sync retry-failed</code> once the
cause is gone.</p>
`;
}

/** The failures section; says so plainly when there is nothing to act on. */
export function failuresSection(failures: readonly FailureRow[]): SafeHtml {
  const body =
    failures.length === 0
      ? emptyNote('Nothing failed, was skipped or is in conflict.')
      : markup`${feedBackHint(failures)}${pagedTable(
          {
            id: 'failures-table',
            caption: 'Failed, skipped and conflicting entities, with what to do',
            searchLabel: 'Filter failures',
          },
          COLUMNS,
          failures,
        )}`;
  return section('failures', 'Failures', failures.length, body);
}
