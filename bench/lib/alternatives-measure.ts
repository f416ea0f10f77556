/**
 * Figures of one tool run of the side-by-side benchmark, taken from the
 * emulator alone (its request log, counters and state), never from what the
 * tool says: calls, 429s, faults met, customers onboarded, embed tokens
 * handed out, and the organizations and locations beyond one per customer.
 * Exports: `Control`, `EmulatorFigures`, `StateOrganization`, `readLogSince`,
 * `isOrganizationPost`, `emulatorFigures`, `customerFigures`.
 */
import type { CountersSnapshot, RequestLogEntry } from '../../src/emulator/index.js';
import type { ExpectedCustomer } from './alternatives-input.js';
import { sum } from './executor-stats.js';

/** The control endpoints' largest page. */
const PAGE = 1_000;
const PARTNER = 'demo';
const EMBED_TOKEN_PATH = /^\/api\/v1\/users\/([^/]+)\/embed-token$/;

/** Calls an emulator control endpoint and returns its JSON. */
export type Control = (method: string, path: string) => Promise<unknown>;

/** An organization as `GET /_emulator/state` lists it (users and numbers embedded). */
export interface StateOrganization {
  id: number;
  users: { external_id: string; organizations: { id: number; role: string }[] }[];
  phone_numbers: { name: string }[];
}

interface StateBody {
  partners: { id: string; organizations: StateOrganization[] }[];
}

/** What the emulator saw of one run (both processes of a killed run). */
export interface EmulatorFigures {
  /** API requests received, 429s included. */
  calls: number;
  rateLimited: number;
  /** Requests answered 500/502/503 by the fault injection, without the work. */
  serverErrors: number;
  /** Writes committed whose answer the emulator then dropped. */
  answersLost: number;
  organizationsCommitted: number;
  locationsCommitted: number;
  /** Customers fully onboarded: their owner's organization holds their location. */
  onboarded: number;
  /** Customers not onboarded at the end. */
  failedCustomers: number;
  /** Customers whose owner got an embed token (answer 200) at least once. */
  embedTokens: number;
  /** Organizations beyond one per customer. */
  duplicateOrganizations: number;
  /** Locations (phone numbers) beyond one per customer. */
  duplicateLocations: number;
}

/** Every logged API request after sequence number `since`, oldest first. */
export async function readLogSince(
  control: Control,
  since: number,
): Promise<RequestLogEntry[]> {
  const entries: RequestLogEntry[] = [];
  let last = since;
  for (;;) {
    const page = (await control('GET', `/requests?since=${last}&limit=${PAGE}`)) as {
      requests: RequestLogEntry[];
    };
    entries.push(...page.requests);
    last = page.requests.at(-1)?.seq ?? last;
    if (page.requests.length < PAGE) return entries;
  }
}

export function isOrganizationPost(entry: RequestLogEntry): boolean {
  return entry.method === 'POST' && entry.path === '/api/v1/organizations';
}

function owners(org: StateOrganization): string[] {
  return org.users
    .filter((user) =>
      user.organizations.some((m) => m.id === org.id && m.role === 'owner'),
    )
    .map((user) => user.external_id);
}

/**
 * Onboarded customers and duplicates, from the live state. An organization
 * whose owner is no customer of the input counts as a duplicate (it should
 * not exist), with every number it holds.
 */
export function customerFigures(
  organizations: readonly StateOrganization[],
  expected: readonly ExpectedCustomer[],
) {
  const byOwner = new Map<string, StateOrganization[]>();
  let strays = 0;
  let strayNumbers = 0;
  const known = new Set(expected.map((customer) => customer.ownerExternalId));
  for (const org of organizations) {
    const owner = owners(org).find((id) => known.has(id));
    if (owner === undefined) {
      strays += 1;
      strayNumbers += org.phone_numbers.length;
      continue;
    }
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), org]);
  }
  let onboarded = 0;
  let duplicateOrganizations = strays;
  let duplicateLocations = strayNumbers;
  for (const customer of expected) {
    const orgs = byOwner.get(customer.ownerExternalId) ?? [];
    const numbers = orgs.flatMap((org) => org.phone_numbers);
    if (numbers.some((n) => n.name === customer.locationName)) onboarded += 1;
    duplicateOrganizations += Math.max(0, orgs.length - 1);
    duplicateLocations += Math.max(0, numbers.length - 1);
  }
  return { onboarded, duplicateOrganizations, duplicateLocations };
}

function embedTokenOwners(entries: readonly RequestLogEntry[]): number {
  const owners = new Set<string>();
  for (const entry of entries) {
    const match = entry.method === 'GET' ? EMBED_TOKEN_PATH.exec(entry.path) : null;
    if (match?.[1] !== undefined && entry.status === 200) owners.add(match[1]);
  }
  return owners.size;
}

/**
 * The figures of the run the emulator holds; it must have been fresh at the
 * start. Throws when the request log lost entries (its ring buffer is 10,000).
 */
export async function emulatorFigures(
  control: Control,
  expected: readonly ExpectedCustomer[],
): Promise<EmulatorFigures> {
  const counters = (await control('GET', '/counters')) as CountersSnapshot;
  const entries = await readLogSince(control, 0);
  if (entries.length !== counters.totalRequests) {
    throw new Error(
      `the emulator's request log holds ${entries.length} of ${counters.totalRequests} ` +
        'requests (its buffer overflowed): run the benchmark with fewer --customers',
    );
  }
  const state = (await control('GET', '/state')) as StateBody;
  const partner = state.partners.find((p) => p.id === PARTNER);
  if (partner === undefined) throw new Error(`the emulator has no partner ${PARTNER}`);
  const customers = customerFigures(partner.organizations, expected);
  const locations = counters.locationCreates[PARTNER] ?? {};
  return {
    calls: entries.length,
    rateLimited: counters.rateLimited,
    serverErrors: entries.filter((e) => e.fault === 'error').length,
    answersLost: entries.filter((e) => e.status === 'dropped').length,
    organizationsCommitted: sum(
      Object.values(counters.organizationCreates[PARTNER] ?? {}),
    ),
    locationsCommitted: sum(Object.values(locations).flatMap((n) => Object.values(n))),
    onboarded: customers.onboarded,
    failedCustomers: expected.length - customers.onboarded,
    embedTokens: embedTokenOwners(entries),
    duplicateOrganizations: customers.duplicateOrganizations,
    duplicateLocations: customers.duplicateLocations,
  };
}
