/**
 * The end of a customer draft: the checks that need all of its rows, and the
 * DesiredCustomer of a draft that passed every check.
 */
import type {
  DesiredCustomer,
  DesiredLocation,
  DesiredUser,
  SourceLine,
} from './customer.js';
import type {
  CustomerDraft,
  Given,
  LocationEntity,
  UserEntity,
} from './customer-draft.js';
import { byPlace, byText, placeOf, problemAt } from './customer-draft.js';
import type { HeaderGapTally } from './header-gaps.js';
import { quoteValue } from './problem-text.js';
import type { RowProblem } from './records.js';
import { CUSTOMER_REQUIRED_FIELDS, missingCustomerField } from './row-rules.js';
import { parseRole } from './rules.js';

function ownerRoleProblem(key: string, ownerId: string, role: Given): RowProblem {
  return problemAt(
    role,
    'owner-role',
    `user ${quoteValue(ownerId)} is the owner of customer ${quoteValue(key)}, ` +
      'so its user_role must be owner or empty',
    'Write owner or leave user_role empty on the rows of the owner.',
  );
}

/** A user row for the owner describes the owner: it must agree with the owner's fields. */
function absorbOwnerUser(draft: CustomerDraft): void {
  const ownerId = draft.fields.owner_external_id?.value;
  const user = ownerId === undefined ? undefined : draft.users?.get(ownerId);
  if (ownerId === undefined || user === undefined) return;
  draft.users?.delete(ownerId);
  const role = user.user_role;
  const parsed = role === undefined ? undefined : parseRole(role.value);
  if (role !== undefined && parsed !== undefined && parsed !== 'owner') {
    draft.problems.push(ownerRoleProblem(draft.key, ownerId, role));
  }
  const pairs = [
    ['user_email', user.user_email, 'owner_email', draft.fields.owner_email],
    ['user_name', user.user_name, 'owner_name', draft.fields.owner_name],
  ] as const;
  for (const [field, given, ownerField, owners] of pairs) {
    if (given === undefined || owners === undefined || given.value === owners.value) {
      continue;
    }
    draft.problems.push(
      problemAt(
        given,
        'conflicting-value',
        `${field} ${quoteValue(given.value)} (${placeOf(given)}) of user ${quoteValue(ownerId)}, ` +
          `the owner of customer ${quoteValue(draft.key)}, differs from ${ownerField} ` +
          `${quoteValue(owners.value)} (${placeOf(owners)})`,
        'A user row for the owner describes the owner: write the same value as the owner columns, or leave it empty.',
      ),
    );
  }
}

/**
 * Runs the checks that need all rows of the customer. Call once, after the last
 * row. A required field missing because no file of the customer has a column for
 * it gets the short problem of `gaps` (see header-gaps.ts).
 */
export function finishDraft(draft: CustomerDraft, gaps?: HeaderGapTally): void {
  draft.records.sort(byPlace);
  const first = draft.records[0];
  for (const field of CUSTOMER_REQUIRED_FIELDS) {
    if (draft.fields[field] === undefined && first !== undefined) {
      const problem =
        gaps?.refer(draft, field) ?? missingCustomerField(field, draft.key, first);
      draft.problems.push(problem);
    }
  }
  absorbOwnerUser(draft);
}

function lineOf(given: Given): SourceLine {
  return { file: given.file, line: given.line };
}

/** The value of a field a valid draft always has; its absence is a bug. */
function mustHave(given: Given | undefined, field: string): Given {
  if (given === undefined) throw new Error(`bug: a valid customer draft has no ${field}`);
  return given;
}

function toUser(user: UserEntity): DesiredUser {
  const id = mustHave(user.user_external_id, 'user_external_id');
  return {
    externalId: id.value,
    email: mustHave(user.user_email, 'user_email').value,
    name: user.user_name?.value ?? null,
    role: parseRole(user.user_role?.value ?? 'user') ?? 'user',
    source: lineOf(id),
  };
}

function toLocation(location: LocationEntity): DesiredLocation {
  const name = mustHave(location.location_name, 'location_name');
  return {
    name: name.value,
    address: location.location_address?.value ?? null,
    areaCode: location.location_area_code?.value ?? null,
    googlePlaceId: location.location_google_place_id?.value ?? null,
    source: lineOf(name),
  };
}

/** The DesiredCustomer of a finished draft without problems. */
export function toDesiredCustomer(draft: CustomerDraft): DesiredCustomer {
  const { fields } = draft;
  const orgName = mustHave(fields.org_name, 'org_name');
  const ownerId = mustHave(fields.owner_external_id, 'owner_external_id');
  return {
    key: draft.key,
    keySource: draft.keySource,
    organization: {
      name: orgName.value,
      description: fields.org_description?.value ?? null,
      source: lineOf(orgName),
    },
    owner: {
      externalId: ownerId.value,
      email: mustHave(fields.owner_email, 'owner_email').value,
      name: fields.owner_name?.value ?? null,
      source: lineOf(ownerId),
    },
    users: [...(draft.users?.values() ?? [])]
      .map(toUser)
      .sort((a, b) => byText(a.externalId, b.externalId)),
    locations: [...(draft.locations?.values() ?? [])]
      .map(toLocation)
      .sort((a, b) => byText(a.name, b.name)),
  };
}
