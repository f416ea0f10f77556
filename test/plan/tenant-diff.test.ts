import { describe, expect, it } from 'vitest';
import type { LastApplied } from '../../src/plan/memory.js';
import {
  FILE,
  customer,
  liveOrgs,
  memory,
  opSummary,
  plan,
  tenantOf,
} from './support.js';

describe('a new customer', () => {
  it('creates the organization with its owner, then users and locations by reference', () => {
    const wanted = customer('acme/1', {
      name: 'Acme Dental',
      description: 'Teeth',
      ownerName: 'Dana',
      users: [{ externalId: 'u1', role: 'manager', name: 'Lee' }],
      locations: [
        { name: 'Harbor Rd', areaCode: '617', address: '1 Harbor Rd' },
        { name: 'Annex' },
      ],
    });
    const tenant = tenantOf(plan([wanted], []), 'acme/1');
    expect(tenant.status).toBe('create');
    expect(tenant.liveFingerprint).toBeNull();
    expect(tenant.operations).toEqual([
      {
        kind: 'create-organization',
        id: 'acme%2F1/organization:create',
        tenant: 'acme/1',
        dependsOn: [],
        source: { file: FILE, line: 2 },
        body: {
          name: 'Acme Dental',
          description: 'Teeth',
          owner: {
            external_id: 'acme/1-owner',
            email: 'acme/1-owner@example.com',
            name: 'Dana',
          },
        },
      },
      {
        kind: 'create-user',
        id: 'acme%2F1/user:create:u1',
        tenant: 'acme/1',
        dependsOn: ['acme%2F1/organization:create'],
        source: { file: FILE, line: 3 },
        externalId: 'u1',
        body: {
          external_id: 'u1',
          email: 'u1@example.com',
          name: 'Lee',
          organization_id: { ref: 'acme%2F1/organization:create' },
          role: 'manager',
        },
      },
      {
        kind: 'create-location',
        id: 'acme%2F1/location:create:annex',
        tenant: 'acme/1',
        dependsOn: ['acme%2F1/organization:create'],
        source: { file: FILE, line: 5 },
        areaCode: null,
        body: { organization_id: { ref: 'acme%2F1/organization:create' }, name: 'Annex' },
      },
      {
        kind: 'create-location',
        id: 'acme%2F1/location:create:harbor rd',
        tenant: 'acme/1',
        dependsOn: ['acme%2F1/organization:create'],
        source: { file: FILE, line: 4 },
        areaCode: '617',
        body: {
          organization_id: { ref: 'acme%2F1/organization:create' },
          name: 'Harbor Rd',
          area_code: '617',
          address: '1 Harbor Rd',
        },
      },
    ]);
  });
});

describe('the organization of a matched customer', () => {
  const owned = (extra: object = {}) =>
    liveOrgs([
      {
        id: 42,
        name: 'Old Name',
        members: [{ externalId: 'a-owner', role: 'owner' }],
        ...extra,
      },
    ]);

  it('updates a changed name with the old and new value', () => {
    const tenant = tenantOf(plan([customer('a', { name: 'New Name' })], owned()), 'a');
    expect(tenant.status).toBe('update');
    expect(tenant.identity).toBe('owner');
    expect(tenant.operations).toEqual([
      {
        kind: 'update-organization',
        id: 'a/organization:update',
        tenant: 'a',
        dependsOn: [],
        source: { file: FILE, line: 2 },
        organizationId: 42,
        body: { name: 'New Name' },
        changes: [{ field: 'name', from: 'Old Name', to: 'New Name', fromKnown: true }],
      },
    ]);
  });

  const descriptionOps = (live: ReturnType<typeof owned>, applied?: string | null) => {
    const wanted = customer('a', { name: 'Old Name', description: 'Teeth' });
    const lastApplied: Record<string, LastApplied> =
      applied === undefined ? {} : { a: { description: applied } };
    const result = plan([wanted], live, { memory: memory({ lastApplied }) });
    return tenantOf(result, 'a').operations;
  };

  it('compares the description with the live one when the API returns it', () => {
    expect(descriptionOps(owned({ description: 'Teeth' }))).toEqual([]);
    const [op] = descriptionOps(owned({ description: 'Gums' }), 'Teeth');
    expect(op?.kind === 'update-organization' && op.changes).toEqual([
      { field: 'description', from: 'Gums', to: 'Teeth', fromKnown: true },
    ]);
  });

  it('compares the description with the last applied one when the API hides it', () => {
    expect(descriptionOps(owned(), 'Teeth')).toEqual([]);
    const [op] = descriptionOps(owned(), 'Gums');
    expect(op?.kind === 'update-organization' && op.changes).toEqual([
      { field: 'description', from: 'Gums', to: 'Teeth', fromKnown: true },
    ]);
  });

  it('updates a description never applied once, its old value unknown', () => {
    const [op] = descriptionOps(owned());
    expect(op?.kind === 'update-organization' && op.body).toEqual({
      description: 'Teeth',
    });
    expect(op?.kind === 'update-organization' && op.changes).toEqual([
      { field: 'description', from: null, to: 'Teeth', fromKnown: false },
    ]);
  });

  it('leaves the description alone when the export does not set it', () => {
    const wanted = customer('a', { name: 'Old Name', description: null });
    expect(
      tenantOf(plan([wanted], owned({ description: 'Gums' })), 'a').operations,
    ).toEqual([]);
  });
});

describe('owners and users', () => {
  it('makes the owner owner of the remembered organization when it is not a member', () => {
    const live = liveOrgs([
      { id: 42, name: 'a Inc', members: [{ externalId: 'boss', role: 'owner' }] },
      { id: 43, name: 'Elsewhere', members: [{ externalId: 'a-owner', role: 'user' }] },
    ]);
    const result = plan([customer('a')], live, {
      memory: memory({ organizations: { a: 42 } }),
    });
    const tenant = tenantOf(result, 'a');
    expect(tenant.operations).toEqual([
      {
        kind: 'set-user-role',
        id: 'a/user:role:a-owner',
        tenant: 'a',
        dependsOn: [],
        source: { file: FILE, line: 2 },
        externalId: 'a-owner',
        body: { organization_id: 42, role: 'owner' },
        changes: [{ field: 'role', from: null, to: 'owner', fromKnown: true }],
      },
    ]);
    expect(tenant.unmanagedMembers).toEqual([
      { externalId: 'boss', email: 'boss@example.com', role: 'owner' },
    ]);
  });

  it('creates a missing owner with role owner', () => {
    const live = liveOrgs([{ id: 42, name: 'a Inc', members: [] }]);
    const result = plan([customer('a')], live, {
      memory: memory({ organizations: { a: 42 } }),
    });
    expect(opSummary(tenantOf(result, 'a'))).toEqual([
      'create-user a/user:create:a-owner',
    ]);
  });

  it('adds a user of another organization and changes a role', () => {
    const live = liveOrgs([
      {
        id: 42,
        name: 'a Inc',
        members: [
          { externalId: 'a-owner', role: 'owner' },
          { externalId: 'u2', role: 'user' },
        ],
      },
      { id: 50, name: 'Other', members: [{ externalId: 'u1', role: 'owner' }] },
    ]);
    const wanted = customer('a', {
      users: [
        { externalId: 'u1', role: 'user' },
        { externalId: 'u2', role: 'manager' },
      ],
    });
    const tenant = tenantOf(plan([wanted], live), 'a');
    expect(tenant.operations.map((op) => [op.id, 'body' in op ? op.body : null])).toEqual(
      [
        ['a/user:role:u1', { organization_id: 42, role: 'user' }],
        ['a/user:role:u2', { organization_id: 42, role: 'manager' }],
      ],
    );
    expect(tenant.status).toBe('update');
  });

  it('updates a changed email once, in the tenant with the lowest key', () => {
    const live = liveOrgs([
      {
        id: 1,
        name: 'a Inc',
        members: [
          { externalId: 'a-owner', role: 'owner' },
          { externalId: 'shared', role: 'user', email: 'old@example.com' },
        ],
      },
      {
        id: 2,
        name: 'b Inc',
        members: [
          { externalId: 'b-owner', role: 'owner' },
          { externalId: 'shared', role: 'user', email: 'old@example.com' },
        ],
      },
    ]);
    const users = [
      { externalId: 'shared', role: 'user' as const, email: 'new@example.com' },
    ];
    const result = plan([customer('b', { users }), customer('a', { users })], live);
    expect(tenantOf(result, 'a').operations).toEqual([
      {
        kind: 'update-user',
        id: 'a/user:update:shared',
        tenant: 'a',
        dependsOn: [],
        source: { file: FILE, line: 3 },
        externalId: 'shared',
        body: { email: 'new@example.com' },
        changes: [
          {
            field: 'email',
            from: 'old@example.com',
            to: 'new@example.com',
            fromKnown: true,
          },
        ],
      },
    ]);
    expect(tenantOf(result, 'b').operations).toEqual([]);
    expect(tenantOf(result, 'b').status).toBe('adopt');
  });

  it('creates a new user once and has the other tenant wait for it', () => {
    const users = [{ externalId: 'fresh', role: 'user' as const }];
    const result = plan([customer('b', { users }), customer('a', { users })], []);
    expect(opSummary(tenantOf(result, 'a'))).toEqual([
      'create-organization a/organization:create',
      'create-user a/user:create:fresh',
    ]);
    const join = tenantOf(result, 'b').operations[1];
    expect(join).toEqual({
      kind: 'set-user-role',
      id: 'b/user:role:fresh',
      tenant: 'b',
      dependsOn: ['b/organization:create', 'a/user:create:fresh'],
      source: { file: FILE, line: 3 },
      externalId: 'fresh',
      body: { organization_id: { ref: 'b/organization:create' }, role: 'user' },
      changes: [{ field: 'role', from: null, to: 'user', fromKnown: true }],
    });
  });
});
