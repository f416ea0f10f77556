import { describe, expect, it } from 'vitest';
import { performOperation } from '../../src/execute/perform.js';
import type { PerformOptions } from '../../src/execute/perform.js';
import type { Operation } from '../../src/plan/plan-types.js';
import { usePerformFixture } from './support/perform-fixture.js';
import {
  createLocationOp,
  createOrganizationOp,
  createUserOp,
  deleteLocationOp,
  updateOrganizationOp,
} from './support/perform-ops.js';

const ORG_ID = 1_000_001;
const OWNER_ID = 9_000_001;
const LOCATION_ID = 5_000_001;
const SERVER_ERROR = { errorRate: 1, errorStatuses: [500] as const };
const DROP = { dropAfterCommitRate: 1, dropMode: 'reset' } as const;

describe('performOperation with an unknown outcome', () => {
  const f = usePerformFixture();
  const perform = (op: Operation, options: PerformOptions = { reconcileFirst: false }) =>
    performOperation(op, f.context(), options);
  /** Faults on for the first attempt only: the first backoff switches them off. */
  const faultOnce = async (faults: Parameters<typeof f.setFaults>[0]) => {
    await f.setFaults(faults);
    f.onSleep = () => f.setFaults({});
  };
  const organization = async () => {
    await f.client.createOrganization(createOrganizationOp(1).body);
  };

  describe('an answer lost after the server committed (drop-after-commit, reset)', () => {
    it('adopts the organization instead of creating a second', async () => {
      await f.setFaults(DROP);
      const mark = await f.mark();
      expect(await perform(createOrganizationOp(1))).toEqual({
        status: 'adopted',
        result: { organizationId: ORG_ID, userId: OWNER_ID },
        attempts: 1,
        note:
          'organization 1000001 was created by an earlier attempt ' +
          '(found as the organization that owner "owner-1" owns)',
      });
      expect((await f.counters()).organizationCreates).toEqual({
        demo: { 'owner-1': 1 },
      });
      expect(await f.requestsSince(mark)).toEqual([
        { method: 'POST', path: '/organizations', status: 'dropped' },
        { method: 'GET', path: '/users/owner-1', status: 200 },
      ]);
    });

    it('adopts the location instead of creating a second', async () => {
      await organization();
      await f.setFaults(DROP);
      const outcome = await perform(createLocationOp('Harbor', ORG_ID));
      const live = await f.client.getLocation(LOCATION_ID);
      expect(outcome).toEqual({
        status: 'adopted',
        result: {
          locationId: LOCATION_ID,
          organizationId: ORG_ID,
          phoneNumber: live.phone_number,
        },
        attempts: 1,
        note: 'location 5000001 ("Harbor") was created in organization 1000001 by an earlier attempt',
      });
      expect((await f.counters()).locationCreates).toEqual({
        demo: { '1000001': { Harbor: 1 } },
      });
    });

    it('adopts the user instead of sending it again', async () => {
      await organization();
      await f.setFaults(DROP);
      const mark = await f.mark();
      expect(await perform(createUserOp('lee', ORG_ID))).toEqual({
        status: 'adopted',
        result: { userId: 9_000_002, organizationId: ORG_ID },
        attempts: 1,
        note: 'user "lee" (id 9000002) was created in organization 1000001 by an earlier attempt',
      });
      expect(await f.requestsSince(mark)).toEqual([
        { method: 'POST', path: '/users?organization_id=1000001', status: 'dropped' },
        { method: 'GET', path: '/users/lee', status: 200 },
      ]);
    });

    it('adopts after a held answer is dropped (hang mode)', async () => {
      await f.setFaults({ ...DROP, dropMode: 'hang', hangMs: 50 });
      const outcome = await perform(createOrganizationOp(1));
      expect(outcome).toMatchObject({ status: 'adopted', attempts: 1 });
      expect((await f.counters()).organizationCreates).toEqual({
        demo: { 'owner-1': 1 },
      });
    });

    it('adopts what landed even when that attempt was the last one allowed', async () => {
      await f.setFaults(DROP);
      const outcome = await performOperation(
        createOrganizationOp(1),
        f.context({ maxAttempts: 1 }),
        {
          reconcileFirst: false,
        },
      );
      expect(outcome).toMatchObject({ status: 'adopted', attempts: 1 });
    });
  });

  it('looks up before resending after a 500, then creates once (POST, GET, POST)', async () => {
    await faultOnce(SERVER_ERROR);
    const mark = await f.mark();
    expect(await perform(createOrganizationOp(1))).toEqual({
      status: 'succeeded',
      result: { organizationId: ORG_ID, userId: OWNER_ID },
      attempts: 2,
    });
    expect(await f.requestsSince(mark)).toEqual([
      { method: 'POST', path: '/organizations', status: 500 },
      { method: 'GET', path: '/users/owner-1', status: 404 },
      { method: 'POST', path: '/organizations', status: 201 },
    ]);
    expect(f.sleeps).toEqual([5]);
    expect((await f.counters()).organizationCreates).toEqual({ demo: { 'owner-1': 1 } });
  });

  it('fails as ambiguous when two live locations have the name, and creates no third', async () => {
    await organization();
    await f.client.createLocation({ organization_id: ORG_ID, name: 'Harbor' });
    await f.client.createLocation({ organization_id: ORG_ID, name: 'harbor' });
    await faultOnce(SERVER_ERROR);
    const mark = await f.mark();
    expect(await perform(createLocationOp('Harbor', ORG_ID))).toEqual({
      status: 'failed',
      attempts: 1,
      stopRun: false,
      error:
        'ambiguous: organization 1000001 has 2 locations named "Harbor" (ids 5000001, ' +
        '5000002); an earlier attempt may have created one of them, so no other was ' +
        'created. Delete the duplicate, then run `aa-sync plan` again.',
    });
    expect(await f.requestsSince(mark)).toEqual([
      { method: 'POST', path: '/locations', status: 500 },
      { method: 'GET', path: '/locations?organization_id=1000001', status: 200 },
    ]);
    expect((await f.counters()).locationCreates).toEqual({
      demo: { '1000001': { Harbor: 1, harbor: 1 } },
    });
  });

  it('fails, naming what it found, when the external id belongs to a user elsewhere', async () => {
    await organization();
    await f.client.createOrganization(createOrganizationOp(2).body);
    await faultOnce(SERVER_ERROR);
    const outcome = await perform(createUserOp('owner-2', ORG_ID));
    expect(outcome).toEqual({
      status: 'failed',
      attempts: 1,
      stopRun: false,
      error:
        'user "owner-2" (id 9000002) exists but is not a member of organization ' +
        '1000001 (member of 1000002 as owner); it was not created again. The ' +
        'external id is taken by another user: correct the export or the user, then ' +
        'run `aa-sync plan` again.',
    });
  });

  describe('when the lookup itself cannot be completed', () => {
    it('does not resend and fails, saying why', async () => {
      await f.setFaults(SERVER_ERROR);
      const mark = await f.mark();
      expect(await perform(createOrganizationOp(1))).toEqual({
        status: 'failed',
        attempts: 1,
        stopRun: false,
        error:
          'an earlier attempt may have created it, but the lookup gave up after 4 ' +
          'attempts, so it was not sent again: GET /users/owner-1 failed: 500 Server ' +
          'Error. Check whether it exists before running again: sending it again ' +
          'could create it twice.',
      });
      const seen = await f.requestsSince(mark);
      expect(seen.map((r) => `${r.method} ${r.status}`)).toEqual([
        'POST 500',
        'GET 500',
        'GET 500',
        'GET 500',
        'GET 500',
      ]);
    });

    it('is interrupted and left in flight while the gate is degraded', async () => {
      await f.setFaults(SERVER_ERROR);
      f.gate.degraded = true;
      expect(await perform(createOrganizationOp(1))).toEqual({
        status: 'interrupted',
        attempts: 1,
        maybeSent: true,
        error: 'GET /users/owner-1 failed: 500 Server Error',
      });
    });
  });

  describe('resuming an operation recorded in flight (reconcileFirst)', () => {
    it('adopts a create that had landed, without sending it', async () => {
      await organization();
      const mark = await f.mark();
      const outcome = await perform(createOrganizationOp(1), { reconcileFirst: true });
      expect(outcome).toMatchObject({
        status: 'adopted',
        result: { organizationId: ORG_ID, userId: OWNER_ID },
        attempts: 0,
      });
      expect(await f.requestsSince(mark)).toEqual([
        { method: 'GET', path: '/users/owner-1', status: 200 },
      ]);
    });

    it('sends a create that had not landed, once', async () => {
      const mark = await f.mark();
      const outcome = await perform(createOrganizationOp(1), { reconcileFirst: true });
      expect(outcome).toEqual({
        status: 'succeeded',
        result: { organizationId: ORG_ID, userId: OWNER_ID },
        attempts: 1,
      });
      expect(await f.requestsSince(mark)).toEqual([
        { method: 'GET', path: '/users/owner-1', status: 404 },
        { method: 'POST', path: '/organizations', status: 201 },
      ]);
    });

    it('sends an update at once, without a lookup', async () => {
      await organization();
      const mark = await f.mark();
      const outcome = await perform(updateOrganizationOp(ORG_ID), {
        reconcileFirst: true,
      });
      expect(outcome).toEqual({
        status: 'succeeded',
        result: { organizationId: ORG_ID },
        attempts: 1,
      });
      expect(await f.requestsSince(mark)).toEqual([
        { method: 'PATCH', path: '/organizations/1000001', status: 200 },
      ]);
    });

    it('takes a 404 of a delete as done: the earlier attempt deleted it', async () => {
      expect(
        await perform(deleteLocationOp(LOCATION_ID, ORG_ID), { reconcileFirst: true }),
      ).toEqual({
        status: 'succeeded',
        result: { locationId: LOCATION_ID },
        attempts: 1,
        note: 'location 5000001 was already gone: an earlier attempt deleted it',
      });
    });
  });

  it('resends an update after a 500 without looking anything up', async () => {
    await organization();
    await faultOnce(SERVER_ERROR);
    const mark = await f.mark();
    expect(await perform(updateOrganizationOp(ORG_ID))).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
    expect((await f.requestsSince(mark)).map((r) => `${r.method} ${r.status}`)).toEqual([
      'PATCH 500',
      'PATCH 200',
    ]);
  });

  it('takes a delete whose answer was lost and whose resend answers 404 as done', async () => {
    await organization();
    await f.client.createLocation({ organization_id: ORG_ID, name: 'Harbor' });
    await faultOnce(DROP);
    const mark = await f.mark();
    expect(await perform(deleteLocationOp(LOCATION_ID, ORG_ID))).toEqual({
      status: 'succeeded',
      result: { locationId: LOCATION_ID },
      attempts: 2,
      note: 'location 5000001 was already gone: an earlier attempt deleted it',
    });
    expect((await f.requestsSince(mark)).map((r) => `${r.method} ${r.status}`)).toEqual([
      'DELETE dropped',
      'DELETE 404',
    ]);
  });
});
