import { describe, expect, it } from 'vitest';
import { PartnerApiClient } from '../../src/api/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { performOperation } from '../../src/execute/perform.js';
import type { PerformOptions } from '../../src/execute/perform.js';
import { CircuitOpenError, GateClosedError } from '../../src/execute/types.js';
import type { Operation } from '../../src/plan/plan-types.js';
import { control, usePerformFixture } from './support/perform-fixture.js';
import { createOrganizationOp, updateOrganizationOp } from './support/perform-ops.js';

const ORG_ID = 1_000_001;
const SERVER_ERROR = { errorRate: 1, errorStatuses: [500] as const };
const SERVER_ERROR_TEXT = 'PATCH /organizations/1000001 failed: 500 Server Error';

describe('performOperation when the run stops or the gate refuses', () => {
  const f = usePerformFixture();
  const perform = (op: Operation, options: PerformOptions = { reconcileFirst: false }) =>
    performOperation(op, f.context(), options);
  const organization = () => f.client.createOrganization(createOrganizationOp(1).body);

  it('starts nothing once stopping, and nothing may have been sent', async () => {
    f.stopping = true;
    const mark = await f.mark();
    expect(await perform(createOrganizationOp(1))).toEqual({
      status: 'interrupted',
      attempts: 0,
      maybeSent: false,
      error: null,
    });
    expect(await f.requestsSince(mark)).toEqual([]);
  });

  it('keeps a resumed create in flight when stopping before its lookup', async () => {
    f.stopping = true;
    expect(await perform(createOrganizationOp(1), { reconcileFirst: true })).toEqual({
      status: 'interrupted',
      attempts: 0,
      maybeSent: true,
      error: null,
    });
  });

  it('stops after the backoff of a create whose answer was a 500: maybe sent, not resent', async () => {
    await f.setFaults(SERVER_ERROR);
    f.onSleep = () => {
      f.stopping = true;
      return Promise.resolve();
    };
    const mark = await f.mark();
    expect(await perform(createOrganizationOp(1))).toEqual({
      status: 'interrupted',
      attempts: 1,
      maybeSent: true,
      error: 'POST /organizations failed: 500 Server Error',
    });
    expect((await f.requestsSince(mark)).map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 500',
    ]);
  });

  it('is interrupted, nothing sent, when the breaker already gave up', async () => {
    f.gate.refuseWith = new CircuitOpenError('the API has been failing for 60 s');
    expect(await perform(updateOrganizationOp(ORG_ID))).toEqual({
      status: 'interrupted',
      attempts: 0,
      maybeSent: false,
      error: 'the API has been failing for 60 s',
    });
  });

  it('is interrupted, maybe sent, when the breaker opens after a 500', async () => {
    await organization();
    await f.setFaults(SERVER_ERROR);
    f.onSleep = () => {
      f.gate.refuseWith = new CircuitOpenError('breaker open');
      return Promise.resolve();
    };
    expect(await perform(updateOrganizationOp(ORG_ID))).toEqual({
      status: 'interrupted',
      attempts: 1,
      maybeSent: true,
      error: 'breaker open',
    });
  });

  it('is interrupted, maybe sent, when the gate closes during the lookup', async () => {
    await f.setFaults(SERVER_ERROR);
    f.onSleep = () => {
      f.gate.refuseWith = new GateClosedError('the gate is closed');
      return Promise.resolve();
    };
    expect(await perform(createOrganizationOp(1))).toEqual({
      status: 'interrupted',
      attempts: 1,
      maybeSent: true,
      error: 'the gate is closed',
    });
  });

  it('is interrupted when retries run out while the gate is degraded (server down)', async () => {
    await organization();
    await f.setFaults(SERVER_ERROR);
    f.gate.degraded = true;
    expect(await perform(updateOrganizationOp(ORG_ID))).toEqual({
      status: 'interrupted',
      attempts: 4,
      maybeSent: true,
      error: SERVER_ERROR_TEXT,
    });
  });
});

describe('performOperation within the retry bounds', () => {
  const f = usePerformFixture();
  const perform = (op: Operation, bounds = {}) =>
    performOperation(op, f.context(bounds), { reconcileFirst: false });

  it('makes at most maxAttempts attempts, with full-jitter backoff between them', async () => {
    await f.client.createOrganization(createOrganizationOp(1).body);
    await f.setFaults(SERVER_ERROR);
    const mark = await f.mark();
    expect(await perform(updateOrganizationOp(ORG_ID))).toEqual({
      status: 'failed',
      attempts: 4,
      stopRun: false,
      error:
        `gave up after 4 attempts: ${SERVER_ERROR_TEXT}. The API kept failing: run ` +
        '`aa-sync retry-failed` once it answers again.',
    });
    expect(f.sleeps).toEqual([5, 10, 10]);
    expect(await f.requestsSince(mark)).toHaveLength(4);
  });

  it('starts no attempt whose backoff would end past maxTotalMs', async () => {
    await f.setFaults(SERVER_ERROR);
    const outcome = await perform(updateOrganizationOp(ORG_ID), { maxTotalMs: 1 });
    expect(outcome).toMatchObject({ status: 'failed', attempts: 1 });
    expect(f.sleeps).toEqual([]);
  });

  it('retries a connection that never reached the server without any lookup', async () => {
    const down = await startEmulator({ rateLimit: null });
    await down.close();
    const client = new PartnerApiClient({ baseUrl: down.baseUrl, apiKey: 'sk_test_x' });
    try {
      const ctx = { ...f.context(), client };
      f.onSleep = () => {
        f.stopping = f.sleeps.length === 2;
        return Promise.resolve();
      };
      const outcome = await performOperation(createOrganizationOp(1), ctx, {
        reconcileFirst: false,
      });
      expect(outcome).toMatchObject({
        status: 'interrupted',
        attempts: 2,
        maybeSent: false,
      });
      expect(f.gate.sent).toBe(2);
    } finally {
      await client.close();
    }
  });
});

describe('performOperation after a 429', () => {
  const f = usePerformFixture();

  it('retries at once through the gate, which already waited the Retry-After', async () => {
    await f.client.createOrganization(createOrganizationOp(1).body);
    await control(f.emu, 'PUT', '/rate-limit', { ratePerSecond: 1, burst: 1 });
    await f.client.listOrganizations();
    f.gate.onFailure = (error) => {
      // What the real gate does: hold every request for the Retry-After.
      if ((error as { kind?: string }).kind === 'rate-limited') f.clock.ms += 1_000;
    };
    const mark = await f.mark();
    const outcome = await performOperation(updateOrganizationOp(ORG_ID), f.context(), {
      reconcileFirst: false,
    });
    expect(outcome).toEqual({
      status: 'succeeded',
      result: { organizationId: ORG_ID },
      attempts: 2,
    });
    expect(f.sleeps).toEqual([]);
    expect((await f.requestsSince(mark)).map((r) => r.status)).toEqual([429, 200]);
  });

  it('never looks up a create refused with 429: the server did no work', async () => {
    await control(f.emu, 'PUT', '/rate-limit', { ratePerSecond: 1, burst: 1 });
    await f.client.listOrganizations();
    f.gate.onFailure = () => {
      f.clock.ms += 1_000;
    };
    const mark = await f.mark();
    const outcome = await performOperation(createOrganizationOp(1), f.context(), {
      reconcileFirst: false,
    });
    expect(outcome).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect((await f.requestsSince(mark)).map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 429',
      'POST 201',
    ]);
  });
});
