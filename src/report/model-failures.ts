/**
 * The rows a person must act on: failed operations first, then the skipped
 * ones, then the conflicts planning could not resolve; each with what went
 * wrong and what to do about it.
 */
import type { RecordSource } from '../input/records.js';
import type { ConflictKind, TenantPlan } from '../plan/plan-types.js';
import type { ModelOperation } from './model-operations.js';
import type { FailureRow } from './report-types.js';

/** What to do about a conflict, by its kind; each ends by planning again. */
const CONFLICT_ACTIONS: Readonly<Record<ConflictKind, string>> = {
  'owner-ambiguous':
    'The owner owns several organizations, so aa-sync cannot tell which is this ' +
    "customer's: give the customer an owner of its own in the export, or remove the " +
    'owner from the organizations that are not its, then run `aa-sync plan` again.',
  'name-ambiguous':
    'Several organizations have this name: rename the ones that are not this ' +
    "customer's in the partner dashboard, or make the customer's owner the owner of " +
    'the right one, then run `aa-sync plan` again.',
  'name-claimed':
    'Another customer claims this organization: check whose it is and give the other ' +
    'customer its own name in the export, then run `aa-sync plan` again.',
  'organization-claimed':
    'Two customers of the export match one organization: merge them under one ' +
    'customer_id, or give each its own owner and name, then run `aa-sync plan` again.',
  'remembered-mismatch':
    'The organization this state directory remembers for the customer now has another ' +
    'owner and another name, so it may be another business: check it in the partner ' +
    "dashboard. If it is this customer's, give it the export's owner or name there; if " +
    'not, give the customer a new customer_id in the export. Then run `aa-sync plan` again.',
};

/** What to do about a location conflict, by how many live candidates it has. */
function locationAction(candidates: number): string {
  const then = 'then run `aa-sync plan` again.';
  if (candidates === 0) return `Remove the repeated location from the export, ${then}`;
  if (candidates === 1) {
    return `Give the locations of the export that match it distinct names, ${then}`;
  }
  return (
    'Delete or rename the duplicate live locations in the partner dashboard, or give ' +
    `the location a distinct name in the export, ${then}`
  );
}

const NO_MESSAGE = 'the operation failed; no message was recorded';

/**
 * The end of the last sentence that has another after it: a recorded error
 * ends with one or two sentences of advice (see execute/perform-messages.ts),
 * and an API message before them may hold sentences of its own.
 */
const SENTENCE_END = /[.!?](?=\s+[A-Z`])/gu;

/** Failed, then skipped, then conflicts: see the file comment. */
export function failureRows(
  operations: readonly ModelOperation[],
  tenants: readonly TenantPlan[],
  sources: ReadonlyMap<string, readonly RecordSource[]>,
  runId: string,
): FailureRow[] {
  const retry = `\`aa-sync retry-failed ${runId}\``;
  const failed: FailureRow[] = [];
  const skipped: FailureRow[] = [];
  for (const { row } of operations) {
    if (row.outcome !== 'failed' && row.outcome !== 'skipped') continue;
    const base = {
      tenant: row.tenant,
      entity: row.entity,
      operationId: row.id,
      target: row.target,
      file: row.file,
      line: row.line,
    };
    if (row.outcome === 'failed') {
      failed.push({ ...base, outcome: 'failed', ...failedAdvice(row.error, retry) });
    } else {
      skipped.push({
        ...base,
        outcome: 'skipped',
        reason: row.error ?? 'an operation it depends on failed',
        action: `Fix the failure it depends on, then run ${retry}.`,
      });
    }
  }
  return [...failed, ...skipped, ...conflictRows(tenants, sources)];
}

/** Splits a recorded error into what went wrong and the advice it ends with. */
export function failedAdvice(
  error: string | null,
  retry: string,
): { reason: string; action: string } {
  const fallback = `Fix the cause above, then run ${retry}.`;
  if (error === null || error.trim() === '')
    return { reason: NO_MESSAGE, action: fallback };
  let cut = -1;
  for (const match of error.matchAll(SENTENCE_END)) cut = match.index + 1;
  if (cut === -1) return { reason: error, action: fallback };
  return { reason: error.slice(0, cut), action: error.slice(cut).trim() };
}

function conflictRows(
  tenants: readonly TenantPlan[],
  sources: ReadonlyMap<string, readonly RecordSource[]>,
): FailureRow[] {
  const rows: FailureRow[] = [];
  for (const tenant of tenants) {
    if (tenant.conflict !== undefined) {
      const first = sources.get(tenant.key)?.[0];
      rows.push({
        tenant: tenant.key,
        outcome: 'conflict',
        entity: 'organization',
        operationId: null,
        target: null,
        reason: tenant.conflict.reason,
        action: CONFLICT_ACTIONS[tenant.conflict.kind],
        file: first?.file ?? null,
        line: first?.line ?? null,
      });
    }
    for (const conflict of tenant.locationConflicts) {
      rows.push({
        tenant: tenant.key,
        outcome: 'conflict',
        entity: 'location',
        operationId: null,
        target: conflict.name,
        reason: conflict.reason,
        action: locationAction(conflict.candidates.length),
        file: conflict.source.file,
        line: conflict.source.line,
      });
    }
  }
  return rows;
}
