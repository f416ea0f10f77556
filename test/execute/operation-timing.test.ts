import { describe, expect, it } from 'vitest';
import { OperationClock } from '../../src/execute/operation-timing.js';

/** A clock that reads the next value of `readings` each time it is asked. */
function scripted(readings: number[]): () => number {
  let index = 0;
  return () => {
    const value = readings[index];
    index += 1;
    if (value === undefined)
      throw new Error('the clock was read more often than scripted');
    return value;
  };
}

describe('operation timing', () => {
  it('splits one request’s operation into hand-off, intent, gate, request, settle and result', () => {
    // dispatch 0, start 0.5, intent on disk 2, gate lets go 12, answer 15.25,
    // outcome 15.5, result on disk 17.
    const clock = new OperationClock(scripted([0, 0.5, 2, 12, 15.25, 15.5, 17]));
    clock.started();
    clock.intentWritten();
    clock.sent()();
    clock.performed();
    clock.recorded();
    expect(clock.times()).toEqual({
      requests: 1,
      queueMs: 0.5,
      intentMs: 1.5,
      gateMs: 10,
      requestMs: 3.25,
      retryMs: 0,
      settleMs: 0.25,
      resultMs: 1.5,
    });
  });

  it('sums the requests of a retried operation and counts the time between them apart', () => {
    // Two attempts: 10 → 13, a backoff, then 20 → 21.
    const clock = new OperationClock(scripted([0, 1, 2, 10, 13, 20, 21, 22, 23]));
    clock.started();
    clock.intentWritten();
    clock.sent()();
    clock.sent()();
    clock.performed();
    clock.recorded();
    expect(clock.times()).toMatchObject({
      requests: 2,
      gateMs: 8,
      requestMs: 4,
      retryMs: 7,
      settleMs: 1,
    });
  });

  it('leaves the request steps empty when the gate never let a request go', () => {
    const clock = new OperationClock(scripted([0, 1, 2, 3, 4]));
    clock.started();
    clock.intentWritten();
    clock.performed();
    clock.recorded();
    expect(clock.times()).toEqual({
      requests: 0,
      queueMs: 1,
      intentMs: 1,
      gateMs: null,
      requestMs: null,
      retryMs: null,
      settleMs: null,
      resultMs: 1,
    });
  });
});
