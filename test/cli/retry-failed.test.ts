/**
 * An operation that fails for good (a 422) ends the run as partial, skips only
 * what depends on it, and `retry-failed` later runs exactly those operations.
 */
import { describe, expect, it } from 'vitest';
import type { CliResult } from '../support/cli.js';
import type { ApplyApi } from './support/apply-cli.js';
import {
  CANARY_KEY,
  arrived,
  createdOnce,
  line,
  locationCreates,
  organizationCreates,
  runBuilt,
  runIdOf,
  startApi,
  statusById,
  statusOf,
  writeCustomers,
  writesOf,
} from './support/apply-cli.js';

const CUSTOMERS = 3;
/** The organization made by hand, which no customer of the export claims. */
const UNRELATED_ORG = 1000001;

/** Applies a plan whose customer 002 cannot be created; returns the run id. */
async function partialRun(api: ApplyApi): Promise<CliResult> {
  writeCustomers(CUSTOMERS);
  const unrelated = await api.t.api(
    'POST',
    '/organizations',
    { name: 'Unrelated', owner: { external_id: 'hand-owner', email: 'h@hand.example' } },
    CANARY_KEY,
  );
  expect(unrelated.body.organization.id).toBe(UNRELATED_ORG);
  const planned = await runBuilt(
    ['plan', 'customers.csv', '--out', 'plan.json'],
    api.env,
  );
  expect(planned.code).toBe(0);
  // Between plan and apply someone gives customer 002's owner id to another person.
  const taken = await api.t.api(
    'POST',
    `/users?organization_id=${UNRELATED_ORG}`,
    { external_id: 'own-002', email: 'someone@else.example', role: 'user' },
    CANARY_KEY,
  );
  expect(taken.status).toBe(201);
  return runBuilt(['apply', '--plan', 'plan.json', '--yes', '--rate', '50'], api.env);
}

describe('aa-sync retry-failed', () => {
  it('follows a run that ended partial (exit 5): the 422 failed, its dependent skipped', async () => {
    const api = await startApi();
    const partial = await partialRun(api);

    const runId = runIdOf(partial);
    expect(partial.stdout).toContain(
      `Run ${runId} partial: 6 operations: 4 succeeded, 0 adopted, 1 failed, 1 skipped, 0 not done.\n` +
        `See the failures with \`aa-sync status ${runId} --state-dir state\` or in the report; after fixing their cause, run ` +
        `\`aa-sync retry-failed ${runId} --state-dir state\`.\n`,
    );
    expect(partial.code).toBe(5);
    const status = await statusOf(api, runId);
    expect([status.run.status, status.run.exitCode]).toEqual(['partial', 5]);
    expect(statusById(status)).toEqual({
      '001/organization:create': 'succeeded',
      '002/organization:create': 'failed',
      '003/organization:create': 'succeeded',
      '001/location:create:store 1': 'succeeded',
      '002/location:create:store 2': 'skipped',
      '003/location:create:store 3': 'succeeded',
    });
    const failed = status.operations.find((op) => op.status === 'failed');
    expect(failed?.lastError).toContain('422');
    const skipped = status.operations.find((op) => op.status === 'skipped');
    expect(skipped?.lastError).toBe('skipped: 002/organization:create failed');
  });

  it('reruns only the failed operation and what it skipped, once the cause is fixed', async () => {
    const api = await startApi();
    const runId = runIdOf(await partialRun(api));
    // The fix: the person who took the id is removed.
    const removed = await api.t.api('DELETE', '/users/own-002', undefined, CANARY_KEY);
    expect(removed.status).toBe(204);
    const before = (await arrived(api)).length;

    const retried = await runBuilt(
      ['retry-failed', runId, '--yes', '--rate', '50'],
      api.env,
    );

    const retryId = runIdOf(retried);
    expect(retryId).not.toBe(runId);
    const writes = writesOf((await arrived(api)).slice(before)).map(line);
    expect(writes).toEqual(['POST /organizations 201', 'POST /locations 201']);
    expect(retried.stdout).toContain(
      `Run ${retryId} completed: 2 operations: 2 succeeded, 0 adopted, 0 failed, 0 skipped, 0 not done.\n`,
    );
    expect(retried.code).toBe(0);
    const once = createdOnce(CUSTOMERS);
    expect(await organizationCreates(api)).toEqual({
      'hand-owner': 1,
      ...once.organizations,
    });
    expect(await locationCreates(api)).toEqual(once.locations);
    const retry = await statusOf(api, retryId);
    expect([retry.run.command, retry.run.parentRunId, retry.run.status]).toEqual([
      'retry-failed',
      runId,
      'completed',
    ]);
  });
});
