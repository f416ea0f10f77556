import { describe, expect, it } from 'vitest';
import { T0_TEXT, createOrg, startTest, pluck } from './support.js';

describe('POST /users', () => {
  it('creates a member with default role user and answers {embed_token, user, team, locations}', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    const loc = await t.api('POST', '/locations', {
      organization_id: org,
      name: 'Harbor Rd',
    });
    const res = await t.api('POST', `/users?organization_id=${org}`, {
      external_id: 'crm-4822',
      email: 'frontdesk@example.com',
      name: 'Lee Park',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      embed_token: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      user: {
        id: 9_000_002,
        external_id: 'crm-4822',
        email: 'frontdesk@example.com',
        name: 'Lee Park',
        created_at: T0_TEXT,
        updated_at: T0_TEXT,
        organizations: [{ id: org, name: 'Org 1', role: 'user' }],
      },
      team: { id: org, name: 'Org 1' },
      locations: [{ location: 'Harbor Rd', phone_id: loc.body.id }],
    });
  });

  it('takes organization_id from the body, and from the query when both are sent', async () => {
    const t = await startTest();
    const a = await createOrg(t, 1);
    const b = await createOrg(t, 2);
    const fromBody = await t.api('POST', '/users', {
      external_id: 'u1',
      email: 'u1@example.com',
      organization_id: a,
      role: 'manager',
    });
    expect(fromBody.body.user.organizations).toEqual([
      { id: a, name: 'Org 1', role: 'manager' },
    ]);
    const both = await t.api('POST', `/users?organization_id=${b}`, {
      external_id: 'u2',
      email: 'u2@example.com',
      organization_id: a,
    });
    expect(both.body.team).toEqual({ id: b, name: 'Org 2' });
  });

  it('creates a new organization named team_name with the user as owner when no org is given', async () => {
    const t = await startTest();
    const res = await t.api('POST', '/users', {
      external_id: 'solo',
      email: 'solo@example.com',
      team_name: 'Solo Practice',
    });
    expect(res.status).toBe(201);
    expect(res.body.team).toEqual({ id: 1_000_001, name: 'Solo Practice' });
    expect(res.body.user.organizations).toEqual([
      { id: 1_000_001, name: 'Solo Practice', role: 'owner' },
    ]);
    expect(res.body.locations).toEqual([]);
  });

  it('reports every problem together: bad email, bad role, role without organization', async () => {
    const t = await startTest();
    const res = await t.api('POST', '/users', {
      external_id: 'x'.repeat(256),
      email: 'a b@example.com',
      role: 'admin',
    });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      message: 'The given data was invalid.',
      errors: {
        external_id: ['The external_id field must not be greater than 255 characters.'],
        email: ['The email field must be a valid email address.'],
        role: ['The selected role is invalid.'],
        organization_id: [
          'The organization_id field is required when team_name is not present.',
        ],
      },
    });
  });

  it('needs organization_id when role is sent', async () => {
    const t = await startTest();
    const res = await t.api('POST', '/users', {
      external_id: 'u',
      email: 'u@example.com',
      role: 'user',
      team_name: 'T',
    });
    expect(res.body.errors).toEqual({
      organization_id: ['The organization_id field is required when role is present.'],
    });
  });

  it('rejects an unknown or non-integer organization_id with 422 (U18)', async () => {
    const t = await startTest();
    const unknown = await t.api('POST', '/users?organization_id=1000999', {
      external_id: 'u',
      email: 'u@example.com',
    });
    expect([unknown.status, unknown.body.errors]).toEqual([
      422,
      { organization_id: ['The selected organization_id is invalid.'] },
    ]);
    const text = await t.api('POST', '/users?organization_id=abc', {
      external_id: 'u',
      email: 'u@example.com',
    });
    expect(text.body.errors).toEqual({
      organization_id: ['The organization_id field must be an integer.'],
    });
  });

  it('refuses a duplicate external_id but allows a duplicate email (U3, U24)', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    const dup = await t.api('POST', `/users?organization_id=${org}`, {
      external_id: 'owner-1',
      email: 'new@example.com',
    });
    expect(dup.body.errors).toEqual({
      external_id: ['The external_id has already been taken.'],
    });
    const sameEmail = await t.api('POST', `/users?organization_id=${org}`, {
      external_id: 'other',
      email: 'owner1@example.com',
    });
    expect(sameEmail.status).toBe(201);
  });
});

describe('GET /users and GET /users/{external_id}', () => {
  it('lists users by id, filtered by organization; unknown filter gives [] and text gives 422', async () => {
    const t = await startTest();
    const a = await createOrg(t, 1);
    await createOrg(t, 2);
    const all = await t.api('GET', '/users');
    expect(pluck(all.body, 'external_id')).toEqual(['owner-1', 'owner-2']);
    const one = await t.api('GET', `/users?organization_id=${a}`);
    expect(pluck(one.body, 'external_id')).toEqual(['owner-1']);
    expect((await t.api('GET', '/users?organization_id=1000999')).body).toEqual([]);
    const bad = await t.api('GET', '/users?organization_id=x');
    expect([bad.status, bad.body.errors]).toEqual([
      422,
      { organization_id: ['The organization_id field must be an integer.'] },
    ]);
  });

  it('finds users by URL-decoded, case-sensitive external id', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    await t.api('POST', `/users?organization_id=${org}`, {
      external_id: 'Crm/42 ä',
      email: 'e@example.com',
    });
    const found = await t.api('GET', `/users/${encodeURIComponent('Crm/42 ä')}`);
    expect([found.status, found.body.external_id]).toEqual([200, 'Crm/42 ä']);
    expect((await t.api('GET', `/users/${encodeURIComponent('crm/42 ä')}`)).status).toBe(
      404,
    );
  });
});

describe('PATCH /users/{external_id}', () => {
  it('changes name and email and adds a membership with the given role', async () => {
    const t = await startTest();
    const a = await createOrg(t, 1);
    const b = await createOrg(t, 2);
    const res = await t.api('PATCH', '/users/owner-1', {
      name: 'New Name',
      email: 'new@example.com',
      organization_id: b,
      role: 'manager',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'New Name',
      email: 'new@example.com',
      organizations: [
        { id: a, name: 'Org 1', role: 'owner' },
        { id: b, name: 'Org 2', role: 'manager' },
      ],
    });
  });

  it('allows several owners and refuses to demote the last one (U13)', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    await t.api('POST', `/users?organization_id=${org}`, {
      external_id: 'u',
      email: 'u@x.io',
    });
    const lastOwner = await t.api('PATCH', '/users/owner-1', {
      organization_id: org,
      role: 'user',
    });
    expect([lastOwner.status, lastOwner.body.errors]).toEqual([
      422,
      {
        role: [
          `The role cannot be changed: organization ${org} would be left without an owner.`,
        ],
      },
    ]);
    await t.api('PATCH', '/users/u', { organization_id: org, role: 'owner' });
    const demoted = await t.api('PATCH', '/users/owner-1', {
      organization_id: org,
      role: 'user',
    });
    expect(demoted.body.organizations).toEqual([
      { id: org, name: 'Org 1', role: 'user' },
    ]);
  });

  it('answers 404 for an unknown user and 422 for role without organization_id', async () => {
    const t = await startTest();
    await createOrg(t, 1);
    expect((await t.api('PATCH', '/users/nobody', { name: 'x' })).status).toBe(404);
    const res = await t.api('PATCH', '/users/owner-1', { role: 'user' });
    expect(res.body.errors).toEqual({
      organization_id: ['The organization_id field is required when role is present.'],
    });
  });

  it('answers an empty PATCH with the unchanged user', async () => {
    const t = await startTest();
    await createOrg(t, 1);
    const before = (await t.api('GET', '/users/owner-1')).body;
    const res = await t.api('PATCH', '/users/owner-1', {});
    expect([res.status, res.body]).toEqual([200, before]);
  });
});

describe('DELETE /users/{external_id}', () => {
  it('deletes a member with 204 and refuses the only owner with 422', async () => {
    const t = await startTest();
    const org = await createOrg(t, 1);
    await t.api('POST', `/users?organization_id=${org}`, {
      external_id: 'u',
      email: 'u@x.io',
    });
    const res = await t.api('DELETE', '/users/u');
    expect([res.status, res.body]).toEqual([204, undefined]);
    expect((await t.api('GET', '/users/u')).status).toBe(404);
    const owner = await t.api('DELETE', '/users/owner-1');
    expect(owner.status).toBe(422);
    expect(owner.body.errors.external_id).toHaveLength(1);
    expect((await t.api('DELETE', '/users/u')).status).toBe(404);
  });
});
