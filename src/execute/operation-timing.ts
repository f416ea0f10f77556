/**
 * Where one operation's time goes, for the run log: the executor's own steps
 * (the queue's hand-off, the checkpoint's intent and result writes, handling
 * the answer) apart from the gate's wait and the HTTP exchanges. Nothing here
 * changes what the operation does; it only reads a monotonic clock.
 * Exports: `OperationTimes`, `OperationClock`, `timedGate`.
 */
import type { RequestGate } from './types.js';

/** Milliseconds, rounded to a microsecond; null for a step the operation never reached. */
export interface OperationTimes {
  /** Requests the gate let go (retries and lookups included). */
  requests: number;
  /** From dispatch to the queue starting the task. */
  queueMs: number | null;
  /** The write-ahead intent (`markInFlight`). */
  intentMs: number | null;
  /** From the intent on disk to the gate letting the first request go. */
  gateMs: number | null;
  /** Each request from the gate letting it go to its answer (or failure), summed. */
  requestMs: number | null;
  /** Between the first request's start and the last one's end, outside requests: backoff, holds. */
  retryMs: number | null;
  /** From the last answer to the operation's outcome. */
  settleMs: number | null;
  /** Recording the outcome and what planning remembers of it. */
  resultMs: number | null;
}

/** One decimal place per microsecond. */
const MICROSECONDS_PER_MS = 1000;

/** Marks on a monotonic clock (ms) for one operation. */
export class OperationClock {
  readonly #now: () => number;
  readonly #dispatchedAt: number;
  #startedAt: number | undefined;
  #intentAt: number | undefined;
  #firstSentAt: number | undefined;
  #lastAnsweredAt: number | undefined;
  #inRequestMs = 0;
  #requests = 0;
  #performedAt: number | undefined;
  #recordedAt: number | undefined;

  /** Starts at dispatch: the operation was handed to the queue. */
  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    this.#dispatchedAt = now();
  }

  started(): void {
    this.#startedAt = this.#now();
  }

  intentWritten(): void {
    this.#intentAt = this.#now();
  }

  /** The gate let a request go; call the returned function when it settles. */
  sent(): () => void {
    const sentAt = this.#now();
    this.#requests += 1;
    this.#firstSentAt ??= sentAt;
    return () => {
      const answeredAt = this.#now();
      this.#inRequestMs += answeredAt - sentAt;
      this.#lastAnsweredAt = answeredAt;
    };
  }

  performed(): void {
    this.#performedAt = this.#now();
  }

  recorded(): void {
    this.#recordedAt = this.#now();
  }

  times(): OperationTimes {
    const sent = this.#firstSentAt;
    const answered = this.#lastAnsweredAt;
    const span = sent === undefined || answered === undefined ? null : answered - sent;
    return {
      requests: this.#requests,
      queueMs: between(this.#dispatchedAt, this.#startedAt),
      intentMs: between(this.#startedAt, this.#intentAt),
      gateMs: between(this.#intentAt, sent),
      requestMs: span === null ? null : round(this.#inRequestMs),
      retryMs: span === null ? null : round(span - this.#inRequestMs),
      settleMs: between(answered, this.#performedAt),
      resultMs: between(this.#performedAt, this.#recordedAt),
    };
  }
}

/**
 * The gate as one operation sees it: every request it lets go is timed on
 * `clock`. Everything else is the shared gate's.
 */
export function timedGate(gate: RequestGate, clock: OperationClock): RequestGate {
  return {
    run: (request) =>
      gate.run(() => {
        const answered = clock.sent();
        return request().finally(answered);
      }),
    get degraded() {
      return gate.degraded;
    },
    get gaveUp() {
      return gate.gaveUp;
    },
    stats: () => gate.stats(),
    close: () => gate.close(),
  };
}

function between(from: number | undefined, to: number | undefined): number | null {
  return from === undefined || to === undefined ? null : round(to - from);
}

function round(ms: number): number {
  return Math.round(ms * MICROSECONDS_PER_MS) / MICROSECONDS_PER_MS;
}
