import { describe, expect, it } from 'vitest';
import { ExitError } from '../../src/cli/errors.js';
import {
  liveLocation,
  liveOrgs,
  customer,
  memory,
  options,
  plan,
  tenantOf,
} from './support.js';
import type { OrgSpec } from './support.js';

const MIRROR = options({ mode: 'mirror', prune: true });

/** Organization 1 is customer a's with two extra locations; 2 was customer gone's. */
function account(): ReturnType<typeof liveOrgs> {
  const specs: OrgSpec[] = [
    {
      id: 1,
      name: 'a Inc',
      members: [{ externalId: 'a-owner', role: 'owner' }],
      locations: [
        liveLocation(10, 'Keep'),
        liveLocation(11, 'Drop'),
        liveLocation(12, 'Drop2'),
      ],
    },
    { id: 2, name: 'Gone Inc', members: [{ externalId: 'g', role: 'owner' }] },
    { id: 3, name: 'Never ours', members: [{ externalId: 'n', role: 'owner' }] },
  ];
  return liveOrgs(specs);
}

const wanted = [customer('a', { locations: [{ name: 'Keep' }] })];
const remembered = memory({ organizations: { a: 1, gone: 2 } });
const roomy = { maxDeletes: 100, maxDeletePercent: 100 };

describe('mirror with prune', () => {
  it('deletes unmatched locations and organizations aa-sync managed, never others', () => {
    const result = plan(wanted, account(), {
      memory: remembered,
      options: options({ mode: 'mirror', prune: true, ...roomy }),
    });
    expect(tenantOf(result, 'a').operations.map((op) => op.id)).toEqual([
      'a/location:delete:11',
      'a/location:delete:12',
    ]);
    expect(tenantOf(result, 'gone')).toMatchObject({
      status: 'delete',
      organizationId: 2,
      operations: [
        {
          kind: 'delete-organization',
          id: 'gone/organization:delete',
          tenant: 'gone',
          dependsOn: [],
          source: null,
          organizationId: 2,
          name: 'Gone Inc',
        },
      ],
    });
    expect(result.unmanaged).toEqual([
      { organizationId: 3, name: 'Never ours', rememberedAs: null, wouldDelete: false },
    ]);
    expect(result.summary.toDelete).toEqual({ organizations: 1, locations: 2 });
    expect(result.guards).toEqual([]);
  });

  it('deletes no location of an organization adopted in the same plan', () => {
    const result = plan(wanted, account(), {
      options: options({ mode: 'mirror', prune: true, ...roomy }),
    });
    expect(tenantOf(result, 'a')).toMatchObject({ identity: 'owner', operations: [] });
    expect(tenantOf(result, 'a').unmanagedLocations.map((l) => l.id)).toEqual([11, 12]);
    expect(result.summary.toDelete).toEqual({ organizations: 0, locations: 0 });
  });

  it('never deletes the organization of a customer that validation rejected', () => {
    const result = plan(wanted, account(), {
      memory: remembered,
      options: options({ mode: 'mirror', prune: true, ...roomy }),
      rejected: ['gone'],
    });
    expect(result.tenants.map((tenant) => tenant.key)).toEqual(['a']);
    expect(result.unmanaged).toEqual([
      { organizationId: 2, name: 'Gone Inc', rememberedAs: 'gone', wouldDelete: false },
      { organizationId: 3, name: 'Never ours', rememberedAs: null, wouldDelete: false },
    ]);
    expect(result.summary.toDelete).toEqual({ organizations: 0, locations: 2 });
  });

  it('plans no deletions without mirror and prune, and lists them as unmanaged', () => {
    const result = plan(wanted, account(), { memory: remembered });
    expect(tenantOf(result, 'a').operations).toEqual([]);
    expect(tenantOf(result, 'a').unmanagedLocations.map((l) => l.id)).toEqual([11, 12]);
    expect(result.unmanaged.map((org) => [org.organizationId, org.wouldDelete])).toEqual([
      [2, true],
      [3, false],
    ]);
    expect(result.summary.toDelete).toEqual({ organizations: 0, locations: 0 });
  });

  it('refuses prune without mirror as a usage error', () => {
    const attempt = () => plan(wanted, [], { options: options({ prune: true }) });
    expect(attempt).toThrow(ExitError);
    expect(attempt).toThrow(
      '--prune deletes what the export lacks and needs --mode mirror; add --mode mirror or drop --prune.',
    );
  });
});

describe('delete guards', () => {
  it('trips on the count limit, naming --max-deletes', () => {
    const result = plan(wanted, account(), {
      memory: remembered,
      options: options({
        mode: 'mirror',
        prune: true,
        maxDeletes: 1,
        maxDeletePercent: 100,
      }),
    });
    expect(result.guards).toEqual([
      {
        kind: 'location',
        limit: 1,
        planned: 2,
        message:
          '2 location deletions planned, over the limit of 1 (--max-deletes 1); nothing was ' +
          'changed. Raise it with --max-deletes if these deletions are intended.',
      },
    ]);
  });

  it('trips on the percent limit of the live count, naming --max-delete-percent', () => {
    const result = plan(wanted, account(), { memory: remembered, options: MIRROR });
    expect(result.guards).toEqual([
      {
        kind: 'organization',
        limit: 0,
        planned: 1,
        message:
          '1 organization deletion planned, over the limit of 0 (10% of 3 live organizations); ' +
          'nothing was changed. Raise it with --max-delete-percent if these deletions are intended.',
      },
      {
        kind: 'location',
        limit: 0,
        planned: 2,
        message:
          '2 location deletions planned, over the limit of 0 (10% of 3 live locations); ' +
          'nothing was changed. Raise it with --max-delete-percent if these deletions are intended.',
      },
    ]);
    expect(result.summary.guardTrips).toBe(2);
  });

  it('refuses pruning when the input shrank below half of the previous run', () => {
    const shrunk = memory({
      organizations: { a: 1, gone: 2 },
      previousInputCustomers: 3,
    });
    const result = plan(wanted, account(), {
      memory: shrunk,
      options: options({ mode: 'mirror', prune: true, ...roomy }),
    });
    expect(result.guards).toEqual([
      {
        kind: 'shrunken-input',
        limit: 2,
        planned: 1,
        message:
          "The input holds 1 customer, fewer than half of the previous run's 3; pruning is " +
          'refused so that a truncated export cannot delete customers. Check the export, or ' +
          'run without --prune.',
      },
    ]);
    const steady = memory({
      organizations: { a: 1, gone: 2 },
      previousInputCustomers: 2,
    });
    const fine = plan(wanted, account(), {
      memory: steady,
      options: options({ mode: 'mirror', prune: true, ...roomy }),
    });
    expect(fine.guards).toEqual([]);
  });
});
