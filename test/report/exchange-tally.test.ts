import { describe, expect, it } from 'vitest';
import { ExchangeTally } from '../../src/report/exchange-tally.js';

const T0 = Date.UTC(2026, 11, 4, 22, 0, 0);

describe('ExchangeTally', () => {
  it('counts requests and 429s per second, unpaced, in time order', () => {
    let now = T0 + 1_900;
    const tally = new ExchangeTally(() => now);
    const get = { method: 'GET', path: '/organizations', durationMs: 5 } as const;
    tally.onExchange({ ...get, status: 200 });
    now = T0 + 250;
    tally.onExchange({ ...get, status: 429 });
    tally.onExchange(get);
    now = T0 + 1_999;
    tally.onExchange({ ...get, status: 200 });

    expect(tally.samples()).toEqual([
      { atMs: T0, requests: 2, rateLimited: 1, heldMs: 0, pacedRate: 0 },
      { atMs: T0 + 1_000, requests: 2, rateLimited: 0, heldMs: 0, pacedRate: 0 },
    ]);
  });

  it('has no sample before the first request', () => {
    expect(new ExchangeTally(() => T0).samples()).toEqual([]);
  });
});
