/**
 * The report's plain tables: rejected input records with their problems,
 * updates with old and new values, area-code drift and unmanaged organizations.
 */
import type { RejectedCustomer } from '../input/assemble.js';
import type { RecordSource, RowProblem } from '../input/records.js';
import type { Plan, TenantPlan } from '../plan/plan-types.js';
import type { ModelOperation } from './model-operations.js';
import type {
  DriftRow,
  RejectedProblem,
  RejectedRow,
  UnmanagedRow,
  UpdateRow,
} from './report-types.js';

/** The problem shown on a record that has none itself: its customer's are elsewhere. */
export const WITH_ITS_CUSTOMER =
  'rejected with its customer: another record of the customer has a problem';

/**
 * One row per rejected record, each with the problems found in it (a problem
 * whose line is in no record, such as a customer-wide one, goes to the first).
 */
export function rejectedRows(rejected: readonly RejectedCustomer[]): RejectedRow[] {
  const rows: RejectedRow[] = [];
  for (const entry of rejected) {
    const byRecord = problemsByRecord(entry);
    entry.records.forEach((record, index) => {
      const problems = byRecord[index] ?? [];
      rows.push({
        key: entry.key,
        file: record.file,
        line: record.line,
        problems:
          problems.length > 0
            ? problems.map(rejectedProblem)
            : [{ column: null, value: null, reason: WITH_ITS_CUSTOMER, hint: null }],
      });
    });
  }
  return rows;
}

/** The problems of each record of `entry`, by record index (see `recordLocator`). */
export function problemsByRecord(entry: RejectedCustomer): RowProblem[][] {
  const found: RowProblem[][] = entry.records.map(() => []);
  const locate = recordLocator(entry.records);
  for (const problem of entry.problems) {
    found[locate(problem.file, problem.line) ?? 0]?.push(problem);
  }
  return found;
}

/**
 * Finds the index of the record of `records` that holds a file's line. A
 * file's records are in line order, so each lookup is a binary search: a
 * customer may have thousands of records and as many problems.
 */
export function recordLocator(
  records: readonly RecordSource[],
): (file: string, line: number) => number | undefined {
  const byFile = new Map<string, number[]>();
  records.forEach((record, index) => {
    const list = byFile.get(record.file);
    if (list === undefined) byFile.set(record.file, [index]);
    else list.push(index);
  });
  return (file, line) => {
    const indexes = byFile.get(file) ?? [];
    let low = 0;
    let high = indexes.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const index = indexes[middle] ?? -1;
      const record = records[index];
      if (record === undefined) return undefined;
      if (record.endLine < line) low = middle + 1;
      else if (record.line > line) high = middle - 1;
      else return index;
    }
    return undefined;
  };
}

function rejectedProblem(problem: RowProblem): RejectedProblem {
  return {
    column: problem.column ?? null,
    value: problem.value ?? null,
    reason: problem.reason,
    hint: problem.hint ?? null,
  };
}

/** Every update with its changes, old and new values. */
export function updateRows(operations: readonly ModelOperation[]): UpdateRow[] {
  const rows: UpdateRow[] = [];
  for (const { row, operation } of operations) {
    if (!('changes' in operation)) continue;
    rows.push({
      tenant: row.tenant,
      operationId: row.id,
      entity: row.entity,
      target: row.target,
      outcome: row.outcome,
      changes: operation.changes.map((change) => ({ ...change })),
    });
  }
  return rows;
}

/** Area-code differences the plan found, tenant by tenant. */
export function driftRows(tenants: readonly TenantPlan[]): DriftRow[] {
  return tenants.flatMap((tenant) =>
    tenant.drift.map((drift) => ({
      tenant: tenant.key,
      locationId: drift.locationId,
      location: drift.location,
      expected: drift.expected,
      actual: drift.actual,
      phoneNumber: drift.phoneNumber,
    })),
  );
}

/** Live organizations no customer matches, as the plan lists them. */
export function unmanagedRows(plan: Plan): UnmanagedRow[] {
  return plan.unmanaged.map((org) => ({
    organizationId: org.organizationId,
    name: org.name,
    rememberedAs: org.rememberedAs,
    wouldDelete: org.wouldDelete,
  }));
}
