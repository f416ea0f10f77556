/** Counts of a plan, for its summary line and for `--detailed-exitcode`. */
import type { GuardTrip, PlanSummary, TenantPlan, UnmanagedOrg } from './plan-types.js';
import { TENANT_STATUSES } from './plan-types.js';

const UPDATE_KINDS: ReadonlySet<string> = new Set([
  'update-organization',
  'update-user',
  'set-user-role',
  'update-location',
]);

export function summarisePlan(
  customers: number,
  rejected: number,
  tenants: readonly TenantPlan[],
  unmanaged: readonly UnmanagedOrg[],
  guards: readonly GuardTrip[],
): PlanSummary {
  const summary: PlanSummary = {
    customers,
    rejected,
    adopted: 0,
    toCreate: { organizations: 0, users: 0, locations: 0 },
    newPhoneNumbers: 0,
    toUpdate: 0,
    toDelete: { organizations: 0, locations: 0 },
    tenants: Object.fromEntries(TENANT_STATUSES.map((status) => [status, 0])) as Record<
      (typeof TENANT_STATUSES)[number],
      number
    >,
    drift: 0,
    locationConflicts: 0,
    unmanaged: unmanaged.length,
    guardTrips: guards.length,
  };
  for (const tenant of tenants) countTenant(summary, tenant);
  return summary;
}

function countTenant(summary: PlanSummary, tenant: TenantPlan): void {
  summary.tenants[tenant.status] += 1;
  if (tenant.identity === 'owner' || tenant.identity === 'name') summary.adopted += 1;
  summary.drift += tenant.drift.length;
  summary.locationConflicts += tenant.locationConflicts.length;
  for (const operation of tenant.operations) {
    if (UPDATE_KINDS.has(operation.kind)) summary.toUpdate += 1;
    else if (operation.kind === 'create-organization')
      summary.toCreate.organizations += 1;
    else if (operation.kind === 'create-user') summary.toCreate.users += 1;
    else if (operation.kind === 'delete-organization')
      summary.toDelete.organizations += 1;
    else if (operation.kind === 'delete-location') summary.toDelete.locations += 1;
    else if (operation.kind === 'create-location') {
      summary.toCreate.locations += 1;
      if (operation.areaCode !== null) summary.newPhoneNumbers += 1;
    }
  }
}

/** True when applying the plan would call the API at all. */
export function hasChanges(summary: PlanSummary): boolean {
  const { toCreate, toDelete } = summary;
  const creates = toCreate.organizations + toCreate.users + toCreate.locations;
  return creates + summary.toUpdate + toDelete.organizations + toDelete.locations > 0;
}
