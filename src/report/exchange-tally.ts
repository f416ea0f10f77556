/**
 * Counts the requests of a client that does not go through the request gate
 * (the read of the live state before planning) as traffic samples, so that a
 * report tells every request a command sent: a nightly run with nothing to
 * change shows its one read.
 */
import type { Exchange } from '../api/http.js';
import type { TrafficSample } from './report-types.js';

const SECOND_MS = 1_000;
const TOO_MANY_REQUESTS = 429;

export class ExchangeTally {
  readonly #bySecond = new Map<number, TrafficSample>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** For `PartnerApiClientOptions.onExchange`. */
  readonly onExchange = (exchange: Exchange): void => {
    const atMs = Math.floor(this.#now() / SECOND_MS) * SECOND_MS;
    let sample = this.#bySecond.get(atMs);
    if (sample === undefined) {
      // Unpaced: no rate was in force, which the charts show as no paced line.
      sample = { atMs, requests: 0, rateLimited: 0, heldMs: 0, pacedRate: 0 };
      this.#bySecond.set(atMs, sample);
    }
    sample.requests += 1;
    if (exchange.status === TOO_MANY_REQUESTS) sample.rateLimited += 1;
  };

  /** The samples so far, in time order. */
  samples(): TrafficSample[] {
    return [...this.#bySecond.values()]
      .sort((a, b) => a.atMs - b.atMs)
      .map((sample) => ({ ...sample }));
  }
}
