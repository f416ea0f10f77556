/**
 * The input of the side-by-side benchmark: a flat CSV with the canonical
 * header and one row per customer (organization, owner and one location, no
 * extra users), the shape the quick-start loop, newman and aa-sync all read.
 * The customers are those of bench/generate-export.ts (same seed, same
 * names, quotes and accents included), cut to their first location.
 * Exports: `ExpectedCustomer`, `writeAlternativesInput`, `expectedCustomers`,
 * `csvCell`.
 */
import { writeFile } from 'node:fs/promises';
import { CANONICAL_FIELDS } from '../../src/input/fields.js';
import type { GeneratedCustomer } from '../generate-export.js';
import { customerAt } from '../generate-export.js';

/** What a customer must have at the end to count as onboarded. */
export interface ExpectedCustomer {
  ownerExternalId: string;
  locationName: string;
}

/** A CSV cell, quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvCell(value: string): string {
  const needsQuotes = /[",\r\n]|^\s|\s$/.test(value);
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

function firstLocation(customer: GeneratedCustomer) {
  const location = customer.locations[0];
  if (location === undefined) {
    throw new Error(`generated customer ${customer.id} has no location: a generator bug`);
  }
  return location;
}

/** The row of one customer, in CANONICAL_FIELDS order, users left empty. */
function rowOf(customer: GeneratedCustomer): string {
  const location = firstLocation(customer);
  const { owner } = customer;
  return [
    customer.id,
    customer.name,
    customer.description ?? '',
    owner.externalId,
    owner.email,
    owner.name,
    location.name,
    location.address,
    location.areaCode,
    location.placeId,
    ...['', '', '', ''],
  ]
    .map(csvCell)
    .join(',');
}

function customersOf(count: number, seed: number): GeneratedCustomer[] {
  return Array.from({ length: count }, (_, index) => customerAt(seed, index));
}

/** Writes `count` customers of the generated export made from `seed` to `path`. */
export async function writeAlternativesInput(
  path: string,
  count: number,
  seed: number,
): Promise<void> {
  const lines = [CANONICAL_FIELDS.join(','), ...customersOf(count, seed).map(rowOf)];
  await writeFile(path, `${lines.join('\n')}\n`);
}

/** The owner and location name of every customer of that input, in file order. */
export function expectedCustomers(count: number, seed: number): ExpectedCustomer[] {
  return customersOf(count, seed).map((customer) => ({
    ownerExternalId: customer.owner.externalId,
    locationName: firstLocation(customer).name,
  }));
}
