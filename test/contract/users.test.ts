import { describe, expect, it } from 'vitest';
import {
  FIELDS,
  MODES,
  failure,
  keysOf,
  newOrganization,
  startContract,
} from './support.js';

describe.each(MODES)('users, %s mode', (mode) => {
  it('adds a user to an organization with a role and a first embed token', async () => {
    const { acme } = await startContract(mode);
    const org = (await acme.createOrganization(newOrganization(1))).organization;
    const location = await acme.createLocation({
      organization_id: org.id,
      name: 'Main St',
    });
    const created = await acme.createUser({
      organization_id: org.id,
      external_id: 'crm-1-desk',
      email: 'desk@example.com',
      name: 'Lee Park',
      role: 'manager',
    });
    expect(keysOf(created)).toEqual(['embed_token', 'locations', 'team', 'user']);
    expect(keysOf(created.user)).toEqual(FIELDS.user);
    expect(created.user.organizations).toEqual([
      { id: org.id, name: 'Customer 1', role: 'manager' },
    ]);
    expect(created.team).toEqual({ id: org.id, name: 'Customer 1' });
    expect(created.locations).toEqual([{ location: 'Main St', phone_id: location.id }]);
    expect(created.embed_token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('lists users of the account and of one organization, and reads one', async () => {
    const { acme } = await startContract(mode);
    const one = (await acme.createOrganization(newOrganization(1))).organization;
    const two = (await acme.createOrganization(newOrganization(2))).organization;
    await acme.createUser({
      organization_id: two.id,
      external_id: 'u-2',
      email: 'u2@example.com',
    });
    expect((await acme.listUsers()).map((u) => u.external_id)).toEqual([
      'crm-1',
      'crm-2',
      'u-2',
    ]);
    expect(
      (await acme.listUsers({ organizationId: two.id })).map((u) => u.external_id),
    ).toEqual(['crm-2', 'u-2']);
    expect(
      (await acme.listUsers({ organizationId: one.id })).map((u) => u.external_id),
    ).toEqual(['crm-1']);
    const user = await acme.getUser('u-2');
    expect([user.external_id, user.name, user.organizations]).toEqual([
      'u-2',
      null,
      [{ id: two.id, name: 'Customer 2', role: 'user' }],
    ]);
  });

  it('changes a role and adds a membership with PATCH', async () => {
    const { acme } = await startContract(mode);
    const one = (await acme.createOrganization(newOrganization(1))).organization;
    const two = (await acme.createOrganization(newOrganization(2))).organization;
    await acme.createUser({
      organization_id: one.id,
      external_id: 'u/1 é',
      email: 'a@example.com',
    });
    const promoted = await acme.updateUser('u/1 é', {
      organization_id: one.id,
      role: 'manager',
    });
    expect(promoted.organizations).toEqual([
      { id: one.id, name: 'Customer 1', role: 'manager' },
    ]);
    const joined = await acme.updateUser('u/1 é', {
      organization_id: two.id,
      name: 'Ana',
    });
    expect([joined.name, joined.organizations]).toEqual([
      'Ana',
      [
        { id: one.id, name: 'Customer 1', role: 'manager' },
        { id: two.id, name: 'Customer 2', role: 'user' },
      ],
    ]);
  });

  it('answers 422 for a role without an organization and for a taken external_id', async () => {
    const { acme } = await startContract(mode);
    const org = (await acme.createOrganization(newOrganization(1))).organization;
    const noOrg = await failure(() => acme.updateUser('crm-1', { role: 'user' }));
    expect(noOrg.kind === 'validation' && Object.keys(noOrg.fieldErrors)).toEqual([
      'organization_id',
    ]);
    const taken = await failure(() =>
      acme.createUser({
        organization_id: org.id,
        external_id: 'crm-1',
        email: 'x@example.com',
      }),
    );
    expect(taken.kind === 'validation' && taken.fieldErrors).toEqual({
      external_id: ['The external_id has already been taken.'],
    });
  });

  it('refuses to demote the last owner, and deletes a user (unverified endpoint)', async () => {
    const { acme } = await startContract(mode);
    const org = (await acme.createOrganization(newOrganization(1))).organization;
    const demote = await failure(() =>
      acme.updateUser('crm-1', { organization_id: org.id, role: 'user' }),
    );
    expect([demote.kind, demote.status]).toEqual(['validation', 422]);
    await acme.createUser({
      organization_id: org.id,
      external_id: 'u-1',
      email: 'u@example.com',
    });
    expect(await acme.deleteUserUnverified('u-1')).toBeUndefined();
    expect((await failure(() => acme.getUser('u-1'))).status).toBe(404);
  });

  it('answers 404 for unknown and foreign users', async () => {
    const { acme, beta } = await startContract(mode);
    await acme.createOrganization(newOrganization(1));
    for (const call of [
      () => acme.getUser('nobody'),
      () => beta.getUser('crm-1'),
      () => beta.updateUser('crm-1', { name: 'x' }),
      () => beta.deleteUserUnverified('crm-1'),
    ]) {
      const error = await failure(call);
      expect([error.kind, error.status]).toEqual(['not-found', 404]);
    }
  });
});
