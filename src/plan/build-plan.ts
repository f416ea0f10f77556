/**
 * Builds the plan from the desired state, the live state, memory and options.
 * Pure: no I/O, no clock, no randomness; the same arguments in any order give
 * a byte-identical serialised plan.
 */
import type { Organization } from '../api/types.js';
import type { DesiredCustomer } from '../input/customer.js';
import type { TenantContext } from './diff-context.js';
import { createOrganizationId, operationId } from './diff-context.js';
import { diffLocations } from './diff-locations.js';
import { diffOrganization } from './diff-organization.js';
import type { PlannedCustomer, UserCoordination } from './diff-user-coordination.js';
import { coordinateUsers } from './diff-user-coordination.js';
import { diffUsers } from './diff-users.js';
import { assertPlanOptions, checkGuards, isPruning } from './guards.js';
import type { IdentityMatch, IdentityResult } from './identity.js';
import { matchIdentities } from './identity.js';
import type { LiveState } from './live-state.js';
import type { LiveFingerprints } from './live-state.js';
import {
  compareCodeUnits,
  fingerprintLiveState,
  indexLiveState,
  sha256Hex,
} from './live-state.js';
import type { PlanMemory } from './memory.js';
import { summarisePlan } from './plan-summary.js';
import type {
  InputFingerprint,
  Plan,
  PlanOptions,
  TenantPlan,
  UnmanagedOrg,
} from './plan-types.js';
import { PLAN_FORMAT, PLAN_VERSION } from './plan-types.js';

export interface BuildPlanInput {
  customers: readonly DesiredCustomer[];
  /** The one `GET /organizations` answer. */
  live: readonly Organization[];
  memory: PlanMemory;
  options: PlanOptions;
  inputs: readonly InputFingerprint[];
  /**
   * The customers the input holds but validation rejected, by key (null for a
   * record with none). They are counted in the summary, and their remembered
   * organizations are left alone: a customer with one bad row is not a customer
   * removed from the export, and pruning must never delete it.
   */
  rejected?: readonly (string | null)[];
}

/** Throws a usage error (exit 64) for invalid options; everything else is a value. */
export function buildPlan(input: BuildPlanInput): Plan {
  const { memory, options } = input;
  assertPlanOptions(options);
  const live = indexLiveState(input.live);
  const prints = fingerprintLiveState(live);
  const customers = [...input.customers].sort((a, b) => compareCodeUnits(a.key, b.key));
  const identities = matchIdentities(customers, live, memory, options.matchByName);
  const users = coordinateUsers(plannedCustomers(customers, identities), live);
  const tenants = customers.map((customer) =>
    planTenant(customer, identities, { live, memory, users, prints }, options),
  );
  const held = new Set(input.rejected ?? []);
  const orphans = unmanagedOrgs(identities, live, memory);
  const deletable = (org: Orphan): boolean =>
    org.rememberedAs !== null && !held.has(org.rememberedAs);
  const deleting = isPruning(options) ? orphans.filter(deletable) : [];
  tenants.push(...deleting.map((orphan) => deleteTenant(orphan, live, prints)));
  tenants.sort((a, b) => compareCodeUnits(a.key, b.key));
  const unmanaged = (
    isPruning(options) ? orphans.filter((o) => !deleting.includes(o)) : orphans
  ).map((org): UnmanagedOrg => ({ ...org, wouldDelete: deletable(org) }));
  const guards = checkGuards({
    options,
    planned: countDeletes(tenants),
    liveCount: { organization: live.organizations.length, location: live.locationCount },
    customers: customers.length,
    previousInputCustomers: memory.previousInputCustomers,
  });
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    fingerprints: {
      inputs: [...input.inputs].sort((a, b) => compareCodeUnits(a.file, b.file)),
      live: prints.live,
      options: optionsFingerprint(options),
    },
    options: pickOptions(options),
    summary: summarisePlan(
      customers.length,
      input.rejected?.length ?? 0,
      tenants,
      unmanaged,
      guards,
    ),
    tenants,
    unmanaged,
    guards,
  };
}

function plannedCustomers(
  customers: readonly DesiredCustomer[],
  identities: IdentityResult,
): PlannedCustomer[] {
  const planned: PlannedCustomer[] = [];
  for (const customer of customers) {
    const match = identities.byKey.get(customer.key)?.match;
    if (match === undefined || match.kind === 'conflict') continue;
    planned.push({ customer, createsOrganization: match.kind === 'new' });
  }
  return planned;
}

interface Shared {
  live: LiveState;
  memory: PlanMemory;
  users: UserCoordination;
  prints: LiveFingerprints;
}

function planTenant(
  customer: DesiredCustomer,
  identities: IdentityResult,
  shared: Shared,
  options: PlanOptions,
): TenantPlan {
  const identity = known(identities.byKey.get(customer.key), `customer ${customer.key}`);
  const { match } = identity;
  if (match.kind === 'conflict')
    return conflictTenant(customer.key, identity.notes, match);
  const org =
    match.kind === 'new' ? null : (shared.live.byId.get(match.organizationId) ?? null);
  const { live, memory, users, prints } = shared;
  const createdAs = org === null ? createOrganizationId(customer.key) : null;
  const context: TenantContext = { customer, org, createdAs, live, memory, users };
  const people = diffUsers(context);
  // Only in an organization aa-sync already managed: one adopted in this very
  // plan may hold locations the partner never meant to hand over.
  const prunes = isPruning(options) && match.identity === 'remembered';
  const places = diffLocations(context, prunes);
  const operations = diffOrganization(context);
  for (const operation of people.operations) operations.push(operation);
  for (const operation of places.operations) operations.push(operation);
  // Keys in the order the plan file has always written them.
  return {
    key: customer.key,
    identity: match.identity,
    notes: [...identity.notes, ...people.notes],
    drift: places.drift,
    locationConflicts: places.conflicts,
    unmanagedMembers: people.unmanagedMembers,
    unmanagedLocations: places.unmanaged,
    organizationId: org?.id ?? null,
    status: tenantStatus(org, match.identity, operations.length),
    liveFingerprint: org === null ? null : fingerprintOf(org, prints),
    operations: orderOperations(operations),
  };
}

function conflictTenant(
  key: string,
  notes: readonly string[],
  match: Extract<IdentityMatch, { kind: 'conflict' }>,
): TenantPlan {
  return {
    key,
    identity: match.identity,
    notes: [...notes],
    drift: [],
    locationConflicts: [],
    unmanagedMembers: [],
    unmanagedLocations: [],
    organizationId: null,
    liveFingerprint: null,
    operations: [],
    status: 'conflict',
    conflict: match.conflict,
  };
}

/** Deletions after everything else; otherwise the order the diffs produced. */
function orderOperations<T extends { kind: string }>(operations: T[]): T[] {
  const isDelete = (op: T) => op.kind.startsWith('delete-');
  if (!operations.some(isDelete)) return operations;
  return [...operations.filter((op) => !isDelete(op)), ...operations.filter(isDelete)];
}

function tenantStatus(
  org: Organization | null,
  identity: TenantPlan['identity'],
  operations: number,
): TenantPlan['status'] {
  if (org === null) return 'create';
  if (operations > 0) return 'update';
  return identity === 'remembered' ? 'unchanged' : 'adopt';
}

type Orphan = Omit<UnmanagedOrg, 'wouldDelete'>;

/**
 * Live organizations no customer matched. One that memory maps to a customer
 * key (aa-sync created or adopted it) is a deletion candidate; any other was
 * never managed by aa-sync and is never deleted.
 */
function unmanagedOrgs(identities: IdentityResult, live: LiveState, memory: PlanMemory) {
  const rememberedAs = new Map<number, string>();
  const keys = [...memory.organizations.keys()].sort(compareCodeUnits);
  for (const key of keys) {
    const id = memory.organizations.get(key);
    if (id !== undefined && !identities.byKey.has(key) && !rememberedAs.has(id)) {
      rememberedAs.set(id, key);
    }
  }
  return identities.unmatched.map((id): Orphan => {
    const org = known(live.byId.get(id), `organization ${id}`);
    return {
      organizationId: id,
      name: org.name,
      rememberedAs: rememberedAs.get(id) ?? null,
    };
  });
}

function deleteTenant(
  orphan: Orphan,
  live: LiveState,
  prints: LiveFingerprints,
): TenantPlan {
  const key = orphan.rememberedAs ?? '';
  const org = known(live.byId.get(orphan.organizationId), 'an unmanaged organization');
  return {
    key,
    organizationId: orphan.organizationId,
    identity: 'remembered',
    status: 'delete',
    liveFingerprint: fingerprintOf(org, prints),
    operations: [
      {
        kind: 'delete-organization',
        id: operationId(key, 'organization', 'delete'),
        tenant: key,
        dependsOn: [],
        source: null,
        organizationId: orphan.organizationId,
        name: orphan.name,
      },
    ],
    drift: [],
    notes: [`customer ${JSON.stringify(key)} is no longer in the export`],
    locationConflicts: [],
    unmanagedMembers: [],
    unmanagedLocations: [],
  };
}

function countDeletes(tenants: readonly TenantPlan[]) {
  const planned = { organization: 0, location: 0 };
  for (const tenant of tenants) {
    for (const op of tenant.operations) {
      if (op.kind === 'delete-organization') planned.organization += 1;
      if (op.kind === 'delete-location') planned.location += 1;
    }
  }
  return planned;
}

/** Only the plan options, in a fixed key order, whatever else the caller's object holds. */
function pickOptions(options: PlanOptions): PlanOptions {
  const { mode, prune, matchByName, maxDeletes, maxDeletePercent } = options;
  return { mode, prune, matchByName, maxDeletes, maxDeletePercent };
}

function optionsFingerprint(options: PlanOptions): string {
  return sha256Hex(JSON.stringify(pickOptions(options)));
}

function fingerprintOf(org: Organization, prints: LiveFingerprints): string {
  return known(prints.byId.get(org.id), `the fingerprint of organization ${org.id}`);
}

/** Lookups of ids the planner itself took from the same index cannot miss; if one does, it is a bug. */
function known<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Internal error: the planner lost ${what}.`);
  return value;
}
