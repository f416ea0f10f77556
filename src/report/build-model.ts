/**
 * Builds the model every report writer renders from what the checkpoint holds
 * about one run or plan. Exports: `buildReportModel`.
 */
import type { TenantPlan } from '../plan/plan-types.js';
import { buildCharts } from './model-charts.js';
import { failureRows } from './model-failures.js';
import { buildHeader } from './model-header.js';
import type { ModelOperation } from './model-operations.js';
import { collectOperations } from './model-operations.js';
import type { CountsTable } from './model-outcomes.js';
import { addUpTotal, emptyCountsTable } from './model-outcomes.js';
import { driftRows, rejectedRows, unmanagedRows, updateRows } from './model-tables.js';
import { addTenantCounts, groupByTenant, tenantRows } from './model-tenants.js';
import type { ReportInput, ReportModel } from './report-types.js';

/**
 * The report model of `input`. Pure and deterministic: the same input gives
 * the same model; linear in the number of tenants, operations and records.
 *
 * Counts, per entity kind (set-user-role counts as a user) and outcome:
 * - each operation once: succeeded, or adopted (a create whose answer was
 *   lost, found by lookup: aa-sync's own attempt made it), as created, updated
 *   or deleted by its action; failed and skipped as they are; pending or in
 *   flight, and every operation of a plan, as pending (`totals.inFlight` says
 *   how many of them were in flight);
 * - a tenant matched for the first time (by owner or name) adds one
 *   organization `adopted`, with changes or without (unless a
 *   create-organization of its own is counted already); an `unchanged` one
 *   one organization `unchanged`; a conflict one organization `conflict`; each
 *   location conflict one location `conflict`;
 * - each rejected customer (a keyless record included) one organization
 *   `rejected`;
 * and `total` adds the kinds up.
 *
 * A `retry-failed` run carries only some operations of its parent's plan: its
 * report shows the tenants that have operations in it, the others' outcomes
 * belong to the parent run's report. The operations it carried as done are
 * its parent's work too: they are in no count, total, row or table of its
 * report (nor is the adoption of an organization matched by owner or name).
 */
export function buildReportModel(input: ReportInput): ReportModel {
  const operations = collectOperations(input);
  const byTenant = groupByTenant(operations);
  const tenants = tenantsInScope(input, byTenant);
  const planned = input.operations === null;
  const drift = driftRows(tenants);
  const traffic = trafficTotals(input);
  return {
    header: buildHeader(input, operations.length),
    counts: countOutcomes(input, operations, tenants, byTenant),
    totals: {
      customers: input.plan.summary.customers + input.rejected.length,
      rejectedCustomers: input.rejected.length,
      tenants: tenants.length,
      operations: operations.length,
      inFlight: operations.filter(({ row }) => row.status === 'in-flight').length,
      newPhoneNumbers: newPhoneNumbers(operations, planned),
      ...traffic,
      drift: drift.length,
      unmanaged: input.plan.unmanaged.length,
    },
    failures: failureRows(operations, tenants, input.sources, input.run.id),
    tenants: tenantRows(tenants, byTenant, planned),
    operations: operations.map(({ row }) => row),
    rejected: rejectedRows(input.rejected),
    updates: updateRows(operations),
    drift,
    unmanaged: unmanagedRows(input.plan),
    charts: buildCharts(operations, input.traffic, Date.parse(input.run.startedAt)),
  };
}

function tenantsInScope(
  input: ReportInput,
  byTenant: ReadonlyMap<string, readonly ModelOperation[]>,
): TenantPlan[] {
  const { tenants } = input.plan;
  if (input.run.parentRunId === null || input.operations === null) return tenants;
  return tenants.filter((tenant) => byTenant.has(tenant.key));
}

function countOutcomes(
  input: ReportInput,
  operations: readonly ModelOperation[],
  tenants: readonly TenantPlan[],
  byTenant: ReadonlyMap<string, readonly ModelOperation[]>,
): CountsTable {
  const counts = emptyCountsTable();
  for (const { row } of operations) counts[row.entity][row.outcome] += 1;
  addTenantCounts(counts, tenants, byTenant, input.run.parentRunId !== null);
  counts.organization.rejected += input.rejected.length;
  addUpTotal(counts);
  return counts;
}

/**
 * Numbers provisioned: create-location operations with an area code that
 * created their location (a lost answer found by lookup included); for a
 * plan, those it holds.
 */
function newPhoneNumbers(
  operations: readonly ModelOperation[],
  planned: boolean,
): number {
  let count = 0;
  for (const { row, operation } of operations) {
    if (operation.kind !== 'create-location' || operation.areaCode === null) continue;
    if (planned || row.outcome === 'created') count += 1;
  }
  return count;
}

function trafficTotals(input: ReportInput) {
  let requests = 0;
  let rateLimited = 0;
  let heldMs = 0;
  for (const sample of input.traffic) {
    requests += sample.requests;
    rateLimited += sample.rateLimited;
    heldMs += sample.heldMs;
  }
  return { requests, rateLimited, heldMs };
}
