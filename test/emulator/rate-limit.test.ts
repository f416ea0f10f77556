import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RATE_LIMIT,
  TokenBucketLimiter,
  retryAfterSeconds,
  validateRateLimitSettings,
} from '../../src/emulator/rate-limit.js';
import type { RateDecision, RateLimitSettings } from '../../src/emulator/rate-limit.js';

/** A limiter on a fake clock that the test moves by hand. */
function limiterAt(settings: RateLimitSettings | null) {
  const clock = { nowMs: 1_000_000 };
  const limiter = new TokenBucketLimiter(settings, () => clock.nowMs);
  return { limiter, clock };
}

function takeMany(
  limiter: TokenBucketLimiter,
  key: string,
  count: number,
): RateDecision[] {
  return Array.from({ length: count }, () => limiter.take(key));
}

describe('TokenBucketLimiter', () => {
  it('defaults to 10 requests per second with bursts of 20', () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ ratePerSecond: 10, burst: 20 });
    expect(Object.isFrozen(DEFAULT_RATE_LIMIT)).toBe(true);
  });

  it('allows exactly burst immediate takes, then refuses with the time to one token', () => {
    const { limiter } = limiterAt(DEFAULT_RATE_LIMIT);
    const allowed = takeMany(limiter, 'demo#1', 20);
    expect(allowed).toEqual(
      Array.from({ length: 20 }, (_, i) => ({ allowed: true, remaining: 19 - i })),
    );
    expect(limiter.take('demo#1')).toEqual({ allowed: false, retryAfterMs: 100 });
  });

  it('accumulates fractional tokens: 250 ms at 10/s allows exactly 2 more', () => {
    const { limiter, clock } = limiterAt(DEFAULT_RATE_LIMIT);
    takeMany(limiter, 'demo#1', 20);
    clock.nowMs += 250;
    expect(takeMany(limiter, 'demo#1', 3)).toEqual([
      { allowed: true, remaining: 1 },
      { allowed: true, remaining: 0 },
      { allowed: false, retryAfterMs: 50 },
    ]);
    clock.nowMs += 30;
    expect(limiter.take('demo#1')).toEqual({ allowed: false, retryAfterMs: 20 });
    clock.nowMs += 20;
    expect(limiter.take('demo#1')).toEqual({ allowed: true, remaining: 0 });
  });

  it('waits a whole token period at fractional rates', () => {
    const { limiter } = limiterAt({ ratePerSecond: 0.5, burst: 1 });
    expect(limiter.take('demo#1')).toEqual({ allowed: true, remaining: 0 });
    expect(limiter.take('demo#1')).toEqual({ allowed: false, retryAfterMs: 2000 });
  });

  it('keeps each key in its own bucket', () => {
    const { limiter } = limiterAt({ ratePerSecond: 1, burst: 2 });
    takeMany(limiter, 'demo#1', 2);
    expect(limiter.take('demo#1')).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(limiter.take('demo#2')).toEqual({ allowed: true, remaining: 1 });
    expect(limiter.take('other#1')).toEqual({ allowed: true, remaining: 1 });
  });

  it('never holds more than burst tokens after a long idle', () => {
    const { limiter, clock } = limiterAt({ ratePerSecond: 10, burst: 3 });
    takeMany(limiter, 'demo#1', 3);
    clock.nowMs += 3_600_000;
    expect(takeMany(limiter, 'demo#1', 4)).toEqual([
      { allowed: true, remaining: 2 },
      { allowed: true, remaining: 1 },
      { allowed: true, remaining: 0 },
      { allowed: false, retryAfterMs: 100 },
    ]);
  });

  it('does not drain a bucket when the clock steps backwards', () => {
    const { limiter, clock } = limiterAt({ ratePerSecond: 10, burst: 2 });
    limiter.take('demo#1');
    clock.nowMs -= 5_000;
    expect(limiter.take('demo#1')).toEqual({ allowed: true, remaining: 0 });
    clock.nowMs += 100;
    expect(limiter.take('demo#1')).toEqual({ allowed: true, remaining: 0 });
  });

  it('still remembers a drained key after tracking 10,000 other keys', () => {
    const { limiter, clock } = limiterAt({ ratePerSecond: 1, burst: 1 });
    limiter.take('hot#1');
    for (let i = 0; i < 10_000; i += 1) limiter.take(`key#${i}`);
    clock.nowMs += 400;
    expect(limiter.take('late#1')).toEqual({ allowed: true, remaining: 0 });
    expect(limiter.take('hot#1')).toEqual({ allowed: false, retryAfterMs: 600 });
  });

  it('allows every request when settings are null', () => {
    const { limiter } = limiterAt(null);
    const decisions = takeMany(limiter, 'demo#1', 1000);
    expect(decisions.every((d) => d.allowed && d.remaining === Infinity)).toBe(true);
    expect(limiter.settings).toBeNull();
  });

  it('applies new settings on configure and refills every bucket', () => {
    const { limiter } = limiterAt(DEFAULT_RATE_LIMIT);
    takeMany(limiter, 'demo#1', 20);
    limiter.configure({ ratePerSecond: 1, burst: 3 });
    expect(limiter.settings).toEqual({ ratePerSecond: 1, burst: 3 });
    expect(takeMany(limiter, 'demo#1', 4)).toEqual([
      { allowed: true, remaining: 2 },
      { allowed: true, remaining: 1 },
      { allowed: true, remaining: 0 },
      { allowed: false, retryAfterMs: 1000 },
    ]);
    limiter.configure(null);
    expect(limiter.take('demo#1')).toEqual({ allowed: true, remaining: Infinity });
  });

  it('keeps its settings when a caller mutates the object it read', () => {
    const { limiter } = limiterAt({ ratePerSecond: 5, burst: 5 });
    const read = limiter.settings!;
    read.burst = 1;
    expect(limiter.settings).toEqual({ ratePerSecond: 5, burst: 5 });
  });

  it('rejects invalid settings on construction and keeps them on a failed configure', () => {
    expect(() => new TokenBucketLimiter({ ratePerSecond: 0, burst: 1 })).toThrow(
      'rateLimit.ratePerSecond must be a number greater than 0 and at most 1000000; got 0',
    );
    const { limiter } = limiterAt({ ratePerSecond: 2, burst: 2 });
    expect(() => limiter.configure({ ratePerSecond: 2, burst: 0 })).toThrow(
      'rateLimit.burst must be an integer from 1 to 1000000; got 0',
    );
    expect(limiter.settings).toEqual({ ratePerSecond: 2, burst: 2 });
  });
});

describe('validateRateLimitSettings', () => {
  const rateRange = 'must be a number greater than 0 and at most 1000000';
  const cases: [unknown, string][] = [
    [{ ratePerSecond: -1, burst: 1 }, `body.ratePerSecond ${rateRange}; got -1`],
    [
      { ratePerSecond: Infinity, burst: 1 },
      `body.ratePerSecond ${rateRange}; got Infinity`,
    ],
    [{ ratePerSecond: '10', burst: 1 }, `body.ratePerSecond ${rateRange}; got "10"`],
    [{ burst: 1 }, `body.ratePerSecond ${rateRange}; got undefined`],
    [
      { ratePerSecond: 1, burst: 2.5 },
      'body.burst must be an integer from 1 to 1000000; got 2.5',
    ],
    [
      { ratePerSecond: 1, burst: 1, window: 1 },
      'body.window is not a known rate-limit setting (known: ratePerSecond, burst)',
    ],
    [[1, 2], 'body must be an object {ratePerSecond, burst} or null; got [1,2]'],
    ['fast', 'body must be an object {ratePerSecond, burst} or null; got "fast"'],
  ];

  it.each(cases)(
    'rejects %j with a message naming field, range and value',
    (input, message) => {
      expect(() => validateRateLimitSettings(input, 'body')).toThrow(message);
    },
  );

  it('returns a clean copy of valid settings and null for off', () => {
    expect(validateRateLimitSettings({ ratePerSecond: 0.5, burst: 3 }, 'body')).toEqual({
      ratePerSecond: 0.5,
      burst: 3,
    });
    expect(validateRateLimitSettings(null, 'body')).toBeNull();
  });
});

describe('retryAfterSeconds', () => {
  it('rounds up to whole seconds and never answers less than 1', () => {
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
    expect(retryAfterSeconds(2500)).toBe(3);
  });
});
