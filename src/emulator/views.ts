/**
 * Read side: API objects assembled from a few queries each (never one query per
 * item), so `GET /organizations` stays fast at 10k organizations.
 * Exports: `organizationsOf`, `OrganizationSummary`, `organizationView`,
 * `usersOf`, `userView`, `locationsOf`.
 */
import type { Location, Organization, User } from '../api/types.js';
import type { EmulatorContext } from './context.js';
import { locationJson, organizationJson, userJson } from './serialize.js';
import { UNKNOWNS } from './unknowns.js';
import type {
  LocationRow,
  MembershipRow,
  OrganizationRow,
  UserRow,
} from './store/rows.js';

/** An organization as lists show it when U21 leaves members and numbers out. */
export type OrganizationSummary = Omit<Organization, 'users' | 'phone_numbers'>;

/** Every organization of the partner, in list order (U5), members embedded (U21). */
export function organizationsOf(
  ctx: EmulatorContext,
  partnerId: string,
): Organization[] | OrganizationSummary[] {
  const organizations = allOrganizations(ctx, partnerId);
  if (UNKNOWNS.U21.embedInLists) return organizations;
  return organizations.map(({ users: _users, phone_numbers: _numbers, ...rest }) => rest);
}

function allOrganizations(ctx: EmulatorContext, partnerId: string): Organization[] {
  const { store } = ctx;
  return assemble(
    ctx,
    store.organizations.list(partnerId),
    store.users.list(partnerId),
    store.memberships.byPartner(partnerId),
    store.locations.list(partnerId),
  );
}

/** One organization with its members (each with all their memberships) and locations. */
export function organizationView(
  ctx: EmulatorContext,
  row: OrganizationRow,
): Organization {
  const { store } = ctx;
  const [organization] = assemble(
    ctx,
    [row],
    store.users.members(row.id),
    store.memberships.ofMembersOf(row.id),
    store.locations.byOrganization(row.id),
  );
  if (organization === undefined) throw new Error(`bug: organization ${row.id} vanished`);
  return organization;
}

/** The partner's users, or the members of one organization, by ascending id. */
export function usersOf(
  ctx: EmulatorContext,
  partnerId: string,
  organizationId?: number,
): User[] {
  const { store } = ctx;
  const users =
    organizationId === undefined
      ? store.users.list(partnerId)
      : store.users.members(organizationId);
  const memberships =
    organizationId === undefined
      ? store.memberships.byPartner(partnerId)
      : store.memberships.ofMembersOf(organizationId);
  const byUser = groupBy(memberships, (m) => m.user_id);
  return users.map((user) => userJson(user, byUser.get(user.id) ?? []));
}

/** One user with all their memberships. */
export function userView(ctx: EmulatorContext, row: UserRow): User {
  return userJson(row, ctx.store.memberships.byUser(row.id));
}

/** The partner's locations, or one organization's, by ascending id. */
export function locationsOf(
  ctx: EmulatorContext,
  partnerId: string,
  organizationId?: number,
): Location[] {
  const rows =
    organizationId === undefined
      ? ctx.store.locations.list(partnerId)
      : ctx.store.locations.byOrganization(organizationId);
  const nowMs = ctx.now();
  return rows.map((row) => locationJson(row, nowMs));
}

/**
 * Joins rows in memory. `memberships` must be in list order of user id (U5),
 * so each organization's member list comes out in that order.
 */
function assemble(
  ctx: EmulatorContext,
  organizations: readonly OrganizationRow[],
  users: readonly UserRow[],
  memberships: readonly MembershipRow[],
  locations: readonly LocationRow[],
): Organization[] {
  const byUser = groupBy(memberships, (m) => m.user_id);
  const userObjects = new Map(
    users.map((u) => [u.id, userJson(u, byUser.get(u.id) ?? [])]),
  );
  const membersByOrg = new Map<number, User[]>();
  for (const membership of memberships) {
    const user = userObjects.get(membership.user_id);
    if (user !== undefined) push(membersByOrg, membership.organization_id, user);
  }
  const nowMs = ctx.now();
  const locationsByOrg = new Map<number, Location[]>();
  for (const row of locations)
    push(locationsByOrg, row.organization_id, locationJson(row, nowMs));
  const strict = ctx.options.strict;
  return organizations.map((org) =>
    organizationJson(
      org,
      membersByOrg.get(org.id) ?? [],
      locationsByOrg.get(org.id) ?? [],
      strict,
    ),
  );
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) push(groups, key(item), item);
  return groups;
}

function push<T>(map: Map<number, T[]>, key: number, item: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else list.push(item);
}
