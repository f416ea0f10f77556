/** What the request gate did, as log lines a partner's engineer can act on. */
import type { Logger } from 'winston';
import type { GateEvent } from '../execute/gate.js';

/** Logs one gate event: rate changes and 429 holds as info, the breaker as warnings. */
export function logGateEvent(logger: Logger, event: GateEvent): void {
  switch (event.type) {
    case 'rate-changed':
      logger.info(
        `pacing ${event.reason === 'rate-limited' ? 'lowered' : 'raised'} from ` +
          `${round(event.previousRate)} to ${round(event.rate)} requests/s` +
          (event.reason === 'rate-limited' ? ' after a 429' : ''),
      );
      return;
    case 'paused':
      logger.info(
        `429 Too Many Requests: every request waits ${event.waitMs} ms` +
          (event.retryAfterMs === undefined ? ' (no Retry-After; backing off)' : ''),
      );
      return;
    case 'breaker-opened':
      logger.warn(
        `most recent requests failed: holding every request for ${event.cooldownMs} ms ` +
          'before one probe',
      );
      return;
    case 'breaker-half-open':
      logger.info('probing the API with one request');
      return;
    case 'breaker-closed':
      logger.info('the API answers again: resuming at the current rate');
      return;
    case 'breaker-gave-up':
      logger.error(
        `the API kept failing for ${Math.round(event.openMs / 1000)} s: stopping the run; ` +
          'it can be resumed',
      );
      return;
  }
}

function round(rate: number): number {
  return Math.round(rate * 10) / 10;
}
