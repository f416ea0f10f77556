/**
 * results.csv: one row per operation, for a spreadsheet. Exports:
 * `RESULTS_COLUMNS`, `renderResultsCsv`.
 */
import { renderCsv } from './csv-cells.js';
import type { CsvValue } from './csv-cells.js';
import type { OperationRow, ReportModel } from './report-types.js';

/**
 * The columns, in order. `tenant` is the name of the tenant's organization
 * where the run's operations carry it (created, renamed or deleted), else
 * empty; `customer_key` is the partner's key; `target` the name of the
 * organization or location, or the user's external id; `status` the
 * checkpoint's (`succeeded`, `adopted`, `failed`, `skipped`, `pending`,
 * `in-flight`, or `planned` for a plan); `operation_id` the plan's stable id.
 */
export const RESULTS_COLUMNS = [
  'tenant',
  'customer_key',
  'entity',
  'action',
  'target',
  'status',
  'attempts',
  'organization_id',
  'user_id',
  'location_id',
  'phone_number',
  'error',
  'source_file',
  'source_line',
  'operation_id',
] as const;

/** results.csv's text (UTF-8 with a BOM, CRLF; see `renderCsv`). */
export function renderResultsCsv(model: ReportModel): string {
  const names = organizationNames(model.operations);
  const rows = model.operations.map((row) => resultRow(row, names.get(row.tenant)));
  return renderCsv(RESULTS_COLUMNS, rows);
}

function resultRow(row: OperationRow, tenantName: string | undefined): CsvValue[] {
  return [
    tenantName,
    row.tenant,
    row.entity,
    row.action,
    row.target,
    row.status,
    row.attempts,
    row.organizationId,
    row.userId,
    row.locationId,
    row.phoneNumber,
    row.error,
    row.file,
    row.line,
    row.id,
  ];
}

/** Each tenant's organization name, from the first organization operation naming it. */
function organizationNames(rows: readonly OperationRow[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of rows) {
    if (row.entity !== 'organization' || row.target === null) continue;
    if (!names.has(row.tenant)) names.set(row.tenant, row.target);
  }
  return names;
}
