/**
 * Wire types of the Answering Agent Partner API, as given by the reference
 * (`../shared/partner-api.md`). Fields marked "undocumented" are returned by
 * the emulator in its default mode only; code outside the emulator must treat
 * them as optional and never depend on them.
 */

/** ISO 8601 date-time, UTC, `Z` suffix (for example `2025-03-02T09:15:00Z`). */
export type Timestamp = string;

export const ROLES = ['owner', 'manager', 'user'] as const;
export type Role = (typeof ROLES)[number];

export const LOCATION_STATUSES = ['pending', 'active'] as const;
export type LocationStatus = (typeof LOCATION_STATUSES)[number];

/** A user's membership of one organization (reference §3.2). */
export interface Membership {
  id: number;
  name: string;
  role: Role;
}

/** Reference §3.2. */
export interface User {
  id: number;
  external_id: string;
  email: string;
  name: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  organizations: Membership[];
}

/** A location, also called a phone number (reference §3.3). */
export interface Location {
  id: number;
  name: string | null;
  /** E.164; `null` while the number is not provisioned yet (U11). */
  phone_number: string | null;
  status: LocationStatus;
  address: string | null;
  google_place_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Reference §3.1. */
export interface Organization {
  id: number;
  name: string;
  /** Undocumented (U20): absent in strict mode and possibly in production. */
  description?: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  users: User[];
  phone_numbers: Location[];
}

export interface Team {
  id: number;
  name: string;
}

/** Reference §3.4: a location the new user can reach. */
export interface UserLocationLink {
  location: string | null;
  phone_id: number;
}

export interface CreateOrganizationRequest {
  name: string;
  description?: string | null;
  owner: {
    external_id: string;
    email: string;
    name?: string | null;
  };
}

export interface CreateOrganizationResponse {
  organization: Organization;
  owner: User;
}

export interface UpdateOrganizationRequest {
  name?: string;
  description?: string | null;
}

export interface CreateUserRequest {
  external_id: string;
  email: string;
  name?: string | null;
  team_name?: string | null;
  organization_id?: number | null;
  role?: Role | null;
}

export interface CreateUserResponse {
  embed_token: string;
  user: User;
  team: Team;
  locations: UserLocationLink[];
}

export interface UpdateUserRequest {
  name?: string;
  email?: string;
  team_name?: string;
  organization_id?: number | null;
  role?: Role | null;
}

export interface EmbedTokenResponse {
  embed_token: string;
  /** The user's external id, not the integer id. */
  user_id: string;
}

export interface GenerateEmbedTokenResponse extends EmbedTokenResponse {
  message: string;
}

export interface InvalidateEmbedTokenResponse {
  user_id: string;
  message: string;
}

export interface CreateLocationRequest {
  organization_id: number;
  name?: string | null;
  area_code?: string | null;
  address?: string | null;
  google_place_id?: string | null;
}

export interface UpdateLocationRequest {
  name?: string | null;
  address?: string | null;
  google_place_id?: string | null;
}

export interface CreatePartnerLinkRequest {
  email: string;
  external_id: string;
}

export interface PartnerLink {
  id: number;
  email: string;
  external_id: string;
  status: 'pending';
}

/** U1: the body of 401, 403, 404, 429 and 5xx answers. */
export interface ErrorBody {
  message: string;
}

/** U2: the body of a 422 answer. */
export interface ValidationErrorBody {
  message: string;
  errors: Record<string, string[]>;
}
