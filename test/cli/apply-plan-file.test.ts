/**
 * `apply --plan FILE` applies exactly a saved plan, and only while the live
 * state is still what the plan was made from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Operation, Plan } from '../../src/plan/plan-types.js';
import { workDir } from './support/e2e.js';
import type { ApplyApi } from './support/apply-cli.js';
import {
  CANARY_KEY,
  arrived,
  line,
  runBuilt,
  startApi,
  writeCustomers,
  writesOf,
} from './support/apply-cli.js';

/** The first organization id the emulator hands out. */
const FIRST_ORG = 1000001;

/** Customer 001 exists under an old name; 002 and 003 are new. */
async function planned(): Promise<ApplyApi> {
  const api = await startApi();
  writeCustomers(3);
  const created = await api.t.api(
    'POST',
    '/organizations',
    {
      name: 'Old Shop 1',
      owner: { external_id: 'own-001', email: 'o1@shop.example', name: 'Owner 1' },
    },
    CANARY_KEY,
  );
  expect(created.status).toBe(201);
  const plan = await runBuilt(['plan', 'customers.csv', '--out', 'plan.json'], api.env);
  expect(plan.code).toBe(0);
  return api;
}

function readPlan(): Plan {
  return JSON.parse(readFileSync(join(workDir(), 'plan.json'), 'utf8')) as Plan;
}

/** The request an operation of the plan becomes (method and path). */
function requestOf(op: Operation): string {
  if (op.kind === 'create-organization') return 'POST /organizations';
  if (op.kind === 'update-organization')
    return `PATCH /organizations/${op.organizationId}`;
  if (op.kind === 'create-location') return 'POST /locations';
  throw new Error(`this test's export plans no ${op.kind}`);
}

describe('aa-sync apply --plan FILE', () => {
  it('refuses a plan whose organization changed since: exit 7, names the customer, no write', async () => {
    const api = await planned();
    const renamed = await api.t.api(
      'PATCH',
      `/organizations/${FIRST_ORG}`,
      { name: 'Renamed by hand' },
      CANARY_KEY,
    );
    expect(renamed.status).toBe(200);
    const before = (await arrived(api)).length;

    const result = await runBuilt(['apply', '--plan', 'plan.json', '--yes'], api.env);

    expect(result.code).toBe(7);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'aa-sync: The plan no longer matches the live state:\n' +
        `  - customer "001": organization ${FIRST_ORG} changed since the plan was made\n` +
        'Run `aa-sync plan` again and review the new plan.\n' +
        `The plan in ${join(workDir(), 'plan.json')} was not applied; nothing was changed.\n`,
    );
    const after = (await arrived(api)).slice(before).map(line);
    expect(after).toEqual(['GET /organizations 200']);
  });

  it('refuses a plan when an organization was made since for a new customer', async () => {
    const api = await planned();
    const made = await api.t.api(
      'POST',
      '/organizations',
      { name: 'Shop 3', owner: { external_id: 'own-003', email: 'o3@shop.example' } },
      CANARY_KEY,
    );
    expect(made.status).toBe(201);
    const before = (await arrived(api)).length;

    const result = await runBuilt(['apply', '--plan', 'plan.json', '--yes'], api.env);

    expect(result.code).toBe(7);
    expect(result.stderr).toContain(
      `  - customer "003": organization ${FIRST_ORG + 1} now exists for it (made since the plan)\n`,
    );
    expect(writesOf((await arrived(api)).slice(before))).toEqual([]);
  });

  it('applies an unchanged plan: exit 0, and the writes are the plan operations', async () => {
    const api = await planned();
    const plan = readPlan();
    const operations = plan.tenants.flatMap((tenant) => tenant.operations);
    expect(operations.map((op) => op.id).sort()).toEqual([
      '001/location:create:store 1',
      '001/organization:update',
      '002/location:create:store 2',
      '002/organization:create',
      '003/location:create:store 3',
      '003/organization:create',
    ]);
    const before = (await arrived(api)).length;

    const result = await runBuilt(['apply', '--plan', 'plan.json', '--yes'], api.env);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Run \S+ completed: 6 operations: 6 succeeded, 0 adopted, 0 failed, 0 skipped, 0 not done\.$/m,
    );
    const seen = (await arrived(api)).slice(before);
    // The read of the live state, and the read for the new locations' numbers.
    expect(seen.filter((e) => e.method === 'GET').map(line)).toEqual([
      'GET /organizations 200',
      'GET /organizations 200',
    ]);
    const writes = writesOf(seen);
    expect(
      writes.map((e) => `${e.method} ${e.path.replace('/api/v1', '')}`).sort(),
    ).toEqual(operations.map(requestOf).sort());
    expect(writes.every((e) => e.status === 200 || e.status === 201)).toBe(true);
    const live = (await api.t.api('GET', '/organizations', undefined, CANARY_KEY))
      .body as {
      name: string;
      phone_numbers: { name: string }[];
    }[];
    expect(live.map((org) => [org.name, org.phone_numbers.map((l) => l.name)])).toEqual([
      ['Shop 1', ['Store 1']],
      ['Shop 2', ['Store 2']],
      ['Shop 3', ['Store 3']],
    ]);
  });
});
