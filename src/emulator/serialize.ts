/**
 * Rows → API objects (reference §3), strict or default. Strict answers carry
 * only documented fields, so aa-sync is proven not to lean on our guesses.
 * Exports: `userJson`, `locationJson`, `organizationJson`, `partnerLinkJson`,
 * `isLocationActive`.
 */
import type {
  Location,
  Membership,
  Organization,
  PartnerLink,
  User,
} from '../api/types.js';
import type {
  LocationRow,
  MembershipRow,
  OrganizationRow,
  PartnerLinkRow,
  UserRow,
} from './store/rows.js';
import { laterTimestamp, toTimestamp } from './time.js';
import { UNKNOWNS } from './unknowns.js';

/** A user with every organization they belong to (memberships by ascending org id). */
export function userJson(row: UserRow, memberships: readonly MembershipRow[]): User {
  return {
    id: row.id,
    external_id: row.external_id,
    email: row.email,
    name: row.name,
    created_at: row.created_at,
    updated_at: row.updated_at,
    organizations: memberships.map(membershipJson),
  };
}

function membershipJson(row: MembershipRow): Membership {
  return { id: row.organization_id, name: row.organization_name, role: row.role };
}

/**
 * True when the location reads as active at `nowMs`: activated explicitly, or
 * holding a reserved number whose activation time has come (lazy, U10).
 */
export function isLocationActive(row: LocationRow, nowMs: number): boolean {
  if (row.status === UNKNOWNS.U10.activeStatus) return true;
  return (
    row.phone_number !== null && row.activates_at !== null && row.activates_at <= nowMs
  );
}

/**
 * A location as read at `nowMs`. The number shows only once active (U11); a
 * lazily activated location's `updated_at` is its activation time. `asCreated`
 * renders the create answer, which is always still pending.
 */
export function locationJson(
  row: LocationRow,
  nowMs: number,
  asCreated = false,
): Location {
  const active = !asCreated && isLocationActive(row, nowMs);
  const activatedAt =
    active && row.status !== 'active' && row.activates_at !== null
      ? laterTimestamp(row.updated_at, toTimestamp(row.activates_at))
      : row.updated_at;
  return {
    id: row.id,
    name: row.name,
    phone_number: active ? row.phone_number : UNKNOWNS.U11.phoneNumberWhileInactive,
    status: active ? UNKNOWNS.U10.activeStatus : UNKNOWNS.U10.initialStatus,
    address: row.address,
    google_place_id: row.google_place_id,
    created_at: row.created_at,
    updated_at: activatedAt,
  };
}

/** An organization with its members and locations embedded (U21). */
export function organizationJson(
  row: OrganizationRow,
  users: User[],
  locations: Location[],
  strict: boolean,
): Organization {
  const description =
    strict || !UNKNOWNS.U20.returnDescription ? {} : { description: row.description };
  return {
    id: row.id,
    name: row.name,
    ...description,
    created_at: row.created_at,
    updated_at: row.updated_at,
    users,
    phone_numbers: locations,
  };
}

/** A partner link as `POST /partner-links` answers it. */
export function partnerLinkJson(row: PartnerLinkRow): PartnerLink {
  return {
    id: row.id,
    email: row.email,
    external_id: row.external_id,
    status: 'pending',
  };
}
