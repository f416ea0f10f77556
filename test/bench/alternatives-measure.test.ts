import { describe, expect, it } from 'vitest';
import type { StateOrganization } from '../../bench/lib/alternatives-measure.js';
import { customerFigures } from '../../bench/lib/alternatives-measure.js';

/** An organization of the emulator's state owned by `owner`, holding `numbers`. */
function org(id: number, owner: string, numbers: string[]): StateOrganization {
  return {
    id,
    users: [{ external_id: owner, organizations: [{ id, role: 'owner' }] }],
    phone_numbers: numbers.map((name) => ({ name })),
  };
}

const EXPECTED = [
  { ownerExternalId: 'a', locationName: 'Main Office' },
  { ownerExternalId: 'b', locationName: 'Annex' },
  { ownerExternalId: 'c', locationName: 'Downtown' },
];

describe('customer figures of the side-by-side benchmark', () => {
  it('counts a customer as onboarded only when its organization holds its location', () => {
    const figures = customerFigures(
      [org(1, 'a', ['Main Office']), org(2, 'b', []), org(3, 'c', ['Uptown'])],
      EXPECTED,
    );
    expect(figures).toEqual({
      onboarded: 1,
      duplicateOrganizations: 0,
      duplicateLocations: 0,
    });
  });

  it('counts organizations and numbers beyond one per customer as duplicates', () => {
    const figures = customerFigures(
      [
        org(1, 'a', ['Main Office', 'Main Office']),
        org(2, 'b', ['Annex']),
        org(3, 'b', ['Annex']),
        org(4, 'c', []),
      ],
      EXPECTED,
    );
    expect(figures).toEqual({
      onboarded: 2,
      duplicateOrganizations: 1,
      duplicateLocations: 2,
    });
  });

  it('counts an organization no customer owns, and its numbers, as duplicates', () => {
    const member: StateOrganization = {
      id: 9,
      users: [{ external_id: 'a', organizations: [{ id: 9, role: 'manager' }] }],
      phone_numbers: [{ name: 'Main Office' }],
    };
    const figures = customerFigures([org(1, 'a', ['Main Office']), member], EXPECTED);
    expect(figures).toEqual({
      onboarded: 1,
      duplicateOrganizations: 1,
      duplicateLocations: 1,
    });
  });
});
