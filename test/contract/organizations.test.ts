import { describe, expect, it } from 'vitest';
import {
  ACME_KEY,
  MODES,
  failure,
  keysOf,
  newOrganization,
  orgFields,
  startContract,
} from './support.js';
import { FIELDS } from './support.js';

describe.each(MODES)('organizations, %s mode', (mode) => {
  it('creates an organization with its owner and answers both', async () => {
    const { acme } = await startContract(mode);
    const created = await acme.createOrganization(newOrganization(1, 'Front desk'));
    expect(keysOf(created)).toEqual(['organization', 'owner']);
    expect(keysOf(created.organization)).toEqual(orgFields(mode));
    expect(keysOf(created.owner)).toEqual(FIELDS.user);
    expect(created.organization.name).toBe('Customer 1');
    expect(created.organization.description).toBe(
      mode === 'strict' ? undefined : 'Front desk',
    );
    expect(created.organization.phone_numbers).toEqual([]);
    expect(created.owner.external_id).toBe('crm-1');
    expect(created.owner.organizations).toEqual([
      { id: created.organization.id, name: 'Customer 1', role: 'owner' },
    ]);
    expect(created.organization.users).toEqual([created.owner]);
  });

  it('lists, reads, updates and deletes organizations', async () => {
    const { acme } = await startContract(mode);
    const first = (await acme.createOrganization(newOrganization(1))).organization;
    const second = (await acme.createOrganization(newOrganization(2))).organization;
    expect((await acme.listOrganizations()).map((o) => o.id)).toEqual([
      first.id,
      second.id,
    ]);
    expect(await acme.getOrganization(first.id)).toEqual(first);

    const renamed = await acme.updateOrganization(first.id, { name: 'Renamed' });
    expect(renamed.name).toBe('Renamed');
    expect(keysOf(renamed)).toEqual(orgFields(mode));

    expect(await acme.deleteOrganization(first.id)).toBeUndefined();
    const gone = await failure(() => acme.getOrganization(first.id));
    expect([gone.kind, gone.status, gone.method, gone.path]).toEqual([
      'not-found',
      404,
      'GET',
      `/organizations/${first.id}`,
    ]);
    expect((await acme.listOrganizations()).map((o) => o.id)).toEqual([second.id]);
  });

  it('answers 422 with every field error at once', async () => {
    const { acme } = await startContract(mode);
    const error = await failure(() =>
      acme.createOrganization({
        name: '',
        owner: { external_id: 'x', email: 'not-an-email' },
      }),
    );
    expect(error.kind).toBe('validation');
    expect(error.status).toBe(422);
    expect(error.kind === 'validation' && error.fieldErrors).toEqual({
      name: ['The name field is required.'],
      'owner.email': ['The owner.email field must be a valid email address.'],
    });
  });

  it('refuses a second organization for an owner external_id already taken', async () => {
    const { acme } = await startContract(mode);
    await acme.createOrganization(newOrganization(1));
    const error = await failure(() => acme.createOrganization(newOrganization(1)));
    expect(error.kind === 'validation' && error.fieldErrors).toEqual({
      'owner.external_id': ['The owner.external_id has already been taken.'],
    });
    expect(await acme.listOrganizations()).toHaveLength(1);
  });

  it('hides another partner’s organizations behind 404, on every key of the partner', async () => {
    const { acme, beta, client } = await startContract(mode);
    const org = (await acme.createOrganization(newOrganization(1))).organization;
    expect(await beta.listOrganizations()).toEqual([]);
    for (const call of [
      () => beta.getOrganization(org.id),
      () => beta.updateOrganization(org.id, { name: 'stolen' }),
      () => beta.deleteOrganization(org.id),
    ]) {
      expect((await failure(call)).status).toBe(404);
    }
    const sameKeyHolder = client(ACME_KEY);
    expect((await sameKeyHolder.getOrganization(org.id)).name).toBe('Customer 1');
  });

  it('answers 401 to an unknown key and to a revoked one', async () => {
    const { client, control, acme } = await startContract(mode);
    const stranger = await failure(() =>
      client('sk_test_nobody_knows').listOrganizations(),
    );
    expect([stranger.kind, stranger.status]).toEqual(['unauthorized', 401]);
    await control('POST', '/keys/revoke', { key: ACME_KEY });
    const revoked = await failure(() => acme.listOrganizations());
    expect([revoked.kind, revoked.status]).toEqual(['unauthorized', 401]);
  });
});
