/**
 * Pacing of request starts with bottleneck. The gate hands the pacer one
 * ticket at a time (`acquire`), so that bottleneck never holds a backlog: a
 * 429 hold, a rate change or `close` then apply to every waiting request at
 * once instead of to timers bottleneck already set. Concurrency is not
 * limited here (p-queue bounds it in the executor). Exports: `createPacer`,
 * `Pacer`.
 *
 * Settings, chosen after bottleneck's known pacing problems:
 * - burst 1: `minTime = 1000 / rate` alone. Bottleneck computes each start
 *   from the previous planned one (not from when its timer fired), so the
 *   spacing does not drift and the rate is met exactly.
 * - never `reservoirRefreshInterval`: it restores the whole allowance at the
 *   window edge, so a full allowance can go just before the edge and another
 *   just after (https://github.com/SGrondin/bottleneck/issues/153, #114).
 * - burst > 1: the allowance is bottleneck's reservoir, refilled one request
 *   at a time every `1000 / rate` ms by our own timer (a continuously refilled
 *   token bucket), never above `burst`. Not `reservoirIncreaseInterval`:
 *   `updateSettings` stops its refill for good
 *   (https://github.com/SGrondin/bottleneck/issues/185) and it only ticks on a
 *   250 ms heartbeat.
 */
import Bottleneck from 'bottleneck';

/** Spaces request starts. */
export interface Pacer {
  /** Resolves when the next request may start; one call outstanding at a time. */
  acquire(): Promise<void>;
  /** Paces at `rate` requests per second from now on. */
  setRate(rate: number): void;
  /** Drops the outstanding ticket (its `acquire` rejects) and clears every timer. */
  stop(): Promise<void>;
}

const MS_PER_SECOND = 1000;
const ticket = (): Promise<void> => Promise.resolve();

/** A pacer at `rate` requests per second allowing `burst` back to back after idling. */
export function createPacer(rate: number, burst: number): Pacer {
  return burst === 1 ? new SpacingPacer(rate) : new AllowancePacer(rate, burst);
}

/** Even spacing: starts at least `1000 / rate` ms apart. */
class SpacingPacer implements Pacer {
  readonly #limiter: Bottleneck;
  #minTimeMs: number;
  #lastGrantMs = -Infinity;
  #cancelSleep: (() => void) | undefined;
  #stopped = false;

  constructor(rate: number) {
    this.#minTimeMs = MS_PER_SECOND / rate;
    this.#limiter = new Bottleneck({ minTime: this.#minTimeMs });
  }

  async acquire(): Promise<void> {
    await this.#limiter.schedule(ticket);
    // After an idle period bottleneck plans a start at registration but runs it
    // one timer hop (about 1 ms) later, so the next planned start can come that
    // much early; wait it out to keep every gap at least `minTime`.
    const earlyMs = this.#lastGrantMs + this.#minTimeMs - Date.now();
    if (earlyMs > 0) await this.#wait(earlyMs);
    this.#lastGrantMs = Date.now();
  }

  setRate(rate: number): void {
    if (this.#stopped) return;
    this.#minTimeMs = MS_PER_SECOND / rate;
    // The start already planned keeps the old spacing; the ones after it use the new.
    void this.#limiter.updateSettings({ minTime: this.#minTimeMs });
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#cancelSleep?.();
    await this.#limiter.stop({ dropWaitingJobs: true });
  }

  #wait(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#cancelSleep = undefined;
        resolve();
      }, ms);
      this.#cancelSleep = () => {
        clearTimeout(timer);
        this.#cancelSleep = undefined;
        reject(new Error('the pacer was stopped'));
      };
    });
  }
}

/** A token bucket of `burst` requests, refilled continuously at `rate`. */
class AllowancePacer implements Pacer {
  readonly #limiter: Bottleneck;
  readonly #burst: number;
  #intervalMs: number;
  /** Mirror of bottleneck's reservoir: only this pacer takes from it or adds to it. */
  #tokens: number;
  #nextTokenAtMs: number | null = null;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(rate: number, burst: number) {
    this.#burst = burst;
    this.#tokens = burst;
    this.#intervalMs = MS_PER_SECOND / rate;
    this.#limiter = new Bottleneck({ minTime: 0, reservoir: burst });
  }

  async acquire(): Promise<void> {
    await this.#limiter.schedule(ticket);
    this.#tokens -= 1;
    this.#arm();
  }

  setRate(rate: number): void {
    this.#intervalMs = MS_PER_SECOND / rate;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#limiter.stop({ dropWaitingJobs: true });
  }

  #arm(): void {
    if (this.#stopped || this.#timer !== undefined || this.#tokens >= this.#burst) return;
    // Planned from the previous token, not from when its timer fired, so that
    // late timers do not lower the rate.
    const now = Date.now();
    const at = (this.#nextTokenAtMs ?? now) + this.#intervalMs;
    this.#nextTokenAtMs = at;
    this.#timer = setTimeout(() => this.#refill(), Math.max(0, at - now));
  }

  #refill(): void {
    this.#timer = undefined;
    this.#tokens += 1;
    void this.#limiter.incrementReservoir(1);
    if (this.#tokens >= this.#burst) this.#nextTokenAtMs = null;
    this.#arm();
  }
}
