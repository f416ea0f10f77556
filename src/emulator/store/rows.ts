/**
 * Rows as stored, one interface per table (snake_case, like the columns).
 * Exports: `OrganizationRow`, `UserRow`, `MembershipRow`, `LocationRow`,
 * `PartnerLinkRow`, `Role`.
 */
import type { Role } from '../../api/types.js';

export type { Role };

export interface OrganizationRow {
  id: number;
  partner_id: string;
  name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRow {
  id: number;
  partner_id: string;
  external_id: string;
  email: string;
  name: string | null;
  /** The current embed-token signature; null after an invalidation (U14). */
  embed_secret: string | null;
  created_at: string;
  updated_at: string;
}

/** A membership with its organization's name, as user objects list them. */
export interface MembershipRow {
  organization_id: number;
  user_id: number;
  role: Role;
  organization_name: string;
}

export interface LocationRow {
  id: number;
  partner_id: string;
  organization_id: number;
  name: string | null;
  /** Reserved at create; shown only once the location is active. */
  phone_number: string | null;
  status: 'pending' | 'active';
  /** Clock ms at which a pending location with a number turns active; null = never. */
  activates_at: number | null;
  address: string | null;
  google_place_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface PartnerLinkRow {
  id: number;
  partner_id: string;
  email: string;
  external_id: string;
  status: 'pending' | 'accepted';
  created_at: string;
}
