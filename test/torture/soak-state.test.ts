import { describe, expect, it } from 'vitest';
import { soakCustomer } from '../../bench/torture/soak-export.js';
import type { SoakSnapshot } from '../../bench/torture/soak-state.js';
import { countState } from '../../bench/torture/soak-state.js';

/** The snapshot of `customers` customers, each exactly as the soak's export asks. */
function desired(customers: number): SoakSnapshot {
  const snapshot: SoakSnapshot = { organizations: [], users: [] };
  for (let index = 0; index < customers; index += 1) {
    addCustomer(snapshot, index, 1_000 + index);
  }
  return snapshot;
}

function addCustomer(snapshot: SoakSnapshot, index: number, id: number): void {
  const customer = soakCustomer(index);
  const owner = {
    external_id: customer.ownerExternalId,
    organizations: [{ id, role: 'owner' }],
  };
  const user = {
    external_id: customer.userExternalId,
    organizations: [{ id, role: 'user' }],
  };
  const organization = {
    id,
    users: [owner],
    phone_numbers: customer.locationNames.map((name) => ({ name })),
  };
  snapshot.organizations.push(organization);
  snapshot.users.push(owner, user);
}

describe("the soak's count of the emulator's final state", () => {
  it('finds nothing doubled and nothing missing when every customer is there once', () => {
    expect(countState(desired(3), 3)).toEqual({
      organizations: 3,
      users: 6,
      locations: 6,
      duplicates: 0,
      missing: 0,
    });
  });

  it('counts a second organization of the same owner as a duplicate', () => {
    const snapshot = desired(2);
    const owner = {
      external_id: 'S000002-owner',
      organizations: [{ id: 7, role: 'owner' }],
    };
    snapshot.organizations.push({ id: 7, users: [owner], phone_numbers: [] });
    expect(countState(snapshot, 2)).toMatchObject({ organizations: 3, duplicates: 1 });
  });

  it('counts a location created twice under one name as a duplicate', () => {
    const snapshot = desired(2);
    snapshot.organizations[0]?.phone_numbers.push({ name: 'Annex' });
    expect(countState(snapshot, 2)).toMatchObject({ duplicates: 1, missing: 0 });
  });

  it('counts a missing location and a user outside its organization as missing', () => {
    const snapshot = desired(2);
    snapshot.organizations[1]?.phone_numbers.pop();
    const user = snapshot.users.find((u) => u.external_id === 'S000001-u1');
    if (user !== undefined) user.organizations = [];
    expect(countState(snapshot, 2)).toMatchObject({ duplicates: 0, missing: 2 });
  });

  it('counts an organization no customer owns as a duplicate', () => {
    const snapshot = desired(1);
    snapshot.organizations.push({ id: 9, users: [], phone_numbers: [] });
    expect(countState(snapshot, 1)).toMatchObject({ duplicates: 1, missing: 0 });
  });
});
