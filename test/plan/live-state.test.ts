import { describe, expect, it } from 'vitest';
import { areaCodeOf, indexLiveState } from '../../src/plan/live-state.js';
import { liveLocation, liveOrgs } from './support.js';

describe('the live state index', () => {
  it('reads the area code from digits 2-4 of a +1 number only', () => {
    expect(areaCodeOf('+16175550123')).toBe('617');
    expect(areaCodeOf(null)).toBeNull();
    expect(areaCodeOf('+442071234567')).toBeNull();
    expect(areaCodeOf('6175550123')).toBeNull();
  });

  it('merges a user seen under several organizations, keeping every membership', () => {
    const state = indexLiveState(
      liveOrgs([
        { id: 2, name: 'B', members: [{ externalId: 'p', role: 'manager' }] },
        { id: 1, name: 'A', members: [{ externalId: 'p', role: 'owner' }] },
      ]),
    );
    const user = state.usersByExternalId.get('p');
    expect(user?.email).toBe('p@example.com');
    expect([...(user?.memberships ?? [])]).toEqual([
      [1, 'owner'],
      [2, 'manager'],
    ]);
    expect(state.ownedBy('p')).toEqual([1]);
    expect(state.ownedBy('nobody')).toEqual([]);
  });

  it('looks organizations up by normalised name and lists their locations', () => {
    const state = indexLiveState(
      liveOrgs([
        { id: 1, name: 'Acme  Dental', locations: [liveLocation(7, 'Main')] },
        { id: 2, name: 'ACME DENTAL ' },
      ]),
    );
    expect(state.namedAs('acme dental')).toEqual([1, 2]);
    expect(state.locationsOf(1).map((location) => location.id)).toEqual([7]);
    expect(state.locationsOf(3)).toEqual([]);
    expect(state.locationCount).toBe(1);
  });
});
