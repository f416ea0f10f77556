import { describe, expect, it } from 'vitest';
import { startTest } from './support.js';

const TIGHT = { rateLimit: { ratePerSecond: 1, burst: 3 } };

describe('rate limiting', () => {
  it('answers 3 requests, then 429 with Retry-After: 1 and {"message":"Too Many Requests"}', async () => {
    const t = await startTest(TIGHT);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await t.api('GET', '/users')).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await t.api('GET', '/users');
    expect([refused.status, refused.body]).toEqual([
      429,
      { message: 'Too Many Requests' },
    ]);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('refills with the clock', async () => {
    const t = await startTest(TIGHT);
    for (let i = 0; i < 3; i += 1) await t.api('GET', '/users');
    expect((await t.api('GET', '/users')).status).toBe(429);
    t.clock.ms += 1_000;
    expect((await t.api('GET', '/users')).status).toBe(200);
  });

  it('limits each key on its own and never limits control endpoints', async () => {
    const t = await startTest({
      ...TIGHT,
      partners: [{ id: 'demo', keys: ['sk_test_demo', 'sk_second'] }],
    });
    for (let i = 0; i < 4; i += 1) await t.api('GET', '/users');
    expect((await t.api('GET', '/users', undefined, 'sk_second')).status).toBe(200);
    for (let i = 0; i < 10; i += 1)
      expect((await t.control('GET', '/counters')).status).toBe(200);
    const counters = (await t.control('GET', '/counters')).body;
    expect(counters.rateLimited).toBe(1);
    expect(counters.requestsByKey).toEqual({ 'demo#1': 4, 'demo#2': 1 });
    expect(counters.responsesByStatus).toEqual({ '200': 4, '429': 1 });
  });

  it('is on by default at 10/s burst 20', async () => {
    const t = await startTest({ rateLimit: undefined });
    expect((await t.control('GET', '/rate-limit')).body).toEqual({
      ratePerSecond: 10,
      burst: 20,
    });
    const statuses = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await t.api('GET', '/users')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses[20]).toBe(429);
  });

  it('can be switched off and reconfigured through PUT /_emulator/rate-limit', async () => {
    const t = await startTest(TIGHT);
    expect((await t.control('PUT', '/rate-limit', null)).body).toBeNull();
    for (let i = 0; i < 5; i += 1)
      expect((await t.api('GET', '/users')).status).toBe(200);
    const set = await t.control('PUT', '/rate-limit', { ratePerSecond: 5, burst: 1 });
    expect(set.body).toEqual({ ratePerSecond: 5, burst: 1 });
    await t.api('GET', '/users');
    expect((await t.api('GET', '/users')).status).toBe(429);
    const bad = await t.control('PUT', '/rate-limit', { ratePerSecond: 0, burst: 1 });
    expect([bad.status, bad.body.message]).toEqual([
      422,
      'rate-limit.ratePerSecond must be a number greater than 0 and at most 1000000; got 0',
    ]);
  });
});
