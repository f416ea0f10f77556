/**
 * What an operation is about and what became of it, in the report's words:
 * its entity kind, its action and its outcome; and the outcome tables.
 */
import type { OperationStatus } from '../checkpoint/run-types.js';
import type { OperationKind } from '../plan/plan-types.js';
import type { EntityKind, Outcome, OutcomeCounts } from './report-types.js';
import { ENTITY_KINDS, OUTCOMES } from './report-types.js';

/** The status of an operation of a plan, which nothing has applied. */
export const PLANNED = 'planned';
export type RowStatus = OperationStatus | typeof PLANNED;

const ENTITY_OF: Readonly<Record<OperationKind, EntityKind>> = {
  'create-organization': 'organization',
  'update-organization': 'organization',
  'delete-organization': 'organization',
  'create-user': 'user',
  'update-user': 'user',
  // A role is a user's membership: it counts with the users.
  'set-user-role': 'user',
  'create-location': 'location',
  'update-location': 'location',
  'delete-location': 'location',
};

const ACTION_OF: Readonly<Record<OperationKind, string>> = {
  'create-organization': 'create',
  'update-organization': 'update',
  'delete-organization': 'delete',
  'create-user': 'create',
  'update-user': 'update',
  'set-user-role': 'set-role',
  'create-location': 'create',
  'update-location': 'update',
  'delete-location': 'delete',
};

/** What a succeeded operation did, by action. */
const SUCCEEDED_AS: Readonly<Record<string, Outcome>> = {
  create: 'created',
  update: 'updated',
  'set-role': 'updated',
  delete: 'deleted',
};

/** `organization`, `user` (a role change included) or `location`. */
export function entityOf(kind: OperationKind): EntityKind {
  return ENTITY_OF[kind];
}

/** `create`, `update`, `set-role` or `delete`. */
export function actionOf(kind: OperationKind): string {
  return ACTION_OF[kind];
}

/**
 * succeeded: created, updated or deleted by its action; failed and skipped as
 * they are; pending, in flight or only planned: pending.
 *
 * The checkpoint's `adopted` is a create whose answer was lost and that a
 * lookup found: aa-sync's own earlier attempt made it, so it counts as what
 * the operation did (`created`). The report's `adopted` outcome is the
 * glossary's: an organization aa-sync did not create, taken over by owner or
 * name (see `addTenantCounts`).
 */
export function outcomeOf(status: RowStatus, kind: OperationKind): Outcome {
  switch (status) {
    case 'succeeded':
    case 'adopted':
      return SUCCEEDED_AS[actionOf(kind)] ?? 'updated';
    case 'failed':
    case 'skipped':
      return status;
    case 'pending':
    case 'in-flight':
    case PLANNED:
      return 'pending';
  }
}

/** Every outcome at zero, in `OUTCOMES` order. */
export function zeroCounts(): OutcomeCounts {
  return Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as OutcomeCounts;
}

/** Outcome counts per entity kind, and `total` adding the kinds up. */
export type CountsTable = Record<EntityKind | 'total', OutcomeCounts>;

/** Every count of every kind at zero. */
export function emptyCountsTable(): CountsTable {
  return {
    organization: zeroCounts(),
    user: zeroCounts(),
    location: zeroCounts(),
    total: zeroCounts(),
  };
}

/** Fills `total` with the sum of the entity kinds. */
export function addUpTotal(table: CountsTable): void {
  for (const outcome of OUTCOMES) {
    table.total[outcome] = ENTITY_KINDS.reduce(
      (sum, kind) => sum + table[kind][outcome],
      0,
    );
  }
}
