/**
 * The circuit breaker of the request gate: it watches a sliding window of
 * recent outcomes and opens when most of them failed (the API is down), so
 * that the run pauses instead of failing thousands of operations. After a
 * cool-down ONE probe goes through; its success closes the breaker, its
 * failure reopens it for longer. Open for longer than `maxOpenMs`, it gives
 * up, but only after a probe one first cool-down before that moment.
 * Pure: time comes in as arguments; the gate owns the timers.
 * Exports: `CircuitBreaker`, `BreakerOptions`, `BREAKER_DEFAULTS`,
 * `BreakerState`, `resolveBreakerOptions`.
 */
import { describeValue } from '../util/describe-value.js';

/** Settings of the breaker; durations in ms. */
export interface BreakerOptions {
  /** Outcomes remembered (the sliding window). */
  windowSize: number;
  /** No opening before this many outcomes are in the window. */
  minSamples: number;
  /** Opens when at least this share (0 to 1) of the window failed. */
  failureRatio: number;
  /** Pause after the first opening before the probe. */
  cooldownMs: number;
  /** Each failed probe multiplies the cool-down by this. */
  cooldownFactor: number;
  /** The cool-down never grows past this. */
  maxCooldownMs: number;
  /** Open (not closed again by a probe) for this long: give up. */
  maxOpenMs: number;
}

/**
 * Defaults: open when 80% of the last 20 outcomes (at least 10) failed; probe
 * after 5 s, then 10, 20, 40 s (at most 60), and a last time 5 s before giving
 * up after 2 minutes open.
 */
export const BREAKER_DEFAULTS: Readonly<BreakerOptions> = Object.freeze({
  windowSize: 20,
  minSamples: 10,
  failureRatio: 0.8,
  cooldownMs: 5_000,
  cooldownFactor: 2,
  maxCooldownMs: 60_000,
  maxOpenMs: 120_000,
});

/** Where the breaker stands. */
export const BreakerState = {
  Closed: 'closed',
  Open: 'open',
  /** The cool-down is over and one probe may go (or is out). */
  HalfOpen: 'half-open',
  GaveUp: 'gave-up',
} as const;
export type BreakerState = (typeof BreakerState)[keyof typeof BreakerState];

/** What `record` did to the breaker. */
export type BreakerTransition = 'opened' | 'closed' | 'reopened' | null;

/** A sliding-window circuit breaker. */
export class CircuitBreaker {
  readonly #options: BreakerOptions;
  #state: BreakerState = BreakerState.Closed;
  /** true = failed, oldest first. */
  #window: boolean[] = [];
  #openedAtMs = 0;
  #retryAtMs = 0;
  #cooldownMs: number;
  /** The hold of the last opening: the cool-down, or less before the last probe. */
  #holdMs: number;
  #probeOut = false;

  constructor(options: BreakerOptions) {
    this.#options = options;
    this.#cooldownMs = options.cooldownMs;
    this.#holdMs = options.cooldownMs;
  }

  get state(): BreakerState {
    return this.#state;
  }

  /** When the cool-down ends (meaningful while open). */
  get retryAtMs(): number {
    return this.#retryAtMs;
  }

  /** When the breaker last opened from closed. */
  get openedAtMs(): number {
    return this.#openedAtMs;
  }

  /** When the breaker gives up unless a probe closes it first (while open or half-open). */
  get giveUpAtMs(): number {
    return this.#openedAtMs + this.#options.maxOpenMs;
  }

  /**
   * The cool-down now in force: how long requests are held before the probe
   * (the next one after a failed probe is longer, but never past the last probe).
   */
  get cooldownMs(): number {
    return this.#holdMs;
  }

  /** True while the single probe of a half-open breaker is out. */
  get probeOut(): boolean {
    return this.#probeOut;
  }

  /**
   * The outcome of a request; `probe` says it was the one sent half-open.
   * Outcomes of requests sent before the breaker opened are ignored while it
   * is open: they say nothing about the server now.
   */
  record(failed: boolean, probe: boolean, nowMs: number): BreakerTransition {
    if (probe) return this.#probeResult(failed, nowMs);
    if (this.#state !== BreakerState.Closed) return null;
    this.#window.push(failed);
    if (this.#window.length > this.#options.windowSize) this.#window.shift();
    if (!this.#shouldOpen()) return null;
    this.#openedAtMs = nowMs;
    this.#cooldownMs = this.#options.cooldownMs;
    this.#open(nowMs);
    return 'opened';
  }

  /** The cool-down is over: turns half-open and hands out the one probe. */
  takeProbe(nowMs: number): boolean {
    if (this.#state === BreakerState.Open && nowMs >= this.#retryAtMs) {
      this.#state = BreakerState.HalfOpen;
    }
    if (this.#state !== BreakerState.HalfOpen || this.#probeOut) return false;
    this.#probeOut = true;
    return true;
  }

  /** Open since `giveUpAtMs` without a successful probe: gives up for good. */
  giveUpIfDue(nowMs: number): boolean {
    const open =
      this.#state === BreakerState.Open || this.#state === BreakerState.HalfOpen;
    if (!open || nowMs < this.giveUpAtMs) return false;
    this.#state = BreakerState.GaveUp;
    return true;
  }

  #probeResult(failed: boolean, nowMs: number): BreakerTransition {
    this.#probeOut = false;
    if (this.#state !== BreakerState.HalfOpen) return null;
    if (!failed) {
      this.#state = BreakerState.Closed;
      this.#window = [];
      return 'closed';
    }
    const longer = this.#cooldownMs * this.#options.cooldownFactor;
    this.#cooldownMs = Math.min(this.#options.maxCooldownMs, longer);
    this.#open(nowMs);
    return 'reopened';
  }

  /**
   * A grown cool-down must not run past the give-up: the API would then be
   * given up on without having been tried for up to `maxCooldownMs`. So the
   * last probe goes one first cool-down before giving up; a probe from then
   * on is the last one.
   */
  #open(nowMs: number): void {
    this.#state = BreakerState.Open;
    const lastProbeAtMs = this.giveUpAtMs - this.#options.cooldownMs;
    const retryAtMs = nowMs + this.#cooldownMs;
    this.#retryAtMs =
      nowMs < lastProbeAtMs ? Math.min(retryAtMs, lastProbeAtMs) : retryAtMs;
    this.#holdMs = this.#retryAtMs - nowMs;
  }

  #shouldOpen(): boolean {
    const samples = this.#window.length;
    if (samples < this.#options.minSamples) return false;
    const failures = this.#window.filter(Boolean).length;
    return failures / samples >= this.#options.failureRatio;
  }
}

/** Fills in defaults and checks each setting; messages name it, its range and the value. */
export function resolveBreakerOptions(
  options: Partial<BreakerOptions> = {},
): BreakerOptions {
  const resolved = { ...BREAKER_DEFAULTS, ...options };
  checkInteger('windowSize', resolved.windowSize, 1);
  checkInteger('minSamples', resolved.minSamples, 1);
  if (resolved.minSamples > resolved.windowSize) {
    throw new RangeError(
      `breaker.minSamples must be at most breaker.windowSize (${resolved.windowSize}); got ${resolved.minSamples}`,
    );
  }
  const ratio = resolved.failureRatio;
  if (typeof ratio !== 'number' || !(ratio > 0 && ratio <= 1)) {
    throw new RangeError(
      `breaker.failureRatio must be a number greater than 0 and at most 1; got ${describeValue(ratio)}`,
    );
  }
  checkInteger('cooldownMs', resolved.cooldownMs, 1);
  checkInteger('maxCooldownMs', resolved.maxCooldownMs, resolved.cooldownMs);
  checkInteger('maxOpenMs', resolved.maxOpenMs, 1);
  const factor = resolved.cooldownFactor;
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 1) {
    throw new RangeError(
      `breaker.cooldownFactor must be a number of at least 1; got ${describeValue(factor)}`,
    );
  }
  return resolved;
}

function checkInteger(name: keyof BreakerOptions, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(
      `breaker.${name} must be an integer of at least ${min}; got ${describeValue(value)}`,
    );
  }
}
