/**
 * The one API call of each operation kind, and the result it produces.
 * Exports: `CreateOperation`, `isCreate`, `callOperation`, `OrganizationOf`,
 * `phoneNumberOf`.
 */
import type { PartnerApiClient } from '../api/index.js';
import type { Location, User } from '../api/types.js';
import type { OperationResult } from '../checkpoint/run-types.js';
import type {
  CreateLocationOp,
  CreateOrganizationOp,
  CreateUserOp,
  Operation,
  OrgTarget,
} from '../plan/plan-types.js';

/** Resolves an organization target (`{ref}` of a create) to its id. */
export type OrganizationOf = (target: OrgTarget) => number;

/**
 * The operations whose resend could duplicate what an earlier attempt created,
 * so an unknown outcome is looked up before anything is sent again.
 */
export type CreateOperation = CreateOrganizationOp | CreateUserOp | CreateLocationOp;

/** Whether `op` creates something (and so must never be resent blindly). */
export function isCreate(op: Operation): op is CreateOperation {
  return (
    op.kind === 'create-organization' ||
    op.kind === 'create-user' ||
    op.kind === 'create-location'
  );
}

/**
 * Sends the request of `op` once and returns what it produced. Ids the
 * operation already names are taken from it: they are what was asked about.
 * Rejects with the client's `ApiError` when the call fails.
 */
export async function callOperation(
  op: Operation,
  client: PartnerApiClient,
  organizationOf: OrganizationOf,
): Promise<OperationResult> {
  switch (op.kind) {
    case 'create-organization': {
      const { organization, owner } = await client.createOrganization(op.body);
      return { organizationId: organization.id, userId: owner.id };
    }
    case 'update-organization':
      await client.updateOrganization(op.organizationId, op.body);
      return { organizationId: op.organizationId };
    case 'create-user':
      return createUser(op, client, organizationOf);
    case 'update-user':
      return userIdOf(await client.updateUser(op.externalId, op.body));
    case 'set-user-role': {
      const organizationId = organizationOf(op.body.organization_id);
      const body = { organization_id: organizationId, role: op.body.role };
      return userIdOf(await client.updateUser(op.externalId, body));
    }
    case 'create-location':
      return createLocation(op, client, organizationOf);
    case 'update-location': {
      const location = await client.updateLocation(op.locationId, op.body);
      return { locationId: op.locationId, phoneNumber: phoneNumberOf(location) };
    }
    case 'delete-location':
      await client.deleteLocation(op.locationId);
      return { locationId: op.locationId };
    case 'delete-organization':
      await client.deleteOrganization(op.organizationId);
      return { organizationId: op.organizationId };
  }
}

async function createUser(
  op: CreateUserOp,
  client: PartnerApiClient,
  organizationOf: OrganizationOf,
): Promise<OperationResult> {
  const organizationId = organizationOf(op.body.organization_id);
  const { user } = await client.createUser({
    ...op.body,
    organization_id: organizationId,
  });
  return { userId: user.id, organizationId };
}

async function createLocation(
  op: CreateLocationOp,
  client: PartnerApiClient,
  organizationOf: OrganizationOf,
): Promise<OperationResult> {
  const organizationId = organizationOf(op.body.organization_id);
  const body = { ...op.body, organization_id: organizationId };
  const location = await client.createLocation(body);
  return {
    locationId: location.id,
    organizationId,
    phoneNumber: phoneNumberOf(location),
  };
}

/** The PATCH answer's shape is inferred (§6.4): its id is kept only when present. */
function userIdOf(user: Partial<User>): OperationResult {
  return typeof user.id === 'number' ? { userId: user.id } : {};
}

/** Null while the number is provisioned (U11), and when the API leaves it out. */
export function phoneNumberOf(location: Partial<Location>): string | null {
  return typeof location.phone_number === 'string' ? location.phone_number : null;
}
