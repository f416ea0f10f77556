import { describe, expect, it } from 'vitest';
import type { UpdateLocationOp } from '../../src/plan/plan-types.js';
import { buildReportModel } from '../../src/report/build-model.js';
import { failedAdvice } from '../../src/report/model-failures.js';
import { targetOf } from '../../src/report/model-operations.js';
import { OPS, sampleInput, sampleRun } from './support/model-fixture.js';

describe('buildReportModel operation rows', () => {
  it('flattens a recorded operation with its ids, number and times', () => {
    const model = buildReportModel(sampleInput());

    expect(model.operations.find((row) => row.id === OPS.newLocation)).toEqual({
      seq: 3,
      id: OPS.newLocation,
      tenant: 'c-new',
      entity: 'location',
      action: 'create',
      kind: 'create-location',
      outcome: 'created',
      status: 'succeeded',
      attempts: 1,
      target: 'Main',
      // The organization its create-organization produced.
      organizationId: 500,
      userId: null,
      locationId: 501,
      phoneNumber: '+16175550142',
      error: null,
      file: 'customers.csv',
      line: 4,
      startedAt: '2025-03-02T09:15:00.000Z',
      finishedAt: '2025-03-02T09:15:04.000Z',
      durationMs: 200,
    });
  });

  it('lists every operation of a plan as planned, in plan order', () => {
    const model = buildReportModel(
      sampleInput({ operations: null, run: sampleRun({ status: 'planned' }) }),
    );

    expect(
      model.operations.map((row) => [row.seq, row.id, row.status, row.outcome]),
    ).toEqual([
      [0, OPS.conflictLocations, 'planned', 'pending'],
      [1, OPS.newOrg, 'planned', 'pending'],
      [2, OPS.newUser, 'planned', 'pending'],
      [3, OPS.newLocation, 'planned', 'pending'],
      [4, OPS.updOrg, 'planned', 'pending'],
      [5, OPS.updRole, 'planned', 'pending'],
      [6, OPS.updLocation, 'planned', 'pending'],
    ]);
    expect(model.operations.map((row) => row.organizationId)).toEqual([
      50,
      null,
      null,
      null,
      10,
      10,
      10,
    ]);
  });

  it('names the target of an update-location by the name in its id when unchanged', () => {
    const operation: UpdateLocationOp = {
      kind: 'update-location',
      id: 'c%2F1/location:update:north %3A annex',
      tenant: 'c/1',
      dependsOn: [],
      source: null,
      locationId: 7,
      body: { address: '1 Main St' },
      changes: [],
    };

    expect(targetOf(operation)).toBe('north : annex');
    expect(targetOf({ ...operation, body: { name: 'North Annex' } })).toBe('North Annex');
  });
});

describe('buildReportModel failures', () => {
  it('lists failed, then skipped, then conflicts, each with a reason and an action', () => {
    const model = buildReportModel(sampleInput());

    expect(model.failures).toEqual([
      {
        tenant: 'c-new',
        outcome: 'failed',
        entity: 'user',
        operationId: OPS.newUser,
        target: 'c-new-u1',
        reason: 'HTTP 422: the email is invalid.',
        action:
          'The API rejected the data: correct the record in the export, then run ' +
          '`aa-sync apply` again.',
        file: 'customers.csv',
        line: 3,
      },
      {
        tenant: 'c-upd',
        outcome: 'skipped',
        entity: 'organization',
        operationId: OPS.updOrg,
        target: 'New Name',
        reason: 'skipped: c-x/organization:create failed',
        action:
          'Fix the failure it depends on, then run `aa-sync retry-failed 20250302-091500-ab12`.',
        file: 'customers.csv',
        line: 2,
      },
      {
        tenant: 'c-conf',
        outcome: 'conflict',
        entity: 'organization',
        operationId: null,
        target: null,
        reason: 'owner "c-conf-owner" holds role owner in several organizations (40, 41)',
        action:
          'The owner owns several organizations, so aa-sync cannot tell which is this ' +
          "customer's: give the customer an owner of its own in the export, or remove " +
          'the owner from the organizations that are not its, then run `aa-sync plan` again.',
        file: null,
        line: null,
      },
      {
        tenant: 'c-conf-loc',
        outcome: 'conflict',
        entity: 'location',
        operationId: null,
        target: 'Depot',
        reason: '2 live locations match by name (51, 52)',
        action:
          'Delete or rename the duplicate live locations in the partner dashboard, or give ' +
          'the location a distinct name in the export, then run `aa-sync plan` again.',
        file: 'customers.csv',
        line: 3,
      },
    ]);
  });

  it('places a conflict at its customer first record when the run kept it', () => {
    const sources = new Map([
      [
        'c-conf',
        [
          {
            file: 'export.csv',
            format: 'csv' as const,
            line: 12,
            endLine: 12,
            raw: { kind: 'csv' as const, header: ['customer_id'], cells: ['c-conf'] },
          },
        ],
      ],
    ]);

    const model = buildReportModel(sampleInput({ sources }));

    const conflict = model.failures.find((row) => row.tenant === 'c-conf');
    expect([conflict?.file, conflict?.line]).toEqual(['export.csv', 12]);
  });
});

describe('buildReportModel tables', () => {
  it('gives each rejected record its own problems, or says its customer has them', () => {
    const model = buildReportModel(sampleInput());

    expect(model.rejected).toEqual([
      {
        key: 'c-bad',
        file: 'customers.csv',
        line: 8,
        problems: [
          {
            column: 'owner_email (column 4)',
            value: 'not-an-email',
            reason: 'owner_email is not an email address',
            hint: 'Write it as name@example.com.',
          },
        ],
      },
      {
        key: 'c-bad',
        file: 'customers.csv',
        line: 9,
        problems: [
          {
            column: null,
            value: null,
            reason:
              'rejected with its customer: another record of the customer has a problem',
            hint: null,
          },
        ],
      },
      {
        key: null,
        file: 'customers.csv',
        line: 10,
        problems: [
          {
            column: null,
            value: null,
            reason: 'the record has neither customer_id nor owner_external_id',
            hint: null,
          },
        ],
      },
    ]);
  });

  it('lists every update with its old and new values and its outcome', () => {
    const model = buildReportModel(sampleInput());

    expect(model.updates).toEqual([
      {
        tenant: 'c-upd',
        operationId: OPS.updOrg,
        entity: 'organization',
        target: 'New Name',
        outcome: 'skipped',
        changes: [{ field: 'name', from: 'Old Name', to: 'New Name', fromKnown: true }],
      },
      {
        tenant: 'c-upd',
        operationId: OPS.updRole,
        entity: 'user',
        target: 'c-upd-u2',
        outcome: 'updated',
        changes: [{ field: 'role', from: 'user', to: 'manager', fromKnown: true }],
      },
    ]);
  });

  it('lists drift and unmanaged organizations as the plan found them', () => {
    const model = buildReportModel(sampleInput());

    expect(model.drift).toEqual([
      {
        tenant: 'c-same',
        locationId: 31,
        location: 'Main',
        expected: '617',
        actual: '508',
        phoneNumber: '+15085550100',
      },
    ]);
    expect(model.unmanaged).toEqual([
      {
        organizationId: 99,
        name: 'Stranger LLC',
        rememberedAs: null,
        wouldDelete: false,
      },
    ]);
  });
});

describe('failedAdvice', () => {
  const retry = '`aa-sync retry-failed 20250302-091500-ab12`';

  it('splits off the last sentence, the advice, when the API message has several', () => {
    const error =
      'HTTP 401: Unauthenticated. The API key was refused, so the run stops. Check that ' +
      'ANSWERING_AGENT_API_KEY holds a current key, then run `aa-sync resume`.';

    expect(failedAdvice(error, retry)).toEqual({
      reason: 'HTTP 401: Unauthenticated. The API key was refused, so the run stops.',
      action:
        'Check that ANSWERING_AGENT_API_KEY holds a current key, then run `aa-sync resume`.',
    });
  });

  it('gives the fixed advice for a message of one sentence, or none', () => {
    const action = `Fix the cause above, then run ${retry}.`;

    expect(failedAdvice('socket hang up (version 1.2)', retry)).toEqual({
      reason: 'socket hang up (version 1.2)',
      action,
    });
    expect(failedAdvice(null, retry)).toEqual({
      reason: 'the operation failed; no message was recorded',
      action,
    });
  });
});
