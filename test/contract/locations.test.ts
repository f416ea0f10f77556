import { describe, expect, it } from 'vitest';
import {
  FIELDS,
  MODES,
  failure,
  keysOf,
  newOrganization,
  startContract,
} from './support.js';

describe.each(MODES)('locations, %s mode', (mode) => {
  it('provisions a number in the area code that turns from pending to active', async () => {
    const { acme } = await startContract(mode, { activationDelayMs: 0 });
    const org = (await acme.createOrganization(newOrganization(1))).organization;
    const created = await acme.createLocation({
      organization_id: org.id,
      name: 'Harbor Rd Office',
      area_code: '617',
      address: '77 Harbor Rd',
      google_place_id: 'ChIJexample1',
    });
    expect(keysOf(created)).toEqual(FIELDS.location);
    expect([created.status, created.phone_number]).toEqual(['pending', null]);
    const active = await acme.getLocation(created.id);
    expect(active.status).toBe('active');
    expect(active.phone_number).toMatch(/^\+1617[2-9]\d{6}$/);
    expect([active.name, active.address, active.google_place_id]).toEqual([
      'Harbor Rd Office',
      '77 Harbor Rd',
      'ChIJexample1',
    ]);
    const listed = await acme.getOrganization(org.id);
    expect(listed.phone_numbers).toEqual([active]);
  });

  it('lists by organization, updates and deletes', async () => {
    const { acme } = await startContract(mode);
    const one = (await acme.createOrganization(newOrganization(1))).organization;
    const two = (await acme.createOrganization(newOrganization(2))).organization;
    const a = await acme.createLocation({
      organization_id: one.id,
      name: 'A',
      area_code: '212',
    });
    const b = await acme.createLocation({
      organization_id: two.id,
      name: 'B',
      area_code: '212',
    });
    expect((await acme.listLocations()).map((l) => l.id)).toEqual([a.id, b.id]);
    expect(
      (await acme.listLocations({ organizationId: two.id })).map((l) => l.id),
    ).toEqual([b.id]);
    const moved = await acme.updateLocation(a.id, { address: '1 New St', name: 'A2' });
    expect([moved.name, moved.address]).toEqual(['A2', '1 New St']);
    expect(await acme.deleteLocation(a.id)).toBeUndefined();
    expect((await failure(() => acme.getLocation(a.id))).status).toBe(404);
    const numbers = (await acme.listLocations()).map((l) => l.phone_number);
    expect(new Set(numbers).size).toBe(1);
  });

  it('answers 422 for an invalid area code and a missing name', async () => {
    const { acme } = await startContract(mode);
    const org = (await acme.createOrganization(newOrganization(1))).organization;
    const error = await failure(() =>
      acme.createLocation({ organization_id: org.id, name: '', area_code: '911' }),
    );
    expect(error.kind === 'validation' && error.fieldErrors).toEqual({
      name: ['The name field is required.'],
      area_code: [
        'The area_code field must be 3 digits, the first from 2 to 9, and not an N11 code.',
      ],
    });
    expect(await acme.listLocations()).toEqual([]);
  });

  it('answers 404 for another partner’s location and 422 for its organization', async () => {
    const { acme, beta } = await startContract(mode);
    const org = (await acme.createOrganization(newOrganization(1))).organization;
    const location = await acme.createLocation({ organization_id: org.id, name: 'A' });
    for (const call of [
      () => beta.getLocation(location.id),
      () => beta.updateLocation(location.id, { name: 'x' }),
      () => beta.deleteLocation(location.id),
    ]) {
      expect((await failure(call)).status).toBe(404);
    }
    const foreign = await failure(() =>
      beta.createLocation({ organization_id: org.id, name: 'B' }),
    );
    expect(foreign.kind === 'validation' && foreign.fieldErrors).toEqual({
      organization_id: ['The selected organization_id is invalid.'],
    });
    expect(await beta.listLocations({ organizationId: org.id })).toEqual([]);
  });
});
