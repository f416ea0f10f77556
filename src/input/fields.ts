/**
 * The canonical fields of a flat customer export (see `src/glossary.md`). Every
 * reader turns its records into rows keyed by these names.
 */
export const CANONICAL_FIELDS = [
  'customer_id',
  'org_name',
  'org_description',
  'owner_external_id',
  'owner_email',
  'owner_name',
  'location_name',
  'location_address',
  'location_area_code',
  'location_google_place_id',
  'user_external_id',
  'user_email',
  'user_name',
  'user_role',
] as const;

export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** The documented maximum length of a Partner API string (reference U2). */
export const MAX_FIELD_LENGTH = 255;
