import { describe, expect, it } from 'vitest';
import { indexLiveState } from '../../src/plan/live-state.js';
import { checkSavedPlan } from '../../src/plan/plan-integrity.js';
import type { DeleteOrganizationOp, Plan } from '../../src/plan/plan-types.js';
import { customer, liveLocation, liveOrgs, memory, options, plan } from './support.js';

const LIVE = liveOrgs([
  {
    id: 1,
    name: 'a Inc',
    members: [{ externalId: 'a-owner', role: 'owner' }],
    locations: [liveLocation(10, 'Keep'), liveLocation(11, 'Drop')],
  },
  { id: 2, name: 'Gone Inc', members: [{ externalId: 'g', role: 'owner' }] },
  { id: 3, name: 'Never ours', members: [{ externalId: 'n', role: 'owner' }] },
]);
const REMEMBERED = memory({ organizations: { a: 1, gone: 2 } });
const ROOMY = options({
  mode: 'mirror',
  prune: true,
  maxDeletes: 100,
  maxDeletePercent: 100,
});

function saved(): Plan {
  const wanted = [
    customer('a', { locations: [{ name: 'Keep' }] }),
    customer('b', { locations: [{ name: 'Shop', areaCode: '617' }] }),
  ];
  return plan(wanted, LIVE, { memory: REMEMBERED, options: ROOMY });
}

const check = (edited: Plan, mem = REMEMBERED) =>
  checkSavedPlan(edited, indexLiveState(LIVE), mem);

describe('checking a saved plan before it is applied', () => {
  it('passes a plan as the planner wrote it', () => {
    expect(check(saved())).toEqual({ problems: [], guards: [] });
  });

  it('refuses an operation added without changing the summary', () => {
    const edited = saved();
    const b = edited.tenants.find((t) => t.key === 'b')!;
    const location = b.operations.find((op) => op.kind === 'create-location')!;
    b.operations.push({ ...location, id: `${location.id}-copy` });
    expect(check(edited).problems).toEqual([
      'operation b/location:create:shop-copy creates location "Shop", which its ' +
        'organization already has (or the plan creates twice)',
      'its operations do not add up to its summary (the figures a person approved)',
    ]);
  });

  it('refuses an operation listed twice', () => {
    const edited = saved();
    const b = edited.tenants.find((t) => t.key === 'b')!;
    b.operations.push(b.operations[0]!);
    expect(check(edited).problems[0]).toBe(
      'operation b/organization:create appears twice',
    );
  });

  it('refuses to delete an organization aa-sync never created or adopted', () => {
    const edited = saved();
    const gone = edited.tenants.find((t) => t.key === 'gone')!;
    const op = gone.operations[0] as DeleteOrganizationOp;
    gone.operations.push({ ...op, id: 'gone/organization:delete:3', organizationId: 3 });
    edited.summary.toDelete.organizations += 1;
    expect(check(edited).problems).toEqual([
      'operation gone/organization:delete:3 deletes in organization 3, which aa-sync ' +
        'neither created nor adopted',
    ]);
  });

  it('refuses to delete a location that is not in the organization the operation names', () => {
    const edited = saved();
    const a = edited.tenants.find((t) => t.key === 'a')!;
    a.operations.push({
      kind: 'delete-location',
      id: 'a/location:delete:99',
      tenant: 'a',
      dependsOn: [],
      source: null,
      organizationId: 1,
      locationId: 99,
      name: 'Elsewhere',
    });
    edited.summary.toDelete.locations += 1;
    expect(check(edited).problems).toEqual([
      'operation a/location:delete:99 deletes location 99, which is not in organization 1',
    ]);
  });

  it('refuses to create a location under a name its organization already has', () => {
    const edited = saved();
    const a = edited.tenants.find((t) => t.key === 'a')!;
    const b = edited.tenants.find((t) => t.key === 'b')!;
    const location = b.operations.find((op) => op.kind === 'create-location')!;
    if (location.kind !== 'create-location') throw new Error('no location create');
    a.operations.push({
      ...location,
      id: 'a/location:create:keep',
      tenant: 'a',
      dependsOn: [],
      body: { ...location.body, organization_id: 1, name: 'KEEP' },
    });
    edited.summary.toCreate.locations += 1;
    edited.summary.newPhoneNumbers += 1;
    expect(check(edited).problems).toEqual([
      'operation a/location:create:keep creates location "KEEP", which its organization ' +
        'already has (or the plan creates twice)',
    ]);
  });

  it('refuses deletions in a plan not made with mirror and prune', () => {
    const edited = saved();
    edited.options = { ...edited.options, mode: 'merge', prune: false };
    expect(check(edited).problems).toEqual([
      'it deletes, but was not made with --mode mirror --prune',
    ]);
  });

  it('checks the delete guards again with the limits the plan was made with', () => {
    const edited = saved();
    edited.options = { ...edited.options, maxDeletes: 0 };
    const trips = check(edited).guards.map((trip) => [
      trip.kind,
      trip.limit,
      trip.planned,
    ]);
    expect(trips).toEqual([
      ['organization', 0, 1],
      ['location', 0, 1],
    ]);
  });
});
