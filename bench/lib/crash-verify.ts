/**
 * The end of a crash round, checked: every run's operations succeeded or were
 * adopted (`aa-sync status RUN --json`), no create was committed twice (the
 * emulator's counters), nothing is missing (the emulator's state against the
 * export) and a new plan holds no change (`plan --detailed-exitcode`).
 * Exports: `ExpectedState`, `RoundCheck`, `verifyRound`, `expectedStateOf`.
 */
import { dirname, join } from 'node:path';
import type { GeneratedCustomer } from '../generate-export.js';
import type { EmulatorControl } from './crash-emulator.js';
import { CRASH_PARTNER } from './crash-emulator.js';
import type { CliPlace } from './crash-process.js';
import { runCliToEnd } from './crash-process.js';

/** What the export asks for, in counts. */
export interface ExpectedState {
  organizations: number;
  /** Owners and the other users. */
  users: number;
  locations: number;
}

/** What the end of a round showed. */
export interface RoundCheck {
  runs: number;
  /** Operations of the round's runs, by final status. */
  statuses: Record<string, number>;
  /** Operations not succeeded or adopted: failed, skipped, pending, in flight. */
  lostOperations: number;
  /** Creates committed more than once, plus users listed more than once. */
  duplicates: number;
  /**
   * The emulator's committed creates as a histogram: for organizations (per
   * owner) and locations (per organization and name), how many keys were
   * created once, twice... `{ '1': n }` means n keys, each created once.
   */
  createCounts: {
    organizations: Record<string, number>;
    locations: Record<string, number>;
  };
  /** Entities the export asks for that the emulator lacks. */
  missing: number;
  live: ExpectedState;
  /** `plan --detailed-exitcode`: 0 when the live state is the desired state. */
  planExit: number | null;
}

const DONE_STATUSES = new Set(['succeeded', 'adopted']);

/** The counts an export of `customers` asks for. */
export function expectedStateOf(customers: readonly GeneratedCustomer[]): ExpectedState {
  return {
    organizations: customers.length,
    users: customers.reduce((n, c) => n + 1 + c.users.length, 0),
    locations: customers.reduce((n, c) => n + c.locations.length, 0),
  };
}

/** Checks the end state of the round played in `stateDir` against `expected`. */
export async function verifyRound(
  place: CliPlace,
  emulator: EmulatorControl,
  stateDir: string,
  input: string,
  expected: ExpectedState,
): Promise<RoundCheck> {
  const statuses = await operationStatuses(place, stateDir);
  const counters = await emulator.counters();
  const snapshot = await emulator.snapshot();
  const live = {
    organizations: snapshot.organizations.length,
    users: snapshot.users.length,
    locations: snapshot.locations.length,
  };
  const plan = await runCliToEnd(
    [
      ...['plan', input, '--state-dir', stateDir, '--detailed-exitcode', '--quiet'],
      // Beside the state directory, in the round's own folder, never the checkout's.
      ...['--report-dir', join(dirname(stateDir), 'plan-reports')],
    ],
    place,
  );
  const userIds = snapshot.users.map((user) => user.external_id);
  const organizations = counters.organizationCreates[CRASH_PARTNER] ?? {};
  const locations = Object.values(counters.locationCreates[CRASH_PARTNER] ?? {});
  const locationCounts = locations.flatMap((byName) => Object.values(byName));
  const repeats = [...Object.values(organizations), ...locationCounts].reduce(
    (n, count) => n + Math.max(0, count - 1),
    0,
  );
  return {
    runs: statuses.runs,
    statuses: statuses.counts,
    lostOperations: Object.entries(statuses.counts)
      .filter(([status]) => !DONE_STATUSES.has(status))
      .reduce((n, [, count]) => n + count, 0),
    duplicates: repeats + (userIds.length - new Set(userIds).size),
    createCounts: {
      organizations: histogram(Object.values(organizations)),
      locations: histogram(locationCounts),
    },
    missing:
      Math.max(0, expected.organizations - live.organizations) +
      Math.max(0, expected.users - live.users) +
      Math.max(0, expected.locations - live.locations),
    live,
    planExit: plan.code,
  };
}

/** How many of `counts` are 1, 2, ... keyed by the count as text. */
function histogram(counts: readonly number[]): Record<string, number> {
  const bins: Record<string, number> = {};
  for (const count of counts) bins[String(count)] = (bins[String(count)] ?? 0) + 1;
  return bins;
}

interface StatusJson {
  operations: { status: string }[];
}

/** Every run of the state directory (`runs --json`), its operations by status. */
async function operationStatuses(
  place: CliPlace,
  stateDir: string,
): Promise<{ runs: number; counts: Record<string, number> }> {
  const listed = await runCliToEnd(['runs', '--json', '--state-dir', stateDir], place);
  const { runs } = JSON.parse(listed.stdout) as { runs: { id: string }[] };
  const counts: Record<string, number> = {};
  for (const run of runs) {
    const shown = await runCliToEnd(
      ['status', run.id, '--json', '--state-dir', stateDir],
      place,
    );
    for (const op of (JSON.parse(shown.stdout) as StatusJson).operations) {
      counts[op.status] = (counts[op.status] ?? 0) + 1;
    }
  }
  return { runs: runs.length, counts };
}
