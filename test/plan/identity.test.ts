import { describe, expect, it } from 'vitest';
import { customer, liveOrgs, memory, options, plan, tenantOf } from './support.js';

const pick = (tenant: ReturnType<typeof tenantOf>) => ({
  organizationId: tenant.organizationId,
  identity: tenant.identity,
  status: tenant.status,
  conflict: tenant.conflict,
  notes: tenant.notes,
});

describe('matching customers to organizations', () => {
  it('uses the remembered organization when it is still live', () => {
    const live = liveOrgs([
      { id: 42, name: 'a Inc', members: [{ externalId: 'a-owner', role: 'owner' }] },
    ]);
    const result = plan([customer('a')], live, {
      memory: memory({ organizations: { a: 42 } }),
    });
    expect(pick(tenantOf(result, 'a'))).toEqual({
      organizationId: 42,
      identity: 'remembered',
      status: 'unchanged',
      conflict: undefined,
      notes: [],
    });
  });

  it('notes a remembered organization that is gone and plans a create', () => {
    const result = plan([customer('a')], [], {
      memory: memory({ organizations: { a: 1000042 } }),
    });
    const tenant = tenantOf(result, 'a');
    expect(pick(tenant)).toEqual({
      organizationId: null,
      identity: 'new',
      status: 'create',
      conflict: undefined,
      notes: ['remembered organization 1000042 is gone'],
    });
    expect(tenant.operations.map((op) => op.kind)).toEqual(['create-organization']);
  });

  it('falls through to the owner when the remembered organization is gone', () => {
    const live = liveOrgs([
      { id: 7, name: 'Other', members: [{ externalId: 'a-owner', role: 'owner' }] },
    ]);
    const result = plan([customer('a', { name: 'Other' })], live, {
      memory: memory({ organizations: { a: 99 } }),
    });
    expect(pick(tenantOf(result, 'a'))).toEqual({
      organizationId: 7,
      identity: 'owner',
      status: 'adopt',
      conflict: undefined,
      notes: ['remembered organization 99 is gone'],
    });
  });

  it('adopts the one organization the owner owns', () => {
    const live = liveOrgs([
      { id: 5, name: 'a Inc', members: [{ externalId: 'a-owner', role: 'owner' }] },
    ]);
    expect(pick(tenantOf(plan([customer('a')], live), 'a'))).toEqual({
      organizationId: 5,
      identity: 'owner',
      status: 'adopt',
      conflict: undefined,
      notes: [],
    });
  });

  it('is a conflict when the owner owns two organizations', () => {
    const live = liveOrgs([
      { id: 5, name: 'a Inc', members: [{ externalId: 'a-owner', role: 'owner' }] },
      { id: 6, name: 'a Two', members: [{ externalId: 'a-owner', role: 'owner' }] },
    ]);
    const tenant = tenantOf(plan([customer('a')], live), 'a');
    expect(pick(tenant)).toEqual({
      organizationId: null,
      identity: 'owner',
      status: 'conflict',
      conflict: {
        kind: 'owner-ambiguous',
        reason: 'owner "a-owner" holds role owner in several organizations (5, 6)',
        candidates: [5, 6],
      },
      notes: [],
    });
    expect(tenant.operations).toEqual([]);
  });

  it('matches by name only when matchByName is on', () => {
    const live = liveOrgs([
      { id: 8, name: '  ACME   Dental ', members: [{ externalId: 'x', role: 'owner' }] },
    ]);
    const wanted = [customer('a', { name: 'Acme Dental' })];
    expect(tenantOf(plan(wanted, live), 'a').status).toBe('create');
    const named = tenantOf(
      plan(wanted, live, { options: options({ matchByName: true }) }),
      'a',
    );
    expect(pick(named)).toEqual({
      organizationId: 8,
      identity: 'name',
      status: 'update',
      conflict: undefined,
      notes: [],
    });
  });

  it('is a conflict for both customers when two claim the same name', () => {
    const live = liveOrgs([
      { id: 8, name: 'Acme', members: [{ externalId: 'x', role: 'owner' }] },
    ]);
    const result = plan(
      [customer('b', { name: 'acme' }), customer('a', { name: 'Acme' })],
      live,
      {
        options: options({ matchByName: true }),
      },
    );
    expect(tenantOf(result, 'a').conflict).toEqual({
      kind: 'name-claimed',
      reason: 'organization 8 is named "Acme" but customer "b" claims it too',
      candidates: [8],
    });
    expect(tenantOf(result, 'b').conflict?.reason).toBe(
      'organization 8 is named "acme" but customer "a" claims it too',
    );
    expect(result.unmanaged).toEqual([]);
  });

  it('does not match by name an organization another customer owns', () => {
    const live = liveOrgs([
      { id: 8, name: 'Acme', members: [{ externalId: 'b-owner', role: 'owner' }] },
    ]);
    const result = plan([customer('a', { name: 'Acme' }), customer('b')], live, {
      options: options({ matchByName: true }),
    });
    expect(tenantOf(result, 'a').conflict?.kind).toBe('name-claimed');
    expect(tenantOf(result, 'b').organizationId).toBe(8);
  });

  it('is a conflict for both customers when memory and an owner claim one organization', () => {
    const live = liveOrgs([
      { id: 42, name: 'Shared', members: [{ externalId: 'b-owner', role: 'owner' }] },
    ]);
    const result = plan([customer('a', { name: 'Shared' }), customer('b')], live, {
      memory: memory({ organizations: { a: 42 } }),
    });
    expect(tenantOf(result, 'a').conflict).toEqual({
      kind: 'organization-claimed',
      reason:
        'organization 42 is matched by customers "a" and "b" (this one by remembered)',
      candidates: [42],
    });
    expect(tenantOf(result, 'b').conflict?.reason).toBe(
      'organization 42 is matched by customers "a" and "b" (this one by owner)',
    );
    expect(result.summary.tenants.conflict).toBe(2);
  });

  it("refuses a remembered organization whose owner and name are both no longer the export's", () => {
    const live = liveOrgs([
      {
        id: 42,
        name: 'Stranger One',
        members: [{ externalId: 'crm-9001', role: 'owner' }],
      },
    ]);
    const result = plan([customer('a', { name: 'Bayside Dental' })], live, {
      memory: memory({ organizations: { a: 42 } }),
    });
    expect(tenantOf(result, 'a').conflict).toEqual({
      kind: 'remembered-mismatch',
      reason:
        'the remembered organization 42 is now "Stranger One", owned by "crm-9001", not ' +
        '"Bayside Dental" of "a-owner"',
      candidates: [42],
    });
    expect(tenantOf(result, 'a').operations).toEqual([]);
    expect(result.summary.tenants.conflict).toBe(1);
  });

  it('keeps a remembered organization whose owner changed but whose name is the same', () => {
    const live = liveOrgs([
      {
        id: 42,
        name: 'bayside  dental',
        members: [{ externalId: 'old-owner', role: 'owner' }],
      },
    ]);
    const result = plan([customer('a', { name: 'Bayside Dental' })], live, {
      memory: memory({ organizations: { a: 42 } }),
    });
    expect([
      tenantOf(result, 'a').organizationId,
      tenantOf(result, 'a').conflict,
    ]).toEqual([42, undefined]);
  });

  it('keeps a remembered organization that was renamed but kept its owner', () => {
    const live = liveOrgs([
      { id: 42, name: 'Old Name', members: [{ externalId: 'a-owner', role: 'owner' }] },
    ]);
    const result = plan([customer('a', { name: 'New Name' })], live, {
      memory: memory({ organizations: { a: 42 } }),
    });
    expect([
      tenantOf(result, 'a').organizationId,
      tenantOf(result, 'a').conflict,
    ]).toEqual([42, undefined]);
  });

  it("refuses a stranger's organization with the customer's name when aa-sync knows the owner it set", () => {
    const live = liveOrgs([
      { id: 42, name: 'Harbor Cafe', members: [{ externalId: 'x-999', role: 'owner' }] },
    ]);
    const result = plan([customer('a', { name: 'Harbor Cafe' })], live, {
      memory: memory({
        organizations: { a: 42 },
        lastApplied: { a: { owner: 'a-owner' } },
      }),
    });
    expect(tenantOf(result, 'a').conflict?.kind).toBe('remembered-mismatch');
    expect(tenantOf(result, 'a').operations).toEqual([]);
  });

  it('keeps a remembered organization still owned by the owner aa-sync set, the export naming a new one', () => {
    const live = liveOrgs([
      {
        id: 42,
        name: 'Renamed Too',
        members: [{ externalId: 'old-owner', role: 'owner' }],
      },
    ]);
    const result = plan([customer('a', { name: 'Harbor Cafe' })], live, {
      memory: memory({
        organizations: { a: 42 },
        lastApplied: { a: { owner: 'old-owner' } },
      }),
    });
    expect([
      tenantOf(result, 'a').organizationId,
      tenantOf(result, 'a').conflict,
    ]).toEqual([42, undefined]);
  });

  it('lists organizations no customer matches as unmanaged', () => {
    const live = liveOrgs([
      { id: 1, name: 'Mine', members: [{ externalId: 'a-owner', role: 'owner' }] },
      { id: 2, name: 'Not mine', members: [{ externalId: 'z', role: 'owner' }] },
      { id: 3, name: 'Once mine', members: [{ externalId: 'y', role: 'owner' }] },
    ]);
    const result = plan([customer('a', { name: 'Mine' })], live, {
      memory: memory({ organizations: { gone: 3 } }),
    });
    expect(result.unmanaged).toEqual([
      { organizationId: 2, name: 'Not mine', rememberedAs: null, wouldDelete: false },
      { organizationId: 3, name: 'Once mine', rememberedAs: 'gone', wouldDelete: true },
    ]);
    expect(result.tenants.map((t) => t.key)).toEqual(['a']);
  });
});

describe('operation ids', () => {
  it('stay unambiguous whatever characters a customer key holds', () => {
    const keys = ['a/b', 'a', 'a:b', '50%'];
    const result = plan(
      keys.map((key) => customer(key, { locations: [{ name: 'x/y:z' }] })),
      [],
    );
    expect(
      result.tenants.flatMap((tenant) => tenant.operations.map((op) => op.id)),
    ).toEqual([
      '50%25/organization:create',
      '50%25/location:create:x%2Fy%3Az',
      'a/organization:create',
      'a/location:create:x%2Fy%3Az',
      'a%2Fb/organization:create',
      'a%2Fb/location:create:x%2Fy%3Az',
      'a%3Ab/organization:create',
      'a%3Ab/location:create:x%2Fy%3Az',
    ]);
  });
});

describe('name matching', () => {
  it('is a conflict when several organizations carry the name', () => {
    const live = liveOrgs([
      { id: 8, name: 'Acme', members: [{ externalId: 'x', role: 'owner' }] },
      { id: 9, name: 'ACME', members: [{ externalId: 'y', role: 'owner' }] },
    ]);
    const result = plan([customer('a', { name: 'acme' })], live, {
      options: options({ matchByName: true }),
    });
    expect(tenantOf(result, 'a').conflict).toEqual({
      kind: 'name-ambiguous',
      reason: 'several organizations are named "acme" (8, 9)',
      candidates: [8, 9],
    });
    expect(result.unmanaged).toEqual([]);
  });
});
