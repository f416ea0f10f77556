/**
 * What the crash campaign asks of the emulator, through its control endpoints:
 * a fresh start between rounds, the counters of committed creates and the
 * whole state. Works with an emulator in this process or in a child.
 * Exports: `EmulatorControl`, `EmulatorSnapshot`, `emulatorControl`,
 * `committedCreates`, `CRASH_PARTNER`.
 */
import { controlCall } from './emulator-process.js';
import type { CountersSnapshot } from '../../src/emulator/index.js';
import type { RecordedCreates } from './crash-checkpoint.js';

/** The partner every crash run writes as (the emulator's default partner). */
export const CRASH_PARTNER = 'demo';

/** One partner's data as `GET /_emulator/state` lists it. */
export interface EmulatorSnapshot {
  organizations: { id: number; name: string }[];
  users: { external_id: string; organizations: { id: number; role: string }[] }[];
  locations: { id: number; name: string }[];
}

/** The control endpoints the campaign uses. */
export interface EmulatorControl {
  /** Empties the data, the request log and the counters; faults stay as set. */
  reset(): Promise<void>;
  counters(): Promise<CountersSnapshot>;
  /** The crash partner's data. */
  snapshot(): Promise<EmulatorSnapshot>;
}

interface StateBody {
  partners: (EmulatorSnapshot & { id: string })[];
}

/** Control of the emulator at `url` (its origin) with its control token. */
export function emulatorControl(url: string, controlToken: string): EmulatorControl {
  const call = (method: string, path: string): Promise<unknown> =>
    controlCall(url, controlToken, method, path);
  return {
    reset: async () => {
      await call('POST', '/reset');
    },
    counters: async () => (await call('GET', '/counters')) as CountersSnapshot,
    snapshot: async () => {
      const { partners } = (await call('GET', '/state')) as StateBody;
      const partner = partners.find((p) => p.id === CRASH_PARTNER);
      if (partner === undefined) throw new Error(`no partner ${CRASH_PARTNER}`);
      return partner;
    },
  };
}

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};

/**
 * Creates the emulator committed, per kind. Owners come with their
 * organization, so users made by `POST /users` are the users beyond one per
 * organization (every generated customer has its own owner).
 */
export function committedCreates(
  counters: CountersSnapshot,
  snapshot: EmulatorSnapshot,
): RecordedCreates {
  const organizations = counters.organizationCreates[CRASH_PARTNER] ?? {};
  const byOrganization = counters.locationCreates[CRASH_PARTNER] ?? {};
  return {
    organizations: sum(Object.values(organizations)),
    users: snapshot.users.length - snapshot.organizations.length,
    locations: sum(
      Object.values(byOrganization).flatMap((byName) => Object.values(byName)),
    ),
  };
}
