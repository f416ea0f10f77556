import { describe, expect, it } from 'vitest';
import type { Organization, PartnerApiClient } from '../../src/api/index.js';
import {
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
} from '../../src/api/index.js';
import { ExitError } from '../../src/cli/errors.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { DEFAULT_RETRY_BOUNDS } from '../../src/execute/retry-policy.js';
import { createLogger } from '../../src/log/logger.js';
import { readLiveState } from '../../src/plan/read-live.js';
import { Writable } from 'node:stream';

const CALL = { method: 'GET', path: '/organizations', requestSent: true };
const BASE_URL = 'http://127.0.0.1:1/api/v1';

/** A client whose list call fails with each of `failures`, then answers `[]`. */
function flakyClient(failures: Error[]): {
  client: PartnerApiClient;
  calls: () => number;
} {
  let calls = 0;
  const client = {
    baseUrl: BASE_URL,
    listOrganizations: (): Promise<Organization[]> => {
      const failure = failures[calls];
      calls += 1;
      return failure === undefined ? Promise.resolve([]) : Promise.reject(failure);
    },
  } as unknown as PartnerApiClient;
  return { client, calls: () => calls };
}

const silent = createLogger({
  format: 'json',
  level: 'error',
  stream: new Writable({ write: (_chunk, _encoding, done) => done() }),
});

/** Fake time: sleeping advances the clock by exactly what was asked. */
function fakeClock(): { sleeps: number[]; options: object } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    options: {
      now: () => now,
      sleep: (ms: number) => {
        sleeps.push(ms);
        now += ms;
        return Promise.resolve();
      },
      random: () => 0.5,
    },
  };
}

describe('readLiveState', () => {
  it('waits what Retry-After says after a 429, and full-jitter backoff after a 5xx', async () => {
    const { client, calls } = flakyClient([
      new RateLimitedError({ ...CALL, status: 429 }, 3_000),
      new ServerError({ ...CALL, status: 503 }),
      new ServerError({ ...CALL, status: 502 }),
    ]);
    const clock = fakeClock();
    const live = await readLiveState(client, { logger: silent, ...clock.options });
    expect(live).toEqual([]);
    expect(calls()).toBe(4);
    // Attempt 2's ceiling is 1,000 ms and attempt 3's 2,000 ms; the draw is half of each.
    expect(clock.sleeps).toEqual([3_000, 500, 1_000]);
  });

  it('stops at once with the auth code when the key is refused', async () => {
    const { client, calls } = flakyClient([
      new UnauthorizedError({ ...CALL, status: 401 }),
    ]);
    const error = await readLiveState(client, {
      logger: silent,
      ...fakeClock().options,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).exitCode).toBe(EXIT.auth);
    expect(calls()).toBe(1);
  });

  it('does not retry a 404, which a wrong base URL gives, and calls it a usage error', async () => {
    const { client, calls } = flakyClient([new NotFoundError({ ...CALL, status: 404 })]);
    const error = await readLiveState(client, {
      logger: silent,
      ...fakeClock().options,
    }).catch((caught: unknown) => caught);
    expect((error as ExitError).exitCode).toBe(EXIT.usage);
    expect(calls()).toBe(1);
  });

  it('gives up when the next wait would pass the total retry time', async () => {
    const failures = Array.from(
      { length: 10 },
      () => new ServerError({ ...CALL, status: 500 }),
    );
    const { client, calls } = flakyClient(failures);
    const clock = fakeClock();
    const bounds = { ...DEFAULT_RETRY_BOUNDS, maxTotalMs: 1_600 };
    const error = await readLiveState(client, {
      logger: silent,
      bounds,
      ...clock.options,
    }).catch((caught: unknown) => caught);
    expect((error as ExitError).exitCode).toBe(EXIT.unavailable);
    expect((error as ExitError).message).toContain('failed after 3 attempts');
    expect(clock.sleeps).toEqual([250, 500]);
    expect(calls()).toBe(3);
  });
});
