import { describe, expect, it } from 'vitest';
import { RateControl } from '../../src/execute/rate-control.js';

/** Reports `count` successes; returns the rates it moved to. */
function succeed(control: RateControl, count: number): number[] {
  const rates: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const change = control.onSuccess();
    if (change !== null) rates.push(change.rate);
  }
  return rates;
}

describe('rate control with a configured rate', () => {
  it('halves on a 429 and climbs back by a tenth of the configured rate per second of successes', () => {
    const control = new RateControl({ rate: 10 });
    expect(control.onRateLimited(0, 100)).toEqual({
      rate: 5,
      previousRate: 10,
      reason: 'rate-limited',
    });
    // Runs of 5, 6, 7, 8 and 9 successes: about one second each.
    expect(succeed(control, 34)).toEqual([6, 7, 8, 9]);
    expect(succeed(control, 1)).toEqual([10]);
    expect(succeed(control, 100)).toEqual([]);
    expect(control.rate).toBe(10);
  });

  it('steps down once for 429s of requests sent before the last step down', () => {
    const control = new RateControl({ rate: 10 });
    expect(control.onRateLimited(0, 100)?.rate).toBe(5);
    expect(control.onRateLimited(50, 110)).toBeNull();
    expect(control.onRateLimited(99, 120)).toBeNull();
    expect(control.onRateLimited(100, 1_200)?.rate).toBe(2.5);
  });

  it('never goes below 0.5 requests per second', () => {
    const control = new RateControl({ rate: 1 });
    control.onRateLimited(0, 0);
    control.onRateLimited(0, 1);
    expect(control.onRateLimited(1, 2)).toBeNull();
    expect(control.rate).toBe(0.5);
  });

  it('starts a run of successes over after a server failure', () => {
    const control = new RateControl({ rate: 10 });
    control.onRateLimited(0, 0);
    expect(succeed(control, 4)).toEqual([]);
    control.onFailure();
    expect(succeed(control, 4)).toEqual([]);
    expect(succeed(control, 1)).toEqual([6]);
  });
});

describe('rate control with rate auto', () => {
  it('starts at 2/s and doubles per second of successes up to autoMaxRate', () => {
    const control = new RateControl({ rate: 'auto', autoMaxRate: 20 });
    expect(control.rate).toBe(2);
    expect(succeed(control, 3 + 4 + 8 + 16 + 100)).toEqual([4, 8, 16, 20]);
  });

  it('halves at its first 429, then steps down by a fifth and climbs by 3% per second', () => {
    const control = new RateControl({ rate: 'auto', autoStartRate: 16 });
    expect(control.onRateLimited(0, 0)?.rate).toBe(8);
    // 3% of 8 is 0.24: runs of 8, 9 and 9 successes.
    expect(succeed(control, 8 + 9 + 9)).toEqual([8.24, 8.48, 8.72]);
    expect(control.onRateLimited(10, 20)?.rate).toBe(6.98);
    expect(succeed(control, 7)).toEqual([7.19]);
  });
});
