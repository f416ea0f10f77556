/**
 * Work that becomes ready only when the last running operation finishes (a
 * new customer's location waits for its organization) is still done: the run
 * does not end while an operation can start.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workDir } from './support/e2e.js';
import {
  CANARY_KEY,
  arrived,
  line,
  runBuilt,
  startApi,
  statusById,
  statusOf,
  runIdOf,
  writeCustomers,
} from './support/apply-cli.js';

describe('apply of one new customer with a location', () => {
  it('creates the organization, then its location, and completes with exit 0', async () => {
    const api = await startApi();
    writeCustomers(1);

    const result = await runBuilt(['apply', 'customers.csv', '--yes'], api.env);

    const runId = runIdOf(result);
    expect(statusById(await statusOf(api, runId))).toEqual({
      '001/organization:create': 'succeeded',
      '001/location:create:store 1': 'succeeded',
    });
    expect(result.stdout).toContain(
      `Run ${runId} completed: 2 operations: 2 succeeded, 0 adopted, 0 failed, 0 skipped, 0 not done.\n`,
    );
    expect(result.code).toBe(0);
    expect((await arrived(api)).map(line)).toEqual([
      'GET /organizations 200',
      'POST /organizations 201',
      'POST /locations 201',
      // Its number was provisioned after the create answered: read for the report.
      'GET /organizations 200',
    ]);
    const live = (await api.t.api('GET', '/organizations', undefined, CANARY_KEY))
      .body as {
      phone_numbers: { phone_number: string }[];
    }[];
    const number = live[0]?.phone_numbers[0]?.phone_number ?? '';
    expect(number).toMatch(/^\+1617\d{7}$/);
    const results = readFileSync(
      join(workDir(), 'reports', runId, 'results.csv'),
      'utf8',
    );
    expect(results.split('\r\n').filter((row) => row.includes(number))).toHaveLength(1);
    const summary = JSON.parse(
      readFileSync(join(workDir(), 'reports', runId, 'summary.json'), 'utf8'),
    ) as { totals: { newPhoneNumbers: number } };
    expect(summary.totals.newPhoneNumbers).toBe(1);
  });
});
