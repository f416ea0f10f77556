/**
 * Every guess the emulator makes where the Partner API reference is silent
 * (`/work/shared/partner-api.md`, section 12, U1–U27), in one place.
 *
 * Each entry names the question, the choice made and the reference section.
 * The emulator reads these values, so a guess is corrected in one line once the
 * real behaviour is known. Exports: `UNKNOWNS`.
 */
export const UNKNOWNS = {
  /**
   * U1 (§2.1) What JSON do error answers carry? Choice: `{"message": text}`
   * for every non-422 error, with these texts.
   */
  U1: {
    unauthenticated: 'Unauthenticated.',
    notFound: 'Not found.',
    serverError: 'Server Error',
    methodNotAllowed: 'The method is not supported for this route.',
  },
  /**
   * U2 (§2, §5.4) Shape and rules of 422 answers. Choice: Laravel's
   * `{message, errors: {field: [text]}}`, every problem of a request reported
   * at once; required strings must not be blank (whitespace only counts as
   * blank, like Laravel's TrimStrings) but values are stored untrimmed; every
   * string is at most 255 characters (description included).
   */
  U2: {
    invalidMessage: 'The given data was invalid.',
    maxStringLength: 255,
  },
  /**
   * U3 (§5.2, §6.2, §9.1) Duplicate `external_id` on create; duplicate emails.
   * Choice: 422 on `external_id` (`owner.external_id` for owners), checked
   * against the partner's users and pending partner links; emails may repeat.
   */
  U3: { duplicateExternalIdMessage: 'has already been taken.' },
  /**
   * U4 (§10) Rate limits. Suggested default: none. Product decision, contrary
   * to the suggestion: ON by default at 10/s, burst 20 per key label
   * (`DEFAULT_RATE_LIMIT`); `rateLimit: null` turns it off. A refusal is 429
   * with `Retry-After` (whole seconds) and this message; default mode also sends
   * `X-RateLimit-Limit` (the burst) and `X-RateLimit-Remaining`.
   */
  U4: { limitedByDefault: true as boolean, status: 429, message: 'Too Many Requests' },
  /**
   * U5 (§10) Pagination and order of lists. Choice: everything at once, in
   * ascending id order (also members within organizations and memberships
   * within users); unknown query parameters are ignored.
   */
  U5: { listOrder: 'ASC' as 'ASC' | 'DESC' },
  /**
   * U6 (§10) Idempotency keys. Choice: not supported; an `Idempotency-Key`
   * header is ignored like any other unknown header (no code reads this; the
   * behaviour is the absence of a feature).
   */
  U6: { idempotencyKeys: false },
  /**
   * U7 (§5.2) Status of `POST /organizations`; required owner fields. Choice:
   * 201; `owner.external_id` and `owner.email` required, `owner.name` optional.
   */
  U7: { createOrganizationStatus: 201, ownerNameRequired: false },
  /**
   * U8 (§5.5, §8.5) DELETE answers and cascades. Choice: 204, empty body;
   * deleting an org removes its locations and memberships and deletes users
   * left without any organization; a deleted location's number is never issued
   * again.
   */
  U8: { deleteStatus: 204, deleteUsersLeftWithoutOrganization: true },
  /**
   * U9 (§6.3, §6.5) Does `DELETE /users/{external_id}` exist; shape of GET.
   * Choice: DELETE exists and answers 204; GET answers the User object.
   */
  U9: { deleteUserStatus: 204 },
  /**
   * U10 (§8.2) Location fields, status lifecycle, `organization_id` in the
   * answer. Choice: `organization_id` and `name` required, `area_code`
   * (3 digits, first 2–9, not N11, not toll-free or premium) optional; 201
   * with status `pending`; a number reserved at create turns `active` after
   * `activationDelayMs`. Without
   * an area code no number is provisioned and the location stays `pending`.
   * The answer has no `organization_id`.
   */
  U10: {
    createLocationStatus: 201,
    locationNameRequired: true,
    initialStatus: 'pending',
    activeStatus: 'active',
  },
  /**
   * U11 (§3.3) Nullability of response fields. Choice: `null` for anything
   * unknown or not given, including `phone_number` until the number is active.
   */
  U11: { phoneNumberWhileInactive: null },
  /**
   * U12 (§3.4, §6.2, §6.4) Team vs organization; where `organization_id` goes;
   * default role. Choice: team = organization; `organization_id` accepted from
   * query or body, the query wins; default role `user`; on create without an
   * organization, `team_name` creates a new organization with the user as
   * owner, and neither is a 422. On PATCH, `team_name` is validated and then
   * ignored (`'ignore'`); `'create-organization'` applies the create rule.
   */
  U12: {
    defaultRole: 'user',
    patchTeamName: 'ignore' as 'ignore' | 'create-organization',
  },
  /**
   * U13 (§3.2, §6.4) Several owners; losing the last owner. Choice: several
   * owners allowed; a PATCH or DELETE that would leave an organization without
   * an owner is a 422.
   */
  U13: { lastOwnerMessage: 'would be left without an owner' },
  /**
   * U14 (§7) Embed tokens. Choice: no expiry; GET returns the same token until
   * rotated; POST rotates and answers 200; DELETE answers 200; a GET after a
   * DELETE issues a fresh token.
   */
  U14: { generateStatus: 200, invalidateStatus: 200, issueAfterInvalidate: true },
  /**
   * U15 (§9.1) Partner links. Choice: 201, status always `pending`; the user
   * appears in `/users` (with no organization) only once the control endpoint
   * `POST /_emulator/partner-links/:id/accept` accepts the link.
   */
  U15: { createStatus: 201 },
  /**
   * U16 (§1, §7) When is 403 answered? Choice: only by the three embed-token
   * endpoints, for a partner whose embedding is switched off.
   */
  U16: {
    embedDisabledStatus: 403,
    embedDisabledMessage: 'Dashboard embedding is not enabled for this partner account.',
  },
  /**
   * U17 (§2) Shape of `external_id`. Choice: any non-blank string of at most
   * 255 characters, case-sensitive, URL-decoded from the path; except `.` and
   * `..`, refused with 422 at create (users, owners, partner links) because as
   * a path segment they are URL dot segments, which clients and proxies remove,
   * so `/users/{external_id}` could never reach them. Routing uses the raw path
   * segments: `GET /users/%2E` looks up the external id `.` (404), never the list.
   */
  U17: { maxExternalIdLength: 255, refusedExternalIds: ['.', '..'] as readonly string[] },
  /**
   * U18 (§5.3, §6.1) Malformed and foreign ids, unknown fields, empty PATCH.
   * Choice: a non-integer path id answers 404; an unknown or foreign
   * `organization_id` in a body is a 422, as a list filter an empty list, and a
   * non-integer filter a 422; unknown fields are ignored; an empty PATCH
   * answers 200 and changes nothing.
   */
  U18: { unknownFilterGivesEmptyList: true },
  /**
   * U19 (§2) Response headers. Choice: `Content-Type: application/json` on
   * every answer, errors and 204 included.
   */
  U19: { contentType: 'application/json' },
  /**
   * U20 (§3.1) Is `description` returned? Choice: stored, and returned as an
   * extra field in default mode; never in strict mode.
   */
  U20: { returnDescription: true as boolean },
  /**
   * U21 (§3.1, §5.1) Are `users` and `phone_numbers` always embedded in
   * organizations, lists included? Choice: always; false leaves them out of
   * `GET /organizations` (single organizations keep them).
   */
  U21: { embedInLists: true as boolean },
  /**
   * U22 (§2) Timestamp format. Choice: UTC, second precision, `Z` suffix
   * (`2025-03-02T09:15:00Z`), from the injectable clock.
   */
  U22: { timestampLength: 19 },
  /**
   * U23 (§3.1) Does an organization's `updated_at` move when members or
   * locations change? Choice: no, only when its own fields change to a new
   * value (a PATCH repeating the current values changes nothing).
   */
  U23: { touchOrganizationOnMemberChange: false as boolean },
  /**
   * U24 (§3.2) Email uniqueness and case. Choice: not checked; stored as given.
   * true makes an email already used by another user of the partner a 422.
   */
  U24: { uniqueEmails: false as boolean },
  /**
   * U25 (§1) Key format per environment. Choice: any non-blank key configured
   * in the emulator is accepted, whatever its prefix; keys belong to one partner.
   */
  U25: { requiredKeyPrefix: '' as string },
  /**
   * U26 Quotas on organizations, locations, users. Choice: none (`null` = no
   * limit on organizations per partner).
   */
  U26: { maxOrganizationsPerPartner: null as number | null },
  /**
   * U27 Webhooks. Choice: none; clients poll `GET /locations/{id}` (no code
   * reads this; the behaviour is the absence of a feature).
   */
  U27: { webhooks: false },
} as const;
