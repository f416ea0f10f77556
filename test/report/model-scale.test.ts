import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { OperationRecord } from '../../src/checkpoint/run-types.js';
import type { RejectedCustomer } from '../../src/input/assemble.js';
import type { Operation, Plan, TenantPlan } from '../../src/plan/plan-types.js';
import { buildReportModel } from '../../src/report/build-model.js';
import {
  csvRecord,
  RUN_ID,
  sampleInput,
  samplePlan,
  STARTED_AT,
} from './support/model-fixture.js';

const TENANTS = 10_000;
const USERS_PER_TENANT = 2;
const LOCATIONS_PER_TENANT = 2;
/** A generous bound: the build takes about 0.1 s here (it took 1 s before a fix). */
const MAX_BUILD_MS = 5_000;

function tenantOf(index: number): TenantPlan {
  const key = `c-${String(index).padStart(5, '0')}`;
  const org = `${key}/organization:create`;
  const source = { file: 'big.csv', line: index + 2 };
  const operations: Operation[] = [
    {
      kind: 'create-organization',
      id: org,
      tenant: key,
      dependsOn: [],
      source,
      body: { name: `${key} Inc`, owner: { external_id: `${key}-o`, email: 'o@x.io' } },
    },
  ];
  for (let user = 0; user < USERS_PER_TENANT; user += 1) {
    operations.push({
      kind: 'create-user',
      id: `${key}/user:create:u${user}`,
      tenant: key,
      dependsOn: [org],
      source,
      externalId: `${key}-u${user}`,
      body: {
        external_id: `${key}-u${user}`,
        email: 'u@x.io',
        organization_id: { ref: org },
        role: 'user',
      },
    });
  }
  for (let location = 0; location < LOCATIONS_PER_TENANT; location += 1) {
    operations.push({
      kind: 'create-location',
      id: `${key}/location:create:l${location}`,
      tenant: key,
      dependsOn: [org],
      source,
      areaCode: '617',
      body: { organization_id: { ref: org }, name: `L${location}`, area_code: '617' },
    });
  }
  return {
    key,
    organizationId: null,
    identity: 'new',
    status: 'create',
    liveFingerprint: null,
    operations,
    drift: [],
    notes: [],
    locationConflicts: [],
    unmanagedMembers: [],
    unmanagedLocations: [],
  };
}

function bigPlan(): Plan {
  const base = samplePlan();
  return {
    ...base,
    tenants: Array.from({ length: TENANTS }, (_, index) => tenantOf(index)),
    unmanaged: [],
  };
}

function recordsOf(plan: Plan): OperationRecord[] {
  const start = Date.parse(STARTED_AT);
  return plan.tenants
    .flatMap((tenant) => tenant.operations)
    .map((operation, seq) => ({
      runId: RUN_ID,
      seq,
      id: operation.id,
      tenant: operation.tenant,
      kind: operation.kind,
      operation,
      dependsOn: operation.dependsOn,
      // Every 100th operation fails.
      status: seq % 100 === 0 ? 'failed' : 'succeeded',
      attempts: 1,
      lastError: seq % 100 === 0 ? 'HTTP 500. The API kept failing.' : null,
      result: operation.kind === 'create-organization' ? { organizationId: seq } : {},
      phoneNumber: null,
      startedAt: STARTED_AT,
      finishedAt: new Date(start + seq * 50).toISOString(),
      durationMs: 40,
    }));
}

/** One customer with a thousand bad records: problems are placed without a scan each. */
function bigRejected(): RejectedCustomer[] {
  const records = Array.from({ length: 1000 }, (_, i) =>
    csvRecord(i + 2, ['x', '', '', '']),
  );
  const problems = records.map((record) => ({
    code: 'required',
    file: record.file,
    line: record.line,
    reason: 'org_name is required',
  }));
  return [{ key: 'x', records, problems }];
}

describe('buildReportModel at scale', () => {
  it('builds the model of 10,000 tenants and 50,000 operations in linear time', () => {
    const plan = bigPlan();
    const input = sampleInput({
      plan,
      operations: recordsOf(plan),
      rejected: bigRejected(),
    });

    const startedMs = performance.now();
    const model = buildReportModel(input);
    const tookMs = performance.now() - startedMs;

    expect(model.operations).toHaveLength(50_000);
    expect(model.tenants).toHaveLength(TENANTS);
    expect(model.counts.total.failed).toBe(500);
    expect(model.counts.total.created).toBe(49_500);
    expect(model.failures).toHaveLength(500);
    expect(model.rejected).toHaveLength(1000);
    expect(model.rejected.every((row) => row.problems.length === 1)).toBe(true);
    // 50,000 × 50 ms = 2,500 s of finishes: 30 s buckets, at most 120 of them.
    expect([model.charts.bucketMs, model.charts.operations.length]).toEqual([30_000, 84]);
    expect(tookMs).toBeLessThan(MAX_BUILD_MS);
  });
});
