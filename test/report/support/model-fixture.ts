/**
 * Report inputs for the model, summary and CSV tests: a real plan (from the
 * planner's own test helpers) of customers chosen to give every tenant status,
 * the run records that apply it with chosen outcomes, rejected customers and
 * traffic. Everything is fixed: no clock, no randomness.
 */
import type {
  OperationRecord,
  OperationStatus,
} from '../../../src/checkpoint/run-types.js';
import type { RejectedCustomer } from '../../../src/input/assemble.js';
import type { RecordSource } from '../../../src/input/records.js';
import type { Plan } from '../../../src/plan/plan-types.js';
import type {
  OutcomeCounts,
  ReportInput,
  ReportRun,
  TrafficSample,
} from '../../../src/report/report-types.js';
import {
  INPUTS,
  customer,
  liveLocation,
  liveOrgs,
  memory,
  plan,
} from '../../plan/support.js';

export const RUN_ID = '20250302-091500-ab12';
export const STARTED_AT = '2025-03-02T09:15:00.000Z';
export const FINISHED_AT = '2025-03-02T09:17:05.500Z';
export const GENERATED_AT = '2025-03-02T09:17:06.000Z';
export const BASE_URL = 'https://playground.answeringagent.com/api/v1';

/** The operation ids of `samplePlan`, in plan order. */
export const OPS = {
  conflictLocations: 'c-conf-loc/location:create:north',
  newOrg: 'c-new/organization:create',
  newUser: 'c-new/user:create:c-new-u1',
  newLocation: 'c-new/location:create:main',
  updOrg: 'c-upd/organization:update',
  updRole: 'c-upd/user:role:c-upd-u2',
  updLocation: 'c-upd/location:create:north',
} as const;

/**
 * - c-adopt: owner owns live org 20, nothing differs (status adopt);
 * - c-conf: its owner owns orgs 40 and 41 (owner-ambiguous conflict);
 * - c-conf-loc: remembered org 50 with two live "Depot" locations (a location
 *   conflict) and a new location "North";
 * - c-new: a new organization with a user and a location with area code 617;
 * - c-same: remembered org 30, nothing differs, area code drift on "Main";
 * - c-upd: remembered org 10, renamed, its user c-upd-u2 made a manager, and a
 *   new location "North";
 * - live org 99 belongs to no customer (unmanaged).
 */
export function samplePlan(): Plan {
  const live = liveOrgs([
    {
      id: 10,
      name: 'Old Name',
      members: [
        { externalId: 'c-upd-owner', role: 'owner' },
        { externalId: 'c-upd-u2', role: 'user' },
      ],
    },
    {
      id: 20,
      name: 'c-adopt Inc',
      members: [{ externalId: 'c-adopt-owner', role: 'owner' }],
    },
    {
      id: 30,
      name: 'c-same Inc',
      members: [{ externalId: 'c-same-owner', role: 'owner' }],
      locations: [liveLocation(31, 'Main', { phone: '+15085550100' })],
    },
    { id: 40, name: 'Conf A', members: [{ externalId: 'c-conf-owner', role: 'owner' }] },
    { id: 41, name: 'Conf B', members: [{ externalId: 'c-conf-owner', role: 'owner' }] },
    {
      id: 50,
      name: 'c-conf-loc Inc',
      members: [{ externalId: 'c-conf-loc-owner', role: 'owner' }],
      locations: [liveLocation(51, 'Depot'), liveLocation(52, 'Depot')],
    },
    {
      id: 99,
      name: 'Stranger LLC',
      members: [{ externalId: 'stranger', role: 'owner' }],
    },
  ]);
  return plan(
    [
      customer('c-adopt'),
      customer('c-conf'),
      customer('c-conf-loc', { locations: [{ name: 'Depot' }, { name: 'North' }] }),
      customer('c-new', {
        users: [{ externalId: 'c-new-u1', role: 'manager' }],
        locations: [{ name: 'Main', areaCode: '617' }],
      }),
      customer('c-same', { locations: [{ name: 'Main', areaCode: '617' }] }),
      customer('c-upd', {
        name: 'New Name',
        users: [{ externalId: 'c-upd-u2', role: 'manager' }],
        locations: [{ name: 'North' }],
      }),
    ],
    live,
    {
      memory: memory({ organizations: { 'c-same': 30, 'c-upd': 10, 'c-conf-loc': 50 } }),
      rejected: ['c-bad', null],
    },
  );
}

export type RecordPatch = Partial<
  Pick<
    OperationRecord,
    | 'status'
    | 'attempts'
    | 'lastError'
    | 'result'
    | 'phoneNumber'
    | 'startedAt'
    | 'finishedAt'
    | 'durationMs'
  >
>;

/**
 * The run's records of every operation of `runPlan`: succeeded after one
 * attempt, finished one second apart from the run's start, unless `patches`
 * says otherwise for an operation id.
 */
export function recordsOf(
  runPlan: Plan,
  patches: Readonly<Record<string, RecordPatch>> = {},
): OperationRecord[] {
  const operations = runPlan.tenants.flatMap((tenant) => tenant.operations);
  return operations.map((operation, seq) => {
    const finishedAt = new Date(Date.parse(STARTED_AT) + (seq + 1) * 1000).toISOString();
    const base: OperationRecord = {
      runId: RUN_ID,
      seq,
      id: operation.id,
      tenant: operation.tenant,
      kind: operation.kind,
      operation,
      dependsOn: operation.dependsOn,
      status: 'succeeded' satisfies OperationStatus,
      attempts: 1,
      lastError: null,
      result: {},
      phoneNumber: null,
      startedAt: STARTED_AT,
      finishedAt,
      durationMs: 200,
    };
    return { ...base, ...patches[operation.id] };
  });
}

/** The outcomes of the sample run: one failure, one skip, one still pending. */
export const SAMPLE_PATCHES: Readonly<Record<string, RecordPatch>> = {
  [OPS.newOrg]: { result: { organizationId: 500 } },
  [OPS.newUser]: {
    status: 'failed',
    attempts: 1,
    durationMs: 350,
    lastError:
      'HTTP 422: the email is invalid. The API rejected the data: correct the record ' +
      'in the export, then run `aa-sync apply` again.',
  },
  [OPS.newLocation]: {
    result: { locationId: 501, phoneNumber: '+16175550142' },
    phoneNumber: '+16175550142',
  },
  [OPS.updOrg]: {
    status: 'skipped',
    attempts: 0,
    lastError: 'skipped: c-x/organization:create failed',
    startedAt: null,
    durationMs: null,
  },
  [OPS.updLocation]: {
    status: 'pending',
    attempts: 0,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
  },
  [OPS.conflictLocations]: { result: { locationId: 53 } },
};

/** A CSV record of the export at `line`. */
export function csvRecord(
  line: number,
  cells: string[],
  header: readonly string[] = SAMPLE_HEADER,
): RecordSource {
  return {
    file: 'customers.csv',
    format: 'csv',
    line,
    endLine: line,
    raw: { kind: 'csv', header, cells },
  };
}

export const SAMPLE_HEADER = [
  'customer_id',
  'org_name',
  'owner_external_id',
  'owner_email',
];

/** c-bad (an invalid email) and a record without a key. */
export function sampleRejected(): RejectedCustomer[] {
  return [
    {
      key: 'c-bad',
      records: [
        csvRecord(8, ['c-bad', 'Bad Inc', 'c-bad-owner', 'not-an-email']),
        csvRecord(9, ['c-bad', 'Bad Inc', 'c-bad-owner', '']),
      ],
      problems: [
        {
          code: 'email',
          file: 'customers.csv',
          line: 8,
          column: 'owner_email (column 4)',
          value: 'not-an-email',
          reason: 'owner_email is not an email address',
          hint: 'Write it as name@example.com.',
        },
      ],
    },
    {
      key: null,
      records: [csvRecord(10, ['', 'Nobody Inc', '', 'x@example.com'])],
      problems: [
        {
          code: 'no-key',
          file: 'customers.csv',
          line: 10,
          reason: 'the record has neither customer_id nor owner_external_id',
        },
      ],
    },
  ];
}

/** Four seconds of traffic, one with two 429s. */
export const SAMPLE_TRAFFIC: TrafficSample[] = [
  { atMs: Date.parse(STARTED_AT), requests: 4, rateLimited: 0, heldMs: 0, pacedRate: 5 },
  {
    atMs: Date.parse(STARTED_AT) + 1000,
    requests: 6,
    rateLimited: 2,
    heldMs: 400,
    pacedRate: 3,
  },
  {
    atMs: Date.parse(STARTED_AT) + 3000,
    requests: 3,
    rateLimited: 0,
    heldMs: 0,
    pacedRate: 4,
  },
];

export function sampleRun(fields: Partial<ReportRun> = {}): ReportRun {
  return {
    id: RUN_ID,
    command: 'apply',
    baseUrl: BASE_URL,
    inputs: INPUTS,
    options: { rate: 10, burst: 5, concurrency: 4 },
    parentRunId: null,
    status: 'partial',
    startedAt: STARTED_AT,
    finishedAt: FINISHED_AT,
    exitCode: 5,
    ...fields,
  };
}

/** The sample run: its plan, records with SAMPLE_PATCHES, rejects and traffic. */
export function sampleInput(fields: Partial<ReportInput> = {}): ReportInput {
  const runPlan = samplePlan();
  return {
    run: sampleRun(),
    plan: runPlan,
    operations: recordsOf(runPlan, SAMPLE_PATCHES),
    rejected: sampleRejected(),
    sources: new Map(),
    traffic: SAMPLE_TRAFFIC,
    generatedAt: GENERATED_AT,
    ...fields,
  };
}

/** Outcome counts: the given ones, 0 for every other outcome. */
export function outcomeCounts(given: Partial<OutcomeCounts> = {}): OutcomeCounts {
  return {
    created: 0,
    updated: 0,
    deleted: 0,
    adopted: 0,
    unchanged: 0,
    pending: 0,
    failed: 0,
    skipped: 0,
    conflict: 0,
    rejected: 0,
    ...given,
  };
}
