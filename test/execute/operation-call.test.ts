import { describe, expect, it } from 'vitest';
import { PHONE_NUMBER_PATTERN } from '../../src/emulator/index.js';
import { callOperation, isCreate } from '../../src/execute/operation-call.js';
import type { Operation } from '../../src/plan/plan-types.js';
import { usePerformFixture } from './support/perform-fixture.js';
import {
  createLocationOp,
  createOrganizationOp,
  createUserOp,
  deleteLocationOp,
  deleteOrganizationOp,
  setUserRoleOp,
  updateLocationOp,
  updateOrganizationOp,
  updateUserOp,
} from './support/perform-ops.js';

const ORG_ID = 1_000_001;
const OWNER_ID = 9_000_001;
const USER_ID = 9_000_002;
const LOCATION_ID = 5_000_001;

describe('callOperation', () => {
  const f = usePerformFixture();
  const call = (op: Operation) => callOperation(op, f.client, f.context().organizationOf);
  const seedOrganization = () =>
    f.client.createOrganization(createOrganizationOp(1).body);
  const seedUser = async () => {
    await seedOrganization();
    await call(createUserOp('lee', ORG_ID));
  };
  const seedLocation = async () => {
    await seedOrganization();
    await f.client.createLocation({
      organization_id: ORG_ID,
      name: 'Harbor',
      area_code: '415',
    });
  };

  it('create-organization gives the organization and its owner', async () => {
    expect(await call(createOrganizationOp(1))).toEqual({
      organizationId: ORG_ID,
      userId: OWNER_ID,
    });
  });

  it('update-organization gives the organization id and changes it', async () => {
    await seedOrganization();
    expect(await call(updateOrganizationOp(ORG_ID))).toEqual({ organizationId: ORG_ID });
    expect((await f.client.getOrganization(ORG_ID)).name).toBe('Clinic Renamed');
  });

  it('create-user resolves its organization reference and gives user and organization', async () => {
    await seedOrganization();
    f.refs.set('c1/organization:create', ORG_ID);
    const op = createUserOp('lee', { ref: 'c1/organization:create' });
    expect(await call(op)).toEqual({ userId: USER_ID, organizationId: ORG_ID });
    expect((await f.client.getUser('lee')).organizations).toEqual([
      { id: ORG_ID, name: 'Clinic 1', role: 'manager' },
    ]);
  });

  it('update-user gives the user id', async () => {
    await seedUser();
    expect(await call(updateUserOp('lee'))).toEqual({ userId: USER_ID });
    expect((await f.client.getUser('lee')).name).toBe('Lee Park');
  });

  it('set-user-role gives the user id and sets the role in that organization', async () => {
    await seedUser();
    expect(await call(setUserRoleOp('lee', ORG_ID))).toEqual({ userId: USER_ID });
    expect((await f.client.getUser('lee')).organizations).toEqual([
      { id: ORG_ID, name: 'Clinic 1', role: 'user' },
    ]);
  });

  it('create-location gives location, organization and the number (null while pending)', async () => {
    await seedOrganization();
    expect(await call(createLocationOp('Harbor', ORG_ID))).toEqual({
      locationId: LOCATION_ID,
      organizationId: ORG_ID,
      phoneNumber: null,
    });
  });

  it('update-location gives the location and its current number', async () => {
    await seedLocation();
    const result = await call(updateLocationOp(LOCATION_ID));
    const live = await f.client.getLocation(LOCATION_ID);
    expect(live.phone_number).toMatch(PHONE_NUMBER_PATTERN);
    expect(result).toEqual({ locationId: LOCATION_ID, phoneNumber: live.phone_number });
  });

  it('delete-location gives the location id and deletes it', async () => {
    await seedLocation();
    expect(await call(deleteLocationOp(LOCATION_ID, ORG_ID))).toEqual({
      locationId: LOCATION_ID,
    });
    expect(await f.client.listLocations()).toEqual([]);
  });

  it('delete-organization gives the organization id and deletes it', async () => {
    await seedOrganization();
    expect(await call(deleteOrganizationOp(ORG_ID))).toEqual({ organizationId: ORG_ID });
    expect(await f.client.listOrganizations()).toEqual([]);
  });

  it('rejects with the client error when the API refuses', async () => {
    await expect(call(updateLocationOp(LOCATION_ID))).rejects.toMatchObject({
      kind: 'not-found',
      status: 404,
    });
  });
});

describe('isCreate', () => {
  it('is true for the three creates only', () => {
    const ops: Operation[] = [
      createOrganizationOp(1),
      updateOrganizationOp(ORG_ID),
      createUserOp('lee', ORG_ID),
      updateUserOp('lee'),
      setUserRoleOp('lee', ORG_ID),
      createLocationOp('Harbor', ORG_ID),
      updateLocationOp(LOCATION_ID),
      deleteLocationOp(LOCATION_ID, ORG_ID),
      deleteOrganizationOp(ORG_ID),
    ];
    expect(ops.filter(isCreate).map((op) => op.kind)).toEqual([
      'create-organization',
      'create-user',
      'create-location',
    ]);
  });
});
