/**
 * Reads the figures out of validate's `--json` output and the saved plan, and
 * compares them with the generator's. Exports: `validateCounts`, `planCounts`,
 * `compareFigures`, `ValidateCounts`, `PlanCounts`.
 */
import type { PlanSummary } from '../../src/plan/plan-types.js';
import { isPlainObject } from '../../src/util/is-plain-object.js';
import type { ExpectedFigures } from './expected-plan.js';

export interface ValidateCounts {
  records: number;
  customers: number;
  accepted: number;
  rejected: number;
}

export type PlanCounts = PlanSummary;

/** The counts of `aa-sync validate --json`. */
export function validateCounts(output: unknown): ValidateCounts {
  const counts = isPlainObject(output) ? output.counts : undefined;
  if (!isPlainObject(counts)) throw new Error('validate --json printed no "counts"');
  const field = (name: string): number => {
    const value = counts[name];
    if (typeof value !== 'number') throw new Error(`validate counts lack "${name}"`);
    return value;
  };
  return {
    records: field('records'),
    customers: field('customers'),
    accepted: field('accepted'),
    rejected: field('rejected'),
  };
}

/** The summary of a saved plan (`plan --out`). */
export function planCounts(plan: unknown): PlanCounts {
  const summary = isPlainObject(plan) ? plan.summary : undefined;
  if (!isPlainObject(summary)) throw new Error('the saved plan has no "summary"');
  return summary as unknown as PlanCounts;
}

interface Figures {
  validate: ValidateCounts;
  plan: PlanCounts;
  liveOrganizations: number;
}

/** Every figure the generator determines, as `name → [expected, got]`. */
function pairs(expected: ExpectedFigures, got: Figures, seeded: number) {
  const want = expected.plan;
  const { plan } = got;
  return {
    'emulator organizations': [seeded, got.liveOrganizations],
    'validate customers': [expected.customers, got.validate.customers],
    'validate rejected': [expected.rejected, got.validate.rejected],
    'plan customers': [want.customers, plan.customers],
    'plan tenants create': [want.tenants.create, plan.tenants.create],
    'plan tenants adopt': [want.tenants.adopt, plan.tenants.adopt],
    'plan tenants update': [want.tenants.update, plan.tenants.update],
    'plan tenants unchanged': [want.tenants.unchanged, plan.tenants.unchanged],
    'plan tenants conflict': [0, plan.tenants.conflict],
    'plan tenants delete': [0, plan.tenants.delete],
    'plan create organizations': [
      want.toCreate.organizations,
      plan.toCreate.organizations,
    ],
    'plan create users': [want.toCreate.users, plan.toCreate.users],
    'plan create locations': [want.toCreate.locations, plan.toCreate.locations],
    'plan new phone numbers': [want.newPhoneNumbers, plan.newPhoneNumbers],
    'plan updates': [want.toUpdate, plan.toUpdate],
    'plan delete organizations': [0, plan.toDelete.organizations],
    'plan delete locations': [0, plan.toDelete.locations],
    'plan unmanaged organizations': [want.unmanaged, plan.unmanaged],
    'plan drift': [0, plan.drift],
    'plan location conflicts': [0, plan.locationConflicts],
    'plan guard trips': [0, plan.guardTrips],
  } satisfies Record<string, [number, number]>;
}

/** How many figures were compared, and a line for each one that differs. */
export function compareFigures(
  expected: ExpectedFigures,
  got: Figures,
  seeded: number,
): { checked: number; mismatches: string[] } {
  const entries = Object.entries(pairs(expected, got, seeded));
  const mismatches = entries
    .filter(([, [want, have]]) => want !== have)
    .map(([name, [want, have]]) => `${name}: expected ${want}, got ${have}`);
  return { checked: entries.length, mismatches };
}
