import { describe, expect, it } from 'vitest';
import { PartnerApiClient } from '../../src/api/index.js';
import { performOperation } from '../../src/execute/perform.js';
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
const LOCATION_ID = 5_000_001;
const ORG_REF = { ref: 'c1/organization:create' };

describe('performOperation', () => {
  const f = usePerformFixture();
  const perform = (op: Operation) =>
    performOperation(op, f.context(), { reconcileFirst: false });

  it('performs every kind once, each with the result of its kind, in one attempt', async () => {
    const outcomes = [];
    outcomes.push(await perform(createOrganizationOp(1)));
    f.refs.set(ORG_REF.ref, ORG_ID);
    const steps: Operation[] = [
      updateOrganizationOp(ORG_ID),
      createUserOp('lee', ORG_REF),
      updateUserOp('lee'),
      setUserRoleOp('lee', ORG_REF),
      createLocationOp('Harbor', ORG_REF),
    ];
    for (const op of steps) outcomes.push(await perform(op));
    const number = (await f.client.getLocation(LOCATION_ID)).phone_number;
    outcomes.push(await perform(updateLocationOp(LOCATION_ID)));
    outcomes.push(await perform(deleteLocationOp(LOCATION_ID, ORG_ID)));
    outcomes.push(await perform(deleteOrganizationOp(ORG_ID)));
    const ok = (result: object) => ({ status: 'succeeded', result, attempts: 1 });
    expect(outcomes).toEqual([
      ok({ organizationId: ORG_ID, userId: 9_000_001 }),
      ok({ organizationId: ORG_ID }),
      ok({ userId: 9_000_002, organizationId: ORG_ID }),
      ok({ userId: 9_000_002 }),
      ok({ userId: 9_000_002 }),
      ok({ locationId: LOCATION_ID, organizationId: ORG_ID, phoneNumber: null }),
      ok({ locationId: LOCATION_ID, phoneNumber: number }),
      ok({ locationId: LOCATION_ID }),
      ok({ organizationId: ORG_ID }),
    ]);
    expect(f.gate.sent).toBe(9);
    expect(f.sleeps).toEqual([]);
  });

  it('fails a 422 at once, with the field errors and what to do', async () => {
    const op = createOrganizationOp(1);
    op.body.owner.email = 'not-an-email';
    const outcome = await perform(op);
    expect(outcome).toEqual({
      status: 'failed',
      attempts: 1,
      stopRun: false,
      error: expect.stringMatching(
        /^POST \/organizations failed: 422 .*owner\.email: .*\. The API rejected the data: correct the record in the export, then run `aa-sync apply` again\.$/,
      ),
    });
    expect(f.sleeps).toEqual([]);
  });

  it('stops the run on a 401, without retrying or showing the key', async () => {
    const wrongKey = 'sk_test_not_a_known_key';
    const client = new PartnerApiClient({ baseUrl: f.emu.baseUrl, apiKey: wrongKey });
    try {
      const ctx = { ...f.context(), client };
      const outcome = await performOperation(updateOrganizationOp(ORG_ID), ctx, {
        reconcileFirst: false,
      });
      expect(outcome).toMatchObject({ status: 'failed', attempts: 1, stopRun: true });
      const error = outcome.status === 'failed' ? outcome.error : '';
      expect(error).toMatch(
        /^PATCH \/organizations\/1000001 failed: 401 .*aa-sync resume`\.$/,
      );
      expect(error).not.toContain(wrongKey);
    } finally {
      await client.close();
    }
  });

  it('fails an update of something that does not exist (404) at once', async () => {
    expect(await perform(updateLocationOp(LOCATION_ID))).toEqual({
      status: 'failed',
      attempts: 1,
      stopRun: false,
      error:
        'PATCH /locations/5000001 failed: 404 Not found. It does not exist (any ' +
        'more): it was probably changed outside aa-sync. Run `aa-sync plan` again ' +
        'to see the live state.',
    });
  });

  it('fails a first-attempt delete that answers 404: nothing of ours deleted it', async () => {
    expect(await perform(deleteLocationOp(LOCATION_ID, ORG_ID))).toEqual({
      status: 'failed',
      attempts: 1,
      stopRun: false,
      error: expect.stringMatching(
        /^DELETE \/locations\/5000001 failed: 404 Not found\. /,
      ),
    });
  });
});
