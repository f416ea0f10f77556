/** One row per tenant: its plan, its result in this run and its new numbers. */
import { TENANT_RESULTS, type TenantResult, type TenantRow } from '../report-types.js';
import { markup, type SafeHtml } from './safe-html.js';
import { emptyNote, orNone, pagedTable, section, type Column } from './table.js';

/** The badge class of a result; a value this version does not know gets a neutral one. */
function resultClass(result: TenantResult): string {
  return TENANT_RESULTS.includes(result) ? `r-${result}` : 'r-pending';
}

/** A count, dimmed when 0 so that the rows with something to see stand out. */
function count(value: number): SafeHtml {
  return value === 0 ? markup`<span class="none">0</span>` : markup`${value}`;
}

const COLUMNS: readonly Column<TenantRow>[] = [
  { header: 'Tenant', cell: (row) => row.key, style: 'key' },
  { header: 'Organization', cell: (row) => orNone(row.organizationId), style: 'number' },
  { header: 'Plan', cell: (row) => row.planStatus },
  {
    header: 'Result',
    cell: (row) =>
      markup`<span class="badge ${resultClass(row.result)}">${row.result}</span>`,
  },
  { header: 'Operations', cell: (row) => count(row.operations), style: 'number' },
  { header: 'Failed', cell: (row) => count(row.failed), style: 'number' },
  { header: 'Skipped', cell: (row) => count(row.skipped), style: 'number' },
  { header: 'Pending', cell: (row) => count(row.pending), style: 'number' },
  {
    header: 'New phone numbers',
    cell: (row) => orNone(row.newPhoneNumbers.join(', ')),
    style: 'code',
  },
];

/** The tenants section, with its search box. */
export function tenantsSection(tenants: readonly TenantRow[]): SafeHtml {
  const body =
    tenants.length === 0
      ? emptyNote('The plan holds no tenant.')
      : pagedTable(
          {
            id: 'tenants-table',
            caption: 'Every tenant of the plan and its result in this run',
            searchLabel: 'Filter tenants',
          },
          COLUMNS,
          tenants,
        );
  return section('tenants', 'Tenants', tenants.length, body);
}
