/**
 * Indexes the live state (the one `GET /organizations` answer, which embeds every
 * organization's users and locations) into the lookups planning needs, and
 * projects it into the canonical form that live fingerprints hash.
 */
import { createHash, hash } from 'node:crypto';
import type { Location, Organization, Role, User } from '../api/types.js';
import { normaliseName } from '../input/normalise.js';

/** A user seen anywhere in the account, with every membership merged. */
export interface LiveUser {
  externalId: string;
  email: string;
  name: string | null;
  /** Organization id to the role held there. */
  memberships: ReadonlyMap<number, Role>;
}

export interface LiveState {
  organizations: readonly Organization[];
  byId: ReadonlyMap<number, Organization>;
  usersByExternalId: ReadonlyMap<string, LiveUser>;
  /** Organization ids, ascending, where the external id holds role owner. */
  ownedBy(externalId: string): number[];
  /** Organization ids, ascending, whose normalised name is `normalisedName`. */
  namedAs(normalisedName: string): number[];
  locationsOf(organizationId: number): readonly Location[];
  /** Every live location of the account. */
  locationCount: number;
}

/** Matches `+1NXXNXXXXXX`: the North American numbering plan in E.164. */
const NANP_E164 = /^\+1([2-9]\d\d)[2-9]\d{6}$/u;

/** The area code of a live number; null while pending (no number) or when not +1. */
export function areaCodeOf(phoneNumber: string | null): string | null {
  if (phoneNumber === null) return null;
  return NANP_E164.exec(phoneNumber)?.[1] ?? null;
}

/** Builds the lookups; organizations are taken in ascending id order. */
export function indexLiveState(organizations: readonly Organization[]): LiveState {
  const sorted = [...organizations].sort((a, b) => a.id - b.id);
  const byId = new Map(sorted.map((org) => [org.id, org]));
  const users = mergeUsers(sorted);
  const byName = groupBy(sorted, (org) => normaliseName(org.name));
  let locationCount = 0;
  for (const org of sorted) locationCount += org.phone_numbers.length;
  return {
    organizations: sorted,
    byId,
    usersByExternalId: users,
    ownedBy: (externalId) => ownedOrgs(users.get(externalId), byId),
    namedAs: (name) => (byName.get(name) ?? []).map((org) => org.id),
    locationsOf: (id) => byId.get(id)?.phone_numbers ?? [],
    locationCount,
  };
}

function ownedOrgs(
  user: LiveUser | undefined,
  byId: ReadonlyMap<number, Organization>,
): number[] {
  if (user === undefined) return [];
  const ids: number[] = [];
  for (const [id, role] of user.memberships) {
    if (role === 'owner' && byId.has(id)) ids.push(id);
  }
  return ids.sort((a, b) => a - b);
}

/** A user appears under every organization it belongs to: one entry per external id. */
function mergeUsers(organizations: readonly Organization[]): Map<string, LiveUser> {
  const seen = new Map<string, { first: User; roles: Map<number, Role> }>();
  for (const org of organizations) {
    for (const user of org.users) {
      let entry = seen.get(user.external_id);
      if (entry === undefined) {
        entry = { first: user, roles: new Map() };
        seen.set(user.external_id, entry);
      }
      for (const membership of user.organizations) {
        entry.roles.set(membership.id, membership.role);
      }
    }
  }
  const merged = new Map<string, LiveUser>();
  for (const [externalId, { first, roles }] of seen) {
    merged.set(externalId, {
      externalId,
      email: first.email,
      name: first.name,
      memberships: ascendingById(roles),
    });
  }
  return merged;
}

/** The roles in ascending organization id; most users have one, already in order. */
function ascendingById(roles: Map<number, Role>): Map<number, Role> {
  let previous = -Infinity;
  for (const id of roles.keys()) {
    if (id < previous) return new Map([...roles].sort(([a], [b]) => a - b));
    previous = id;
  }
  return roles;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/**
 * The part of an organization that planning reads. Timestamps, location status
 * and the digits of a number beyond its area code are left out, so that a
 * number being provisioned does not make a saved plan stale. Keys are written
 * in a fixed order and arrays sorted, so `JSON.stringify` of it is canonical.
 */
export function projectOrganization(org: Organization): unknown {
  return {
    id: org.id,
    name: org.name,
    ...(org.description === undefined ? {} : { description: org.description }),
    users: [...org.users]
      .sort((a, b) => compareCodeUnits(a.external_id, b.external_id))
      .map((user) => ({
        externalId: user.external_id,
        email: user.email,
        name: user.name,
        memberships: [...user.organizations]
          .sort((a, b) => a.id - b.id)
          .map((membership) => ({ id: membership.id, role: membership.role })),
      })),
    locations: [...org.phone_numbers]
      .sort((a, b) => a.id - b.id)
      .map((location) => ({
        id: location.id,
        name: location.name,
        address: location.address,
        googlePlaceId: location.google_place_id,
        areaCode: areaCodeOf(location.phone_number),
      })),
  };
}

/** SHA-256 (hex) of one organization's projection. */
export function organizationFingerprint(org: Organization): string {
  return sha256Hex(JSON.stringify(projectOrganization(org)));
}

/** SHA-256 (hex) of the projection of every organization, in ascending id order. */
export function liveFingerprint(state: LiveState): string {
  return fingerprintLiveState(state).live;
}

/** The live fingerprint and every organization's fingerprint. */
export interface LiveFingerprints {
  live: string;
  /** Organization id to `organizationFingerprint` of it. */
  byId: ReadonlyMap<number, string>;
}

/**
 * Both kinds of fingerprint from one projection of each organization. The JSON
 * of an array is its items' JSON joined by commas inside brackets, so hashing
 * the items' text in a stream gives the bytes `liveFingerprint` hashes, without
 * projecting every organization twice or building one string of all of them.
 */
export function fingerprintLiveState(state: LiveState): LiveFingerprints {
  const whole = createHash('sha256').update('[');
  const byId = new Map<number, string>();
  let separator = '';
  for (const org of state.organizations) {
    const text = JSON.stringify(projectOrganization(org));
    whole.update(separator).update(text);
    byId.set(org.id, sha256Hex(text));
    separator = ',';
  }
  return { live: whole.update(']').digest('hex'), byId };
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** Plain UTF-16 code-unit order: the same on every machine, whatever its locale. */
export function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
