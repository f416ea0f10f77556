import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTrafficSampler } from '../../src/execute/traffic-sampler.js';
import type { GateStats } from '../../src/execute/types.js';
import type { TrafficSample } from '../../src/report/report-types.js';

/** 2025-03-02T09:15:00.300Z: the sampler starts 300 ms into a second. */
const START_MS = Date.UTC(2025, 2, 2, 9, 15, 0, 300);
const SECOND = Date.UTC(2025, 2, 2, 9, 15, 0);

/** A gate whose totals the test moves by hand. */
class FakeGate {
  totals: GateStats = {
    requests: 0,
    rateLimited: 0,
    rateLimitWaitMs: 0,
    currentRate: 10,
    breakerOpenings: 0,
  };

  stats(): GateStats {
    return { ...this.totals };
  }

  add(change: Partial<GateStats>): void {
    const { totals } = this;
    totals.requests += change.requests ?? 0;
    totals.rateLimited += change.rateLimited ?? 0;
    totals.rateLimitWaitMs += change.rateLimitWaitMs ?? 0;
    totals.currentRate = change.currentRate ?? totals.currentRate;
  }
}

function sampled(gate: FakeGate, intervalMs?: number) {
  const samples: TrafficSample[] = [];
  const sampler = startTrafficSampler({
    gate,
    now: () => Date.now(),
    sink: (batch) => samples.push(...batch),
    intervalMs,
  });
  return { samples, sampler };
}

describe('traffic sampler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START_MS });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits each second the requests since the last one, stamped at the second it began in', () => {
    const gate = new FakeGate();
    const { samples, sampler } = sampled(gate);

    gate.add({ requests: 7 });
    vi.advanceTimersByTime(1_000);
    gate.add({ requests: 3, rateLimited: 1, rateLimitWaitMs: 400.4, currentRate: 5 });
    vi.advanceTimersByTime(1_000);
    sampler.stop();

    expect(samples).toEqual([
      { atMs: SECOND, requests: 7, rateLimited: 0, heldMs: 0, pacedRate: 10 },
      { atMs: SECOND + 1_000, requests: 3, rateLimited: 1, heldMs: 400, pacedRate: 5 },
    ]);
  });

  it('emits nothing for a second without a request and without held time', () => {
    const gate = new FakeGate();
    const { samples, sampler } = sampled(gate);

    vi.advanceTimersByTime(1_000);
    gate.add({ currentRate: 4 });
    vi.advanceTimersByTime(1_000);
    gate.add({ requests: 2 });
    vi.advanceTimersByTime(1_000);
    sampler.stop();

    expect(samples).toEqual([
      { atMs: SECOND + 2_000, requests: 2, rateLimited: 0, heldMs: 0, pacedRate: 4 },
    ]);
  });

  it('counts a second held by a 429 even when no request was sent in it', () => {
    const gate = new FakeGate();
    const { samples, sampler } = sampled(gate);

    gate.add({ rateLimitWaitMs: 1_000 });
    vi.advanceTimersByTime(1_000);
    sampler.stop();

    expect(samples).toEqual([
      { atMs: SECOND, requests: 0, rateLimited: 0, heldMs: 1_000, pacedRate: 10 },
    ]);
  });

  it('rounds the held time of the totals, so that the samples add up to the total', () => {
    const gate = new FakeGate();
    const { samples, sampler } = sampled(gate);

    for (let second = 0; second < 3; second += 1) {
      gate.add({ requests: 1, rateLimitWaitMs: 333.4 });
      vi.advanceTimersByTime(1_000);
    }
    sampler.stop();

    expect(samples.map((sample) => sample.heldMs)).toEqual([333, 334, 333]);
  });

  it('emits the last partial second on stop and leaves no timer behind', () => {
    const gate = new FakeGate();
    const { samples, sampler } = sampled(gate);

    vi.advanceTimersByTime(1_000);
    gate.add({ requests: 4, currentRate: 8 });
    vi.advanceTimersByTime(400);
    sampler.stop();
    sampler.stop();
    gate.add({ requests: 9 });
    vi.advanceTimersByTime(5_000);

    expect(samples).toEqual([
      { atMs: SECOND + 1_000, requests: 4, rateLimited: 0, heldMs: 0, pacedRate: 8 },
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reads at the interval it is given, stamping two reads begun in one second alike', () => {
    const gate = new FakeGate();
    const { samples, sampler } = sampled(gate, 500);

    gate.add({ requests: 1 });
    vi.advanceTimersByTime(500);
    gate.add({ requests: 2 });
    vi.advanceTimersByTime(500);
    sampler.stop();

    expect(samples.map(({ atMs, requests }) => ({ atMs, requests }))).toEqual([
      { atMs: SECOND, requests: 1 },
      { atMs: SECOND, requests: 2 },
    ]);
  });

  it('refuses an interval that is not a positive integer', () => {
    const start = (intervalMs: number) => () =>
      startTrafficSampler({
        gate: new FakeGate(),
        now: Date.now,
        sink: () => {},
        intervalMs,
      });

    expect(start(0)).toThrow('intervalMs must be an integer >= 1, got 0');
    expect(start(1.5)).toThrow('intervalMs must be an integer >= 1, got 1.5');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('traffic sampler timer', () => {
  it('does not keep the process alive while it runs', () => {
    const timers = () =>
      process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const sampler = startTrafficSampler({
      gate: new FakeGate(),
      now: Date.now,
      sink: () => {},
    });
    const during = timers();
    sampler.stop();

    expect(during).toBe(before);
  });
});
