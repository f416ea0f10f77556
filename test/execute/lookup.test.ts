import { describe, expect, it } from 'vitest';
import { findLanded } from '../../src/execute/lookup.js';
import type { CreateOperation } from '../../src/execute/operation-call.js';
import { usePerformFixture } from './support/perform-fixture.js';
import {
  createLocationOp,
  createOrganizationOp,
  createUserOp,
} from './support/perform-ops.js';

const ORG_ID = 1_000_001;
const OTHER_ORG_ID = 1_000_002;

describe('findLanded', () => {
  const f = usePerformFixture();
  const find = (op: CreateOperation) =>
    findLanded(op, f.client, f.context().organizationOf);
  const createOrganization = (n: number) =>
    f.client.createOrganization(createOrganizationOp(n).body);

  describe('an organization, by its owner', () => {
    it('is absent when the owner does not exist', async () => {
      expect(await find(createOrganizationOp(1))).toEqual({ found: 'absent' });
    });

    it('has landed when the owner owns an organization', async () => {
      await createOrganization(1);
      expect(await find(createOrganizationOp(1))).toEqual({
        found: 'landed',
        result: { organizationId: ORG_ID, userId: 9_000_001 },
        note:
          'organization 1000001 was created by an earlier attempt ' +
          '(found as the organization that owner "owner-1" owns)',
      });
    });

    it('picks the organization of that name when the owner owns several', async () => {
      await createOrganization(2);
      await createOrganization(1);
      await f.client.updateUser('owner-1', { organization_id: ORG_ID, role: 'owner' });
      const finding = await find(createOrganizationOp(1));
      expect(finding).toMatchObject({
        found: 'landed',
        result: { organizationId: OTHER_ORG_ID, userId: 9_000_002 },
      });
    });

    it('is a conflict when the owner owns several organizations, none by that name', async () => {
      await createOrganization(2);
      await createOrganization(3);
      await f.client.updateUser('owner-3', { organization_id: ORG_ID, role: 'owner' });
      const op = createOrganizationOp(3);
      op.body.name = 'Clinic Elsewhere';
      expect(await find(op)).toEqual({
        found: 'conflict',
        message:
          'cannot tell whether organization "Clinic Elsewhere" was created: user ' +
          '"owner-3" (id 9000002) exists and owns 2 organizations (1000001, 1000002), ' +
          'none of them by that name; nothing was sent again. Check that user in the ' +
          'partner dashboard, then run `aa-sync plan` again.',
      });
    });

    it('is a conflict when the owner exists without owning an organization', async () => {
      await createOrganization(2);
      await f.client.createUser({
        external_id: 'owner-1',
        email: 'owner1@example.com',
        organization_id: ORG_ID,
        role: 'manager',
      });
      expect(await find(createOrganizationOp(1))).toEqual({
        found: 'conflict',
        message:
          'cannot tell whether organization "Clinic 1" was created: user "owner-1" ' +
          '(id 9000002) exists and owns no organization (member of 1000001 as ' +
          'manager); nothing was sent again. Check that user in the partner ' +
          'dashboard, then run `aa-sync plan` again.',
      });
    });
  });

  describe('a user, by external id', () => {
    it('is absent when no user has the external id', async () => {
      await createOrganization(1);
      expect(await find(createUserOp('lee', ORG_ID))).toEqual({ found: 'absent' });
    });

    it('has landed when the user is a member of the target organization', async () => {
      await createOrganization(1);
      f.refs.set('c1/organization:create', ORG_ID);
      await f.client.createUser({
        external_id: 'lee',
        email: 'lee@example.com',
        organization_id: ORG_ID,
      });
      const op = createUserOp('lee', { ref: 'c1/organization:create' });
      expect(await find(op)).toEqual({
        found: 'landed',
        result: { userId: 9_000_002, organizationId: ORG_ID },
        note: 'user "lee" (id 9000002) was created in organization 1000001 by an earlier attempt',
      });
    });

    it('is a conflict when the user exists outside the target organization', async () => {
      await createOrganization(1);
      await createOrganization(2);
      await f.client.createUser({
        external_id: 'lee',
        email: 'lee@example.com',
        organization_id: OTHER_ORG_ID,
      });
      expect(await find(createUserOp('lee', ORG_ID))).toEqual({
        found: 'conflict',
        message:
          'user "lee" (id 9000003) exists but is not a member of organization 1000001 ' +
          '(member of 1000002 as user); it was not created again. The external id is ' +
          'taken by another user: correct the export or the user, then run ' +
          '`aa-sync plan` again.',
      });
    });
  });

  describe('a location, by normalised name within its organization', () => {
    const addLocation = (organizationId: number, name: string) =>
      f.client.createLocation({
        organization_id: organizationId,
        name,
        area_code: '415',
      });

    it('is absent when only another organization has a location of that name', async () => {
      await createOrganization(1);
      await createOrganization(2);
      await addLocation(OTHER_ORG_ID, 'Harbor Rd');
      expect(await find(createLocationOp('Harbor Rd', ORG_ID))).toEqual({
        found: 'absent',
      });
    });

    it('has landed when exactly one location has the name, case and spacing aside', async () => {
      await createOrganization(1);
      await addLocation(ORG_ID, 'Mill Valley');
      const created = await addLocation(ORG_ID, '  HARBOR   rd ');
      const live = await f.client.getLocation(created.id);
      expect(await find(createLocationOp('Harbor Rd', ORG_ID))).toEqual({
        found: 'landed',
        result: {
          locationId: created.id,
          organizationId: ORG_ID,
          phoneNumber: live.phone_number,
        },
        note: 'location 5000002 ("Harbor Rd") was created in organization 1000001 by an earlier attempt',
      });
    });

    it('is an ambiguous conflict when two locations have the name', async () => {
      await createOrganization(1);
      await addLocation(ORG_ID, 'Harbor Rd');
      await addLocation(ORG_ID, 'harbor rd');
      expect(await find(createLocationOp('Harbor Rd', ORG_ID))).toEqual({
        found: 'conflict',
        message:
          'ambiguous: organization 1000001 has 2 locations named "Harbor Rd" (ids ' +
          '5000001, 5000002); an earlier attempt may have created one of them, so no ' +
          'other was created. Delete the duplicate, then run `aa-sync plan` again.',
      });
    });

    it('is a conflict when the location has no name to look it up by', async () => {
      await createOrganization(1);
      const op = createLocationOp('Harbor Rd', ORG_ID);
      op.body.name = null;
      expect(await find(op)).toEqual({
        found: 'conflict',
        message:
          'cannot tell whether the location was created in organization 1000001: it ' +
          "has no name to look it up by. Check the organization's locations before " +
          'running again.',
      });
    });
  });

  it('rejects with the client error when the read fails', async () => {
    await f.setFaults({ errorRate: 1, errorStatuses: [503] });
    await expect(find(createOrganizationOp(1))).rejects.toMatchObject({
      kind: 'server',
      status: 503,
    });
  });
});
