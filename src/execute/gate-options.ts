/**
 * Options and events of the request gate, and their validation. Exports:
 * `GateOptions`, `GateEvent`, `ResolvedGateOptions`, `resolveGateOptions`.
 */
import { describeValue } from '../util/describe-value.js';
import type { BreakerOptions } from './circuit-breaker.js';
import { resolveBreakerOptions } from './circuit-breaker.js';
import { RATE_CONTROL_DEFAULTS } from './rate-control.js';

/** How `createRequestGate` paces and protects the requests of a run. */
export interface GateOptions {
  /** Requests per second the run may send; 'auto' finds the server's limit. */
  rate: number | 'auto';
  /**
   * Requests that may go back to back after an idle period (an integer of at
   * least 1); 1 spaces every request evenly.
   */
  burst: number;
  /** Where 'auto' starts, in requests per second; default 2. */
  autoStartRate?: number;
  /** The most 'auto' tries, in requests per second; default 200. */
  autoMaxRate?: number;
  /** Circuit breaker settings; see `BREAKER_DEFAULTS`. */
  breaker?: Partial<BreakerOptions>;
  /** Clock in ms; default `Date.now`. It must advance with the timers (fake timers do). */
  now?: () => number;
  /** Uniform draw in [0, 1) for the backoff's jitter; default `Math.random`. */
  random?: () => number;
  /** Told of every change of pace, pause and breaker state. */
  onEvent?: (event: GateEvent) => void;
}

/** Something the gate did, for logs and the progress display. */
export type GateEvent =
  | {
      type: 'rate-changed';
      rate: number;
      previousRate: number;
      /** 'rate-limited': stepped down after a 429; 'recovered': climbed after successes. */
      reason: 'rate-limited' | 'recovered';
    }
  | {
      /** A 429 held every request; `waitMs` is how much longer the hold now lasts. */
      type: 'paused';
      waitMs: number;
      /** The server's Retry-After, when it sent one. */
      retryAfterMs: number | undefined;
    }
  | { type: 'breaker-opened'; cooldownMs: number }
  | { type: 'breaker-half-open' }
  | { type: 'breaker-closed' }
  | { type: 'breaker-gave-up'; openMs: number };

/** The options with defaults applied. */
export interface ResolvedGateOptions {
  rate: number | 'auto';
  burst: number;
  autoStartRate: number;
  autoMaxRate: number;
  breaker: BreakerOptions;
  now: () => number;
  random: () => number;
  onEvent: (event: GateEvent) => void;
}

/** Checks the options and applies defaults; a message names the option, its range and the value. */
export function resolveGateOptions(options: GateOptions): ResolvedGateOptions {
  const { rate, burst } = options;
  if (rate !== 'auto') checkRate('rate', rate, "'auto' or ");
  if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1) {
    throw new RangeError(
      `burst must be an integer of at least 1; got ${describeValue(burst)}`,
    );
  }
  const autoStartRate = options.autoStartRate ?? RATE_CONTROL_DEFAULTS.autoStartRate;
  const autoMaxRate = options.autoMaxRate ?? RATE_CONTROL_DEFAULTS.autoMaxRate;
  checkRate('autoStartRate', autoStartRate);
  checkRate('autoMaxRate', autoMaxRate);
  if (autoStartRate > autoMaxRate) {
    throw new RangeError(
      `autoStartRate must be at most autoMaxRate (${autoMaxRate}); got ${autoStartRate}`,
    );
  }
  return {
    rate,
    burst,
    autoStartRate,
    autoMaxRate,
    breaker: resolveBreakerOptions(options.breaker),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    onEvent: options.onEvent ?? (() => undefined),
  };
}

function checkRate(name: string, value: unknown, alternative = ''): void {
  const min = RATE_CONTROL_DEFAULTS.minRate;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new RangeError(
      `${name} must be ${alternative}a number of requests per second of at least ${min}; got ${describeValue(value)}`,
    );
  }
}
