/**
 * Did the write land? After an unknown outcome (a create whose answer was lost)
 * the live state is read to find what an earlier attempt may have created, so
 * that it is adopted instead of created twice. Each lookup is one GET; its
 * retries are the caller's. Exports: `LookupFinding`, `findLanded`.
 */
import type { PartnerApiClient } from '../api/index.js';
import { isApiErrorOfKind } from '../api/index.js';
import type { Location, Membership, User } from '../api/types.js';
import type { OperationResult } from '../checkpoint/run-types.js';
import { normaliseName } from '../input/normalise.js';
import type {
  CreateLocationOp,
  CreateOrganizationOp,
  CreateUserOp,
} from '../plan/plan-types.js';
import type { CreateOperation, OrganizationOf } from './operation-call.js';
import { phoneNumberOf } from './operation-call.js';

/**
 * `absent`: nothing was created, sending is safe. `landed`: an earlier attempt
 * created it; `note` says what was found. `conflict`: something is there that
 * is not what the operation would have created (or is ambiguous): neither
 * adopting nor sending is safe; `message` says what was found and what to do.
 */
export type LookupFinding =
  | { found: 'absent' }
  | { found: 'landed'; result: OperationResult; note: string }
  | { found: 'conflict'; message: string };

const ABSENT: LookupFinding = { found: 'absent' };

/**
 * Reads whether `op` already took effect: an organization by its owner's
 * external id, a user by external id, a location by normalised name within its
 * organization. Rejects with the client's `ApiError` when the read fails.
 */
export function findLanded(
  op: CreateOperation,
  client: PartnerApiClient,
  organizationOf: OrganizationOf,
): Promise<LookupFinding> {
  switch (op.kind) {
    case 'create-organization':
      return findOrganization(op, client);
    case 'create-user':
      return findUser(op, client, organizationOf(op.body.organization_id));
    case 'create-location':
      return findLocation(op, client, organizationOf(op.body.organization_id));
  }
}

async function findOrganization(
  op: CreateOrganizationOp,
  client: PartnerApiClient,
): Promise<LookupFinding> {
  const ownerId = op.body.owner.external_id;
  const owner = await userOrNull(client, ownerId);
  if (owner === null) return ABSENT;
  const owned = owner.organizations.filter((membership) => membership.role === 'owner');
  // An owner of several organizations: the one with the requested name is ours.
  const wanted = normaliseName(op.body.name);
  const candidates =
    owned.length > 1 ? owned.filter((org) => normaliseName(org.name) === wanted) : owned;
  const [only] = candidates;
  if (candidates.length === 1 && only !== undefined) {
    return {
      found: 'landed',
      result: { organizationId: only.id, userId: owner.id },
      note:
        `organization ${only.id} was created by an earlier attempt ` +
        `(found as the organization that owner ${quote(ownerId)} owns)`,
    };
  }
  const found = `user ${quote(ownerId)} (id ${owner.id}) exists and ${ownerships(owner, owned, candidates.length)}`;
  return {
    found: 'conflict',
    message:
      `cannot tell whether organization ${quote(op.body.name)} was created: ${found}; ` +
      'nothing was sent again. Check that user in the partner dashboard, then run ' +
      '`aa-sync plan` again.',
  };
}

async function findUser(
  op: CreateUserOp,
  client: PartnerApiClient,
  organizationId: number,
): Promise<LookupFinding> {
  const user = await userOrNull(client, op.externalId);
  if (user === null) return ABSENT;
  if (user.organizations.some((membership) => membership.id === organizationId)) {
    return {
      found: 'landed',
      result: { userId: user.id, organizationId },
      note:
        `user ${quote(op.externalId)} (id ${user.id}) was created in organization ` +
        `${organizationId} by an earlier attempt`,
    };
  }
  return {
    found: 'conflict',
    message:
      `user ${quote(op.externalId)} (id ${user.id}) exists but is not a member of ` +
      `organization ${organizationId} (${memberships(user.organizations)}); ` +
      'it was not created again. The external id is taken by another user: ' +
      'correct the export or the user, then run `aa-sync plan` again.',
  };
}

async function findLocation(
  op: CreateLocationOp,
  client: PartnerApiClient,
  organizationId: number,
): Promise<LookupFinding> {
  const { name } = op.body;
  if (name === undefined || name === null || name.trim() === '') {
    return {
      found: 'conflict',
      message:
        `cannot tell whether the location was created in organization ` +
        `${organizationId}: it has no name to look it up by. Check the ` +
        "organization's locations before running again.",
    };
  }
  const live = await client.listLocations({ organizationId });
  const wanted = normaliseName(name);
  const same = live.filter(
    (loc) => loc.name !== null && normaliseName(loc.name) === wanted,
  );
  const [only] = same;
  if (same.length === 0 || only === undefined) return ABSENT;
  if (same.length === 1) return landedLocation(only, name, organizationId);
  const ids = same.map((loc) => loc.id).join(', ');
  return {
    found: 'conflict',
    message:
      `ambiguous: organization ${organizationId} has ${same.length} locations named ` +
      `${quote(name)} (ids ${ids}); an earlier attempt may have created one of them, ` +
      'so no other was created. Delete the duplicate, then run `aa-sync plan` again.',
  };
}

function landedLocation(
  location: Location,
  name: string,
  organizationId: number,
): LookupFinding {
  return {
    found: 'landed',
    result: {
      locationId: location.id,
      organizationId,
      phoneNumber: phoneNumberOf(location),
    },
    note:
      `location ${location.id} (${quote(name)}) was created in organization ` +
      `${organizationId} by an earlier attempt`,
  };
}

/** `GET /users/{external_id}`; 404 is an answer here (no such user), not a failure. */
async function userOrNull(
  client: PartnerApiClient,
  externalId: string,
): Promise<User | null> {
  try {
    return await client.getUser(externalId);
  } catch (error) {
    if (isApiErrorOfKind(error, 'not-found')) return null;
    throw error;
  }
}

/** What an owner without exactly one matching organization holds. */
function ownerships(user: User, owned: readonly Membership[], named: number): string {
  if (owned.length === 0)
    return `owns no organization (${memberships(user.organizations)})`;
  const ids = owned.map((membership) => membership.id).join(', ');
  return `owns ${owned.length} organizations (${ids}), ${named === 0 ? 'none' : named} of them by that name`;
}

function memberships(list: readonly Membership[]): string {
  if (list.length === 0) return 'member of none';
  const each = list.map((membership) => `${membership.id} as ${membership.role}`);
  return `member of ${each.join(', ')}`;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
