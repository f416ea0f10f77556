import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRequestGate } from '../../src/execute/gate.js';
import type { Answer } from './gate-fakes.js';
import { FakeApi, eventLog, outcome, rateLimited } from './gate-fakes.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('request gate: the shared 429 quota', () => {
  it('holds every request for the Retry-After of a 429, then resumes them all', async () => {
    const { events, onEvent } = eventLog();
    const gate = createRequestGate({ rate: 10, burst: 1, onEvent });
    const api = new FakeApi([{ error: rateLimited(1_000) }]);
    const runs = Array.from({ length: 5 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(10);
    const first = api.starts[0] ?? 0;
    await vi.advanceTimersByTimeAsync(990);
    expect(api.starts).toEqual([first]);
    // Only the part of the hold already waited counts.
    expect(gate.stats().rateLimitWaitMs).toBe(1_000 - first);
    await vi.advanceTimersByTimeAsync(2_000);
    // Resumed one second after the 429, at the halved rate (5/s: 200 ms apart).
    expect(api.starts.map((t) => Math.round((t - first) / 10) * 10)).toEqual([
      0, 1_000, 1_200, 1_400, 1_600,
    ]);
    expect(await Promise.all(runs)).toEqual(['RateLimitedError', 'ok', 'ok', 'ok', 'ok']);
    expect(events.slice(0, 2)).toEqual([
      { type: 'paused', waitMs: 1_000, retryAfterMs: 1_000 },
      { type: 'rate-changed', rate: 5, previousRate: 10, reason: 'rate-limited' },
    ]);
    expect(gate.stats()).toEqual({
      requests: 5,
      rateLimited: 1,
      rateLimitWaitMs: 1_000,
      currentRate: 5,
      breakerOpenings: 0,
    });
    await gate.close();
  });

  it('holds once for three overlapping 429s and steps the rate down once', async () => {
    const { events, onEvent } = eventLog();
    const gate = createRequestGate({ rate: 10, burst: 1, onEvent });
    // Sent about 100 ms apart, all three answered 429 between 250 and 270 ms.
    const answers: Answer[] = [
      { error: rateLimited(1_000), afterMs: 250 },
      { error: rateLimited(1_000), afterMs: 160 },
      { error: rateLimited(1_000), afterMs: 70 },
    ];
    const api = new FakeApi(answers);
    const runs = Array.from({ length: 6 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(5_000);
    const first = api.starts[0] ?? 0;
    const relative = api.starts.map((t) => Math.round((t - first) / 10) * 10);
    // The hold ends 1000 ms after the last 429 (about 1270 ms), not 3000 ms later.
    expect(relative).toEqual([0, 100, 200, 1_270, 1_470, 1_670]);
    expect(events.filter((e) => e.type === 'paused')).toEqual([
      { type: 'paused', waitMs: 1_000, retryAfterMs: 1_000 },
      { type: 'paused', waitMs: 10, retryAfterMs: 1_000 },
      { type: 'paused', waitMs: 10, retryAfterMs: 1_000 },
    ]);
    expect(events.filter((e) => e.type === 'rate-changed')).toEqual([
      { type: 'rate-changed', rate: 5, previousRate: 10, reason: 'rate-limited' },
    ]);
    expect(gate.stats()).toMatchObject({ rateLimited: 3, rateLimitWaitMs: 1_020 });
    await Promise.all(runs);
    await gate.close();
  });

  it('waits an exponential backoff with full jitter when the 429 has no Retry-After', async () => {
    const { events, onEvent } = eventLog();
    const random = () => 0.5;
    const gate = createRequestGate({ rate: 100, burst: 1, random, onEvent });
    const api = new FakeApi([{ error: rateLimited() }, { error: rateLimited() }]);
    const runs = Array.from({ length: 3 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(5_000);
    // Half of 500 ms, then (a second hold in a row) half of 1000 ms.
    expect(events.filter((e) => e.type === 'paused')).toEqual([
      { type: 'paused', waitMs: 250, retryAfterMs: undefined },
      { type: 'paused', waitMs: 500, retryAfterMs: undefined },
    ]);
    expect(gate.stats().rateLimitWaitMs).toBe(750);
    expect(await Promise.all(runs)).toEqual([
      'RateLimitedError',
      'RateLimitedError',
      'ok',
    ]);
    await gate.close();
  });

  it('climbs back to the configured rate after runs of successes, never above it', async () => {
    const { events, onEvent } = eventLog();
    const gate = createRequestGate({ rate: 10, burst: 1, onEvent });
    const api = new FakeApi([{ error: rateLimited(1_000) }]);
    const runs = Array.from({ length: 80 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all(runs);
    expect(events.filter((e) => e.type === 'rate-changed')).toEqual([
      { type: 'rate-changed', rate: 5, previousRate: 10, reason: 'rate-limited' },
      { type: 'rate-changed', rate: 6, previousRate: 5, reason: 'recovered' },
      { type: 'rate-changed', rate: 7, previousRate: 6, reason: 'recovered' },
      { type: 'rate-changed', rate: 8, previousRate: 7, reason: 'recovered' },
      { type: 'rate-changed', rate: 9, previousRate: 8, reason: 'recovered' },
      { type: 'rate-changed', rate: 10, previousRate: 9, reason: 'recovered' },
    ]);
    expect(gate.stats().currentRate).toBe(10);
    await gate.close();
  });
});
