/**
 * The request gate: every HTTP request of a run goes through it. It paces
 * starts (bottleneck, see gate-pacer.ts), holds every request while a 429 asks
 * to wait, adapts the rate (rate-control.ts) and pauses the run when the API
 * is down (circuit-breaker.ts). Exports: `createRequestGate`, and the types of
 * gate-options.ts.
 *
 * Requests wait in the gate's own queue, not in bottleneck's: the gate hands
 * bottleneck one ticket at a time and starts the head of the queue when it is
 * granted, so a hold that began meanwhile still stops it.
 */
import { isApiError, isApiErrorOfKind } from '../api/index.js';
import { BreakerState, CircuitBreaker } from './circuit-breaker.js';
import type { BreakerTransition } from './circuit-breaker.js';
import { RateLimitHold } from './gate-hold.js';
import type { GateEvent, GateOptions, ResolvedGateOptions } from './gate-options.js';
import { resolveGateOptions } from './gate-options.js';
import type { Pacer } from './gate-pacer.js';
import { createPacer } from './gate-pacer.js';
import { RateControl } from './rate-control.js';
import type { RateChange } from './rate-control.js';
import type { GateStats, RequestGate } from './types.js';
import { CircuitOpenError, GateClosedError } from './types.js';

export type { GateEvent, GateOptions } from './gate-options.js';

/** Answers that count as the server failing; any other answer is a success. */
const SERVER_FAILURE_KINDS: ReadonlySet<string> = new Set([
  'server',
  'network',
  'timeout',
]);

interface Waiter {
  start(probe: boolean): void;
  reject(error: Error): void;
}

/** Creates a gate; throws a RangeError naming a bad option. */
export function createRequestGate(options: GateOptions): RequestGate {
  return new Gate(resolveGateOptions(options));
}

class Gate implements RequestGate {
  readonly #options: ResolvedGateOptions;
  readonly #rate: RateControl;
  readonly #hold: RateLimitHold;
  readonly #breaker: CircuitBreaker;
  readonly #pacer: Pacer;
  readonly #waiting: Waiter[] = [];
  #requests = 0;
  #rateLimited = 0;
  #breakerOpenings = 0;
  #pumping = false;
  #closed = false;
  #wakeTimer: NodeJS.Timeout | undefined;
  #giveUpTimer: NodeJS.Timeout | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: ResolvedGateOptions) {
    this.#options = options;
    this.#rate = new RateControl(options);
    this.#hold = new RateLimitHold(options.random);
    this.#breaker = new CircuitBreaker(options.breaker);
    this.#pacer = createPacer(this.#rate.rate, options.burst);
  }

  get degraded(): boolean {
    return this.#breaker.state !== BreakerState.Closed;
  }

  get gaveUp(): boolean {
    return this.#breaker.state === BreakerState.GaveUp;
  }

  run<T>(request: () => Promise<T>): Promise<T> {
    const refusal = this.#refusal();
    if (refusal !== null) return Promise.reject(refusal);
    return new Promise<T>((resolve, reject) => {
      const start = (probe: boolean) => {
        this.#send(request, probe).then(resolve, reject);
      };
      this.#waiting.push({ start, reject });
      void this.#pump();
    });
  }

  stats(): GateStats {
    return {
      requests: this.#requests,
      rateLimited: this.#rateLimited,
      rateLimitWaitMs: this.#hold.heldMs(this.#options.now()),
      currentRate: this.#rate.rate,
      breakerOpenings: this.#breakerOpenings,
    };
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    this.#closed = true;
    this.#hold.end(this.#options.now());
    this.#clearTimers();
    this.#rejectWaiting(
      new GateClosedError('the request gate was closed: the run is stopping'),
    );
    await this.#pacer.stop();
  }

  /** Starts waiting requests as the pace, the hold and the breaker allow; one loop at a time. */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#waiting.length > 0 && this.#refusal() === null) {
        const waitMs = this.#blockedForMs();
        if (waitMs > 0) {
          this.#wakeIn(waitMs);
          return;
        }
        await this.#pacer.acquire();
        // A 429, the breaker or close may have come while the ticket was pending.
        if (this.#refusal() !== null || this.#blockedForMs() > 0) continue;
        const probe = this.#takeProbe();
        this.#waiting.shift()?.start(probe);
      }
    } catch (error) {
      // `close` stops the pacer, which rejects the outstanding ticket; anything
      // else is a bug, and the waiting requests must hear of it.
      if (!this.#closed) this.#rejectWaiting(asError(error));
    } finally {
      this.#pumping = false;
    }
  }

  /** Ms until requests may start; Infinity while the breaker's probe is out. */
  #blockedForMs(): number {
    const nowMs = this.#options.now();
    const breaker = this.#breaker;
    let breakerMs = 0;
    if (breaker.state === BreakerState.Open) breakerMs = breaker.retryAtMs - nowMs;
    if (breaker.state === BreakerState.HalfOpen && breaker.probeOut) breakerMs = Infinity;
    return Math.max(0, this.#hold.untilMs - nowMs, breakerMs);
  }

  #takeProbe(): boolean {
    if (this.#breaker.state === BreakerState.Closed) return false;
    const wasOpen = this.#breaker.state === BreakerState.Open;
    const probe = this.#breaker.takeProbe(this.#options.now());
    if (wasOpen && probe) this.#emit({ type: 'breaker-half-open' });
    return probe;
  }

  #wakeIn(waitMs: number): void {
    clearTimeout(this.#wakeTimer);
    this.#wakeTimer = undefined;
    if (waitMs === Infinity) return; // the probe's answer wakes the queue
    this.#wakeTimer = setTimeout(() => {
      this.#wakeTimer = undefined;
      void this.#pump();
    }, waitMs);
  }

  async #send<T>(request: () => Promise<T>, probe: boolean): Promise<T> {
    const sentAtMs = this.#options.now();
    this.#requests += 1;
    let value: T;
    try {
      value = await request();
    } catch (error) {
      this.#learn(error, sentAtMs, probe);
      throw error;
    }
    this.#learn(undefined, sentAtMs, probe);
    return value;
  }

  /** Learns from one outcome (`error` undefined: a success), then lets the queue move. */
  #learn(error: unknown, sentAtMs: number, probe: boolean): void {
    const limited = isApiErrorOfKind(error, 'rate-limited');
    if (limited) this.#rateLimited += 1;
    if (this.#closed) return;
    const nowMs = this.#options.now();
    const failed = isApiError(error) && SERVER_FAILURE_KINDS.has(error.kind);
    if (limited) {
      this.#pause(this.#hold.extend(nowMs, error.retryAfterMs).extendedByMs, error);
      this.#applyRate(this.#rate.onRateLimited(sentAtMs, nowMs));
    } else if (failed) {
      this.#rate.onFailure();
    } else {
      this.#hold.onAnswer();
      this.#applyRate(this.#rate.onSuccess());
    }
    this.#onBreaker(this.#breaker.record(failed, probe, nowMs));
    void this.#pump();
  }

  #pause(extendedByMs: number, error: { retryAfterMs: number | undefined }): void {
    if (extendedByMs === 0) return;
    this.#emit({
      type: 'paused',
      waitMs: extendedByMs,
      retryAfterMs: error.retryAfterMs,
    });
  }

  #applyRate(change: RateChange | null): void {
    if (change === null) return;
    this.#pacer.setRate(change.rate);
    this.#emit({ type: 'rate-changed', ...change });
  }

  #onBreaker(transition: BreakerTransition): void {
    if (transition === null) return;
    if (transition === 'closed') {
      clearTimeout(this.#giveUpTimer);
      this.#giveUpTimer = undefined;
      this.#emit({ type: 'breaker-closed' });
      return;
    }
    if (transition === 'opened') {
      this.#breakerOpenings += 1;
      this.#armGiveUp();
    }
    this.#emit({ type: 'breaker-opened', cooldownMs: this.#breaker.cooldownMs });
  }

  #armGiveUp(): void {
    clearTimeout(this.#giveUpTimer);
    const delayMs = Math.max(0, this.#breaker.giveUpAtMs - this.#options.now());
    this.#giveUpTimer = setTimeout(() => {
      this.#giveUpTimer = undefined;
      if (this.#breaker.giveUpIfDue(this.#options.now())) this.#giveUp();
      else if (this.#breaker.state !== BreakerState.Closed) this.#armGiveUp();
    }, delayMs);
  }

  #giveUp(): void {
    const openMs = this.#options.now() - this.#breaker.openedAtMs;
    this.#clearTimers();
    this.#emit({ type: 'breaker-gave-up', openMs });
    const refusal = this.#refusal();
    if (refusal !== null) this.#rejectWaiting(refusal);
  }

  /** Why a request may never start: the gate was closed or the breaker gave up. */
  #refusal(): Error | null {
    if (this.#closed) {
      return new GateClosedError('the request gate was closed: the run is stopping');
    }
    if (this.#breaker.state === BreakerState.GaveUp) {
      const { maxOpenMs } = this.#options.breaker;
      return new CircuitOpenError(
        `the Partner API kept failing: the circuit breaker stayed open for ${maxOpenMs} ms; the run stops and can be resumed later`,
      );
    }
    return null;
  }

  #rejectWaiting(error: Error): void {
    for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
  }

  #clearTimers(): void {
    clearTimeout(this.#wakeTimer);
    clearTimeout(this.#giveUpTimer);
    this.#wakeTimer = undefined;
    this.#giveUpTimer = undefined;
  }

  #emit(event: GateEvent): void {
    this.#options.onEvent(event);
  }
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
