/**
 * Pure readers of request bodies: they check fields into a Validator and return
 * drafts whose fields are undefined where a check failed. The API routes and
 * the seed loader share them, so both apply the same rules.
 * Exports: `OrganizationDraft`, `UserDraft`, `LocationDraft`, `readOrganization`,
 * `readOrganizationPatch`, `readUser`, `readLocation`, `readLocationPatch`,
 * `readPartnerLink`, `readOrganizationId`, `readExternalId`, `isPresent`, `must`.
 */
import { ROLES } from '../api/types.js';
import type { Role } from '../api/types.js';
import { UNKNOWNS } from './unknowns.js';
import type { Validator } from './validation.js';

type Body = Record<string, unknown>;

const MAX_EXTERNAL_ID = UNKNOWNS.U17.maxExternalIdLength;

export interface UserDraft {
  externalId: string | undefined;
  email: string | undefined;
  name: string | null;
}

export interface OrganizationDraft {
  name: string | undefined;
  description: string | null;
  owner: UserDraft;
}

export interface LocationDraft {
  /** Undefined after a failed check; null when not sent and not required (U10). */
  name: string | null | undefined;
  areaCode: string | undefined;
  address: string | null;
  googlePlaceId: string | null;
}

/**
 * A required external id (U17). `.` and `..` are refused: as a URL path segment
 * they are dot segments, which clients remove, so such a user could never be
 * addressed as `/users/{external_id}`.
 */
export function readExternalId(
  v: Validator,
  body: Body,
  label: string,
): string | undefined {
  const value = v.requiredString(body, 'external_id', label, MAX_EXTERNAL_ID);
  if (value === undefined || !UNKNOWNS.U17.refusedExternalIds.includes(value))
    return value;
  v.fail(label, `The ${label} field must not be "." or "..".`);
  return undefined;
}

/** `POST /organizations` (§5.2, U7). `prefix` names nested paths in seed documents. */
export function readOrganization(
  v: Validator,
  body: Body,
  prefix = '',
): OrganizationDraft {
  const ownerLabel = `${prefix}owner`;
  const owner = v.requiredObject(body, 'owner', ownerLabel);
  return {
    name: v.requiredString(body, 'name', `${prefix}name`),
    description: v.optionalString(body, 'description', `${prefix}description`) ?? null,
    owner: readUser(v, owner, `${ownerLabel}.`, UNKNOWNS.U7.ownerNameRequired),
  };
}

/** `PATCH /organizations/{id}` (§5.4): a sent name must not be blank. */
export function readOrganizationPatch(
  v: Validator,
  body: Body,
): { name?: string; description?: string | null } {
  const name = v.presentString(body, 'name');
  const description = v.optionalString(body, 'description');
  return {
    ...(name === undefined ? {} : { name }),
    ...(description === undefined ? {} : { description }),
  };
}

/** The person fields of a user or owner (§6.2, U17). */
export function readUser(
  v: Validator,
  body: Body,
  prefix = '',
  nameRequired = false,
): UserDraft {
  const nameLabel = `${prefix}name`;
  return {
    externalId: readExternalId(v, body, `${prefix}external_id`),
    email: v.email(body, 'email', `${prefix}email`),
    name: nameRequired
      ? (v.requiredString(body, 'name', nameLabel) ?? null)
      : (v.optionalString(body, 'name', nameLabel) ?? null),
  };
}

/** An optional role (null means absent). */
export function readRole(v: Validator, body: Body): Role | undefined {
  return v.optionalChoice(body, 'role', ROLES);
}

/** `POST /locations` without `organization_id` (§8.2, U10). */
export function readLocation(v: Validator, body: Body, prefix = ''): LocationDraft {
  const nameLabel = `${prefix}name`;
  return {
    name: UNKNOWNS.U10.locationNameRequired
      ? v.requiredString(body, 'name', nameLabel)
      : (v.optionalString(body, 'name', nameLabel) ?? null),
    areaCode: v.optionalAreaCode(body, 'area_code', `${prefix}area_code`),
    address: v.optionalString(body, 'address', `${prefix}address`) ?? null,
    googlePlaceId:
      v.optionalString(body, 'google_place_id', `${prefix}google_place_id`) ?? null,
  };
}

/** `PATCH /locations/{id}` (§8.4): name (not blank when sent), address, place id. */
export function readLocationPatch(
  v: Validator,
  body: Body,
): { name?: string; address?: string | null; googlePlaceId?: string | null } {
  const name = v.presentString(body, 'name');
  const address = v.optionalString(body, 'address');
  const googlePlaceId = v.optionalString(body, 'google_place_id');
  return {
    ...(name === undefined ? {} : { name }),
    ...(address === undefined ? {} : { address }),
    ...(googlePlaceId === undefined ? {} : { googlePlaceId }),
  };
}

/** `POST /partner-links` (§9.1). */
export function readPartnerLink(
  v: Validator,
  body: Body,
): { email: string | undefined; externalId: string | undefined } {
  return {
    email: v.email(body, 'email'),
    externalId: readExternalId(v, body, 'external_id'),
  };
}

/**
 * `organization_id` from the query string or the body; the query wins when both
 * are sent (U12). Non-integers fail; null and '' count as absent.
 */
export function readOrganizationId(
  v: Validator,
  query: URLSearchParams,
  body: Body,
): number | undefined {
  const fromQuery = query.get('organization_id');
  const value = fromQuery !== null && fromQuery !== '' ? fromQuery : body.organization_id;
  return v.optionalInteger(value, 'organization_id');
}

/** A string that is present and not blank (Laravel turns blank strings into null). */
export function isPresent(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** A field that passed validation; undefined here is an emulator bug. */
export function must<T>(value: T | undefined, field: string): T {
  if (value === undefined) {
    throw new Error(`bug: ${field} is undefined after validation passed`);
  }
  return value;
}
