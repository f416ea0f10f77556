/**
 * The organization of one tenant: create it with its owner, or update its name
 * and description.
 */
import type { CreateOrganizationRequest, Organization } from '../api/types.js';
import type { DesiredCustomer } from '../input/customer.js';
import type { TenantContext } from './diff-context.js';
import { createOrganizationId, operationId } from './diff-context.js';
import type { PlanMemory } from './memory.js';
import type {
  CreateOrganizationOp,
  FieldChange,
  Operation,
  UpdateOrganizationOp,
} from './plan-types.js';

/** The organization's operation, if any: first in the tenant's list. */
export function diffOrganization(context: TenantContext): Operation[] {
  const { customer, org } = context;
  if (org === null) return [createOrganization(customer)];
  const update = updateOrganization(customer, org, context.memory);
  return update === null ? [] : [update];
}

function createOrganization(customer: DesiredCustomer): CreateOrganizationOp {
  const { organization, owner } = customer;
  const body: CreateOrganizationRequest = {
    name: organization.name,
    ...(organization.description === null
      ? {}
      : { description: organization.description }),
    owner: {
      external_id: owner.externalId,
      email: owner.email,
      ...(owner.name === null ? {} : { name: owner.name }),
    },
  };
  return {
    kind: 'create-organization',
    id: createOrganizationId(customer.key),
    tenant: customer.key,
    dependsOn: [],
    source: organization.source,
    body,
  };
}

function updateOrganization(
  customer: DesiredCustomer,
  org: Organization,
  memory: PlanMemory,
): UpdateOrganizationOp | null {
  const changes: FieldChange[] = [];
  const { name } = customer.organization;
  if (name !== org.name)
    changes.push({ field: 'name', from: org.name, to: name, fromKnown: true });
  const description = descriptionChange(customer, org, memory);
  if (description !== null) changes.push(description);
  if (changes.length === 0) return null;
  const body: Record<string, string | null> = {};
  for (const change of changes) body[change.field] = change.to;
  return {
    kind: 'update-organization',
    id: operationId(customer.key, 'organization', 'update'),
    tenant: customer.key,
    dependsOn: [],
    source: customer.organization.source,
    organizationId: org.id,
    body,
    changes,
  };
}

/**
 * Three-way, because the reference does not document `description` in
 * responses (U20): compare with the live value when the API returns one, else
 * with the value aa-sync last applied, else update once so that the executor
 * can record what it applied.
 */
function descriptionChange(
  customer: DesiredCustomer,
  org: Organization,
  memory: PlanMemory,
): FieldChange | null {
  const desired = customer.organization.description;
  if (desired === null) return null;
  const field = 'description';
  if (org.description !== undefined) {
    if (org.description === desired) return null;
    return { field, from: org.description, to: desired, fromKnown: true };
  }
  const applied = memory.lastApplied.get(customer.key)?.description;
  if (applied === undefined) return { field, from: null, to: desired, fromKnown: false };
  if (applied === desired) return null;
  return { field, from: applied, to: desired, fromKnown: true };
}
