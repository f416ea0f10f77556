import type { Role } from '../api/types.js';

/** Where an entity of a customer was read from, for plans and reports. */
export interface SourceLine {
  file: string;
  line: number;
}

/**
 * An optional text field of the export. `null` means the export does not set it
 * (column absent or cell empty): aa-sync leaves the live value alone.
 */
export type Managed = string | null;

export interface DesiredOwner {
  externalId: string;
  email: string;
  name: Managed;
  source: SourceLine;
}

export interface DesiredUser {
  externalId: string;
  email: string;
  name: Managed;
  role: Role;
  source: SourceLine;
}

export interface DesiredLocation {
  name: string;
  address: Managed;
  /** Three digits; `null` when the export gives none (no number is provisioned). */
  areaCode: Managed;
  googlePlaceId: Managed;
  source: SourceLine;
}

/** One customer of the export, valid and merged from all its rows. */
export interface DesiredCustomer {
  /** `customer_id`, else the owner's external id (see `keySource`). */
  key: string;
  keySource: 'customer_id' | 'owner_external_id';
  organization: { name: string; description: Managed; source: SourceLine };
  owner: DesiredOwner;
  /** Users besides the owner, ordered by external id. */
  users: DesiredUser[];
  /** Ordered by name as written. */
  locations: DesiredLocation[];
}
