import { describe, expect, it } from 'vitest';
import type { ApiTarget } from '../../src/cli/api-flags.js';
import { DEFAULT_BASE_URL_FROM } from '../../src/cli/api-flags.js';
import { targetForRun } from '../../src/cli/run-start.js';
import type { RunRecord } from '../../src/checkpoint/run-types.js';
import { DEFAULT_RETRY_BOUNDS } from '../../src/execute/retry-policy.js';

const RUN_URL = 'http://127.0.0.1:4011/api/v1';

const run = {
  id: '20261204-120000-abcd',
  baseUrl: RUN_URL,
  environment: RUN_URL,
} as RunRecord;

function target(baseUrl: string, baseUrlFrom: string): ApiTarget {
  return { baseUrl, baseUrlFrom, apiKey: 'k', retry: DEFAULT_RETRY_BOUNDS };
}

describe('the API a resumed run talks to', () => {
  it("is the run's own base URL when no flag or variable chose one", () => {
    const chosen = targetForRun(
      target('https://answeringagent.com/api/v1', DEFAULT_BASE_URL_FROM),
      run,
    );
    expect([chosen.baseUrl, chosen.baseUrlFrom]).toEqual([RUN_URL, `run ${run.id}`]);
  });

  it('is the chosen one when it is the same environment', () => {
    const chosen = targetForRun(target(`${RUN_URL}/`, '--base-url'), run);
    expect([chosen.baseUrl, chosen.baseUrlFrom]).toEqual([`${RUN_URL}/`, '--base-url']);
  });

  it('refuses a chosen base URL of another environment', () => {
    expect(() =>
      targetForRun(
        target('https://playground.answeringagent.com/api/v1', '--playground'),
        run,
      ),
    ).toThrow(
      `run ${run.id} was against ${RUN_URL}, not https://playground.answeringagent.com/api/v1; ` +
        `give --base-url ${RUN_URL} to work on it`,
    );
  });
});
