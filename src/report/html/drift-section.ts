/**
 * What the live state holds that the plan does not change: locations whose
 * number no longer matches the export, and organizations no customer matches.
 */
import type { DriftRow, UnmanagedRow } from '../report-types.js';
import { markup, type SafeHtml } from './safe-html.js';
import { emptyNote, orNone, pagedTable, section, type Column } from './table.js';

const DRIFT_COLUMNS: readonly Column<DriftRow>[] = [
  { header: 'Tenant', cell: (row) => row.tenant, style: 'key' },
  { header: 'Location', cell: (row) => row.locationId, style: 'number' },
  { header: 'Name', cell: (row) => orNone(row.location) },
  { header: 'The export says', cell: (row) => row.expected },
  { header: 'The API has', cell: (row) => row.actual },
  { header: 'Phone number', cell: (row) => row.phoneNumber, style: 'key' },
];

function fate(row: UnmanagedRow): SafeHtml {
  return row.wouldDelete
    ? markup`<span class="badge o-failed">planned for deletion (mirror + prune)</span>`
    : markup`<span class="none">left alone</span>`;
}

const UNMANAGED_COLUMNS: readonly Column<UnmanagedRow>[] = [
  { header: 'Organization', cell: (row) => row.organizationId, style: 'number' },
  { header: 'Name', cell: (row) => row.name },
  { header: 'Remembered as', cell: (row) => orNone(row.rememberedAs), style: 'key' },
  { header: 'In this run', cell: fate },
];

/** Drifted locations: left as they are, reported so that a person can decide. */
export function driftSection(drift: readonly DriftRow[]): SafeHtml {
  const body =
    drift.length === 0
      ? emptyNote('No location drifted from the export.')
      : pagedTable(
          {
            id: 'drift-table',
            caption: 'Locations that differ from the export in what cannot be changed',
            searchLabel: 'Filter drift',
          },
          DRIFT_COLUMNS,
          drift,
        );
  return section('drift', 'Drift', drift.length, body);
}

/** Live organizations that no valid customer of the input matches. */
export function unmanagedSection(unmanaged: readonly UnmanagedRow[]): SafeHtml {
  const body =
    unmanaged.length === 0
      ? emptyNote('Every live organization matches a customer of the input.')
      : pagedTable(
          {
            id: 'unmanaged-table',
            caption: 'Organizations of the partner account that no customer matches',
            searchLabel: 'Filter organizations',
          },
          UNMANAGED_COLUMNS,
          unmanaged,
        );
  return section('unmanaged', 'Unmanaged organizations', unmanaged.length, body);
}
