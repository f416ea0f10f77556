/**
 * A deterministic `ReportModel` for the report.html tests: N tenants cycling
 * through ten fates (created, updated, drifted, unchanged, failed, adopted,
 * in conflict), rejected rows, unmanaged organizations, updates, and one
 * traffic sample per second with 429s and a few silent seconds. Counts and
 * totals are tallied from the rows built, so they agree with them.
 */
import {
  OUTCOMES,
  type EntityKind,
  type FailureRow,
  type Outcome,
  type OutcomeCounts,
  type OperationRow,
  type ReportModel,
  type TenantRow,
  type UpdateRow,
} from '../../../src/report/report-types.js';
import {
  iso,
  operationBuckets,
  rejectedRows,
  SAMPLE_BUCKET_MS,
  SAMPLE_FILE,
  SAMPLE_OPERATION_MS,
  SAMPLE_START_MS,
  SAMPLE_TRAFFIC_BUCKET_MS,
  sampleHeader,
  sampleUnmanaged,
  trafficSamples,
} from './html-sample-parts.js';

export { SAMPLE_FILE } from './html-sample-parts.js';

/** The fate of tenant i is FATES[i % 10]. */
const FATES = [
  'create',
  'create',
  'create',
  'create',
  'update',
  'drift',
  'unchanged',
  'fail',
  'adopt',
  'conflict',
] as const;
type Fate = (typeof FATES)[number];

interface Planned {
  entity: EntityKind;
  kind: string;
  action: string;
  outcome: Outcome;
}

function planned(kind: string, outcome: Outcome): Planned {
  const [action, entity] = kind.split('-') as [string, EntityKind];
  return { entity, kind, action, outcome };
}

const CREATE_ALL = ['create-organization', 'create-user', 'create-location'];

/** Per fate: its operations, the plan's status and the tenant's result. */
const FATE_PLANS: Record<
  Fate,
  { ops: Planned[]; plan: string; result: TenantRow['result'] }
> = {
  create: {
    ops: CREATE_ALL.map((kind) => planned(kind, 'created')),
    plan: 'create',
    result: 'done',
  },
  update: {
    ops: [planned('update-organization', 'updated')],
    plan: 'update',
    result: 'done',
  },
  drift: { ops: [], plan: 'unchanged', result: 'unchanged' },
  unchanged: { ops: [], plan: 'unchanged', result: 'unchanged' },
  fail: {
    ops: CREATE_ALL.map((kind, index) =>
      planned(kind, index === 0 ? 'failed' : 'skipped'),
    ),
    plan: 'create',
    result: 'failed',
  },
  adopt: {
    ops: [planned('create-organization', 'adopted'), planned('create-user', 'created')],
    plan: 'adopt',
    result: 'done',
  },
  conflict: { ops: [], plan: 'conflict', result: 'conflict' },
};

const STATUS_OF: Partial<Record<Outcome, string>> = {
  created: 'succeeded',
  updated: 'succeeded',
  adopted: 'adopted',
  failed: 'failed',
  skipped: 'skipped',
};

export function tenantKey(index: number): string {
  return `cust-${String(index).padStart(5, '0')}`;
}

function zeroCounts(): OutcomeCounts {
  return Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as OutcomeCounts;
}

class Builder {
  readonly counts = {
    organization: zeroCounts(),
    user: zeroCounts(),
    location: zeroCounts(),
    total: zeroCounts(),
  };
  readonly operations: OperationRow[] = [];
  readonly tenants: TenantRow[] = [];
  readonly failures: FailureRow[] = [];
  readonly updates: UpdateRow[] = [];
  readonly drift: ReportModel['drift'] = [];

  count(entity: EntityKind, outcome: Outcome): void {
    this.counts[entity][outcome] += 1;
    this.counts.total[outcome] += 1;
  }

  addTenant(index: number): void {
    const fate = FATES[index % FATES.length]!;
    const key = tenantKey(index);
    const line = index + 2;
    const rows = FATE_PLANS[fate].ops.map((op) => this.addOperation(key, line, op));
    if (fate === 'update') this.addUpdate(key, rows[0]!);
    if (fate === 'drift') this.addDrift(key, index);
    if (fate === 'fail') this.addFailures(key, rows);
    if (fate === 'conflict') this.addConflict(key, line);
    if (rows.length === 0)
      this.count('organization', fate === 'conflict' ? 'conflict' : 'unchanged');
    this.tenants.push(tenantRow(key, index, fate, rows));
  }

  addOperation(tenant: string, line: number, op: Planned): OperationRow {
    const seq = this.operations.length;
    const finishedMs = SAMPLE_START_MS + (seq + 1) * SAMPLE_OPERATION_MS;
    const failed = op.outcome === 'failed';
    const row: OperationRow = {
      seq,
      id: `${tenant}/${op.entity}:${op.action}`,
      tenant,
      entity: op.entity,
      action: op.action,
      kind: op.kind,
      outcome: op.outcome,
      status: STATUS_OF[op.outcome] ?? 'pending',
      attempts: failed ? 3 : 1,
      target: op.entity === 'user' ? `${tenant}-owner` : `${tenant} Inc`,
      organizationId:
        op.outcome === 'failed' || op.outcome === 'skipped' ? null : 1000 + seq,
      userId: op.entity === 'user' ? 5000 + seq : null,
      locationId: op.entity === 'location' ? 8000 + seq : null,
      phoneNumber:
        op.entity === 'location' && op.outcome === 'created'
          ? `+1617555${String(seq % 10_000).padStart(4, '0')}`
          : null,
      error: failed ? 'HTTP 422: name is already taken' : null,
      file: SAMPLE_FILE,
      line,
      startedAt: iso(finishedMs - SAMPLE_OPERATION_MS),
      finishedAt: iso(finishedMs),
      durationMs: SAMPLE_OPERATION_MS,
    };
    this.operations.push(row);
    this.count(op.entity, op.outcome);
    return row;
  }

  addUpdate(tenant: string, row: OperationRow): void {
    this.updates.push({
      tenant,
      operationId: row.id,
      entity: row.entity,
      target: row.target,
      outcome: row.outcome,
      changes: [
        { field: 'name', from: `${tenant} Old`, to: `${tenant} Inc`, fromKnown: true },
        { field: 'description', from: null, to: 'Dental care', fromKnown: false },
      ],
    });
  }

  addDrift(tenant: string, index: number): void {
    this.drift.push({
      tenant,
      locationId: 90_000 + index,
      location: 'Main',
      expected: 'area code 617',
      actual: 'area code 508',
      phoneNumber: `+1508555${String(index % 10_000).padStart(4, '0')}`,
    });
  }

  addFailures(tenant: string, rows: readonly OperationRow[]): void {
    for (const row of rows) {
      const failed = row.outcome === 'failed';
      this.failures.push({
        tenant,
        outcome: failed ? 'failed' : 'skipped',
        entity: row.entity,
        operationId: row.id,
        target: row.target,
        reason: failed ? 'HTTP 422: name is already taken' : `${rows[0]!.id} failed`,
        action: failed
          ? `Rename the organization in ${SAMPLE_FILE} line ${row.line}, then aa-sync retry-failed`
          : 'Nothing: retry-failed runs it once its dependency succeeds',
        file: row.file,
        line: row.line,
      });
    }
  }

  addConflict(tenant: string, line: number): void {
    this.failures.push({
      tenant,
      outcome: 'conflict',
      entity: 'organization',
      operationId: null,
      target: null,
      reason: `owner "${tenant}-owner" holds role owner in several organizations`,
      action: 'Remove the owner from all but one organization, then plan again',
      file: SAMPLE_FILE,
      line,
    });
  }
}

function tenantRow(
  key: string,
  index: number,
  fate: Fate,
  rows: OperationRow[],
): TenantRow {
  const numbers = rows.flatMap((row) =>
    row.phoneNumber === null ? [] : [row.phoneNumber],
  );
  const outcomes = rows.map((row) => row.outcome);
  return {
    key,
    organizationId: fate === 'fail' || fate === 'conflict' ? null : 1000 + index,
    planStatus: FATE_PLANS[fate].plan,
    result: FATE_PLANS[fate].result,
    operations: rows.length,
    failed: outcomes.filter((outcome) => outcome === 'failed').length,
    skipped: outcomes.filter((outcome) => outcome === 'skipped').length,
    pending: 0,
    newPhoneNumbers: numbers,
  };
}

/** The sample model of `tenants` tenants; the same arguments give the same model. */
export function sampleReportModel(tenants: number): ReportModel {
  const builder = new Builder();
  for (let index = 0; index < tenants; index += 1) builder.addTenant(index);
  const rejected = rejectedRows(Math.max(1, Math.floor(tenants / 10)), tenants + 2);
  for (const _ of rejected) builder.count('organization', 'rejected');
  const traffic = trafficSamples(builder.operations.length);
  const durationMs = (builder.operations.length + 1) * SAMPLE_OPERATION_MS;
  const failed = builder.failures.length > 0;
  const unmanaged = sampleUnmanaged();
  return {
    header: sampleHeader(durationMs, failed),
    counts: builder.counts,
    totals: {
      customers: tenants + rejected.length,
      rejectedCustomers: rejected.length,
      tenants,
      operations: builder.operations.length,
      inFlight: builder.operations.filter((row) => row.status === 'in-flight').length,
      newPhoneNumbers: builder.tenants.reduce(
        (sum, row) => sum + row.newPhoneNumbers.length,
        0,
      ),
      requests: traffic.reduce((sum, sample) => sum + sample.requests, 0),
      rateLimited: traffic.reduce((sum, sample) => sum + sample.rateLimited, 0),
      heldMs: traffic.reduce((sum, sample) => sum + sample.heldMs, 0),
      drift: builder.drift.length,
      unmanaged: unmanaged.length,
    },
    failures: builder.failures,
    tenants: builder.tenants,
    operations: builder.operations,
    rejected,
    updates: builder.updates,
    drift: builder.drift,
    unmanaged,
    charts: {
      bucketMs: SAMPLE_BUCKET_MS,
      operations: operationBuckets(builder.operations),
      traffic,
      trafficBucketMs: SAMPLE_TRAFFIC_BUCKET_MS,
    },
  };
}
