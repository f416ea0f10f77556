import { describe, expect, it } from 'vitest';
import { T0_TEXT, createOrg, startTest } from './support.js';

describe('POST /partner-links', () => {
  it('answers 201 with a pending link', async () => {
    const t = await startTest();
    const res = await t.api('POST', '/partner-links', {
      email: 'owner@harborcafe.example',
      external_id: 'crm-5003',
    });
    expect([res.status, res.body]).toEqual([
      201,
      {
        id: 3_000_001,
        email: 'owner@harborcafe.example',
        external_id: 'crm-5003',
        status: 'pending',
      },
    ]);
  });

  it('refuses an external_id held by a user or by another pending link', async () => {
    const t = await startTest();
    await createOrg(t, 1);
    const taken = { external_id: ['The external_id has already been taken.'] };
    const byUser = await t.api('POST', '/partner-links', {
      email: 'a@x.io',
      external_id: 'owner-1',
    });
    expect([byUser.status, byUser.body.errors]).toEqual([422, taken]);
    await t.api('POST', '/partner-links', { email: 'a@x.io', external_id: 'link-1' });
    const byLink = await t.api('POST', '/partner-links', {
      email: 'b@x.io',
      external_id: 'link-1',
    });
    expect(byLink.body.errors).toEqual(taken);
    const asUser = await t.api('POST', '/users', {
      external_id: 'link-1',
      email: 'c@x.io',
      team_name: 'T',
    });
    expect(asUser.body.errors).toEqual(taken);
  });

  it('validates email and external_id', async () => {
    const t = await startTest();
    const res = await t.api('POST', '/partner-links', { email: 'nope' });
    expect(res.body.errors).toEqual({
      email: ['The email field must be a valid email address.'],
      external_id: ['The external_id field is required.'],
    });
  });

  it('shows the user in /users only after the control endpoint accepts the link', async () => {
    const t = await startTest();
    const link = (
      await t.api('POST', '/partner-links', { email: 'l@x.io', external_id: 'lk' })
    ).body;
    expect((await t.api('GET', '/users')).body).toEqual([]);
    expect((await t.api('GET', '/users/lk')).status).toBe(404);
    const accepted = await t.control('POST', `/partner-links/${link.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.link).toEqual({ ...link, status: 'accepted' });
    const user = {
      id: 9_000_001,
      external_id: 'lk',
      email: 'l@x.io',
      name: null,
      created_at: T0_TEXT,
      updated_at: T0_TEXT,
      organizations: [],
    };
    expect(accepted.body.user).toEqual(user);
    expect((await t.api('GET', '/users')).body).toEqual([user]);
    const again = await t.control('POST', `/partner-links/${link.id}/accept`);
    expect(again.status).toBe(409);
    expect((await t.control('POST', '/partner-links/3000999/accept')).status).toBe(404);
  });
});
