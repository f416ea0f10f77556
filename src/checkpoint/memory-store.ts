/**
 * The planning memory kept in the checkpoint, per environment: which
 * organization each customer key belongs to, the values last applied for
 * fields the API does not return, and the input size of completed runs.
 * Exports: `loadPlanMemory`, `rememberOrganization`, `forgetOrganization`,
 * `recordLastApplied`, `recordInputSize`.
 */
import { ExitError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import type { LastApplied, PlanMemory } from '../plan/memory.js';
import type { Checkpoint } from './database.js';

type Field = keyof LastApplied;

/** Every field kept in `last_applied`, with the check of its stored value. */
const FIELD_CHECKS: { [F in Field]-?: (value: unknown) => value is LastApplied[F] } = {
  description: (value): value is string | null =>
    value === null || typeof value === 'string',
  owner: (value): value is string => typeof value === 'string',
};

const FIELDS = Object.keys(FIELD_CHECKS) as Field[];

const SQL = {
  organizations:
    'SELECT customer_key AS key, organization_id AS id FROM organization_map ' +
    'WHERE environment = ? ORDER BY customer_key',
  lastApplied:
    'SELECT customer_key AS key, field, value FROM last_applied ' +
    'WHERE environment = ? ORDER BY customer_key, field',
  latestInput:
    'SELECT customers FROM input_history WHERE environment = ? ORDER BY rowid DESC LIMIT 1',
  // A new organization for the key starts a new mapping, so first_seen_run
  // follows it; the same one keeps the run that first saw it.
  remember:
    'INSERT INTO organization_map ' +
    '(environment, customer_key, organization_id, first_seen_run, updated_at) ' +
    'VALUES (?, ?, ?, ?, ?) ON CONFLICT (environment, customer_key) DO UPDATE SET ' +
    'first_seen_run = CASE WHEN organization_id = excluded.organization_id ' +
    'THEN first_seen_run ELSE excluded.first_seen_run END, ' +
    'organization_id = excluded.organization_id, updated_at = excluded.updated_at',
  forgetOrganization:
    'DELETE FROM organization_map WHERE environment = ? AND customer_key = ?',
  forgetLastApplied:
    'DELETE FROM last_applied WHERE environment = ? AND customer_key = ?',
  recordField:
    'INSERT INTO last_applied (environment, customer_key, field, value) ' +
    'VALUES (?, ?, ?, ?) ON CONFLICT (environment, customer_key, field) ' +
    'DO UPDATE SET value = excluded.value',
  // REPLACE gives a run recorded again (a resumed run completing) a new rowid,
  // which makes it the latest.
  recordInput:
    'INSERT OR REPLACE INTO input_history ' +
    '(environment, run_id, customers, recorded_at) VALUES (?, ?, ?, ?)',
} as const;

interface OrganizationRow {
  key: string;
  id: number;
}

interface LastAppliedRow {
  key: string;
  field: string;
  value: string;
}

/** The memory of one environment, with Maps in customer-key order. */
export function loadPlanMemory(checkpoint: Checkpoint, environment: string): PlanMemory {
  return checkpoint.read(() => ({
    organizations: loadOrganizations(checkpoint, environment),
    lastApplied: loadLastApplied(checkpoint, environment),
    previousInputCustomers: loadLatestInput(checkpoint, environment),
  }));
}

function loadOrganizations(
  checkpoint: Checkpoint,
  environment: string,
): Map<string, number> {
  const rows = checkpoint
    .statement<[string], OrganizationRow>(SQL.organizations)
    .all(environment);
  return new Map(rows.map((row) => [row.key, row.id]));
}

function loadLastApplied(
  checkpoint: Checkpoint,
  environment: string,
): Map<string, LastApplied> {
  const rows = checkpoint
    .statement<[string], LastAppliedRow>(SQL.lastApplied)
    .all(environment);
  const byKey = new Map<string, LastApplied>();
  for (const row of rows) {
    // A field this version does not know (a later version wrote it) is not ours to read.
    if (!isField(row.field)) continue;
    const values = byKey.get(row.key) ?? {};
    Object.assign(values, { [row.field]: parseValue(checkpoint, row) });
    byKey.set(row.key, values);
  }
  return byKey;
}

function isField(field: string): field is Field {
  return Object.hasOwn(FIELD_CHECKS, field);
}

function parseValue(checkpoint: Checkpoint, row: LastAppliedRow): unknown {
  const value: unknown = JSON.parse(row.value);
  if (FIELD_CHECKS[row.field as Field](value)) return value;
  throw new ExitError(
    EXIT.io,
    `checkpoint ${checkpoint.path} holds an unexpected last applied ${row.field} ` +
      `(${row.value}) for customer ${row.key}; move the checkpoint aside to start over`,
  );
}

function loadLatestInput(checkpoint: Checkpoint, environment: string): number | null {
  const row = checkpoint
    .statement<[string], { customers: number }>(SQL.latestInput)
    .get(environment);
  return row?.customers ?? null;
}

/**
 * Remembers that the customer key belongs to the organization, created or
 * adopted by run `runId` at `at` (an ISO timestamp).
 */
export function rememberOrganization(
  checkpoint: Checkpoint,
  environment: string,
  customerKey: string,
  organizationId: number,
  runId: string,
  at: string,
): void {
  const statement = checkpoint.statement(SQL.remember);
  checkpoint.write(() =>
    statement.run(environment, customerKey, organizationId, runId, at),
  );
}

/**
 * Forgets the customer key's organization (it was deleted) together with its
 * last applied values, which described that organization. Returns whether the
 * key was remembered.
 */
export function forgetOrganization(
  checkpoint: Checkpoint,
  environment: string,
  customerKey: string,
): boolean {
  const forgetMap = checkpoint.statement(SQL.forgetOrganization);
  const forgetValues = checkpoint.statement(SQL.forgetLastApplied);
  return checkpoint.write(() => {
    forgetValues.run(environment, customerKey);
    return forgetMap.run(environment, customerKey).changes > 0;
  });
}

/**
 * Records the values just applied for the customer. A field absent from
 * `values` keeps what was recorded before; `null` is recorded as applied.
 */
export function recordLastApplied(
  checkpoint: Checkpoint,
  environment: string,
  customerKey: string,
  values: LastApplied,
): void {
  const statement = checkpoint.statement(SQL.recordField);
  checkpoint.write(() => {
    for (const field of FIELDS) {
      const value = values[field];
      if (value === undefined) continue;
      statement.run(environment, customerKey, field, JSON.stringify(value));
    }
  });
}

/**
 * Records how many customers the input of a completed run held: the baseline
 * of the next run's prune guard. Record only completed runs.
 */
export function recordInputSize(
  checkpoint: Checkpoint,
  environment: string,
  runId: string,
  customers: number,
  at: string,
): void {
  if (!Number.isSafeInteger(customers) || customers < 0) {
    throw new RangeError(`customers must be a count (an integer >= 0), got ${customers}`);
  }
  const statement = checkpoint.statement(SQL.recordInput);
  checkpoint.write(() => statement.run(environment, runId, customers, at));
}
