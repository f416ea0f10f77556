/**
 * Operations of every kind, as a plan would hold them, for the tests of
 * performing one operation.
 */
import type {
  CreateLocationOp,
  CreateOrganizationOp,
  CreateUserOp,
  DeleteLocationOp,
  DeleteOrganizationOp,
  OrgTarget,
  SetUserRoleOp,
  UpdateLocationOp,
  UpdateOrganizationOp,
  UpdateUserOp,
} from '../../../src/plan/plan-types.js';

const base = (tenant: string, id: string) => ({
  id: `${tenant}/${id}`,
  tenant,
  dependsOn: [],
  source: null,
});

export function createOrganizationOp(n: number | string): CreateOrganizationOp {
  return {
    ...base(`c${n}`, 'organization:create'),
    kind: 'create-organization',
    body: {
      name: `Clinic ${n}`,
      owner: { external_id: `owner-${n}`, email: `owner${n}@example.com`, name: 'Dana' },
    },
  };
}

export function updateOrganizationOp(organizationId: number): UpdateOrganizationOp {
  return {
    ...base('c1', 'organization:update'),
    kind: 'update-organization',
    organizationId,
    body: { name: 'Clinic Renamed' },
    changes: [{ field: 'name', from: 'Clinic 1', to: 'Clinic Renamed', fromKnown: true }],
  };
}

export function createUserOp(externalId: string, target: OrgTarget): CreateUserOp {
  return {
    ...base('c1', `user:create:${externalId}`),
    kind: 'create-user',
    externalId,
    body: {
      external_id: externalId,
      email: `${externalId}@example.com`,
      name: 'Lee',
      organization_id: target,
      role: 'manager',
    },
  };
}

export function updateUserOp(externalId: string): UpdateUserOp {
  return {
    ...base('c1', `user:update:${externalId}`),
    kind: 'update-user',
    externalId,
    body: { name: 'Lee Park' },
    changes: [{ field: 'name', from: 'Lee', to: 'Lee Park', fromKnown: true }],
  };
}

export function setUserRoleOp(externalId: string, target: OrgTarget): SetUserRoleOp {
  return {
    ...base('c1', `user:role:${externalId}`),
    kind: 'set-user-role',
    externalId,
    body: { organization_id: target, role: 'user' },
    changes: [{ field: 'role', from: 'manager', to: 'user', fromKnown: true }],
  };
}

export function createLocationOp(name: string, target: OrgTarget): CreateLocationOp {
  return {
    ...base('c1', `location:create:${name.toLowerCase()}`),
    kind: 'create-location',
    areaCode: '415',
    body: { organization_id: target, name, area_code: '415' },
  };
}

export function updateLocationOp(locationId: number): UpdateLocationOp {
  return {
    ...base('c1', `location:update:${locationId}`),
    kind: 'update-location',
    locationId,
    body: { address: '1 Harbor Rd' },
    changes: [{ field: 'address', from: null, to: '1 Harbor Rd', fromKnown: true }],
  };
}

export function deleteLocationOp(
  locationId: number,
  organizationId: number,
): DeleteLocationOp {
  return {
    ...base('c1', `location:delete:${locationId}`),
    kind: 'delete-location',
    locationId,
    organizationId,
    name: null,
  };
}

export function deleteOrganizationOp(organizationId: number): DeleteOrganizationOp {
  return {
    ...base('c1', 'organization:delete'),
    kind: 'delete-organization',
    organizationId,
    name: 'Clinic 1',
  };
}
