/**
 * The contracts between the executor's parts: the request gate (pacing, the
 * shared 429 quota, the circuit breaker), the performer of one operation, and
 * the progress display.
 */
import type { OperationResult } from '../checkpoint/run-types.js';

/**
 * Every HTTP request of a run goes through one gate. It spaces requests at the
 * current rate, holds them all while the server asks to wait (429) or while the
 * circuit breaker is open, and learns from each outcome.
 */
export interface RequestGate {
  /**
   * Sends `request` when the quota allows and returns its result; a failure is
   * rethrown after the gate has learnt from it (a 429 pauses every request).
   * Rejects with {@link CircuitOpenError} once the breaker gave up, and with
   * {@link GateClosedError} after `close`.
   */
  run<T>(request: () => Promise<T>): Promise<T>;
  /** True while the breaker is open or probing: failures are then not the operation's fault. */
  readonly degraded: boolean;
  /** True once the breaker gave up: no request will be sent any more. */
  readonly gaveUp: boolean;
  /** Statistics so far. */
  stats(): GateStats;
  /** Rejects every waiting and future `run`; timers are cleared. */
  close(): Promise<void>;
}

export interface GateStats {
  /** Requests sent (answered or not). */
  requests: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Total ms during which all requests were held because of 429s. */
  rateLimitWaitMs: number;
  /** The rate the gate paces at now, in requests per second. */
  currentRate: number;
  /** Times the circuit breaker opened. */
  breakerOpenings: number;
}

/** The circuit breaker gave up: the API has been failing for too long. */
export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';
}

/** The gate was closed (the run is stopping). */
export class GateClosedError extends Error {
  override readonly name = 'GateClosedError';
}

/** How one operation ended in this process. */
export type PerformOutcome =
  | {
      status: 'succeeded' | 'adopted';
      result: OperationResult;
      attempts: number;
      /** What was found, for the log: "organization 42 was created by an earlier attempt". */
      note?: string;
    }
  | {
      status: 'failed';
      error: string;
      attempts: number;
      /** The whole run must stop (401: the key was refused). */
      stopRun: boolean;
    }
  | {
      /**
       * Not finished: the run is stopping (signal, breaker). `maybeSent` is true
       * when a request may have reached the server, so that the operation stays
       * in flight and is looked up before it is sent again.
       */
      status: 'interrupted';
      attempts: number;
      maybeSent: boolean;
      error: string | null;
    };
