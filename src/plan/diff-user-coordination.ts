/**
 * Users are account-wide while tenants are not: one person may be the owner of
 * one customer and a user of two more. This decides, before any tenant is
 * diffed, which single tenant creates or updates each such person.
 */
import type { DesiredCustomer } from '../input/customer.js';
import type { LiveState } from './live-state.js';
import { compareCodeUnits } from './live-state.js';
import { createOrganizationId, createUserId } from './diff-context.js';

export interface UserCoordination {
  /** The key of the one tenant that emits `update-user` for a live user. */
  updaterOf(externalId: string): string | undefined;
  /**
   * The id of the one operation that creates a user not live yet: the
   * `create-organization` of a new organization it owns, else the `create-user`
   * of the lowest customer key that lists it.
   */
  creatorOf(externalId: string): string | undefined;
}

/** A customer taking part in planning, and whether its organization is new. */
export interface PlannedCustomer {
  customer: DesiredCustomer;
  createsOrganization: boolean;
}

/** `planned` must hold only customers that are not in conflict. */
export function coordinateUsers(
  planned: readonly PlannedCustomer[],
  live: LiveState,
): UserCoordination {
  const ordered = [...planned].sort((a, b) =>
    compareCodeUnits(a.customer.key, b.customer.key),
  );
  const updaters = new Map<string, string>();
  const creators = new Map<string, string>();
  for (const { customer, createsOrganization } of ordered) {
    const owner = customer.owner.externalId;
    if (
      createsOrganization &&
      !live.usersByExternalId.has(owner) &&
      !creators.has(owner)
    ) {
      creators.set(owner, createOrganizationId(customer.key));
    }
  }
  const refer = (key: string, externalId: string): void => {
    if (live.usersByExternalId.has(externalId)) {
      if (!updaters.has(externalId)) updaters.set(externalId, key);
    } else if (!creators.has(externalId)) {
      creators.set(externalId, createUserId(key, externalId));
    }
  };
  for (const { customer } of ordered) {
    refer(customer.key, customer.owner.externalId);
    for (const user of customer.users) refer(customer.key, user.externalId);
  }
  return {
    updaterOf: (externalId) => updaters.get(externalId),
    creatorOf: (externalId) => creators.get(externalId),
  };
}
