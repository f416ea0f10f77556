/**
 * A key revoked in the middle of a run stops it at the first 401: nothing is
 * sent after it, the run is recorded as stopped, and resuming with a valid
 * key finishes it.
 */
import { describe, expect, it } from 'vitest';
import type { CliResult } from '../support/cli.js';
import type { ApplyApi } from './support/apply-cli.js';
import {
  CANARY_KEY,
  PARTNER,
  SECOND_KEY,
  arrived,
  createdOnce,
  envFor,
  line,
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
import { finished } from '../support/cli.js';

const CUSTOMERS = 6;
/** Organizations created before the key is revoked. */
const CREATED_BEFORE = 3;

/** Applies CUSTOMERS customers slowly and revokes the key after CREATED_BEFORE creates. */
async function revokedMidRun(api: ApplyApi): Promise<CliResult> {
  writeCustomers(CUSTOMERS);
  await setFaults(api, { latencyMs: 100 });
  const child = spawnBuilt(
    ['apply', 'customers.csv', '--yes', '--rate', '20', '--concurrency', '2'],
    api.env,
  );
  const result = finished(child);
  await waitForRequests(
    api,
    (entries) =>
      entries.filter((e) => e.method === 'POST' && e.status === 201).length >=
      CREATED_BEFORE,
    `${CREATED_BEFORE} creates`,
  );
  const revoked = await api.t.control('POST', '/keys/revoke', { key: CANARY_KEY });
  expect(revoked.status).toBe(200);
  return result;
}

describe('a 401 in the middle of apply', () => {
  it('stops the run: exit 4, status stopped, and no request after the 401', async () => {
    const api = await startApi();
    const result = await revokedMidRun(api);

    expect(result.code).toBe(4);
    const runId = runIdOf(result);
    expect(result.stdout).toContain(`Run ${runId} stopped: 12 operations: `);
    expect(result.stdout).toContain(
      `Set a valid key, then run \`aa-sync resume ${runId} --state-dir state\`.\n`,
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain(CANARY_KEY);
    const seen = await arrived(api);
    const refused = seen.filter((e) => e.status === 401);
    expect(refused.map(line)).toEqual(['POST /organizations 401']);
    // Ordered by arrival, the refusal is the last request: nothing followed it.
    expect(seen.at(-1)).toEqual(refused[0]);
    const status = await statusOf(api, runId);
    expect(status.run.status).toBe('stopped');
    expect(status.run.exitCode).toBe(4);
  });

  it('is finished by resume with a valid key: exit 0, every create once', async () => {
    const api = await startApi();
    const stopped = await revokedMidRun(api);
    expect(stopped.code).toBe(4);
    await setFaults(api, {});
    const added = await api.t.control('POST', '/keys', {
      partner: PARTNER,
      key: SECOND_KEY,
    });
    expect(added.status).toBe(201);

    const result = await runBuilt(
      ['resume', runIdOf(stopped), '--yes', '--rate', '50'],
      envFor(api.t, SECOND_KEY),
    );

    expect(result.stdout).toContain(`Run ${runIdOf(stopped)} completed: 12 operations: `);
    expect(result.code).toBe(0);
    const once = createdOnce(CUSTOMERS);
    expect(await organizationCreates(api)).toEqual(once.organizations);
    expect(await locationCreates(api)).toEqual(once.locations);
  });
});
