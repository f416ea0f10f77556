import { describe, expect, it } from 'vitest';
import type { Organization } from '../../src/api/types.js';
import type { RecordSource } from '../../src/input/records.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { PlanMemory } from '../../src/plan/memory.js';
import { buildReportModel } from '../../src/report/build-model.js';
import { renderFailedCsv } from '../../src/report/feedback-csv.js';
import { liveOrgs, memory, options } from '../plan/support.js';
import { assembleFiles, writeExport, writeText } from './support/model-export.js';
import { recordsOf, sampleInput } from './support/model-fixture.js';

const HEADER = [
  'customer_id',
  'org_name',
  'owner_external_id',
  'owner_email',
  'location_name',
  'location_area_code',
  'user_external_id',
  'user_email',
  'user_role',
];

/**
 * c1 unchanged in org 10; c2 new with a user and two locations; c3 renamed in
 * org 20; c4 and c5 new.
 */
const ROWS = [
  ['c1', 'One', 'o1', 'o1@example.com', '', '', '', '', ''],
  [
    'c2',
    '=Two',
    'o2',
    'o2@example.com',
    'Main',
    '617',
    'u2',
    'u2@example.com',
    'manager',
  ],
  ['c2', '=Two', 'o2', 'o2@example.com', 'North', '508', '', '', ''],
  ['c3', 'Three Renamed', 'o3', 'o3@example.com', '', '', '', '', ''],
  ['c4', 'Four', 'o4', 'o4@example.com', 'Depot', '', '', '', ''],
  ['c5', 'Five', 'o5', 'o5@example.com', '', '', '', '', ''],
];

function live(): Organization[] {
  return liveOrgs([
    {
      id: 10,
      name: 'One',
      members: [{ externalId: 'o1', role: 'owner', email: 'o1@example.com' }],
    },
    {
      id: 20,
      name: 'Three',
      members: [{ externalId: 'o3', role: 'owner', email: 'o3@example.com' }],
    },
  ]);
}

const remembered = (): PlanMemory => memory({ organizations: { c1: 10, c3: 20 } });

async function planFiles(
  files: string[],
): Promise<{ plan: Plan; sources: ReadonlyMap<string, readonly RecordSource[]> }> {
  const assembly = await assembleFiles(files);
  expect(assembly.rejected).toEqual([]);
  const plan = buildPlan({
    customers: assembly.customers,
    live: live(),
    memory: remembered(),
    options: options(),
    inputs: [],
  });
  return { plan, sources: assembly.sources };
}

/**
 * Applies `plan` with one location of c2 and c3's update failing: the other
 * records of c2 must come along, or planning again would see another customer.
 */
async function failedCsvOf(files: string[]): Promise<{ plan: Plan; file: string }> {
  const { plan, sources } = await planFiles(files);
  const operations = recordsOf(plan).map((record) => {
    if (
      record.id === 'c2/location:create:north' ||
      record.id === 'c3/organization:update'
    )
      return { ...record, status: 'failed' as const, lastError: 'HTTP 500. Try later.' };
    return record;
  });
  const input = sampleInput({ plan, operations, rejected: [], sources });
  const text = renderFailedCsv(input, buildReportModel(input));
  return { plan, file: await writeText('failed.csv', text) };
}

const operationIds = (plan: Plan) =>
  plan.tenants.map((tenant) => [tenant.key, tenant.operations.map((op) => op.id)]);

describe('failed.csv fed back as input', () => {
  it('plans exactly the customers whose operations failed, as before', async () => {
    const { plan, file } = await failedCsvOf([await writeExport(HEADER, ROWS)]);

    const again = await planFiles([file]);

    expect(again.plan.tenants.map((tenant) => tenant.key)).toEqual(['c2', 'c3']);
    expect(operationIds(again.plan)).toEqual(
      operationIds(plan).filter(([key]) => key === 'c2' || key === 'c3'),
    );
  });

  it('plans exactly the failed customers of an NDJSON export, written as CSV', async () => {
    const customers = [
      {
        customer_id: 'c1',
        name: 'One',
        owner: { external_id: 'o1', email: 'o1@example.com' },
      },
      {
        customer_id: 'c2',
        name: '=Two',
        owner: { external_id: 'o2', email: 'o2@example.com' },
        users: [{ external_id: 'u2', email: 'u2@example.com', role: 'manager' }],
        locations: [
          { name: 'Main', area_code: '617' },
          { name: 'North', area_code: '508' },
        ],
      },
      {
        customer_id: 'c3',
        name: 'Three Renamed',
        owner: { external_id: 'o3', email: 'o3@example.com' },
      },
      {
        customer_id: 'c4',
        name: 'Four',
        owner: { external_id: 'o4', email: 'o4@example.com' },
      },
    ];
    const ndjson = customers.map((entry) => JSON.stringify(entry)).join('\n');
    const { plan, file } = await failedCsvOf([
      await writeText('export.ndjson', `${ndjson}\n`),
    ]);

    const again = await planFiles([file]);

    expect(again.plan.tenants.map((tenant) => tenant.key)).toEqual(['c2', 'c3']);
    expect(operationIds(again.plan)).toEqual(
      operationIds(plan).filter(([key]) => key === 'c2' || key === 'c3'),
    );
  });
});
