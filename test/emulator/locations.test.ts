import { describe, expect, it } from 'vitest';
import { T0, T0_TEXT, createOrg, pluck, startTest } from './support.js';

const NUMBER_415 = /^\+1415[2-9]\d{6}$/;

describe('POST /locations', () => {
  it('answers 201 pending with no number, then reads active with a +1<area> number', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    const res = await t.api('POST', '/locations', {
      organization_id: org,
      name: 'Mill Valley Office',
      area_code: '415',
      address: '12 Throckmorton Ave',
      google_place_id: 'ChIJ0002',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: 5_000_001,
      name: 'Mill Valley Office',
      phone_number: null,
      status: 'pending',
      address: '12 Throckmorton Ave',
      google_place_id: 'ChIJ0002',
      created_at: T0_TEXT,
      updated_at: T0_TEXT,
    });
    expect(res.body).not.toHaveProperty('organization_id');
    const read = (await t.api('GET', `/locations/${res.body.id}`)).body;
    expect(read.status).toBe('active');
    expect(read.phone_number).toMatch(NUMBER_415);
  });

  it('turns active only once activationDelayMs has passed, stamping updated_at then', async () => {
    const t = await startTest({ activationDelayMs: 90_000 });
    const org = await createOrg(t, 1);
    const { id } = (
      await t.api('POST', '/locations', {
        organization_id: org,
        name: 'A',
        area_code: '212',
      })
    ).body;
    t.clock.ms = T0 + 89_999;
    expect((await t.api('GET', `/locations/${id}`)).body).toMatchObject({
      status: 'pending',
      phone_number: null,
    });
    t.clock.ms = T0 + 90_000;
    const active = (await t.api('GET', `/locations/${id}`)).body;
    expect(active).toMatchObject({
      status: 'active',
      updated_at: '2025-03-02T09:16:30Z',
    });
    expect(active.phone_number).toMatch(/^\+1212[2-9]\d{6}$/);
  });

  it('stays pending with a null number when no area code is given', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    const { id } = (
      await t.api('POST', '/locations', { organization_id: org, name: 'A' })
    ).body;
    t.clock.ms = T0 + 3_600_000;
    expect((await t.api('GET', `/locations/${id}`)).body).toMatchObject({
      status: 'pending',
      phone_number: null,
    });
  });

  it('rejects invalid area codes, a missing name and a missing organization together', async () => {
    const t = await startTest();
    const res = await t.api('POST', '/locations', { area_code: '911' });
    expect(res.body.errors).toEqual({
      organization_id: ['The organization_id field is required.'],
      name: ['The name field is required.'],
      area_code: [
        'The area_code field must be 3 digits, the first from 2 to 9, and not an N11 code.',
      ],
    });
    const org = await createOrg(t, 1);
    for (const areaCode of ['123', '41', '4150', 'abc', '011']) {
      const bad = await t.api('POST', '/locations', {
        organization_id: org,
        name: 'A',
        area_code: areaCode,
      });
      expect([areaCode, bad.body.errors]).toEqual([
        areaCode,
        {
          area_code: [
            'The area_code field must be 3 digits, the first from 2 to 9, and not an N11 code.',
          ],
        },
      ]);
    }
    const numeric = await t.api('POST', '/locations', {
      organization_id: org,
      name: 'A',
      area_code: 415,
    });
    expect(numeric.body.errors).toEqual({
      area_code: ['The area_code field must be a string.'],
    });
  });

  it('refuses another partner or unknown organization with 422', async () => {
    const t = await startTest();
    const res = await t.api('POST', '/locations', {
      organization_id: 1_000_999,
      name: 'A',
    });
    expect([res.status, res.body.errors]).toEqual([
      422,
      { organization_id: ['The selected organization_id is invalid.'] },
    ]);
  });

  it('provisions unique numbers', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    for (let i = 0; i < 40; i += 1) {
      await t.api('POST', '/locations', {
        organization_id: org,
        name: `L${i}`,
        area_code: '415',
      });
    }
    const numbers = pluck((await t.api('GET', '/locations')).body, 'phone_number');
    expect(numbers).toHaveLength(40);
    expect(new Set(numbers).size).toBe(40);
    for (const n of numbers) expect(n).toMatch(NUMBER_415);
  });
});

describe('GET /locations', () => {
  it('lists by ascending id, filters by organization, gives [] for a foreign filter', async () => {
    const t = await startTest();
    const a = await createOrg(t, 1);
    const b = await createOrg(t, 2);
    const l1 = (await t.api('POST', '/locations', { organization_id: b, name: 'B1' }))
      .body.id;
    const l2 = (await t.api('POST', '/locations', { organization_id: a, name: 'A1' }))
      .body.id;
    expect(pluck((await t.api('GET', '/locations')).body, 'id')).toEqual([l1, l2]);
    const filtered = await t.api('GET', `/locations?organization_id=${a}`);
    expect(pluck(filtered.body, 'id')).toEqual([l2]);
    expect((await t.api('GET', '/locations?organization_id=1000999')).body).toEqual([]);
    expect((await t.api('GET', '/locations?organization_id=1x')).status).toBe(422);
  });
});

describe('PATCH and DELETE /locations/{id}', () => {
  it('updates name, address and place id with 200; empty PATCH changes nothing', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    const { id } = (
      await t.api('POST', '/locations', {
        organization_id: org,
        name: 'A',
        address: 'Old',
      })
    ).body;
    t.clock.ms = T0 + 1_000;
    const res = await t.api('PATCH', `/locations/${id}`, {
      name: 'B',
      address: null,
      google_place_id: 'P',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'B',
      address: null,
      google_place_id: 'P',
      updated_at: '2025-03-02T09:15:01Z',
    });
    const empty = await t.api('PATCH', `/locations/${id}`, {});
    expect([empty.status, empty.body]).toEqual([200, res.body]);
    const blank = await t.api('PATCH', `/locations/${id}`, { name: ' ' });
    expect(blank.body.errors).toEqual({ name: ['The name field is required.'] });
  });

  it('deletes with 204 and answers 404 afterwards; non-integer ids are 404', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    const { id } = (
      await t.api('POST', '/locations', { organization_id: org, name: 'A' })
    ).body;
    expect((await t.api('DELETE', `/locations/${id}`)).status).toBe(204);
    expect((await t.api('GET', `/locations/${id}`)).status).toBe(404);
    expect((await t.api('PATCH', `/locations/${id}`, { name: 'x' })).status).toBe(404);
    expect((await t.api('GET', '/locations/five')).status).toBe(404);
  });

  it('never issues a deleted location number again', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    const { id } = (
      await t.api('POST', '/locations', {
        organization_id: org,
        name: 'A',
        area_code: '415',
      })
    ).body;
    const number = (await t.api('GET', `/locations/${id}`)).body.phone_number as string;
    await t.api('DELETE', `/locations/${id}`);
    const reuse = await t.control('POST', '/seed', {
      organizations: [
        {
          ...{ name: 'S', owner: { external_id: 's', email: 's@x.io' } },
          locations: [{ name: 'L', phone_number: number }],
        },
      ],
    });
    expect([reuse.status, reuse.body.problems]).toEqual([
      422,
      [
        'organizations[0].locations[0].phone_number: The phone_number has already been taken.',
      ],
    ]);
  });
});
