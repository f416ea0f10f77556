/**
 * Hand-built fixtures for planner tests: live organizations as the one
 * `GET /organizations` returns them (users embedded with every membership),
 * desired customers, memory and options.
 */
import type { Location, Organization, Role, User } from '../../src/api/types.js';
import type {
  DesiredCustomer,
  DesiredLocation,
  DesiredUser,
} from '../../src/input/customer.js';
import type { BuildPlanInput } from '../../src/plan/build-plan.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/plan/guards.js';
import type { LastApplied, PlanMemory } from '../../src/plan/memory.js';
import type { Plan, PlanOptions, TenantPlan } from '../../src/plan/plan-types.js';

const STAMP = '2025-03-02T09:15:00Z';
export const FILE = 'customers.csv';

export interface MemberSpec {
  externalId: string;
  role: Role;
  email?: string;
  name?: string | null;
}

export interface OrgSpec {
  id: number;
  name: string;
  /** Present only when the API returns it (the emulator's default mode). */
  description?: string | null;
  members?: MemberSpec[];
  locations?: Location[];
}

export const emailOf = (externalId: string): string => `${externalId}@example.com`;

/** Live organizations whose users carry their memberships in every listed org. */
export function liveOrgs(specs: readonly OrgSpec[]): Organization[] {
  const memberships = new Map<string, { id: number; name: string; role: Role }[]>();
  for (const spec of specs) {
    for (const member of spec.members ?? []) {
      const list = memberships.get(member.externalId) ?? [];
      list.push({ id: spec.id, name: spec.name, role: member.role });
      memberships.set(member.externalId, list);
    }
  }
  return specs.map((spec) => ({
    id: spec.id,
    name: spec.name,
    ...('description' in spec ? { description: spec.description ?? null } : {}),
    created_at: STAMP,
    updated_at: STAMP,
    users: (spec.members ?? []).map((member, index): User => ({
      id: spec.id * 100 + index,
      external_id: member.externalId,
      email: member.email ?? emailOf(member.externalId),
      name: member.name ?? null,
      created_at: STAMP,
      updated_at: STAMP,
      organizations: memberships.get(member.externalId) ?? [],
    })),
    phone_numbers: spec.locations ?? [],
  }));
}

export function liveLocation(
  id: number,
  name: string | null,
  fields: {
    phone?: string | null;
    address?: string | null;
    placeId?: string | null;
  } = {},
): Location {
  const phone = fields.phone === undefined ? null : fields.phone;
  return {
    id,
    name,
    phone_number: phone,
    status: phone === null ? 'pending' : 'active',
    address: fields.address ?? null,
    google_place_id: fields.placeId ?? null,
    created_at: STAMP,
    updated_at: STAMP,
  };
}

export interface CustomerSpec {
  name?: string;
  description?: string | null;
  owner?: string;
  ownerEmail?: string;
  ownerName?: string | null;
  users?: { externalId: string; role: Role; email?: string; name?: string | null }[];
  locations?: {
    name: string;
    address?: string | null;
    areaCode?: string | null;
    placeId?: string | null;
  }[];
}

/** A valid customer; the owner defaults to `<key>-owner`, lines count from 2. */
export function customer(key: string, spec: CustomerSpec = {}): DesiredCustomer {
  let line = 2;
  const source = () => ({ file: FILE, line: line++ });
  const owner = spec.owner ?? `${key}-owner`;
  const organization = {
    name: spec.name ?? `${key} Inc`,
    description: spec.description ?? null,
    source: source(),
  };
  const ownerEntry = {
    externalId: owner,
    email: spec.ownerEmail ?? emailOf(owner),
    name: spec.ownerName ?? null,
    source: organization.source,
  };
  const users = (spec.users ?? []).map((user): DesiredUser => ({
    externalId: user.externalId,
    email: user.email ?? emailOf(user.externalId),
    name: user.name ?? null,
    role: user.role,
    source: source(),
  }));
  const locations = (spec.locations ?? []).map((location): DesiredLocation => ({
    name: location.name,
    address: location.address ?? null,
    areaCode: location.areaCode ?? null,
    googlePlaceId: location.placeId ?? null,
    source: source(),
  }));
  return {
    key,
    keySource: 'customer_id',
    organization,
    owner: ownerEntry,
    users,
    locations,
  };
}

export function memory(
  spec: {
    organizations?: Record<string, number>;
    lastApplied?: Record<string, LastApplied>;
    previousInputCustomers?: number | null;
  } = {},
): PlanMemory {
  return {
    organizations: new Map(Object.entries(spec.organizations ?? {})),
    lastApplied: new Map(Object.entries(spec.lastApplied ?? {})),
    previousInputCustomers: spec.previousInputCustomers ?? null,
  };
}

export const options = (partial: Partial<PlanOptions> = {}): PlanOptions => ({
  ...DEFAULT_PLAN_OPTIONS,
  ...partial,
});

export const INPUTS = [{ file: FILE, sha256: 'ab'.repeat(32), bytes: 1234 }];

/** Plans with empty memory and default options unless given. */
export function plan(
  customers: DesiredCustomer[],
  live: Organization[],
  extra: Partial<Pick<BuildPlanInput, 'memory' | 'options' | 'rejected'>> = {},
): Plan {
  return buildPlan({
    customers,
    live,
    memory: extra.memory ?? memory(),
    options: extra.options ?? options(),
    inputs: INPUTS,
    rejected: extra.rejected ?? [],
  });
}

export function tenantOf(result: Plan, key: string): TenantPlan {
  const found = result.tenants.find((tenant) => tenant.key === key);
  if (found === undefined) throw new Error(`no tenant ${key} in the plan`);
  return found;
}

/** `kind id` of each operation: compact and exact for assertions. */
export const opSummary = (tenant: TenantPlan): string[] =>
  tenant.operations.map((operation) => `${operation.kind} ${operation.id}`);
