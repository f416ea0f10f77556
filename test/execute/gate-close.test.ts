import { describe, expect, it } from 'vitest';
import { createRequestGate } from '../../src/execute/gate.js';
import { FakeApi, outcome, rateLimited } from './gate-fakes.js';

/** Timers alive once bottleneck's 0 ms hops (and this test's own sleeps) are over. */
async function timers(): Promise<number> {
  await sleep(SETTLE_MS);
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}
const SETTLE_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('request gate: close', () => {
  it('rejects waiting requests with GateClosedError and leaves no timer behind', async () => {
    const before = await timers();
    const gate = createRequestGate({ rate: 1, burst: 1 });
    const api = new FakeApi();
    const runs = Array.from({ length: 4 }, () => outcome(gate.run(api.request)));
    await sleep(50);
    await gate.close();
    expect(await Promise.all(runs)).toEqual([
      'ok',
      'GateClosedError',
      'GateClosedError',
      'GateClosedError',
    ]);
    expect(await outcome(gate.run(api.request))).toBe('GateClosedError');
    expect(api.starts).toHaveLength(1);
    expect(await timers()).toBeLessThanOrEqual(before);
  });

  it('ends a 429 hold early, counting only the part waited', async () => {
    const before = await timers();
    const gate = createRequestGate({ rate: 10, burst: 1 });
    const api = new FakeApi([{ error: rateLimited(60_000) }]);
    const runs = Array.from({ length: 3 }, () => outcome(gate.run(api.request)));
    await sleep(50);
    await gate.close();
    expect(await Promise.all(runs)).toEqual([
      'RateLimitedError',
      'GateClosedError',
      'GateClosedError',
    ]);
    expect(gate.stats().rateLimitWaitMs).toBeLessThan(1_000);
    expect(await timers()).toBeLessThanOrEqual(before);
  });

  it('rejects waiting requests when closed during a burst pacer’s refill', async () => {
    const before = await timers();
    const gate = createRequestGate({ rate: 1, burst: 2 });
    const api = new FakeApi();
    const runs = Array.from({ length: 3 }, () => outcome(gate.run(api.request)));
    await sleep(50);
    await gate.close();
    expect(await Promise.all(runs)).toEqual(['ok', 'ok', 'GateClosedError']);
    expect(await timers()).toBeLessThanOrEqual(before);
  });
});
