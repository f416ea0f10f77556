/**
 * The operations a report is about, flattened into rows: a run's recorded
 * operations, or every operation of a plan (nothing applied, all `planned`).
 */
import type { OperationRecord } from '../checkpoint/run-types.js';
import { isCarried } from '../checkpoint/run-types.js';
import type { Operation } from '../plan/plan-types.js';
import { actionOf, entityOf, outcomeOf, PLANNED } from './model-outcomes.js';
import type { RowStatus } from './model-outcomes.js';
import type { OperationRow, ReportInput } from './report-types.js';

/** One operation with the row the report shows for it. */
export interface ModelOperation {
  row: OperationRow;
  operation: Operation;
  /** The run's record of it; null for a plan. */
  record: OperationRecord | null;
}

/**
 * The report's operations, in plan order (a run's in the order recorded). A
 * `retry-failed` run's carried operations are left out: they are its parent's
 * work, shown in the parent's report (see `isCarried`).
 */
export function collectOperations(input: ReportInput): ModelOperation[] {
  const records = input.operations;
  const orgIds = tenantOrganizations(input);
  if (records === null) {
    const operations = input.plan.tenants.flatMap((tenant) => tenant.operations);
    return operations.map((operation, seq) => ({
      row: rowOf(operation, seq, null, orgIds),
      operation,
      record: null,
    }));
  }
  const retry = input.run.parentRunId !== null;
  const own = retry ? records.filter((record) => !isCarried(record)) : records;
  return own.map((record) => ({
    row: rowOf(record.operation, record.seq, record, orgIds),
    operation: record.operation,
    record,
  }));
}

/**
 * Each tenant's organization id: the live one the plan matched, or the one its
 * create-organization produced (a carried one's included); so that a user or
 * location row of a new organization shows which organization it went into.
 */
function tenantOrganizations(input: ReportInput): Map<string, number> {
  const ids = new Map<string, number>();
  for (const tenant of input.plan.tenants) {
    if (tenant.organizationId !== null) ids.set(tenant.key, tenant.organizationId);
  }
  for (const record of input.operations ?? []) {
    const created = record.result?.organizationId;
    if (record.kind === 'create-organization' && created !== undefined) {
      ids.set(record.tenant, created);
    }
  }
  return ids;
}

/**
 * The row of one operation; `record` is null for a plan. Written as one object
 * literal: spreading a partial row into the rest made 50,000 rows several
 * times slower to build.
 */
function rowOf(
  operation: Operation,
  seq: number,
  record: OperationRecord | null,
  orgIds: ReadonlyMap<string, number>,
): OperationRow {
  const status: RowStatus = record?.status ?? PLANNED;
  const result = record?.result ?? null;
  return {
    seq,
    id: operation.id,
    tenant: operation.tenant,
    entity: entityOf(operation.kind),
    action: actionOf(operation.kind),
    kind: operation.kind,
    outcome: outcomeOf(status, operation.kind),
    status,
    attempts: record?.attempts ?? 0,
    target: targetOf(operation),
    organizationId:
      result?.organizationId ??
      organizationIdOf(operation) ??
      orgIds.get(operation.tenant) ??
      null,
    userId: result?.userId ?? null,
    locationId: result?.locationId ?? locationIdOf(operation),
    phoneNumber: record?.phoneNumber ?? result?.phoneNumber ?? null,
    error: record?.lastError ?? null,
    file: operation.source?.file ?? null,
    line: operation.source?.line ?? null,
    startedAt: record?.startedAt ?? null,
    finishedAt: record?.finishedAt ?? null,
    durationMs: record?.durationMs ?? null,
  };
}

/**
 * A name a person recognises: the organization's or location's name where the
 * operation carries it, a user's external id.
 */
export function targetOf(operation: Operation): string | null {
  switch (operation.kind) {
    case 'create-organization':
      return operation.body.name;
    case 'delete-organization':
      return operation.name;
    case 'update-organization':
      return operation.body.name ?? null;
    case 'create-user':
    case 'update-user':
    case 'set-user-role':
      return operation.externalId;
    case 'create-location':
      return operation.body.name ?? null;
    case 'update-location':
      return operation.body.name ?? idDetail(operation.id);
    case 'delete-location':
      return operation.name;
  }
}

/**
 * The last part of an operation id (an update-location's is its location's
 * normalised name), with the escapes of `idPart` in plan/diff-context.ts undone.
 */
function idDetail(id: string): string | null {
  const at = id.lastIndexOf(':');
  if (at === -1) return null;
  return id
    .slice(at + 1)
    .replace(/%(25|2F|3A)/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The organization an operation names itself, if it does. */
function organizationIdOf(operation: Operation): number | null {
  switch (operation.kind) {
    case 'update-organization':
    case 'delete-organization':
    case 'delete-location':
      return operation.organizationId;
    case 'create-user':
    case 'set-user-role':
    case 'create-location': {
      const target = operation.body.organization_id;
      return typeof target === 'number' ? target : null;
    }
    case 'create-organization':
    case 'update-user':
    case 'update-location':
      return null;
  }
}

function locationIdOf(operation: Operation): number | null {
  return operation.kind === 'update-location' || operation.kind === 'delete-location'
    ? operation.locationId
    : null;
}
