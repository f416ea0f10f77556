import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRequestGate } from '../../src/execute/gate.js';
import type { Answer } from './gate-fakes.js';
import {
  FakeApi,
  eventLog,
  invalid,
  notFound,
  outcome,
  serverError,
} from './gate-fakes.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** 100 requests a second; open at 80% of the last 20 with 10 samples, as by default. */
const BREAKER = { cooldownMs: 1_000, maxOpenMs: 5_000 };
const failures = (count: number): Answer[] =>
  Array.from({ length: count }, () => ({ error: serverError() }));
const rough = (values: number[]) => values.map((t) => Math.round(t / 10) * 10);

describe('request gate: circuit breaker', () => {
  it('opens after 10 failures, sends one probe after the cool-down, closes on its success', async () => {
    const { events, onEvent } = eventLog();
    const gate = createRequestGate({ rate: 100, burst: 1, breaker: BREAKER, onEvent });
    const api = new FakeApi(failures(10));
    const runs = Array.from({ length: 13 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(500);
    expect(api.starts).toHaveLength(10);
    expect(gate.degraded).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(gate.degraded).toBe(false);
    const lastFailure = api.starts[9] ?? 0;
    // The probe goes 1000 ms after the opening, the others only after its answer.
    expect(rough(api.starts.slice(10).map((t) => t - lastFailure))).toEqual([
      1_000, 1_010, 1_020,
    ]);
    expect(events).toEqual([
      { type: 'breaker-opened', cooldownMs: 1_000 },
      { type: 'breaker-half-open' },
      { type: 'breaker-closed' },
    ]);
    expect(await Promise.all(runs)).toEqual([
      ...Array(10).fill('ServerError'),
      ...Array(3).fill('ok'),
    ]);
    expect(gate.stats().breakerOpenings).toBe(1);
    await gate.close();
  });

  it('reopens for twice as long when the probe fails', async () => {
    const { events, onEvent } = eventLog();
    const gate = createRequestGate({ rate: 100, burst: 1, breaker: BREAKER, onEvent });
    const api = new FakeApi(failures(11));
    const runs = Array.from({ length: 12 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(4_000);
    // The first probe 1 s after the 10th failure, the second 2 s after the first.
    expect(
      rough([api.starts[10]! - api.starts[9]!, api.starts[11]! - api.starts[10]!]),
    ).toEqual([1_000, 2_000]);
    expect(events).toEqual([
      { type: 'breaker-opened', cooldownMs: 1_000 },
      { type: 'breaker-half-open' },
      { type: 'breaker-opened', cooldownMs: 2_000 },
      { type: 'breaker-half-open' },
      { type: 'breaker-closed' },
    ]);
    expect(gate.stats().breakerOpenings).toBe(1);
    await Promise.all(runs);
    await gate.close();
  });

  it('gives up after maxOpenMs: waiting and new requests reject with CircuitOpenError', async () => {
    const { events, onEvent } = eventLog();
    const gate = createRequestGate({ rate: 100, burst: 1, breaker: BREAKER, onEvent });
    const api = new FakeApi(failures(100));
    const runs = Array.from({ length: 15 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(6_000);
    // 10 failures, then probes at +1 s and +3 s (cool-downs 1, 2 and 4 s); the
    // probe due at +7 s goes at +4 s instead, one first cool-down before the
    // breaker gives up at +5 s, so the API is never given up on untried for long.
    expect(api.starts).toHaveLength(13);
    expect(await Promise.all(runs)).toEqual([
      ...Array(13).fill('ServerError'),
      ...Array(2).fill('CircuitOpenError'),
    ]);
    expect(await outcome(gate.run(api.request))).toBe('CircuitOpenError');
    expect(events.at(-1)).toEqual({ type: 'breaker-gave-up', openMs: 5_000 });
    expect(gate.degraded).toBe(true);
    await gate.close();
  });

  it('never opens on 4xx answers: they are the request’s fault, not the server’s', async () => {
    const answers: Answer[] = Array.from({ length: 30 }, (_, i) => ({
      error: i % 2 === 0 ? invalid() : notFound(),
    }));
    const gate = createRequestGate({ rate: 100, burst: 1, breaker: BREAKER });
    const api = new FakeApi(answers);
    const runs = Array.from({ length: 30 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(api.starts).toHaveLength(30);
    expect(gate.degraded).toBe(false);
    expect(gate.stats().breakerOpenings).toBe(0);
    expect(await Promise.all(runs)).toEqual(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0 ? 'ValidationError' : 'NotFoundError',
      ),
    );
    await gate.close();
  });

  it('stays closed while fewer than 80% of the last 20 failed', async () => {
    // 15 failures among 20, in a pattern that never reaches 16 of the last 20.
    const answers: Answer[] = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 0 ? {} : { error: serverError() },
    );
    const gate = createRequestGate({ rate: 100, burst: 1, breaker: BREAKER });
    const api = new FakeApi(answers);
    const runs = Array.from({ length: 40 }, () => outcome(gate.run(api.request)));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(api.starts).toHaveLength(40);
    expect(gate.stats().breakerOpenings).toBe(0);
    await Promise.all(runs);
    await gate.close();
  });
});
