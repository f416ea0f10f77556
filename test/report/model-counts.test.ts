import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/build-model.js';
import { outcomeOf } from '../../src/report/model-outcomes.js';
import {
  OPS,
  recordsOf,
  sampleInput,
  samplePlan,
  sampleRun,
  outcomeCounts,
} from './support/model-fixture.js';

const counts = outcomeCounts;

describe('outcomeOf', () => {
  it.each([
    ['succeeded', 'create-location', 'created'],
    ['succeeded', 'update-user', 'updated'],
    ['succeeded', 'set-user-role', 'updated'],
    ['succeeded', 'delete-organization', 'deleted'],
    // A create found by lookup after its answer was lost: aa-sync made it.
    ['adopted', 'create-user', 'created'],
    ['adopted', 'create-location', 'created'],
    ['failed', 'delete-location', 'failed'],
    ['skipped', 'create-user', 'skipped'],
    ['pending', 'create-user', 'pending'],
    ['in-flight', 'create-organization', 'pending'],
    ['planned', 'update-location', 'pending'],
  ] as const)('calls a %s %s %s', (status, kind, outcome) => {
    expect(outcomeOf(status, kind)).toBe(outcome);
  });
});

describe('buildReportModel counts', () => {
  it('counts each operation by its outcome and each tenant without operations once', () => {
    const model = buildReportModel(sampleInput());

    expect(model.counts).toEqual({
      // c-new created; c-adopt adopted; c-same unchanged; c-upd's update skipped;
      // c-conf a conflict; c-bad and the keyless record rejected.
      organization: counts({
        created: 1,
        adopted: 1,
        unchanged: 1,
        skipped: 1,
        conflict: 1,
        rejected: 2,
      }),
      // c-new's user failed; c-upd's role change succeeded.
      user: counts({ updated: 1, failed: 1 }),
      // c-conf-loc's North and c-new's Main created, c-upd's North pending, Depot a conflict.
      location: counts({ created: 2, pending: 1, conflict: 1 }),
      total: counts({
        created: 3,
        updated: 1,
        adopted: 1,
        unchanged: 1,
        pending: 1,
        failed: 1,
        skipped: 1,
        conflict: 2,
        rejected: 2,
      }),
    });
  });

  it('counts every operation of a plan as pending', () => {
    const model = buildReportModel(
      sampleInput({
        operations: null,
        run: sampleRun({ status: 'planned', options: null }),
      }),
    );

    expect(model.counts.organization).toEqual(
      counts({ pending: 2, adopted: 1, unchanged: 1, conflict: 1, rejected: 2 }),
    );
    expect(model.counts.user).toEqual(counts({ pending: 2 }));
    expect(model.counts.location).toEqual(counts({ pending: 3, conflict: 1 }));
  });

  it('counts a set-user-role as a user and a succeeded update as updated', () => {
    const runPlan = samplePlan();
    const input = sampleInput({ plan: runPlan, operations: recordsOf(runPlan) });

    const model = buildReportModel(input);

    expect(model.counts.organization.updated).toBe(1);
    expect(model.counts.user).toEqual(counts({ created: 1, updated: 1 }));
    expect(model.counts.location).toEqual(counts({ created: 3, conflict: 1 }));
  });

  it('counts a tenant matched by owner for the first time as adopted, with changes too', () => {
    const runPlan = samplePlan();
    const tenant = runPlan.tenants.find((entry) => entry.key === 'c-adopt');
    if (tenant === undefined) throw new Error('no c-adopt');
    expect([tenant.identity, tenant.status]).toEqual(['owner', 'adopt']);
    // As the plan summary counts it: adopted whether or not it also needs an update.
    tenant.status = 'update';

    const model = buildReportModel(sampleInput({ plan: runPlan, operations: null }));

    expect(model.counts.organization.adopted).toBe(1);
  });

  it('counts creates found by lookup after their answer was lost as created, not adopted', () => {
    const runPlan = samplePlan();
    // Both answers were lost; a lookup found what aa-sync's own attempts made.
    const operations = recordsOf(runPlan, {
      [OPS.newOrg]: { status: 'adopted', attempts: 2, result: { organizationId: 500 } },
      [OPS.newLocation]: {
        status: 'adopted',
        attempts: 3,
        result: { locationId: 501, phoneNumber: '+16175550142' },
        phoneNumber: '+16175550142',
      },
    });

    const model = buildReportModel(sampleInput({ plan: runPlan, operations }));

    // c-adopt, matched by owner, is the one organization adopted.
    expect(model.counts.organization).toEqual(
      counts({
        created: 1,
        updated: 1,
        adopted: 1,
        unchanged: 1,
        conflict: 1,
        rejected: 2,
      }),
    );
    expect(model.counts.location).toEqual(counts({ created: 3, conflict: 1 }));
    expect(
      model.operations
        .filter((row) => row.status === 'adopted')
        .map((row) => [row.id, row.status, row.outcome]),
    ).toEqual([
      [OPS.newOrg, 'adopted', 'created'],
      [OPS.newLocation, 'adopted', 'created'],
    ]);
    // The one created location with an area code is the one number provisioned.
    expect(model.totals.newPhoneNumbers).toBe(1);
    expect(model.tenants.find((t) => t.key === 'c-new')?.newPhoneNumbers).toEqual([
      '+16175550142',
    ]);
  });

  it('shows a number bought but not provisioned yet as being provisioned, with its area code', () => {
    const runPlan = samplePlan();
    const operations = recordsOf(runPlan, {
      [OPS.newLocation]: {
        result: { locationId: 501, phoneNumber: null },
        phoneNumber: null,
      },
    });

    const model = buildReportModel(sampleInput({ plan: runPlan, operations }));

    expect(model.totals.newPhoneNumbers).toBe(1);
    expect(model.tenants.find((t) => t.key === 'c-new')?.newPhoneNumbers).toEqual([
      'being provisioned (617)',
    ]);
  });

  it('gives the totals of customers, tenants, operations, numbers and traffic', () => {
    const model = buildReportModel(sampleInput());

    expect(model.totals).toEqual({
      customers: 8,
      rejectedCustomers: 2,
      tenants: 6,
      operations: 7,
      inFlight: 0,
      newPhoneNumbers: 1,
      requests: 13,
      rateLimited: 2,
      heldMs: 400,
      drift: 1,
      unmanaged: 1,
    });
  });

  it('counts the numbers a plan would provision', () => {
    const model = buildReportModel(sampleInput({ operations: null }));

    expect(model.totals.newPhoneNumbers).toBe(1);
  });
});

describe('buildReportModel tenants', () => {
  it('gives each tenant its result and its operation tallies', () => {
    const model = buildReportModel(sampleInput());

    expect(
      model.tenants.map((t) => [t.key, t.planStatus, t.result, t.organizationId]),
    ).toEqual([
      ['c-adopt', 'adopt', 'done', 20],
      ['c-conf', 'conflict', 'conflict', null],
      ['c-conf-loc', 'update', 'done', 50],
      ['c-new', 'create', 'failed', 500],
      ['c-same', 'unchanged', 'unchanged', 30],
      ['c-upd', 'update', 'failed', 10],
    ]);
    expect(model.tenants.find((t) => t.key === 'c-upd')).toEqual({
      key: 'c-upd',
      organizationId: 10,
      planStatus: 'update',
      result: 'failed',
      operations: 3,
      failed: 0,
      skipped: 1,
      pending: 1,
      newPhoneNumbers: [],
    });
    expect(model.tenants.find((t) => t.key === 'c-new')?.newPhoneNumbers).toEqual([
      '+16175550142',
    ]);
  });

  it('leaves the tenants of a plan pending, an adoption included', () => {
    const model = buildReportModel(sampleInput({ operations: null }));

    expect(model.tenants.map((t) => [t.key, t.result])).toEqual([
      ['c-adopt', 'pending'],
      ['c-conf', 'conflict'],
      ['c-conf-loc', 'pending'],
      ['c-new', 'pending'],
      ['c-same', 'unchanged'],
      ['c-upd', 'pending'],
    ]);
  });

  it('shows only the tenants a retry-failed run carries operations of', () => {
    const runPlan = samplePlan();
    const operations = recordsOf(runPlan).filter((r) => r.tenant === 'c-upd');

    const model = buildReportModel(
      sampleInput({
        plan: runPlan,
        operations,
        rejected: [],
        run: sampleRun({ command: 'retry-failed', parentRunId: '20250302-080000-0000' }),
      }),
    );

    expect(model.tenants.map((t) => t.key)).toEqual(['c-upd']);
    expect(model.counts.total).toEqual(counts({ created: 1, updated: 2 }));
    expect(model.failures).toEqual([]);
  });
});
