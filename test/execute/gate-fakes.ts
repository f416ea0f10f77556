/**
 * Test support for the request gate: API errors as the client throws them,
 * and requests that record when they started.
 */
import {
  NotFoundError,
  RateLimitedError,
  ServerError,
  ValidationError,
} from '../../src/api/index.js';
import type { GateEvent } from '../../src/execute/gate.js';

const details = (status: number) => ({
  method: 'GET',
  path: '/users',
  status,
  requestSent: true,
});

export const rateLimited = (retryAfterMs?: number) =>
  new RateLimitedError(details(429), retryAfterMs);
export const serverError = () => new ServerError(details(503));
export const notFound = () => new NotFoundError(details(404));
export const invalid = () => new ValidationError(details(422));

/** What a fake request does: answer at once, or after `afterMs` (fake timers). */
export interface Answer {
  error?: Error;
  afterMs?: number;
}

/** Requests whose starts (by `Date.now()`) are recorded and whose answers are scripted. */
export class FakeApi {
  readonly starts: number[] = [];
  readonly #answers: Answer[];

  /** The n-th request gets `answers[n]`; later ones succeed at once. */
  constructor(answers: Answer[] = []) {
    this.#answers = answers;
  }

  request = (): Promise<string> => {
    const answer = this.#answers[this.starts.length] ?? {};
    this.starts.push(Date.now());
    if (answer.afterMs === undefined) {
      return answer.error === undefined
        ? Promise.resolve('ok')
        : Promise.reject(answer.error);
    }
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        if (answer.error === undefined) resolve('ok');
        else reject(answer.error);
      }, answer.afterMs);
    });
  };
}

/** Collects gate events. */
export function eventLog(): { events: GateEvent[]; onEvent: (e: GateEvent) => void } {
  const events: GateEvent[] = [];
  return { events, onEvent: (event) => events.push(event) };
}

/** Settles a run without an unhandled rejection; returns 'ok' or the error's name. */
export function outcome(run: Promise<unknown>): Promise<string> {
  return run.then(
    () => 'ok',
    (error: Error) => error.name,
  );
}
