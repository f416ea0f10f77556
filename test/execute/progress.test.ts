import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../src/log/logger.js';
import { createProgressDisplay } from '../../src/execute/progress.js';
import type { ProgressSnapshot } from '../../src/execute/progress.js';
import { RecentWindow } from '../../src/execute/progress-rate.js';

/** A snapshot of a 40-operation run; fields not given are 0. */
function snapshot(fields: Partial<ProgressSnapshot>): ProgressSnapshot {
  return {
    done: 0,
    total: 40,
    succeeded: 0,
    adopted: 0,
    failed: 0,
    skipped: 0,
    requests: 0,
    currentRate: 10,
    rateLimited: 0,
    rateLimitWaitMs: 0,
    elapsedMs: 0,
    ...fields,
  };
}

/** A clock the test moves by hand. */
function fakeClock(): { now: () => number; set: (ms: number) => void } {
  let at = 0;
  return { now: () => at, set: (ms) => (at = ms) };
}

/** A logger that keeps the info lines it receives. */
function recordingLogger(): { logger: Logger; lines: [string, unknown][] } {
  const lines: [string, unknown][] = [];
  const info = (message: string, meta: unknown): void => {
    lines.push([message, meta]);
  };
  return { logger: { info } as unknown as Logger, lines };
}

/** A terminal-like stream that records what is written to it. */
function recordingStream(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  Object.assign(stream, { isTTY: true, columns: 120 });
  return { stream, text: () => chunks.join('') };
}

/** The output with the cursor movements and line clears taken out. */
const plain = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/\u001b(\[[0-9;?]*[A-Za-z]|[78])/g, '');

describe('progress off a terminal (log lines)', () => {
  function logDisplay(intervalMs?: number) {
    const clock = fakeClock();
    const { logger, lines } = recordingLogger();
    const display = createProgressDisplay({
      tty: false,
      stream: new Writable(),
      logger,
      now: clock.now,
      ...(intervalMs === undefined ? {} : { intervalMs }),
    });
    return { clock, lines, display };
  }

  it('logs at most one line per interval however often it is updated', () => {
    const { clock, lines, display } = logDisplay(5_000);
    for (let ms = 0; ms <= 12_000; ms += 100) {
      clock.set(ms);
      display.update(snapshot({ done: Math.floor(ms / 1_000) }));
    }
    expect(lines.map(([message]) => message)).toEqual([
      'progress: 5 of 40 operations done',
      'progress: 10 of 40 operations done',
    ]);
  });

  it('logs done, total, failed, the recent rate, the ETA and the 429 wait', () => {
    const { clock, lines, display } = logDisplay(5_000);
    display.update(snapshot({}));
    clock.set(5_000);
    display.update(
      snapshot({ done: 12, failed: 2, requests: 20, rateLimitWaitMs: 1_500 }),
    );
    // 20 requests and 12 operations in 5 s: 4 req/s, 28 left at 2.4 per second.
    expect(lines).toEqual([
      [
        'progress: 12 of 40 operations done',
        { done: 12, total: 40, failed: 2, rate: 4, etaSeconds: 12, waitMs: 1_500 },
      ],
    ]);
  });

  it('reports the rate and the ETA as null until a second of history exists', () => {
    const { clock, lines, display } = logDisplay(5_000);
    clock.set(5_000);
    display.update(snapshot({ done: 3, requests: 3 }));
    expect(lines[0]?.[1]).toEqual({
      done: 3,
      total: 40,
      failed: 0,
      rate: null,
      etaSeconds: null,
      waitMs: 0,
    });
  });

  it('keeps the heartbeat going while nothing moves, with an unknown ETA', () => {
    const { clock, lines, display } = logDisplay(5_000);
    const stuck = snapshot({ done: 7, requests: 9, rateLimitWaitMs: 30_000 });
    for (const ms of [0, 5_000, 10_000, 15_000]) {
      clock.set(ms);
      display.update(stuck);
    }
    expect(lines.map(([, meta]) => meta)).toEqual(
      [1, 2, 3].map(() => ({
        done: 7,
        total: 40,
        failed: 0,
        rate: 0,
        etaSeconds: null,
        waitMs: 30_000,
      })),
    );
  });

  it('measures the rate over the last 10 seconds rather than since the start', () => {
    const { clock, lines, display } = logDisplay(1_000);
    let requests = 0;
    for (let second = 0; second <= 20; second += 1) {
      requests += second <= 10 ? 1 : 10;
      clock.set(second * 1_000);
      display.update(snapshot({ done: second, requests }));
    }
    expect(lines.at(-1)?.[1]).toMatchObject({ rate: 10, etaSeconds: 20 });
  });

  it('uses a 5-second interval by default', () => {
    const { clock, lines, display } = logDisplay();
    clock.set(4_999);
    display.update(snapshot({}));
    clock.set(5_000);
    display.update(snapshot({}));
    expect(lines).toHaveLength(1);
  });

  it('logs one final line with every count at stop, and nothing after it', () => {
    const { clock, lines, display } = logDisplay(5_000);
    clock.set(1_000);
    const final = snapshot({
      done: 40,
      succeeded: 30,
      adopted: 4,
      failed: 2,
      skipped: 4,
      requests: 90,
      rateLimited: 3,
      rateLimitWaitMs: 4_000,
      elapsedMs: 65_000,
    });
    display.stop(final);
    display.stop(final);
    clock.set(60_000);
    display.update(final);
    expect(lines).toEqual([
      [
        'progress at the end: 40 of 40 operations done in 1m05s',
        {
          done: 40,
          total: 40,
          succeeded: 30,
          adopted: 4,
          failed: 2,
          skipped: 4,
          requests: 90,
          rate: 1.4,
          rateLimited: 3,
          waitMs: 4_000,
          elapsedMs: 65_000,
        },
      ],
    ]);
  });
});

describe('progress on a terminal (bar)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function barDisplay() {
    const clock = fakeClock();
    const { stream, text } = recordingStream();
    const { logger, lines } = recordingLogger();
    const display = createProgressDisplay({ tty: true, stream, logger, now: clock.now });
    return { clock, text, lines, display };
  }

  it('draws done/total, percentage, rate, ETA, failures and 429 wait', () => {
    vi.useFakeTimers();
    const { clock, text, lines, display } = barDisplay();
    display.update(snapshot({}));
    clock.set(2_000);
    display.update(
      snapshot({ done: 12, failed: 1, requests: 20, rateLimitWaitMs: 3_000 }),
    );
    vi.advanceTimersByTime(200);
    expect(plain(text())).toContain(
      '12/40 30% | 10.0 req/s | ETA 5s | 1 failed | 429 wait 3s',
    );
    expect(lines).toEqual([]);
    display.stop(snapshot({ done: 12 }));
  });

  it('shows the rate and the ETA as unknown on the first snapshot', () => {
    vi.useFakeTimers();
    const { text, display } = barDisplay();
    display.update(snapshot({ done: 5 }));
    expect(plain(text())).toBe(
      '██░░░░░░░░░░░░ 5/40 12% | -- req/s | ETA -- | 0 failed | 429 wait 0s',
    );
    display.stop(snapshot({ done: 5 }));
  });

  it('redraws on its own timer with the latest snapshot, not on every update', () => {
    vi.useFakeTimers();
    const { text, display } = barDisplay();
    display.update(snapshot({ done: 1 }));
    const first = text();
    display.update(snapshot({ done: 2 }));
    display.update(snapshot({ done: 3 }));
    expect(text()).toBe(first);
    vi.advanceTimersByTime(200);
    const redrawn = plain(text().slice(first.length));
    expect(redrawn).toContain(' 3/40 ');
    expect(redrawn).not.toContain(' 2/40 ');
    display.stop(snapshot({ done: 3 }));
  });

  it('leaves a final line with the time taken and the average rate at stop', () => {
    vi.useFakeTimers();
    const { text, display } = barDisplay();
    display.update(snapshot({ done: 12 }));
    display.stop(snapshot({ done: 40, requests: 60, elapsedMs: 8_000 }));
    const lines = plain(text()).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expect(lines[0]).toMatch(
      /██████████████ 40\/40 100% \| 7\.5 req\/s avg \| took 8s \| 0 failed \| 429 wait 0s$/,
    );
  });

  it('leaves a final line even when stopped before any update', () => {
    vi.useFakeTimers();
    const { text, display } = barDisplay();
    display.stop(snapshot({ done: 0, elapsedMs: 0 }));
    expect(plain(text())).toBe(
      '░░░░░░░░░░░░░░ 0/40 0% | -- req/s avg | took 0s | 0 failed | 429 wait 0s\n',
    );
  });

  it('draws nothing for a run with nothing to do (the quiet nightly run)', () => {
    vi.useFakeTimers();
    const { text, display } = barDisplay();
    display.update(snapshot({ total: 0, elapsedMs: 0 }));
    display.stop(snapshot({ total: 0, elapsedMs: 0 }));
    expect(text()).toBe('');
  });

  it('writes thousands with separators', () => {
    vi.useFakeTimers();
    const { text, display } = barDisplay();
    display.update(snapshot({ done: 1_234, total: 40_000 }));
    expect(plain(text())).toContain(' 1,234/40,000 3% ');
    display.stop(snapshot({ done: 1_234, total: 40_000 }));
  });

  it('writes only to its stream and leaves no timer once stopped', () => {
    const timers = (): number =>
      process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const stdout = vi.spyOn(process.stdout, 'write');
    const { text, display } = barDisplay();
    display.update(snapshot({ done: 1 }));
    expect(timers()).toBe(before + 1);
    display.stop(snapshot({ done: 2 }));
    display.update(snapshot({ done: 3 }));
    expect(timers()).toBe(before);
    expect(stdout).not.toHaveBeenCalled();
    stdout.mockRestore();
    expect(plain(text())).not.toContain(' 3/40 ');
  });
});

describe('RecentWindow', () => {
  it('keeps the rate exact while merging samples that come every 10 ms', () => {
    const window = new RecentWindow();
    for (let ms = 0; ms <= 30_000; ms += 10) {
      window.add({ at: ms, requests: ms / 100, done: ms / 1_000 });
    }
    expect(window.rates()).toEqual({ requestsPerSecond: 10, operationsPerSecond: 1 });
  });

  it('keeps about one sample per 250 ms of the last 10 seconds, however many come', () => {
    const window = new RecentWindow();
    for (let ms = 0; ms <= 30_000; ms += 10) {
      window.add({ at: ms, requests: ms, done: 0 });
    }
    // One every 250 ms from 20,000 (the window's start) to 30,000 (the newest).
    expect(window.size).toBe(41);
  });
});
