/**
 * What validate and plan must report for a generated export, worked out from
 * the generator's own customers rather than from the product, so that the
 * benchmark also proves the figures it times are right.
 * Exports: `expectedFigures`, `figuresFor`, `ExpectedFigures`.
 */
import { customerAt } from '../generate-export.js';
import type { GeneratedCustomer } from '../generate-export.js';

/** The generator's seed customers that differ on purpose (see generate-export.ts). */
const DIFFERENCE_PERIOD = 20;
const RENAMED_AT = 3;
const READDRESSED_AT = 11;

export interface ExpectedFigures {
  /** Customers in the export, and those validation must reject. */
  customers: number;
  rejected: number;
  /** The plan summary fields that the generator determines. */
  plan: {
    customers: number;
    tenants: { create: number; adopt: number; update: number; unchanged: number };
    toCreate: { organizations: number; users: number; locations: number };
    newPhoneNumbers: number;
    toUpdate: number;
    unmanaged: number;
  };
}

/**
 * Expected figures for `customers` customers from `seed` with the first
 * `seeded` in the emulator. The generator draws place ids from a 32-bit PRNG
 * stream per customer, so two customers can share one in a large export;
 * validation rejects both, which leaves them out of the plan and leaves a
 * seeded one's organization unmanaged.
 */
export function expectedFigures(
  seed: number,
  customers: number,
  seeded: number,
): ExpectedFigures {
  const all = Array.from({ length: customers }, (_, index) => customerAt(seed, index));
  return figuresFor(all, seeded);
}

/** Expected figures for these customers in export order, the first `seeded` of them live. */
export function figuresFor(
  all: readonly GeneratedCustomer[],
  seeded: number,
): ExpectedFigures {
  const rejected = sharedPlaceIdOwners(all);
  const plan = {
    customers: all.length - rejected.size,
    tenants: { create: 0, adopt: 0, update: 0, unchanged: 0 },
    toCreate: { organizations: 0, users: 0, locations: 0 },
    newPhoneNumbers: 0,
    toUpdate: 0,
    unmanaged: 0,
  };
  all.forEach((customer, index) => {
    if (rejected.has(index)) {
      if (index < seeded) plan.unmanaged += 1;
    } else if (index < seeded) countSeeded(plan, index);
    else countNew(plan, customer);
  });
  return { customers: all.length, rejected: rejected.size, plan };
}

/** A renamed or re-addressed organization is one update; any other is adopted as is. */
function countSeeded(plan: ExpectedFigures['plan'], index: number): void {
  const difference = index % DIFFERENCE_PERIOD;
  if (difference === RENAMED_AT || difference === READDRESSED_AT) {
    plan.tenants.update += 1;
    plan.toUpdate += 1;
  } else {
    plan.tenants.adopt += 1;
  }
}

/** The owner comes with the organization; other users and locations are their own creates. */
function countNew(plan: ExpectedFigures['plan'], customer: GeneratedCustomer): void {
  plan.tenants.create += 1;
  plan.toCreate.organizations += 1;
  plan.toCreate.users += customer.users.length;
  plan.toCreate.locations += customer.locations.length;
  // Every generated location has an area code, so each one provisions a number.
  plan.newPhoneNumbers += customer.locations.length;
}

/** Indexes of customers with a place id that another customer also has. */
function sharedPlaceIdOwners(all: readonly GeneratedCustomer[]): Set<number> {
  const owners = new Map<string, Set<number>>();
  all.forEach((customer, index) => {
    for (const { placeId } of customer.locations) {
      if (placeId === '') continue;
      const set = owners.get(placeId) ?? new Set<number>();
      set.add(index);
      owners.set(placeId, set);
    }
  });
  const shared = new Set<number>();
  for (const set of owners.values()) {
    if (set.size > 1) for (const index of set) shared.add(index);
  }
  return shared;
}
