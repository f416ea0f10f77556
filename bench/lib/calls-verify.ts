/**
 * What a migration left in the emulator, checked against its plan: creates
 * committed per kind (the emulator's counters, dropped answers included),
 * entities live, and duplicates (an organization per owner or a location per
 * name committed twice, a user listed twice). Exports: `CreateCheck`,
 * `checkCreates`, `writeVerdicts`.
 */
import type { CountersSnapshot } from '../../src/emulator/index.js';
import type { CallCounts } from './calls-count.js';
import type { RunOperations } from './calls-run.js';
import { ENDPOINT_OF_KIND } from './calls-run.js';
import type { EmulatorControl } from './crash-emulator.js';
import { CRASH_PARTNER } from './crash-emulator.js';
import { sum } from './executor-stats.js';

/** Organizations, users and locations. */
export interface EntityCounts {
  organizations: number;
  users: number;
  locations: number;
}

export interface CreateCheck {
  /** What the plan creates: owners come with their organization. */
  planned: EntityCounts;
  live: EntityCounts;
  /** Planned entities the emulator lacks. */
  missing: number;
  /** Creates committed more than once, plus users listed more than once. */
  duplicates: number;
}

/** Checks the emulator against the creates of `operations` (a migration's run). */
export async function checkCreates(
  control: EmulatorControl,
  operations: RunOperations,
): Promise<CreateCheck> {
  const counters = await control.counters();
  const snapshot = await control.snapshot();
  const organizations = operations.byKind['create-organization'] ?? 0;
  const userIds = snapshot.users.map((user) => user.external_id);
  const planned = {
    organizations,
    users: organizations + (operations.byKind['create-user'] ?? 0),
    locations: operations.byKind['create-location'] ?? 0,
  };
  const live = {
    organizations: snapshot.organizations.length,
    users: snapshot.users.length,
    locations: snapshot.locations.length,
  };
  return {
    planned,
    live,
    missing:
      Math.max(0, planned.organizations - live.organizations) +
      Math.max(0, planned.users - live.users) +
      Math.max(0, planned.locations - live.locations),
    duplicates: repeatedCreates(counters) + userIds.length - new Set(userIds).size,
  };
}

function repeatedCreates(counters: CountersSnapshot): number {
  const byOwner = Object.values(counters.organizationCreates[CRASH_PARTNER] ?? {});
  const byOrganization = Object.values(counters.locationCreates[CRASH_PARTNER] ?? {});
  const byName = byOrganization.flatMap((names) => Object.values(names));
  return sum([...byOwner, ...byName].map((count) => Math.max(0, count - 1)));
}

/**
 * Per endpoint: writes that took effect against the plan's operations for it.
 * An endpoint whose counts differ is named, e.g. `POST users: 2 committed for
 * 1 operation`.
 */
export function writeVerdicts(calls: CallCounts, operations: RunOperations): string[] {
  const planned: Record<string, number> = {};
  for (const [kind, count] of Object.entries(operations.byKind)) {
    const endpoint = ENDPOINT_OF_KIND[kind] ?? `? ${kind}`;
    planned[endpoint] = (planned[endpoint] ?? 0) + count;
  }
  const endpoints = new Set([...Object.keys(planned), ...Object.keys(calls.byEndpoint)]);
  const differences: string[] = [];
  for (const endpoint of endpoints) {
    const want = planned[endpoint] ?? 0;
    const got = calls.byEndpoint[endpoint]?.committed ?? 0;
    if (want !== got) {
      differences.push(`${endpoint}: ${got} committed for ${want} operation(s)`);
    }
  }
  return differences;
}
