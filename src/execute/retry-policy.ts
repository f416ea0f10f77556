/**
 * What to do after a failed Partner API call, as data: one row per error kind.
 * The live-state read and the executor both follow this table.
 */
import type { ApiErrorKind, AnyApiError } from '../api/index.js';

/** How a failure is handled. */
export const FailureHandling = {
  /** Transient: try again after a backoff (writes first check whether they landed). */
  Retry: 'retry',
  /** The operation failed for good; other operations go on. */
  Fail: 'fail',
  /** Nothing else can succeed either (a refused key): stop the whole run. */
  StopRun: 'stop-run',
} as const;
export type FailureHandling = (typeof FailureHandling)[keyof typeof FailureHandling];

/** The retry table: network trouble, timeouts, 429 and 5xx are worth another try. */
export const RETRY_TABLE: Readonly<Record<ApiErrorKind, FailureHandling>> = {
  network: FailureHandling.Retry,
  timeout: FailureHandling.Retry,
  'rate-limited': FailureHandling.Retry,
  server: FailureHandling.Retry,
  // A 200 with a body that is not what the reference documents: a proxy or a
  // half-deployed server; another try usually gets a proper answer.
  'invalid-response': FailureHandling.Retry,
  unauthorized: FailureHandling.StopRun,
  forbidden: FailureHandling.Fail,
  'not-found': FailureHandling.Fail,
  validation: FailureHandling.Fail,
  'unexpected-status': FailureHandling.Fail,
};

/** Bounds of the retries of one call. */
export interface RetryBounds {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubles each time up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No new attempt starts once this much time has passed since the first. */
  maxTotalMs: number;
}

/** Defaults: 6 attempts over at most two minutes. */
export const DEFAULT_RETRY_BOUNDS: RetryBounds = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxTotalMs: 120_000,
};

/** How the table handles `error`. */
export function handlingOf(error: AnyApiError): FailureHandling {
  return RETRY_TABLE[error.kind];
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1). A server's
 * Retry-After is obeyed as given, however long: waiting less only earns another
 * 429 (`maxTotalMs` decides whether to wait at all). Otherwise "full jitter": a uniform draw
 * between 0 and the exponential ceiling, so that many clients (or many
 * operations of one run) that failed together do not retry together.
 */
export function backoffDelayMs(
  attempt: number,
  bounds: RetryBounds,
  random: () => number,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const ceiling = Math.min(bounds.maxDelayMs, bounds.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** The Retry-After of a 429, when the server gave one. */
export function retryAfterOf(error: AnyApiError): number | undefined {
  return error.kind === 'rate-limited' ? error.retryAfterMs : undefined;
}
