import { describe, expect, it } from 'vitest';
import type { OperationRecord } from '../../src/checkpoint/run-types.js';
import type { Plan, UpdateOrganizationOp } from '../../src/plan/plan-types.js';
import { buildReportModel } from '../../src/report/build-model.js';
import { isCarried } from '../../src/checkpoint/run-types.js';
import { renderResultsCsv } from '../../src/report/results-csv.js';
import { renderSummaryJson } from '../../src/report/summary-json.js';
import type { ReportInput } from '../../src/report/report-types.js';
import {
  OPS,
  recordsOf,
  sampleInput,
  samplePlan,
  sampleRun,
  STARTED_AT,
  outcomeCounts,
} from './support/model-fixture.js';
import type { RecordPatch } from './support/model-fixture.js';

const PARENT_RUN_ID = '20250302-080000-0000';

/** As `createRun` records an operation `retry-failed` carried from its parent. */
const CARRIED: RecordPatch = {
  attempts: 0,
  startedAt: null,
  finishedAt: null,
  durationMs: null,
};

const counts = outcomeCounts;

/** A retry-failed run of `runPlan` holding the records of `ids`, patched. */
function retryInput(
  runPlan: Plan,
  ids: readonly string[],
  patches: Readonly<Record<string, RecordPatch>>,
): ReportInput {
  const operations = recordsOf(runPlan, patches).filter((r) => ids.includes(r.id));
  return sampleInput({
    plan: runPlan,
    operations,
    rejected: [],
    run: sampleRun({
      command: 'retry-failed',
      parentRunId: PARENT_RUN_ID,
      status: 'completed',
      exitCode: 0,
    }),
  });
}

/**
 * c-new's user failed in the parent run and succeeds now; its organization
 * (adopted by lookup in the parent) and its location (with a number) are
 * carried as done.
 */
function cNewRetry(): ReportInput {
  return retryInput(samplePlan(), [OPS.newOrg, OPS.newUser, OPS.newLocation], {
    [OPS.newOrg]: { ...CARRIED, status: 'adopted', result: { organizationId: 500 } },
    [OPS.newLocation]: {
      ...CARRIED,
      result: { locationId: 501, phoneNumber: '+16175550142' },
      phoneNumber: '+16175550142',
    },
    [OPS.newUser]: { attempts: 1, result: { userId: 700 } },
  });
}

describe('buildReportModel of a retry-failed run', () => {
  it('counts only the operations it performed, not those carried from its parent', () => {
    const model = buildReportModel(cNewRetry());

    expect(model.counts.organization).toEqual(counts({}));
    expect(model.counts.user).toEqual(counts({ created: 1 }));
    expect(model.counts.location).toEqual(counts({}));
    expect(model.counts.total).toEqual(counts({ created: 1 }));
    expect(model.totals.operations).toBe(1);
    expect(model.totals.newPhoneNumbers).toBe(0);
  });

  it('leaves the carried operations out of its rows, tables and charts', () => {
    const model = buildReportModel(cNewRetry());

    expect(
      model.operations.map((row) => [row.id, row.status, row.organizationId]),
    ).toEqual([
      // The organization id comes from the carried create's result.
      [OPS.newUser, 'succeeded', 500],
    ]);
    expect(model.tenants).toEqual([
      {
        key: 'c-new',
        organizationId: 500,
        planStatus: 'create',
        result: 'done',
        operations: 1,
        failed: 0,
        skipped: 0,
        pending: 0,
        newPhoneNumbers: [],
      },
    ]);
    // The user finished 3 s after the start; nothing carried is drawn.
    expect(model.charts.operations.map((b) => b.succeeded + b.adopted)).toEqual([
      0, 0, 0, 1,
    ]);
  });

  it("writes only its own operations to results.csv and summary.json's totals", () => {
    const input = cNewRetry();
    const model = buildReportModel(input);

    expect(renderResultsCsv(model).split('\r\n').slice(1)).toEqual([
      ',c-new,user,create,c-new-u1,succeeded,1,500,700,,,,customers.csv,3,' + OPS.newUser,
      '',
    ]);
    const summary = JSON.parse(renderSummaryJson(model)) as {
      totals: { operations: number; newPhoneNumbers: number };
    };
    expect([summary.totals.operations, summary.totals.newPhoneNumbers]).toEqual([1, 0]);
  });

  it('counts a create it found by lookup without sending anything as its own', () => {
    // reconcileCreates looks a create up first: found, it is adopted with 0 attempts,
    // but it was marked in flight, so it has a start.
    const input = retryInput(samplePlan(), [OPS.newOrg, OPS.newUser], {
      [OPS.newOrg]: { status: 'adopted', attempts: 0, result: { organizationId: 500 } },
      [OPS.newUser]: { status: 'failed', lastError: 'HTTP 422: the email is invalid.' },
    });

    const model = buildReportModel(input);

    expect(model.counts.total).toEqual(counts({ created: 1, failed: 1 }));
    expect(model.totals.operations).toBe(2);
  });

  it('does not count again the adoption of an organization its parent matched by owner', () => {
    const runPlan = samplePlan();
    const tenant = runPlan.tenants.find((entry) => entry.key === 'c-adopt');
    if (tenant === undefined) throw new Error('no c-adopt');
    const update: UpdateOrganizationOp = {
      kind: 'update-organization',
      id: 'c-adopt/organization:update',
      tenant: 'c-adopt',
      dependsOn: [],
      source: null,
      organizationId: 20,
      body: { name: 'c-adopt Renamed' },
      changes: [
        { field: 'name', from: 'c-adopt Inc', to: 'c-adopt Renamed', fromKnown: true },
      ],
    };
    tenant.status = 'update';
    tenant.operations = [update];

    const retry = buildReportModel(retryInput(runPlan, [update.id], {}));
    const first = buildReportModel(
      sampleInput({ plan: runPlan, operations: recordsOf(runPlan), rejected: [] }),
    );

    expect(retry.counts.organization).toEqual(counts({ updated: 1 }));
    expect(first.counts.organization.adopted).toBe(1);
  });
});

describe('isCarried', () => {
  const [base] = recordsOf(samplePlan()) as [OperationRecord];

  it.each([
    ['succeeded and never started', true, { ...CARRIED, status: 'succeeded' }],
    ['adopted and never started', true, { ...CARRIED, status: 'adopted' }],
    ['adopted by a lookup of this run', false, { status: 'adopted', attempts: 0 }],
    ['succeeded in this run', false, { status: 'succeeded', attempts: 1 }],
    ['pending and never started', false, { ...CARRIED, status: 'pending' }],
  ] as const)('calls a record %s carried: %s', (_, carried, patch) => {
    expect(isCarried({ ...base, startedAt: STARTED_AT, ...patch })).toBe(carried);
  });
});
