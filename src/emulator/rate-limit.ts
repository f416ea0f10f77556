/**
 * Per-key token-bucket rate limiting for the emulator.
 *
 * Exports: `RateLimitSettings`, `DEFAULT_RATE_LIMIT`, `RateDecision`,
 * `TokenBucketLimiter`, `validateRateLimitSettings`, `retryAfterSeconds`.
 *
 * Buckets are keyed by the API key's label (e.g. `demo#1`), never by the raw
 * key, so configuration and logs never need a secret.
 */

import { describeValue } from '../util/describe-value.js';
import { EmulatorConfigError } from './errors.js';

/** Token-bucket parameters. */
export interface RateLimitSettings {
  /** Tokens added per second, continuously; a finite number greater than 0. */
  ratePerSecond: number;
  /** Bucket capacity, i.e. the largest burst; an integer of at least 1. */
  burst: number;
}

/** The emulator's default: 10 requests per second, bursts of up to 20. */
export const DEFAULT_RATE_LIMIT: RateLimitSettings = Object.freeze({
  ratePerSecond: 10,
  burst: 20,
});

/**
 * Outcome of one `take`. `remaining` is the whole tokens left after this request
 * (`Infinity` when limiting is off); `retryAfterMs` is the exact time until one
 * whole token is available, always greater than 0.
 */
export type RateDecision =
  { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number };

/**
 * A bucket's balance is kept in milli-tokens: with whole-millisecond clocks and
 * integer rates every refill (`elapsedMs * ratePerSecond`) is an integer, so the
 * balance and `retryAfterMs` stay exact instead of drifting in binary fractions.
 */
const MILLI_TOKENS_PER_TOKEN = 1000;

/** Past this many buckets, full ones are dropped; a full bucket equals a fresh one. */
const MAX_TRACKED_BUCKETS = 10_000;

/** Far beyond any real limit; bounds keep the milli-token arithmetic exact. */
const MAX_RATE_PER_SECOND = 1_000_000;
const MAX_BURST = 1_000_000;

const SETTING_NAMES: readonly string[] = ['ratePerSecond', 'burst'];

interface Bucket {
  milliTokens: number;
  updatedAtMs: number;
}

/** Token buckets, one per key; a bucket starts full and refills continuously. */
export class TokenBucketLimiter {
  #settings: RateLimitSettings | null;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  /** `settings` null turns limiting off; `now` is the clock in ms (default `Date.now`). */
  constructor(settings: RateLimitSettings | null, now: () => number = Date.now) {
    this.#settings = validateRateLimitSettings(settings, 'rateLimit');
    this.#now = now;
  }

  /** The current settings (a copy), or null when limiting is off. */
  get settings(): RateLimitSettings | null {
    return this.#settings === null ? null : { ...this.#settings };
  }

  /** Changes the settings at run time; every bucket starts full again. */
  configure(settings: RateLimitSettings | null): void {
    this.#settings = validateRateLimitSettings(settings, 'rateLimit');
    this.#buckets.clear();
  }

  /** Consumes one token from `key`'s bucket, or says how long until one is available. */
  take(key: string): RateDecision {
    const settings = this.#settings;
    if (settings === null) return { allowed: true, remaining: Infinity };
    const bucket = this.#refilled(key, settings);
    if (bucket.milliTokens < MILLI_TOKENS_PER_TOKEN) {
      const missing = MILLI_TOKENS_PER_TOKEN - bucket.milliTokens;
      return { allowed: false, retryAfterMs: missing / settings.ratePerSecond };
    }
    bucket.milliTokens -= MILLI_TOKENS_PER_TOKEN;
    const remaining = Math.floor(bucket.milliTokens / MILLI_TOKENS_PER_TOKEN);
    return { allowed: true, remaining };
  }

  #refilled(key: string, settings: RateLimitSettings): Bucket {
    const nowMs = this.#now();
    const capacity = settings.burst * MILLI_TOKENS_PER_TOKEN;
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      this.#sweepIfCrowded(nowMs, settings);
      const fresh = { milliTokens: capacity, updatedAtMs: nowMs };
      this.#buckets.set(key, fresh);
      return fresh;
    }
    // A clock that steps backwards must not drain the bucket.
    const elapsedMs = Math.max(0, nowMs - bucket.updatedAtMs);
    bucket.milliTokens = Math.min(
      capacity,
      bucket.milliTokens + elapsedMs * settings.ratePerSecond,
    );
    bucket.updatedAtMs = nowMs;
    return bucket;
  }

  #sweepIfCrowded(nowMs: number, settings: RateLimitSettings): void {
    if (this.#buckets.size < MAX_TRACKED_BUCKETS) return;
    const capacity = settings.burst * MILLI_TOKENS_PER_TOKEN;
    for (const [key, bucket] of this.#buckets) {
      const elapsedMs = Math.max(0, nowMs - bucket.updatedAtMs);
      if (bucket.milliTokens + elapsedMs * settings.ratePerSecond >= capacity) {
        this.#buckets.delete(key);
      }
    }
  }
}

/**
 * Checks rate-limit settings from code or from a JSON body; null means "off".
 * Throws an EmulatorConfigError naming the field, the allowed range and the value received,
 * e.g. `rateLimit.burst must be an integer of at least 1; got 0`.
 */
export function validateRateLimitSettings(
  input: unknown,
  where: string,
): RateLimitSettings | null {
  if (input === null) return null;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new EmulatorConfigError(
      where,
      `${where} must be an object {ratePerSecond, burst} or null; got ${describeValue(input)}`,
    );
  }
  const fields = input as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    if (!SETTING_NAMES.includes(name)) {
      throw new EmulatorConfigError(
        `${where}.${name}`,
        `${where}.${name} is not a known rate-limit setting (known: ${SETTING_NAMES.join(', ')})`,
      );
    }
  }
  const { ratePerSecond, burst } = fields;
  if (
    typeof ratePerSecond !== 'number' ||
    !Number.isFinite(ratePerSecond) ||
    ratePerSecond <= 0 ||
    ratePerSecond > MAX_RATE_PER_SECOND
  ) {
    throw new EmulatorConfigError(
      `${where}.ratePerSecond`,
      `${where}.ratePerSecond must be a number greater than 0 and at most ${MAX_RATE_PER_SECOND}; got ${describeValue(ratePerSecond)}`,
    );
  }
  if (
    typeof burst !== 'number' ||
    !Number.isInteger(burst) ||
    burst < 1 ||
    burst > MAX_BURST
  ) {
    throw new EmulatorConfigError(
      `${where}.burst`,
      `${where}.burst must be an integer from 1 to ${MAX_BURST}; got ${describeValue(burst)}`,
    );
  }
  return { ratePerSecond, burst };
}

/**
 * The `Retry-After` header value for a refusal: whole seconds, rounded up, and at
 * least 1 because `Retry-After: 0` would invite an immediate retry that fails again.
 */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
