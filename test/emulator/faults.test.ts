import { describe, expect, it } from 'vitest';
import { FaultInjector, validateFaultSettings } from '../../src/emulator/faults.js';
import type { FaultDecision, FaultSettings } from '../../src/emulator/faults.js';

function decideMany(
  injector: FaultInjector,
  keyId: string,
  method: string,
  count: number,
): FaultDecision[] {
  return Array.from({ length: count }, () => injector.decide(keyId, method));
}

function kindsOf(decisions: FaultDecision[]): string[] {
  return [...new Set(decisions.map((decision) => decision.kind))].sort();
}

describe('FaultInjector decisions', () => {
  it('errors exactly 477 times in 10,000 requests at errorRate 0.05 with seed 2024', () => {
    const settings: FaultSettings = { seed: 2024, errorRate: 0.05 };
    const first = decideMany(new FaultInjector(settings), 'demo#1', 'GET', 10_000);
    const errors = first.filter((decision) => decision.kind === 'error').length;
    expect(errors).toBe(477);
    expect(errors).toBeGreaterThanOrEqual(400);
    expect(errors).toBeLessThanOrEqual(600);
    const second = decideMany(new FaultInjector(settings), 'demo#1', 'GET', 10_000);
    expect(second).toEqual(first);
  });

  it("keeps a key's decisions independent of other keys' traffic", () => {
    const settings: FaultSettings = { seed: 5, errorRate: 0.3, latencyJitterMs: 40 };
    const alone = decideMany(new FaultInjector(settings), 'demo#1', 'POST', 200);
    const shared = new FaultInjector(settings);
    const interleaved = Array.from({ length: 200 }, () => {
      shared.decide('demo#2', 'GET');
      return shared.decide('demo#1', 'POST');
    });
    expect(interleaved).toEqual(alone);
  });

  it('gives different keys different streams from the same seed', () => {
    const injector = new FaultInjector({ seed: 5, latencyJitterMs: 1000 });
    const keyA = decideMany(injector, 'demo#1', 'GET', 20);
    const keyB = decideMany(injector, 'demo#2', 'GET', 20);
    expect(keyA).not.toEqual(keyB);
  });

  it('restarts every stream from its seed and zeroes counts on configure', () => {
    const settings: FaultSettings = { seed: 'again', errorRate: 0.5 };
    const injector = new FaultInjector(settings);
    const before = decideMany(injector, 'demo#1', 'GET', 50);
    injector.configure(settings);
    expect(injector.counts()).toEqual({
      none: 0,
      error: 0,
      reset: 0,
      'drop-after-commit': 0,
    });
    expect(decideMany(injector, 'demo#1', 'GET', 50)).toEqual(before);
  });

  it('uses per-key settings instead of the global ones, without merging them', () => {
    const injector = new FaultInjector(
      { errorRate: 1, errorStatuses: [502], latencyMs: 50 },
      { 'calm#1': { resetRate: 0 } },
    );
    expect(decideMany(injector, 'calm#1', 'POST', 100)).toEqual(
      Array.from({ length: 100 }, () => ({ kind: 'none', delayMs: 0 })),
    );
    expect(injector.decide('demo#1', 'POST')).toEqual({
      kind: 'error',
      status: 502,
      delayMs: 50,
    });
  });

  it('never drops a response after commit for GET; does for POST, PATCH and DELETE', () => {
    const injector = new FaultInjector({ dropAfterCommitRate: 1 });
    expect(kindsOf(decideMany(injector, 'demo#1', 'GET', 500))).toEqual(['none']);
    const drop = { kind: 'drop-after-commit', mode: 'reset', hangMs: 60_000, delayMs: 0 };
    for (const method of ['POST', 'PATCH', 'DELETE', 'post']) {
      expect(injector.decide('demo#1', method)).toEqual(drop);
    }
  });

  it('with writesOnly, answers every read and fails every write', () => {
    const injector = new FaultInjector({
      errorRate: 1,
      errorStatuses: [503],
      writesOnly: true,
    });
    expect(kindsOf(decideMany(injector, 'demo#1', 'GET', 50))).toEqual(['none']);
    for (const method of ['POST', 'PATCH', 'DELETE']) {
      expect(injector.decide('demo#1', method)).toEqual({
        kind: 'error',
        status: 503,
        delayMs: 0,
      });
    }
    expect(injector.counts()).toEqual({
      none: 50,
      error: 3,
      reset: 0,
      'drop-after-commit': 0,
    });
  });

  it('refuses a writesOnly that is not true or false', () => {
    expect(() => validateFaultSettings({ writesOnly: 'yes' }, 'faults')).toThrow(
      'faults.writesOnly must be true or false; got "yes"',
    );
  });

  it('carries the hang mode and its duration on a drop', () => {
    const injector = new FaultInjector({
      dropAfterCommitRate: 1,
      dropMode: 'hang',
      hangMs: 5_000,
      latencyMs: 7,
    });
    expect(injector.decide('demo#1', 'PATCH')).toEqual({
      kind: 'drop-after-commit',
      mode: 'hang',
      hangMs: 5_000,
      delayMs: 7,
    });
  });

  it('checks reset before error, so resetRate 1 always resets', () => {
    const injector = new FaultInjector({ resetRate: 1, errorRate: 0 });
    expect(kindsOf(decideMany(injector, 'demo#1', 'POST', 200))).toEqual(['reset']);
  });

  it('adds latency plus a whole-ms jitter within [latency, latency + jitter)', () => {
    const injector = new FaultInjector({
      seed: 'lat',
      latencyMs: 100,
      latencyJitterMs: 50,
    });
    const delays = decideMany(injector, 'demo#1', 'GET', 10_000).map((d) => d.delayMs);
    expect(delays.slice(0, 5)).toEqual([108, 105, 117, 142, 145]);
    expect(delays.every((delay) => Number.isInteger(delay))).toBe(true);
    expect(Math.min(...delays)).toBe(100);
    expect(Math.max(...delays)).toBe(149);
    const fixed = new FaultInjector({ latencyMs: 30 });
    expect(decideMany(fixed, 'demo#1', 'GET', 100).every((d) => d.delayMs === 30)).toBe(
      true,
    );
  });

  it('chooses error statuses uniformly from the configured list only', () => {
    const injector = new FaultInjector({ seed: 2024, errorRate: 1 });
    const statuses = decideMany(injector, 'demo#1', 'GET', 3_000).map((d) =>
      d.kind === 'error' ? d.status : d.kind,
    );
    const tally = (status: number) => statuses.filter((s) => s === status).length;
    expect([tally(500), tally(502), tally(503)]).toEqual([991, 996, 1013]);
    const only503 = new FaultInjector({ errorRate: 1, errorStatuses: [503] });
    const decisions = decideMany(only503, 'demo#1', 'GET', 100);
    expect(decisions.every((d) => d.kind === 'error' && d.status === 503)).toBe(true);
  });

  it('counts every decision by kind', () => {
    const injector = new FaultInjector({
      seed: 9,
      resetRate: 0.1,
      errorRate: 0.2,
      dropAfterCommitRate: 0.3,
    });
    for (let i = 0; i < 1000; i += 1) injector.decide('demo#1', i % 2 ? 'GET' : 'POST');
    const counts = injector.counts();
    expect(counts).toEqual({
      none: 534,
      error: 209,
      reset: 99,
      'drop-after-commit': 158,
    });
    counts.none = 0;
    expect(injector.counts().none).toBe(534);
  });

  it('describes its settings with every default filled in', () => {
    const injector = new FaultInjector({ errorRate: 0.1 }, { 'demo#2': { seed: 'x' } });
    const defaults = {
      seed: 1,
      latencyMs: 0,
      latencyJitterMs: 0,
      errorRate: 0,
      errorStatuses: [500, 502, 503],
      resetRate: 0,
      dropAfterCommitRate: 0,
      dropMode: 'reset',
      hangMs: 60_000,
      writesOnly: false,
    };
    expect(injector.describe()).toEqual({
      global: { ...defaults, errorRate: 0.1 },
      perKey: { 'demo#2': { ...defaults, seed: 'x' } },
    });
    expect(new FaultInjector().describe()).toEqual({ global: defaults, perKey: {} });
  });

  it('keeps its settings when configure is given invalid ones', () => {
    const injector = new FaultInjector({ errorRate: 0.25 });
    expect(() =>
      injector.configure({ errorRate: 0.1 }, { 'demo#1': { hangMs: -1 } }),
    ).toThrow(
      'faultsByKey["demo#1"].hangMs must be a number of ms from 0 to 3600000; got -1',
    );
    expect(injector.describe().global.errorRate).toBe(0.25);
  });
});

describe('validateFaultSettings', () => {
  const rates = 'resetRate + errorRate + dropAfterCommitRate must be at most 1';
  const cases: [unknown, string][] = [
    [{ errorRate: 1.5 }, 'faults.errorRate must be a number from 0 to 1; got 1.5'],
    [{ resetRate: -0.1 }, 'faults.resetRate must be a number from 0 to 1; got -0.1'],
    [
      { dropAfterCommitRate: '0.1' },
      'faults.dropAfterCommitRate must be a number from 0 to 1; got "0.1"',
    ],
    [{ errorRate: Number.NaN }, 'faults.errorRate must be a number from 0 to 1; got NaN'],
    [{ resetRate: 0.6, errorRate: 0.5 }, `faults: ${rates}; got 0.6 + 0.5 + 0 = 1.1`],
    [
      { errorStatuses: [500, 404] },
      'faults.errorStatuses[1] must be one of 500, 502, 503; got 404',
    ],
    [
      { errorStatuses: [] },
      'faults.errorStatuses must be a non-empty list of 500, 502, 503; got []',
    ],
    [
      { latencyMs: -5 },
      'faults.latencyMs must be a number of ms from 0 to 3600000; got -5',
    ],
    [
      { latencyJitterMs: 3_600_001 },
      'faults.latencyJitterMs must be a number of ms from 0 to 3600000; got 3600001',
    ],
    [{ dropMode: 'slow' }, `faults.dropMode must be 'reset' or 'hang'; got "slow"`],
    [{ seed: null }, 'faults.seed must be a finite number or a string; got null'],
    [
      { errorrate: 0.1 },
      'faults.errorrate is not a known fault setting (known: seed, latencyMs, ' +
        'latencyJitterMs, errorRate, errorStatuses, resetRate, dropAfterCommitRate, ' +
        'dropMode, hangMs, writesOnly)',
    ],
    [null, 'faults must be an object of fault settings; got null'],
    [[0.1], 'faults must be an object of fault settings; got [0.1]'],
  ];

  it.each(cases)(
    'rejects %j with a message naming field, range and value',
    (input, message) => {
      expect(() => validateFaultSettings(input, 'faults')).toThrow(message);
    },
  );

  it('accepts rates summing to 1 despite float rounding and returns a copy', () => {
    const statuses = [500, 503] as const;
    const input = { resetRate: 0.1, errorRate: 0.2, dropAfterCommitRate: 0.7 };
    expect(
      validateFaultSettings({ ...input, errorStatuses: statuses }, 'faults'),
    ).toEqual({
      ...input,
      errorStatuses: [500, 503],
    });
    const copy = validateFaultSettings({ errorStatuses: statuses }, 'faults');
    expect(copy.errorStatuses).not.toBe(statuses);
  });

  it('names the key of an invalid per-key setting', () => {
    expect(() => new FaultInjector({}, { 'demo#1': { errorRate: 2 } })).toThrow(
      'faultsByKey["demo#1"].errorRate must be a number from 0 to 1; got 2',
    );
  });
});
