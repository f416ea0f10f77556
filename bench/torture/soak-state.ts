/**
 * The emulator's final state against the soak's export: every customer has
 * exactly one organization (found by its owner), its extra user exactly once
 * and in that organization, and exactly its two locations; anything beyond
 * that is a duplicate, anything short of it is missing.
 * Exports: `SOAK_PARTNER`, `SoakSnapshot`, `StateCount`, `countState`.
 */
import { soakCustomer } from './soak-export.js';

/** The partner the soak writes as (the emulator's default partner). */
export const SOAK_PARTNER = 'demo';

interface SnapshotUser {
  external_id: string;
  organizations: { id: number; role: string }[];
}

/** The part of `GET /_emulator/state` the count reads, for one partner. */
export interface SoakSnapshot {
  organizations: {
    id: number;
    users: SnapshotUser[];
    phone_numbers: { name: string }[];
  }[];
  users: SnapshotUser[];
}

/** What the count found. */
export interface StateCount {
  organizations: number;
  users: number;
  locations: number;
  /** Entities beyond one per desired entity, and organizations no customer has. */
  duplicates: number;
  /** Desired entities the emulator lacks. */
  missing: number;
}

/** Counts `snapshot` against the export of `customers` customers. */
export function countState(snapshot: SoakSnapshot, customers: number): StateCount {
  const ownersOf = organizationsByOwner(snapshot);
  const usersById = countBy(snapshot.users.map((user) => user.external_id));
  const count: StateCount = {
    organizations: snapshot.organizations.length,
    users: snapshot.users.length,
    locations: snapshot.organizations.reduce((n, o) => n + o.phone_numbers.length, 0),
    duplicates: 0,
    missing: 0,
  };
  let claimed = 0;
  for (let index = 0; index < customers; index += 1) {
    const customer = soakCustomer(index);
    const organizations = ownersOf.get(customer.ownerExternalId) ?? [];
    claimed += organizations.length;
    count.duplicates += Math.max(0, organizations.length - 1);
    count.missing += organizations.length === 0 ? 1 : 0;
    const [organization] = organizations;
    const users = usersById.get(customer.userExternalId) ?? 0;
    count.duplicates += Math.max(0, users - 1);
    count.missing += isMember(snapshot, customer.userExternalId, organization?.id)
      ? 0
      : 1;
    const names = countBy(organization?.phone_numbers.map((p) => p.name) ?? []);
    for (const name of customer.locationNames) {
      const found = names.get(name) ?? 0;
      count.duplicates += Math.max(0, found - 1);
      count.missing += found === 0 ? 1 : 0;
    }
    count.duplicates += unexpectedLocations(names, customer.locationNames);
  }
  // Organizations whose owner is no customer's owner: created from nothing.
  count.duplicates += snapshot.organizations.length - claimed;
  return count;
}

function organizationsByOwner(snapshot: SoakSnapshot) {
  const byOwner = new Map<string, SoakSnapshot['organizations']>();
  for (const organization of snapshot.organizations) {
    const owner = organization.users.find((user) =>
      user.organizations.some((m) => m.id === organization.id && m.role === 'owner'),
    );
    const key = owner?.external_id ?? `(no owner) ${organization.id}`;
    byOwner.set(key, [...(byOwner.get(key) ?? []), organization]);
  }
  return byOwner;
}

/** True when the user `externalId` belongs to the organization `id`. */
function isMember(snapshot: SoakSnapshot, externalId: string, id: number | undefined) {
  return snapshot.users.some(
    (user) =>
      user.external_id === externalId && user.organizations.some((m) => m.id === id),
  );
}

function unexpectedLocations(
  names: Map<string, number>,
  expected: readonly string[],
): number {
  let extra = 0;
  for (const [name, found] of names) if (!expected.includes(name)) extra += found;
  return extra;
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
