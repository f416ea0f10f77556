/**
 * The API going down in the middle of apply: the circuit breaker ends the run
 * as resumable instead of failing its operations, and resume finishes it
 * without creating anything twice.
 */
import { describe, expect, it } from 'vitest';
import { finished } from '../support/cli.js';
import {
  arrived,
  createdOnce,
  locationCreates,
  organizationCreates,
  runBuilt,
  runIdOf,
  setFaults,
  spawnBuilt,
  startApi,
  statusOf,
  waitForRequests,
  writeCustomers,
} from './support/apply-cli.js';

const CUSTOMERS = 12;

describe('apply while the API fails every request', () => {
  it('ends interrupted (exit 6) with no failed operation; resume completes it once', async () => {
    const api = await startApi();
    writeCustomers(CUSTOMERS);
    await setFaults(api, { latencyMs: 100 });
    const running = finished(
      spawnBuilt(
        [
          'apply',
          'customers.csv',
          '--yes',
          '--max-outage-ms',
          '2000',
          '--max-retry-ms',
          '1000',
        ],
        api.env,
      ),
    );
    await waitForRequests(
      api,
      (entries) => entries.some((e) => e.method === 'POST' && e.status === 201),
      'a first create',
    );
    await setFaults(api, { errorRate: 1 });
    const result = await running;

    expect(result.code).toBe(6);
    const runId = runIdOf(result);
    expect(result.stdout).toContain(
      'The API kept failing, so the run paused instead of failing every operation.\n' +
        `Continue with \`aa-sync resume ${runId} --state-dir state\`: operations in flight are looked up ` +
        'before anything is sent again.\n',
    );
    const interrupted = await statusOf(api, runId);
    expect(interrupted.run.status).toBe('interrupted');
    expect(interrupted.run.exitCode).toBe(6);
    expect(interrupted.run.counts.failed).toBe(0);
    expect(interrupted.run.counts.skipped).toBe(0);
    expect(interrupted.operations.filter((op) => op.status === 'failed')).toEqual([]);

    await setFaults(api, {});
    const logged = (await arrived(api)).length;
    const unconfirmed = await runBuilt(['resume', runId], api.env);
    expect(unconfirmed.code).toBe(64);
    expect(unconfirmed.stderr).toContain('give --yes');
    expect(await arrived(api)).toHaveLength(logged);

    const resumed = await runBuilt(['resume', runId, '--yes', '--rate', '50'], api.env);
    expect(resumed.stdout).toContain(`Run ${runId} completed: 24 operations: `);
    expect(resumed.code).toBe(0);
    const once = createdOnce(CUSTOMERS);
    expect(await organizationCreates(api)).toEqual(once.organizations);
    expect(await locationCreates(api)).toEqual(once.locations);
    const completed = await statusOf(api, runId);
    expect([
      completed.run.status,
      completed.run.done,
      completed.run.counts.failed,
    ]).toEqual(['completed', 24, 0]);
  });
});
