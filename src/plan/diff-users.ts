/**
 * The owner and users of one tenant. Users are account-wide (one external id,
 * memberships in several organizations), so each desired person is compared
 * with the live user of that external id wherever it lives.
 */
import type { Role } from '../api/types.js';
import type { DesiredOwner, DesiredUser } from '../input/customer.js';
import type { TenantContext } from './diff-context.js';
import { createUserId, operationId, orgDependency, orgTarget } from './diff-context.js';
import type { LiveUser } from './live-state.js';
import type { FieldChange, Operation, UnmanagedMember } from './plan-types.js';

type Person = DesiredOwner | DesiredUser;

export interface UsersDiff {
  /** Owner fix-ups first, then users in the order of the export. */
  operations: Operation[];
  notes: string[];
  unmanagedMembers: UnmanagedMember[];
}

export function diffUsers(context: TenantContext): UsersDiff {
  const { customer } = context;
  const notes: string[] = [];
  const owner = customer.owner;
  const operations = [...diffOwner(context, owner, notes)];
  const seen = new Set([owner.externalId]);
  for (const user of customer.users) {
    if (seen.has(user.externalId)) {
      notes.push(`user ${JSON.stringify(user.externalId)} is listed twice; planned once`);
      continue;
    }
    seen.add(user.externalId);
    operations.push(...diffPerson(context, user, user.role));
  }
  return { operations, notes, unmanagedMembers: unmanagedMembers(context, seen) };
}

function diffOwner(context: TenantContext, owner: DesiredOwner, notes: string[]) {
  if (context.org !== null) return diffPerson(context, owner, 'owner');
  const live = context.live.usersByExternalId.get(owner.externalId);
  const creator = context.users.creatorOf(owner.externalId);
  if (live !== undefined || creator !== context.createdAs) {
    notes.push(
      `owner ${JSON.stringify(owner.externalId)} already exists or is created by another ` +
        'customer; the API may refuse a new organization for an existing owner (U3)',
    );
  }
  // The create-organization call itself makes the owner; only details remain.
  return live === undefined ? [] : updateUser(context, owner, live);
}

function diffPerson(context: TenantContext, person: Person, role: Role): Operation[] {
  const live = context.live.usersByExternalId.get(person.externalId);
  if (live === undefined) return [createOrJoin(context, person, role)];
  const current = context.org === null ? undefined : live.memberships.get(context.org.id);
  const operations: Operation[] = [];
  if (current !== role)
    operations.push(setRole(context, person, role, current ?? null, []));
  operations.push(...updateUser(context, person, live));
  return operations;
}

/** Creates the user, or joins it when another operation of the plan creates it. */
function createOrJoin(context: TenantContext, person: Person, role: Role): Operation {
  const { key } = context.customer;
  const creator = context.users.creatorOf(person.externalId);
  const ownId = createUserId(key, person.externalId);
  if (creator !== undefined && creator !== ownId) {
    return setRole(context, person, role, null, [creator]);
  }
  return {
    kind: 'create-user',
    id: ownId,
    tenant: key,
    dependsOn: orgDependency(context),
    source: person.source,
    externalId: person.externalId,
    body: {
      external_id: person.externalId,
      email: person.email,
      ...(person.name === null ? {} : { name: person.name }),
      organization_id: orgTarget(context),
      role,
    },
  };
}

function setRole(
  context: TenantContext,
  person: Person,
  role: Role,
  from: Role | null,
  after: string[],
): Operation {
  return {
    kind: 'set-user-role',
    id: operationId(context.customer.key, 'user', 'role', person.externalId),
    tenant: context.customer.key,
    dependsOn: [...orgDependency(context), ...after],
    source: person.source,
    externalId: person.externalId,
    body: { organization_id: orgTarget(context), role },
    changes: [{ field: 'role', from, to: role, fromKnown: true }],
  };
}

/**
 * Email and name are account-wide, so a person listed by several customers is
 * updated once: in the tenant with the lowest customer key (see
 * `coordinateUsers`). The other tenants plan nothing for it and wait for nothing.
 */
function updateUser(context: TenantContext, person: Person, live: LiveUser): Operation[] {
  if (context.users.updaterOf(person.externalId) !== context.customer.key) return [];
  const changes: FieldChange[] = [];
  if (person.email !== live.email) {
    changes.push({ field: 'email', from: live.email, to: person.email, fromKnown: true });
  }
  if (person.name !== null && person.name !== live.name) {
    changes.push({ field: 'name', from: live.name, to: person.name, fromKnown: true });
  }
  if (changes.length === 0) return [];
  const body: { email?: string; name?: string } = {};
  for (const change of changes) {
    if (change.to !== null) body[change.field as 'email' | 'name'] = change.to;
  }
  return [
    {
      kind: 'update-user',
      id: operationId(context.customer.key, 'user', 'update', person.externalId),
      tenant: context.customer.key,
      dependsOn: [],
      source: person.source,
      externalId: person.externalId,
      body,
      changes,
    },
  ];
}

function unmanagedMembers(context: TenantContext, desired: ReadonlySet<string>) {
  const { org } = context;
  if (org === null) return [];
  const members: UnmanagedMember[] = [];
  for (const user of org.users) {
    if (desired.has(user.external_id)) continue;
    const role = user.organizations.find((membership) => membership.id === org.id)?.role;
    members.push({
      externalId: user.external_id,
      email: user.email,
      role: role ?? 'user',
    });
  }
  return members.sort((a, b) => (a.externalId < b.externalId ? -1 : 1));
}
