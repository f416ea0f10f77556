import { describe, expect, it } from 'vitest';
import type { Location } from '../../src/api/types.js';
import type { CustomerSpec } from './support.js';
import {
  FILE,
  customer,
  liveLocation,
  liveOrgs,
  opSummary,
  plan,
  tenantOf,
} from './support.js';

function planLocations(locations: Location[], wanted: CustomerSpec['locations']) {
  const live = liveOrgs([
    {
      id: 42,
      name: 'a Inc',
      members: [{ externalId: 'a-owner', role: 'owner' }],
      locations,
    },
  ]);
  return tenantOf(plan([customer('a', { locations: wanted })], live), 'a');
}

describe('locations of a matched organization', () => {
  it('matches by normalised name and plans nothing when equal', () => {
    const tenant = planLocations(
      [liveLocation(1, '  Harbor   RD')],
      [{ name: 'harbor rd' }],
    );
    expect(opSummary(tenant)).toEqual(['update-location a/location:update:harbor rd']);
    const same = planLocations([liveLocation(1, 'Harbor Rd')], [{ name: 'Harbor Rd' }]);
    expect(same.operations).toEqual([]);
    expect(same.unmanagedLocations).toEqual([]);
  });

  it('matches by google place id and renames the location', () => {
    const tenant = planLocations(
      [liveLocation(1, 'Old', { placeId: 'P1' }), liveLocation(2, 'Other')],
      [{ name: 'New', placeId: 'P1' }],
    );
    expect(tenant.operations).toEqual([
      {
        kind: 'update-location',
        id: 'a/location:update:new',
        tenant: 'a',
        dependsOn: [],
        source: { file: FILE, line: 3 },
        locationId: 1,
        body: { name: 'New' },
        changes: [{ field: 'name', from: 'Old', to: 'New', fromKnown: true }],
      },
    ]);
    expect(tenant.unmanagedLocations).toEqual([{ id: 2, name: 'Other', areaCode: null }]);
  });

  it('matches by normalised address and updates the managed fields only', () => {
    const tenant = planLocations(
      [liveLocation(1, 'Old', { address: '1 Main St', placeId: 'keep' })],
      [{ name: 'New', address: '1  MAIN st', placeId: null }],
    );
    const [op] = tenant.operations;
    expect(op?.kind === 'update-location' && op.changes).toEqual([
      { field: 'name', from: 'Old', to: 'New', fromKnown: true },
      { field: 'address', from: '1 Main St', to: '1  MAIN st', fromKnown: true },
    ]);
  });

  it('creates a location nothing matches, carrying its area code', () => {
    const tenant = planLocations([], [{ name: 'North', areaCode: '212' }]);
    expect(tenant.operations).toEqual([
      {
        kind: 'create-location',
        id: 'a/location:create:north',
        tenant: 'a',
        dependsOn: [],
        source: { file: FILE, line: 3 },
        areaCode: '212',
        body: { organization_id: 42, name: 'North', area_code: '212' },
      },
    ]);
  });

  it('reports area-code drift and never re-creates the location', () => {
    const tenant = planLocations(
      [liveLocation(5150, 'Main', { phone: '+15085550123' })],
      [{ name: 'Main', areaCode: '617' }],
    );
    expect(tenant.operations).toEqual([]);
    expect(tenant.drift).toEqual([
      {
        kind: 'area-code',
        locationId: 5150,
        location: 'Main',
        expected: '617',
        actual: '508',
        phoneNumber: '+15085550123',
      },
    ]);
  });

  it('reports no drift for a pending location without a number', () => {
    const tenant = planLocations(
      [liveLocation(5150, 'Main', { phone: null })],
      [{ name: 'Main', areaCode: '617' }],
    );
    expect(tenant.drift).toEqual([]);
    expect(tenant.status).toBe('adopt');
  });

  it('is a conflict for that location alone when two live locations match', () => {
    const tenant = planLocations(
      [liveLocation(1, 'Main'), liveLocation(2, 'main '), liveLocation(3, 'Annex')],
      [{ name: 'Main' }, { name: 'Side' }],
    );
    expect(tenant.locationConflicts).toEqual([
      {
        name: 'Main',
        reason: '2 live locations match by name (1, 2)',
        candidates: [1, 2],
        source: { file: FILE, line: 3 },
      },
    ]);
    expect(opSummary(tenant)).toEqual(['create-location a/location:create:side']);
    expect(tenant.unmanagedLocations).toEqual([{ id: 3, name: 'Annex', areaCode: null }]);
  });
});

describe('a live location wanted by two desired locations', () => {
  it('is a conflict for both instead of a guess', () => {
    const tenant = planLocations(
      [liveLocation(1, 'Old', { placeId: 'P' })],
      [
        { name: 'East', placeId: 'P' },
        { name: 'West', placeId: 'P' },
      ],
    );
    expect(tenant.locationConflicts.map((c) => [c.name, c.reason])).toEqual([
      [
        'East',
        'live location 1 matches several locations of the export by google place id',
      ],
      [
        'West',
        'live location 1 matches several locations of the export by google place id',
      ],
    ]);
    expect(tenant.operations).toEqual([]);
    expect(tenant.unmanagedLocations).toEqual([]);
  });
});
