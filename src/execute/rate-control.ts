/**
 * The rate the request gate paces at, learnt from the answers: it steps down
 * (multiplicatively) on a 429 and climbs back (additively) after a run of
 * successes, never above its ceiling. With `rate: 'auto'` it first grows
 * quickly from a low start until the server refuses, then settles just under
 * the limit it found (AIMD). Exports: `RateControl`, `RATE_CONTROL_DEFAULTS`,
 * `RateChange`.
 */

/** Tuning of the rate control; every rate is in requests per second. */
export const RATE_CONTROL_DEFAULTS = {
  /** Where `rate: 'auto'` starts: low enough to be safe against any real API. */
  autoStartRate: 2,
  /** The most `rate: 'auto'` will ever try. */
  autoMaxRate: 200,
  /** No step down goes below this: the run must keep moving to learn anything. */
  minRate: 0.5,
  /**
   * A configured rate is the user's promise about the server; a 429 says it is
   * wrong, so halve at once rather than earn several more refusals.
   */
  configuredDecreaseFactor: 0.5,
  /** Recovery towards a configured rate: this share of it per run of successes. */
  configuredRecoveryShare: 0.1,
  /** Before the first 429 `auto` multiplies its rate by this per run of successes. */
  autoGrowthFactor: 2,
  /**
   * The first 429 of `auto` comes late (the server's burst allowance hides the
   * limit until it is spent), so the rate then is far above the limit: halve.
   */
  autoFirstDecreaseFactor: 0.5,
  /** Later 429s of `auto` come from a small overshoot: a gentle step down. */
  autoDecreaseFactor: 0.8,
  /** Once settled, `auto` adds this share of the rate it stepped down to per run. */
  autoIncreaseShare: 0.03,
  /** The smallest additive step, so that very low rates still recover. */
  minIncrease: 0.1,
  /** A run of successes is about one second of requests, and at least this many. */
  minRunSuccesses: 3,
} as const;

/** Rates are kept to this many decimals so that events and stats read cleanly. */
const RATE_DECIMALS = 100;

/** A change of rate and why it happened. */
export interface RateChange {
  rate: number;
  previousRate: number;
  reason: 'rate-limited' | 'recovered';
}

/** The settings a `RateControl` starts from. */
export interface RateControlSettings {
  rate: number | 'auto';
  autoStartRate?: number;
  autoMaxRate?: number;
}

/** The pacing rate and its rules; pure (time comes in as arguments). */
export class RateControl {
  readonly #auto: boolean;
  readonly #ceiling: number;
  #rate: number;
  /** True for `auto` until its first 429. */
  #growing: boolean;
  #increase: number;
  #successes = 0;
  /** When the rate last stepped down; 429s of requests sent before it are the same episode. */
  #lastDecreaseAtMs = -Infinity;

  constructor(settings: RateControlSettings) {
    this.#auto = settings.rate === 'auto';
    if (settings.rate === 'auto') {
      this.#ceiling = settings.autoMaxRate ?? RATE_CONTROL_DEFAULTS.autoMaxRate;
      this.#rate = settings.autoStartRate ?? RATE_CONTROL_DEFAULTS.autoStartRate;
    } else {
      this.#ceiling = settings.rate;
      this.#rate = settings.rate;
    }
    this.#growing = this.#auto;
    this.#increase = Math.max(
      RATE_CONTROL_DEFAULTS.minIncrease,
      this.#ceiling * RATE_CONTROL_DEFAULTS.configuredRecoveryShare,
    );
  }

  /** The rate to pace at now, in requests per second. */
  get rate(): number {
    return this.#rate;
  }

  /** The rate is never raised above this. */
  get ceiling(): number {
    return this.#ceiling;
  }

  /**
   * A 429 for a request sent at `sentAtMs`. Requests sent before the last step
   * down were paced at the old rate: their 429s are the same episode and do
   * not step down again (three overlapping 429s halve the rate once).
   */
  onRateLimited(sentAtMs: number, nowMs: number): RateChange | null {
    this.#successes = 0;
    if (sentAtMs < this.#lastDecreaseAtMs) return null;
    this.#lastDecreaseAtMs = nowMs;
    const next = Math.max(
      RATE_CONTROL_DEFAULTS.minRate,
      this.#rate * this.#decreaseFactor(),
    );
    if (this.#auto) {
      this.#growing = false;
      const share = next * RATE_CONTROL_DEFAULTS.autoIncreaseShare;
      this.#increase = Math.max(RATE_CONTROL_DEFAULTS.minIncrease, share);
    }
    return this.#change(next, 'rate-limited');
  }

  /** An answer that is not a 429 nor a server failure; may raise the rate. */
  onSuccess(): RateChange | null {
    this.#successes += 1;
    if (this.#successes < this.#runLength() || this.#rate >= this.#ceiling) return null;
    this.#successes = 0;
    const grown = this.#growing
      ? this.#rate * RATE_CONTROL_DEFAULTS.autoGrowthFactor
      : this.#rate + this.#increase;
    return this.#change(Math.min(this.#ceiling, grown), 'recovered');
  }

  /** A server failure (5xx, network, timeout): the run of successes starts over. */
  onFailure(): void {
    this.#successes = 0;
  }

  #decreaseFactor(): number {
    if (!this.#auto) return RATE_CONTROL_DEFAULTS.configuredDecreaseFactor;
    return this.#growing
      ? RATE_CONTROL_DEFAULTS.autoFirstDecreaseFactor
      : RATE_CONTROL_DEFAULTS.autoDecreaseFactor;
  }

  /** About one second of requests at the current rate. */
  #runLength(): number {
    return Math.max(RATE_CONTROL_DEFAULTS.minRunSuccesses, Math.ceil(this.#rate));
  }

  #change(next: number, reason: RateChange['reason']): RateChange | null {
    const rate = Math.round(next * RATE_DECIMALS) / RATE_DECIMALS;
    if (rate === this.#rate) return null;
    const previousRate = this.#rate;
    this.#rate = rate;
    return { rate, previousRate, reason };
  }
}
