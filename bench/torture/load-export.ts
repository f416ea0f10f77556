/**
 * The export of the load run: N customers, each an organization with its
 * owner, two more users and two locations, as a flat CSV of two rows per
 * customer (row j carries the customer's location j and additional user j;
 * the organization and the owner repeat on both rows, which is how the
 * export expresses several users and locations of one customer). Written as
 * a stream: the customers are never held in memory. `loadCustomer` gives any
 * customer back from its index, so that the emulator's state can be checked
 * against the export without keeping it.
 * Exports: `LoadCustomer`, `LoadExport`, `loadCustomer`, `writeLoadExport`,
 * `OPERATIONS_PER_CUSTOMER`.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CANONICAL_FIELDS } from '../../src/input/fields.js';

/** The owner and two more users; the owner comes with the organization. */
const EXTRA_USERS = 2;
const LOCATIONS = 2;
/** One organization create, one per extra user, one per location. */
export const OPERATIONS_PER_CUSTOMER = 1 + EXTRA_USERS + LOCATIONS;
/** Customers per chunk handed to the file stream. */
const CUSTOMERS_PER_CHUNK = 500;

// A comma, a quote and accents on purpose: the rows need CSV quoting.
const KINDS = [
  'Dental',
  'Plumbing, Heating & Air',
  'Café',
  'Law Office',
  'The "Best" Bakery',
];
const ROLES = ['manager', 'user'] as const;
const SITES = ['Front Office', 'Warehouse'];
/** Geographic area codes: no N11, no toll-free, no premium. */
const AREA_CODES = ['212', '303', '415', '512', '617', '702', '919'];

export interface LoadCustomer {
  key: string;
  organization: string;
  owner: { externalId: string; email: string; name: string };
  users: { externalId: string; email: string; name: string; role: string }[];
  locations: { name: string; address: string; areaCode: string }[];
}

export interface LoadExport {
  customers: number;
  /** Owners included. */
  users: number;
  locations: number;
  /** Creates the plan must hold against an empty API. */
  operations: number;
  rows: number;
}

/** The customer at `index` (0-based); the same index always gives the same customer. */
export function loadCustomer(index: number): LoadCustomer {
  const number = String(index + 1).padStart(6, '0');
  const key = `L${number}`;
  const person = (tag: string, name: string) => ({
    externalId: `${key}-${tag}`,
    email: `${tag}.${number}@example.com`,
    name,
  });
  return {
    key,
    organization: `${KINDS[index % KINDS.length] ?? ''} ${number}`,
    owner: person('owner', `Renée O'Brien ${number}`),
    users: Array.from({ length: EXTRA_USERS }, (_, j) => ({
      ...person(`user${j + 1}`, `Søren Park ${number}-${j + 1}`),
      role: ROLES[j % ROLES.length] ?? 'user',
    })),
    locations: Array.from({ length: LOCATIONS }, (_, j) => ({
      name: SITES[j] ?? `Site ${j + 1}`,
      address: `${j + 1} Main St, Springfield`,
      areaCode: AREA_CODES[(index + j) % AREA_CODES.length] ?? '617',
    })),
  };
}

/** A CSV cell, quoted when it holds a delimiter, a quote or a line break. */
function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function customerRows(customer: LoadCustomer): string[] {
  const { owner } = customer;
  return customer.locations.map((location, j) => {
    const user = customer.users[j];
    return [
      customer.key,
      customer.organization,
      '',
      owner.externalId,
      owner.email,
      owner.name,
      location.name,
      location.address,
      location.areaCode,
      '',
      user?.externalId ?? '',
      user?.email ?? '',
      user?.name ?? '',
      user?.role ?? '',
    ]
      .map(cell)
      .join(',');
  });
}

function* chunks(customers: number): Generator<string> {
  yield `${CANONICAL_FIELDS.join(',')}\n`;
  for (let first = 0; first < customers; first += CUSTOMERS_PER_CHUNK) {
    const last = Math.min(first + CUSTOMERS_PER_CHUNK, customers);
    const lines: string[] = [];
    for (let index = first; index < last; index += 1) {
      lines.push(...customerRows(loadCustomer(index)));
    }
    yield `${lines.join('\n')}\n`;
  }
}

/** Writes the export of `customers` customers to `path`. */
export async function writeLoadExport(
  path: string,
  customers: number,
): Promise<LoadExport> {
  // Every extra user has a row of its own beside a location (LOCATIONS >= EXTRA_USERS).
  await pipeline(
    Readable.from(chunks(customers)),
    createWriteStream(path, { mode: 0o600 }),
  );
  return {
    customers,
    users: customers * (1 + EXTRA_USERS),
    locations: customers * LOCATIONS,
    operations: customers * OPERATIONS_PER_CUSTOMER,
    rows: customers * LOCATIONS,
  };
}
