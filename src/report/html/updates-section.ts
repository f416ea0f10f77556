/** Every field an update changes, with its old and new value. */
import type { UpdateRow } from '../report-types.js';
import { markup, type SafeHtml } from './safe-html.js';
import { emptyNote, orNone, pagedTable, section, type Column } from './table.js';

type Change = UpdateRow['changes'][number];

interface ChangeLine {
  update: UpdateRow;
  change: Change;
}

function oldValue(change: Change): SafeHtml {
  if (!change.fromKnown)
    return markup`<span class="none">(not returned by the API)</span>`;
  if (change.from === null) return markup`<span class="none">(none)</span>`;
  return markup`<span class="old">${change.from}</span>`;
}

function newValue(change: Change): SafeHtml {
  if (change.to === null) return markup`<span class="none">(none)</span>`;
  return markup`<span class="new">${change.to}</span>`;
}

const COLUMNS: readonly Column<ChangeLine>[] = [
  { header: 'Tenant', cell: (line) => line.update.tenant, style: 'key' },
  { header: 'Entity', cell: (line) => line.update.entity },
  { header: 'Target', cell: (line) => orNone(line.update.target) },
  { header: 'Field', cell: (line) => line.change.field, style: 'key' },
  { header: 'Old value', cell: (line) => oldValue(line.change) },
  { header: 'New value', cell: (line) => newValue(line.change) },
  {
    header: 'Outcome',
    cell: (line) =>
      markup`<span class="badge o-${line.update.outcome}">${line.update.outcome}</span>`,
  },
];

function changeLines(updates: readonly UpdateRow[]): ChangeLine[] {
  return updates.flatMap((update) =>
    update.changes.map((change) => ({ update, change })),
  );
}

/** The updates section; its count is of updates, one table row per changed field. */
export function updatesSection(updates: readonly UpdateRow[]): SafeHtml {
  const body =
    updates.length === 0
      ? emptyNote('Nothing was updated.')
      : pagedTable(
          {
            id: 'updates-table',
            caption: 'Updated fields, old and new values',
            searchLabel: 'Filter updates',
          },
          COLUMNS,
          changeLines(updates),
        );
  return section('updates', 'Updates', updates.length, body);
}
