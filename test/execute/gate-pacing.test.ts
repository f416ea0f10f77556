import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRequestGate } from '../../src/execute/gate.js';
import { FakeApi, eventLog, outcome } from './gate-fakes.js';

/** Ms between consecutive starts. */
const gaps = (starts: number[]) => starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
/**
 * Gaps to the nearest 10 ms: bottleneck's datastore yields a 1 ms timer hop
 * or a few around each start, which is not what these tests are about.
 */
const roughGaps = (starts: number[]) => gaps(starts).map((g) => Math.round(g / 10) * 10);

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('request gate pacing', () => {
  it('starts requests 1000/rate ms apart at rate 10', async () => {
    const gate = createRequestGate({ rate: 10, burst: 1 });
    const api = new FakeApi();
    const runs = Array.from({ length: 6 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(gaps(api.starts)).toEqual([100, 100, 100, 100, 100]);
    expect(await Promise.all(runs)).toEqual(Array(6).fill('ok'));
    expect(gate.stats()).toEqual({
      requests: 6,
      rateLimited: 0,
      rateLimitWaitMs: 0,
      currentRate: 10,
      breakerOpenings: 0,
    });
    await gate.close();
  });

  it('applies a new rate to the starts after the one already planned', async () => {
    const { events, onEvent } = eventLog();
    // auto starts at 2/s and doubles after a run of 3 successes.
    const gate = createRequestGate({ rate: 'auto', burst: 1, onEvent });
    const api = new FakeApi();
    const runs = Array.from({ length: 7 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(events).toEqual([
      { type: 'rate-changed', rate: 4, previousRate: 2, reason: 'recovered' },
      { type: 'rate-changed', rate: 8, previousRate: 4, reason: 'recovered' },
    ]);
    expect(roughGaps(api.starts)).toEqual([500, 500, 500, 250, 250, 250]);
    await Promise.all(runs);
    await gate.close();
  });

  it('lets `burst` requests go back to back after idling, then refills one at a time', async () => {
    const gate = createRequestGate({ rate: 10, burst: 3 });
    const api = new FakeApi();
    const first = Array.from({ length: 5 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(2_000);
    const second = Array.from({ length: 4 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(roughGaps(api.starts)).toEqual([0, 0, 100, 100, 1800, 0, 0, 100]);
    expect(await Promise.all([...first, ...second])).toEqual(Array(9).fill('ok'));
    await gate.close();
  });

  it('never lets more than burst + rate × seconds start in any window', async () => {
    const gate = createRequestGate({ rate: 20, burst: 5 });
    const api = new FakeApi();
    const runs = Array.from({ length: 60 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(runs);
    const inFirstSecond = api.starts.filter((t) => t < 1_000).length;
    const inSecondSecond = api.starts.filter((t) => t >= 1_000 && t < 2_000).length;
    expect([inFirstSecond, inSecondSecond]).toEqual([24, 20]);
    await gate.close();
  });
});

describe('request gate options', () => {
  it('names the option, its range and the value received', () => {
    expect(() => createRequestGate({ rate: 0, burst: 1 })).toThrow(
      "rate must be 'auto' or a number of requests per second of at least 0.5; got 0",
    );
    expect(() => createRequestGate({ rate: 10, burst: 1.5 })).toThrow(
      'burst must be an integer of at least 1; got 1.5',
    );
    expect(() =>
      createRequestGate({ rate: 'auto', burst: 1, autoStartRate: 50, autoMaxRate: 20 }),
    ).toThrow('autoStartRate must be at most autoMaxRate (20); got 50');
    expect(() =>
      createRequestGate({ rate: 10, burst: 1, breaker: { failureRatio: 2 } }),
    ).toThrow(
      'breaker.failureRatio must be a number greater than 0 and at most 1; got 2',
    );
  });
});
