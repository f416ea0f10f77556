/**
 * The attempts of one call (an operation's request, or one lookup read): each
 * sent through the gate, failures classified by the retry table, and the wait
 * before the next attempt kept within the retry bounds.
 * Exports: `AttemptOutcome`, `RetryVerdict`, `Attempts`.
 */
import { isApiError } from '../api/index.js';
import type { AnyApiError } from '../api/index.js';
import type { PerformContext } from './perform-context.js';
import { backoffDelayMs, handlingOf } from './retry-policy.js';
import type { FailureHandling } from './retry-policy.js';
import { CircuitOpenError, GateClosedError } from './types.js';

/** How one attempt ended. `gate-closed`: the gate refused it; nothing was sent. */
export type AttemptOutcome<T> =
  | { kind: 'answered'; value: T }
  | { kind: 'failed'; error: AnyApiError; handling: FailureHandling }
  | { kind: 'gate-closed'; error: CircuitOpenError | GateClosedError };

/** After a retryable failure: try again, give up (bounds), or stop (the run is stopping). */
export type RetryVerdict = 'retry' | 'exhausted' | 'stopping';

type AttemptContext = Pick<
  PerformContext,
  'gate' | 'bounds' | 'random' | 'sleep' | 'stopping'
>;

/** Counts the attempts of one call and decides whether another may start. */
export class Attempts {
  readonly #ctx: AttemptContext;
  #count = 0;
  #firstAtMs: number | undefined;

  constructor(ctx: AttemptContext) {
    this.#ctx = ctx;
  }

  /** Requests actually handed to the server (not those the gate refused). */
  get count(): number {
    return this.#count;
  }

  /**
   * Sends `request` through the gate once. An error that is neither the
   * client's nor the gate's is a bug and is rethrown.
   */
  async send<T>(request: () => Promise<T>): Promise<AttemptOutcome<T>> {
    try {
      const value = await this.#ctx.gate.run(() => {
        // Counted when the gate lets it go, so that a refused request is not an attempt.
        this.#count += 1;
        this.#firstAtMs ??= performance.now();
        return request();
      });
      return { kind: 'answered', value };
    } catch (error) {
      if (error instanceof CircuitOpenError || error instanceof GateClosedError) {
        return { kind: 'gate-closed', error };
      }
      if (!isApiError(error)) throw error;
      return { kind: 'failed', error, handling: handlingOf(error) };
    }
  }

  /**
   * Called after a retryable failure: waits the backoff unless the bounds
   * forbid another attempt or the run is stopping.
   */
  async beforeRetry(error: AnyApiError): Promise<RetryVerdict> {
    const { bounds, random, stopping } = this.#ctx;
    if (this.#count >= bounds.maxAttempts) return 'exhausted';
    // The gate already holds every request for a 429's Retry-After: waiting here
    // as well would wait twice, so the next attempt goes to the gate at once.
    const delayMs =
      error.kind === 'rate-limited' ? 0 : backoffDelayMs(this.#count, bounds, random);
    if (this.#elapsedMs() + delayMs > bounds.maxTotalMs) return 'exhausted';
    if (stopping()) return 'stopping';
    if (delayMs > 0) await this.#ctx.sleep(delayMs);
    return stopping() ? 'stopping' : 'retry';
  }

  #elapsedMs(): number {
    return this.#firstAtMs === undefined ? 0 : performance.now() - this.#firstAtMs;
  }
}
