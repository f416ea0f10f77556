import { describe, expect, it } from 'vitest';
import { T0, T0_TEXT, createOrg, orgBody, startTest, pluck } from './support.js';

const OWNER = {
  id: 9_000_001,
  external_id: 'crm-4821',
  email: 'owner@baysidedental.example',
  name: 'Dana Ruiz',
  created_at: T0_TEXT,
  updated_at: T0_TEXT,
  organizations: [{ id: 1_000_001, name: 'Bayside Dental', role: 'owner' }],
};

const CREATE_BODY = {
  name: 'Bayside Dental',
  description: 'Family dentistry',
  owner: {
    external_id: 'crm-4821',
    email: 'owner@baysidedental.example',
    name: 'Dana Ruiz',
  },
};

describe('POST /organizations', () => {
  it('creates the organization with its owner and answers 201 {organization, owner}', async () => {
    const t = await startTest();
    const res = await t.api('POST', '/organizations', CREATE_BODY);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      organization: {
        id: 1_000_001,
        name: 'Bayside Dental',
        description: 'Family dentistry',
        created_at: T0_TEXT,
        updated_at: T0_TEXT,
        users: [OWNER],
        phone_numbers: [],
      },
      owner: OWNER,
    });
  });

  it('reports every problem of the body together as one 422', async () => {
    const t = await startTest();
    const res = await t.api('POST', '/organizations', {
      name: 5,
      description: 'x'.repeat(256),
      owner: { email: 'not-an-email', name: '  ' },
    });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      message: 'The given data was invalid.',
      errors: {
        name: ['The name field must be a string.'],
        description: ['The description field must not be greater than 255 characters.'],
        'owner.external_id': ['The owner.external_id field is required.'],
        'owner.email': ['The owner.email field must be a valid email address.'],
      },
    });
  });

  it('requires name and owner', async () => {
    const t = await startTest();
    const res = await t.api('POST', '/organizations', {});
    expect(res.body.errors).toEqual({
      name: ['The name field is required.'],
      owner: ['The owner field is required.'],
      'owner.external_id': ['The owner.external_id field is required.'],
      'owner.email': ['The owner.email field is required.'],
    });
  });

  it('refuses an owner external_id already used by the partner (422, U3)', async () => {
    const t = await startTest();
    await t.api('POST', '/organizations', CREATE_BODY);
    const res = await t.api('POST', '/organizations', { ...CREATE_BODY, name: 'Second' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      'owner.external_id': ['The owner.external_id has already been taken.'],
    });
    expect((await t.api('GET', '/organizations')).body).toHaveLength(1);
  });

  it('ignores unknown fields and accepts a missing owner name as null', async () => {
    const t = await startTest();
    const res = await t.api('POST', '/organizations', {
      name: 'Solo',
      colour: 'blue',
      owner: { external_id: 'o', email: 'o@example.com' },
    });
    expect(res.status).toBe(201);
    expect(res.body.owner.name).toBeNull();
    expect(res.body.organization).not.toHaveProperty('colour');
  });
});

describe('GET /organizations', () => {
  it('lists the partner organizations by ascending id with members and numbers embedded', async () => {
    const t = await startTest();
    const first = await createOrg(t, 1);
    const second = await createOrg(t, 2);
    await t.api('POST', `/users?organization_id=${second}`, {
      external_id: 'owner-1',
      email: 'dup@example.com',
    });
    const res = await t.api('GET', '/organizations');
    expect(res.status).toBe(200);
    expect(pluck(res.body, 'id')).toEqual([first, second]);
    expect(res.body[1].users).toHaveLength(1);
    expect(res.body[0].users[0].organizations).toEqual([
      { id: first, name: 'Org 1', role: 'owner' },
    ]);
  });

  it('embeds members with all their memberships', async () => {
    const t = await startTest();
    const first = await createOrg(t, 1);
    const second = await createOrg(t, 2);
    await t.api('PATCH', '/users/owner-1', { organization_id: second, role: 'manager' });
    const org = (await t.api('GET', `/organizations/${second}`)).body;
    expect(pluck(org.users, 'external_id')).toEqual(['owner-1', 'owner-2']);
    expect(org.users[0].organizations).toEqual([
      { id: first, name: 'Org 1', role: 'owner' },
      { id: second, name: 'Org 2', role: 'manager' },
    ]);
  });
});

describe('GET /organizations/{id}', () => {
  it('answers 404 {"message":"Not found."} for unknown and non-integer ids', async () => {
    const t = await startTest();
    for (const id of ['1000999', 'abc', '1.5', '-1']) {
      const res = await t.api('GET', `/organizations/${id}`);
      expect([id, res.status, res.body]).toEqual([id, 404, { message: 'Not found.' }]);
    }
  });
});

describe('PATCH /organizations/{id}', () => {
  it('updates name and description and moves updated_at only on a real change', async () => {
    const t = await startTest();
    const id = await createOrg(t, 1);
    t.clock.ms = T0 + 60_000;
    const same = await t.api('PATCH', `/organizations/${id}`, { name: 'Org 1' });
    expect(same.body.updated_at).toBe(T0_TEXT);
    const res = await t.api('PATCH', `/organizations/${id}`, {
      name: 'Renamed',
      description: null,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Renamed',
      description: null,
      created_at: T0_TEXT,
      updated_at: '2025-03-02T09:16:00Z',
    });
  });

  it('answers an empty PATCH with 200 and the unchanged organization', async () => {
    const t = await startTest();
    const id = await createOrg(t, 1);
    const before = (await t.api('GET', `/organizations/${id}`)).body;
    const res = await t.api('PATCH', `/organizations/${id}`, {});
    expect([res.status, res.body]).toEqual([200, before]);
  });

  it('rejects a blank name with 422', async () => {
    const t = await startTest();
    const id = await createOrg(t, 1);
    const res = await t.api('PATCH', `/organizations/${id}`, { name: '' });
    expect([res.status, res.body.errors]).toEqual([
      422,
      { name: ['The name field is required.'] },
    ]);
  });

  it('keeps updated_at when members or locations change (U23)', async () => {
    const t = await startTest();
    const id = await createOrg(t, 1);
    t.clock.ms = T0 + 60_000;
    await t.api('POST', `/users?organization_id=${id}`, {
      external_id: 'u',
      email: 'u@x.io',
    });
    await t.api('POST', '/locations', { organization_id: id, name: 'Main' });
    expect((await t.api('GET', `/organizations/${id}`)).body.updated_at).toBe(T0_TEXT);
  });
});

describe('DELETE /organizations/{id}', () => {
  it('answers 204, then 404, and removes its locations and members left without an org', async () => {
    const t = await startTest();
    const keep = await createOrg(t, 1);
    const gone = await createOrg(t, 2);
    await t.api('PATCH', '/users/owner-1', { organization_id: gone, role: 'user' });
    const loc = await t.api('POST', '/locations', {
      organization_id: gone,
      name: 'Main',
    });
    const res = await t.api('DELETE', `/organizations/${gone}`);
    expect([res.status, res.body, res.headers.get('content-type')]).toEqual([
      204,
      undefined,
      'application/json',
    ]);
    expect((await t.api('GET', `/organizations/${gone}`)).status).toBe(404);
    expect((await t.api('GET', `/locations/${loc.body.id}`)).status).toBe(404);
    expect((await t.api('GET', '/users/owner-2')).status).toBe(404);
    const survivor = (await t.api('GET', '/users/owner-1')).body;
    expect(survivor.organizations).toEqual([{ id: keep, name: 'Org 1', role: 'owner' }]);
  });

  it('frees the external_id of a deleted owner', async () => {
    const t = await startTest();
    const id = await createOrg(t, 1);
    await t.api('DELETE', `/organizations/${id}`);
    expect((await t.api('POST', '/organizations', orgBody(1))).status).toBe(201);
  });
});
