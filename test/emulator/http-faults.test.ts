import { describe, expect, it } from 'vitest';
import { orgBody, startTest, pluck } from './support.js';

describe('fault injection', () => {
  it('drop-after-commit: the client sees a failure, yet the organization exists once', async () => {
    const t = await startTest({ faults: { dropAfterCommitRate: 1 } });
    await expect(t.api('POST', '/organizations', orgBody(1))).rejects.toThrow();
    await t.control('PUT', '/faults', {});
    const orgs = (await t.api('GET', '/organizations')).body;
    expect(pluck(orgs, 'name')).toEqual(['Org 1']);
    const counters = (await t.control('GET', '/counters')).body;
    expect(counters.organizationCreates).toEqual({ demo: { 'owner-1': 1 } });
    const log = (await t.control('GET', '/requests')).body.requests;
    expect(log[0]).toMatchObject({
      method: 'POST',
      status: 'dropped',
      fault: 'drop-after-commit',
    });
  });

  it('drop-after-commit in hang mode holds the answer until hangMs, then resets', async () => {
    const t = await startTest({
      faults: { dropAfterCommitRate: 1, dropMode: 'hang', hangMs: 150 },
    });
    const started = Date.now();
    await expect(t.api('POST', '/organizations', orgBody(1))).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await t.control('PUT', '/faults', {});
    expect((await t.api('GET', '/organizations')).body).toHaveLength(1);
  });

  it('error: answers the status with {"message":"Server Error"} and writes nothing', async () => {
    const t = await startTest({ faults: { errorRate: 1, errorStatuses: [503] } });
    const res = await t.api('POST', '/organizations', orgBody(1));
    expect([res.status, res.body]).toEqual([503, { message: 'Server Error' }]);
    await t.control('PUT', '/faults', {});
    expect((await t.api('GET', '/organizations')).body).toEqual([]);
    expect((await t.control('GET', '/counters')).body.organizationCreates).toEqual({});
  });

  it('reset: destroys the connection without doing the work', async () => {
    const t = await startTest({ faults: { resetRate: 1 } });
    await expect(t.api('POST', '/organizations', orgBody(1))).rejects.toThrow();
    await t.control('PUT', '/faults', {});
    expect((await t.api('GET', '/organizations')).body).toEqual([]);
    const log = (await t.control('GET', '/requests')).body.requests;
    expect(log[0]).toMatchObject({ status: 'reset', fault: 'reset' });
  });

  it('adds latency to API requests', async () => {
    const t = await startTest({ faults: { latencyMs: 120 } });
    const started = Date.now();
    await t.api('GET', '/users');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('applies per-key settings by key label only, and never faults control endpoints', async () => {
    const t = await startTest({
      partners: [{ id: 'demo', keys: ['sk_test_demo', 'sk_flaky'] }],
      faultsByKey: { 'demo#2': { errorRate: 1, errorStatuses: [500] } },
    });
    expect((await t.api('GET', '/users')).status).toBe(200);
    expect((await t.api('GET', '/users', undefined, 'sk_flaky')).status).toBe(500);
    const faults = await t.control('GET', '/faults');
    expect([faults.status, Object.keys(faults.body.perKey as object)]).toEqual([
      200,
      ['demo#2'],
    ]);
    expect((await t.control('GET', '/counters')).body.faults).toEqual({
      none: 1,
      error: 1,
      reset: 0,
      'drop-after-commit': 0,
    });
  });

  it('rejects invalid fault settings with 422 naming the field', async () => {
    const t = await startTest();
    const res = await t.control('PUT', '/faults', { global: { errorRate: 2 } });
    expect([res.status, res.body.message]).toEqual([
      422,
      'global.errorRate must be a number from 0 to 1; got 2',
    ]);
  });
});
