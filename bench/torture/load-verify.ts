/**
 * What the emulator holds after the load run, read through its control
 * endpoints (`GET /_emulator/state`, `GET /_emulator/counters`) and compared
 * with the export: how many organizations, users and locations, how many were
 * created twice, and how many customers are exactly as exported.
 * Exports: `EmulatorTally`, `tallyEmulator`.
 */
import type { EmulatorProcess } from '../lib/emulator-process.js';
import { loadCustomer } from './load-export.js';
import type { LoadCustomer } from './load-export.js';

interface StateUser {
  external_id: string;
}

interface StateLocation {
  name: string | null;
  phone_number: string | null;
}

interface StateOrganization {
  id: number;
  name: string;
  users: StateUser[];
  phone_numbers: StateLocation[];
}

interface StatePartner {
  organizations: StateOrganization[];
  users: StateUser[];
  locations: StateLocation[];
}

interface Counters {
  organizationCreates: Record<string, Record<string, number>>;
  locationCreates: Record<string, Record<string, Record<string, number>>>;
  totalRequests: number;
}

export interface EmulatorTally {
  organizations: number;
  users: number;
  locations: number;
  /** Organizations, users and locations that exist twice, or were committed twice. */
  duplicates: number;
  /** Customers whose organization has exactly the exported users and locations. */
  matching: number;
  /** Every API request the emulator answered. */
  requests: number;
}

/** Committed creates beyond the first, per owner and per (organization, location name). */
function doubleCreates(counters: Counters): number {
  let extra = 0;
  for (const byOwner of Object.values(counters.organizationCreates)) {
    for (const count of Object.values(byOwner)) extra += count - 1;
  }
  for (const byOrganization of Object.values(counters.locationCreates)) {
    for (const byName of Object.values(byOrganization)) {
      for (const count of Object.values(byName)) extra += count - 1;
    }
  }
  return extra;
}

function repeats(values: readonly string[]): number {
  return values.length - new Set(values).size;
}

const sorted = (values: readonly (string | null)[]): string =>
  JSON.stringify([...values].sort());

/** True when `organization` holds exactly the users and locations of `customer`. */
function matches(organization: StateOrganization, customer: LoadCustomer): boolean {
  const users = [customer.owner, ...customer.users].map((user) => user.externalId);
  return (
    sorted(organization.users.map((user) => user.external_id)) === sorted(users) &&
    sorted(organization.phone_numbers.map((location) => location.name)) ===
      sorted(customer.locations.map((location) => location.name))
  );
}

function matching(
  organizations: readonly StateOrganization[],
  customers: number,
): number {
  const byName = new Map(
    organizations.map((organization) => [organization.name, organization]),
  );
  let count = 0;
  for (let index = 0; index < customers; index += 1) {
    const customer = loadCustomer(index);
    const organization = byName.get(customer.organization);
    if (organization !== undefined && matches(organization, customer)) count += 1;
  }
  return count;
}

/** Reads the emulator's state (one partner) and counts it against `customers` exported. */
export async function tallyEmulator(
  emulator: EmulatorProcess,
  customers: number,
): Promise<EmulatorTally> {
  const state = (await emulator.control('GET', '/state')) as { partners: StatePartner[] };
  const counters = (await emulator.control('GET', '/counters')) as Counters;
  const partner = state.partners[0] ?? { organizations: [], users: [], locations: [] };
  const { organizations, users, locations } = partner;
  const numbers = locations.flatMap((location) => location.phone_number ?? []);
  return {
    organizations: organizations.length,
    users: users.length,
    locations: locations.length,
    duplicates:
      doubleCreates(counters) +
      repeats(organizations.map((organization) => organization.name)) +
      repeats(users.map((user) => user.external_id)) +
      repeats(numbers),
    matching: matching(organizations, customers),
    requests: counters.totalRequests,
  };
}
