import { describe, expect, it } from 'vitest';
import { createOrg, orgBody, startTest } from './support.js';

const TWO_PARTNERS = {
  partners: [
    { id: 'acme', keys: ['sk_acme_1', 'sk_acme_2'] },
    { id: 'beta', keys: ['sk_beta'] },
  ],
};

describe('authentication', () => {
  it('answers 401 {"message":"Unauthenticated."} for a missing or unknown key', async () => {
    const t = await startTest();
    for (const key of [null, 'sk_wrong', '']) {
      const res = await t.api('GET', '/organizations', undefined, key);
      expect([key, res.status, res.body]).toEqual([
        key,
        401,
        { message: 'Unauthenticated.' },
      ]);
    }
  });

  it('lets a partner use any of its keys and answers 401 at once for a revoked key', async () => {
    const t = await startTest(TWO_PARTNERS);
    await createOrg(t, 1, 'sk_acme_1');
    expect(
      (await t.api('GET', '/organizations', undefined, 'sk_acme_2')).body,
    ).toHaveLength(1);
    const revoked = await t.control('POST', '/keys/revoke', { key: 'sk_acme_1' });
    expect(revoked.body).toEqual({ label: 'acme#1', revoked: true });
    expect((await t.api('GET', '/organizations', undefined, 'sk_acme_1')).status).toBe(
      401,
    );
    expect((await t.api('GET', '/organizations', undefined, 'sk_acme_2')).status).toBe(
      200,
    );
  });

  it('accepts a key added at run time and logs it by label only', async () => {
    const t = await startTest(TWO_PARTNERS);
    const added = await t.control('POST', '/keys', {
      partner: 'beta',
      key: 'sk_beta_new',
    });
    expect([added.status, added.body]).toEqual([
      201,
      { partner: 'beta', label: 'beta#2' },
    ]);
    expect((await t.api('GET', '/users', undefined, 'sk_beta_new')).status).toBe(200);
    const log = await t.control('GET', '/requests');
    expect(log.body.requests[0]).toMatchObject({ keyLabel: 'beta#2', partnerId: 'beta' });
    const everything = JSON.stringify([
      log.body,
      (await t.control('GET', '/state')).body,
    ]);
    expect(everything).not.toContain('sk_beta_new');
    expect(everything).not.toContain('sk_acme_1');
  });

  it('refuses a key that belongs to another partner', async () => {
    const t = await startTest(TWO_PARTNERS);
    const res = await t.control('POST', '/keys', { partner: 'beta', key: 'sk_acme_1' });
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).not.toContain('sk_acme_1');
  });
});

describe('tenancy', () => {
  it("answers 404 for another partner's organizations, locations and users", async () => {
    const t = await startTest(TWO_PARTNERS);
    const org = await createOrg(t, 1, 'sk_acme_1');
    const loc = (
      await t.api('POST', '/locations', { organization_id: org, name: 'L' }, 'sk_acme_1')
    ).body.id;
    const beta = (path: string, method = 'GET', body?: unknown) =>
      t.api(method, path, body, 'sk_beta');
    for (const res of [
      await beta(`/organizations/${org}`),
      await beta(`/organizations/${org}`, 'PATCH', { name: 'x' }),
      await beta(`/organizations/${org}`, 'DELETE'),
      await beta(`/locations/${loc}`),
      await beta(`/locations/${loc}`, 'DELETE'),
      await beta('/users/owner-1'),
      await beta('/users/owner-1/embed-token'),
    ]) {
      expect([res.status, res.body]).toEqual([404, { message: 'Not found.' }]);
    }
    expect((await beta('/organizations')).body).toEqual([]);
    expect((await beta('/users')).body).toEqual([]);
    expect((await beta(`/locations?organization_id=${org}`)).body).toEqual([]);
    const foreign = await beta('/locations', 'POST', { organization_id: org, name: 'L' });
    expect(foreign.body.errors).toEqual({
      organization_id: ['The selected organization_id is invalid.'],
    });
  });

  it('lets two partners use the same external ids independently', async () => {
    const t = await startTest(TWO_PARTNERS);
    expect((await t.api('POST', '/organizations', orgBody(1), 'sk_acme_1')).status).toBe(
      201,
    );
    expect((await t.api('POST', '/organizations', orgBody(1), 'sk_beta')).status).toBe(
      201,
    );
    const acme = (await t.api('GET', '/users/owner-1', undefined, 'sk_acme_1')).body;
    const beta = (await t.api('GET', '/users/owner-1', undefined, 'sk_beta')).body;
    expect(acme.id).not.toBe(beta.id);
  });
});
