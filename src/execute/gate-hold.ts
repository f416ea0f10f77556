/**
 * The shared 429 quota of the request gate: one hold for every request. A 429
 * holds all requests until its Retry-After has passed, or for an exponential
 * backoff with full jitter when the server gave none; overlapping 429s extend
 * the one hold instead of stacking. Pure: time comes in as arguments.
 * Exports: `RateLimitHold`, `HoldExtension`.
 */
import { DEFAULT_RETRY_BOUNDS, backoffDelayMs } from './retry-policy.js';
import type { RetryBounds } from './retry-policy.js';

/** What a 429 did to the hold. */
export interface HoldExtension {
  /** The wait this 429 asked for. */
  waitMs: number;
  /** How much later the hold now ends than before (0 when an earlier 429 already covered it). */
  extendedByMs: number;
  /** When the hold ends. */
  untilMs: number;
}

/** The hold and the time spent in it. */
export class RateLimitHold {
  readonly #random: () => number;
  readonly #bounds: RetryBounds;
  #untilMs = 0;
  #heldMs = 0;
  /** 429 episodes (holds) in a row without a success, for the backoff's exponent. */
  #episodes = 0;

  constructor(random: () => number, bounds: RetryBounds = DEFAULT_RETRY_BOUNDS) {
    this.#random = random;
    this.#bounds = bounds;
  }

  /** When the hold ends; in the past when there is none. */
  get untilMs(): number {
    return this.#untilMs;
  }

  /** Whether requests are held at `nowMs`. */
  holds(nowMs: number): boolean {
    return nowMs < this.#untilMs;
  }

  /**
   * Total ms during which requests were held up to `nowMs`: the union of the
   * holds, so that overlapping 429s count once.
   */
  heldMs(nowMs: number): number {
    return this.#heldMs - Math.max(0, this.#untilMs - nowMs);
  }

  /** A 429 arrived at `nowMs`; `retryAfterMs` is its Retry-After when it had one. */
  extend(nowMs: number, retryAfterMs: number | undefined): HoldExtension {
    // A 429 after the hold ended is a new episode: the backoff grows only then,
    // not with every request that was already out when the first 429 came.
    if (!this.holds(nowMs)) this.#episodes += 1;
    const waitMs = backoffDelayMs(
      this.#episodes,
      this.#bounds,
      this.#random,
      retryAfterMs,
    );
    const untilMs = nowMs + waitMs;
    const extendedByMs = Math.max(0, untilMs - Math.max(this.#untilMs, nowMs));
    if (untilMs > this.#untilMs) this.#untilMs = untilMs;
    this.#heldMs += extendedByMs;
    return { waitMs, extendedByMs, untilMs: this.#untilMs };
  }

  /** An answer that was not a 429: the next 429 starts the backoff over. */
  onAnswer(): void {
    this.#episodes = 0;
  }

  /** The gate is closing at `nowMs`: the part of the hold not waited is not counted. */
  end(nowMs: number): void {
    if (!this.holds(nowMs)) return;
    this.#heldMs -= this.#untilMs - nowMs;
    this.#untilMs = nowMs;
  }
}
