/**
 * Tenants in the report: one row per tenant of the plan with its result, and
 * the outcomes a tenant adds to the counts by itself (without an operation).
 */
import type { TenantPlan } from '../plan/plan-types.js';
import type { CountsTable } from './model-outcomes.js';
import type { ModelOperation } from './model-operations.js';
import type { TenantResult, TenantRow } from './report-types.js';

/** The operations of each tenant, in plan order. */
export function groupByTenant(
  operations: readonly ModelOperation[],
): Map<string, ModelOperation[]> {
  const groups = new Map<string, ModelOperation[]>();
  for (const operation of operations) {
    const group = groups.get(operation.row.tenant);
    if (group === undefined) groups.set(operation.row.tenant, [operation]);
    else group.push(operation);
  }
  return groups;
}

/**
 * The outcomes of tenants beyond their operations: a tenant matched to a live
 * organization for the first time (by owner or by name, as the plan summary
 * counts adoptions) adds one organization `adopted`, with changes or without,
 * unless a create-organization of theirs is counted already; an `unchanged` one one
 * organization `unchanged`; a conflict one organization `conflict`; and each
 * location conflict one location `conflict`.
 *
 * `retry` (a `retry-failed` run): the parent run adopted the organization, so
 * this run's report does not count the adoption again.
 */
export function addTenantCounts(
  counts: CountsTable,
  tenants: readonly TenantPlan[],
  byTenant: ReadonlyMap<string, readonly ModelOperation[]>,
  retry: boolean,
): void {
  for (const tenant of tenants) {
    const operations = byTenant.get(tenant.key) ?? [];
    const firstMatch = tenant.identity === 'owner' || tenant.identity === 'name';
    if (
      firstMatch &&
      !retry &&
      tenant.status !== 'conflict' &&
      !operations.some(isCreateOrganization)
    ) {
      counts.organization.adopted += 1;
    }
    if (tenant.status === 'unchanged') counts.organization.unchanged += 1;
    if (tenant.status === 'conflict') counts.organization.conflict += 1;
    counts.location.conflict += tenant.locationConflicts.length;
  }
}

/** One row per tenant; `planned` for a plan, where nothing has been applied. */
export function tenantRows(
  tenants: readonly TenantPlan[],
  byTenant: ReadonlyMap<string, readonly ModelOperation[]>,
  planned: boolean,
): TenantRow[] {
  return tenants.map((tenant) => {
    const operations = byTenant.get(tenant.key) ?? [];
    const tally = { failed: 0, skipped: 0, pending: 0 };
    for (const { row } of operations) {
      if (
        row.outcome === 'failed' ||
        row.outcome === 'skipped' ||
        row.outcome === 'pending'
      )
        tally[row.outcome] += 1;
    }
    return {
      key: tenant.key,
      organizationId: tenant.organizationId ?? organizationOf(operations),
      planStatus: tenant.status,
      result: resultOf(tenant, operations.length, tally, planned),
      operations: operations.length,
      ...tally,
      newPhoneNumbers: newPhoneNumbers(operations),
    };
  });
}

function resultOf(
  tenant: TenantPlan,
  operations: number,
  tally: { failed: number; skipped: number; pending: number },
  planned: boolean,
): TenantResult {
  if (tenant.status === 'conflict') return 'conflict';
  if (tally.failed + tally.skipped > 0) return 'failed';
  if (tally.pending > 0) return 'pending';
  if (tenant.status === 'unchanged') return 'unchanged';
  // A run records an adoption as it starts; a plan has only proposed it.
  if (operations === 0 && tenant.status === 'adopt' && planned) return 'pending';
  return 'done';
}

function isCreateOrganization({ row }: ModelOperation): boolean {
  return row.kind === 'create-organization';
}

/**
 * The organization a new tenant's operations went into: its create's result,
 * or, in a `retry-failed` run that carried the create, the id its user and
 * location rows were given from the carried result.
 */
function organizationOf(operations: readonly ModelOperation[]): number | null {
  return (
    operations.find(({ row }) => row.organizationId !== null)?.row.organizationId ?? null
  );
}

/** Shown for a number bought whose digits are not known yet. */
export const PROVISIONING = 'being provisioned';

/**
 * The numbers of the locations this run created (a create found by lookup
 * after its answer was lost included: it counts as created).
 */
function newPhoneNumbers(operations: readonly ModelOperation[]): string[] {
  const numbers: string[] = [];
  for (const { row, operation } of operations) {
    if (operation.kind !== 'create-location' || row.outcome !== 'created') continue;
    if (row.phoneNumber !== null) numbers.push(row.phoneNumber);
    // Bought, but not provisioned yet when the run last read the live state:
    // the next plan or apply learns the number, and `aa-sync report` shows it.
    else if (operation.areaCode !== null)
      numbers.push(`${PROVISIONING} (${operation.areaCode})`);
  }
  return numbers;
}
