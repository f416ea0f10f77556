/**
 * The soak's export: every customer has its organization and owner, one more
 * user and two locations, so that each run exercises every kind of create
 * (organization with owner, user, location with a new number) in the same
 * proportions. Deterministic: customer i is the same in every soak.
 * Exports: `SoakCustomer`, `soakCustomer`, `writeSoakExport`.
 */
import { writeFileSync } from 'node:fs';
import { CANONICAL_FIELDS } from '../../src/input/fields.js';

/** What the emulator must hold for one customer at the end. */
export interface SoakCustomer {
  id: string;
  name: string;
  ownerExternalId: string;
  userExternalId: string;
  locationNames: readonly [string, string];
}

const TRADES = ['Dental', 'Plumbing', 'Bakery', 'Law Office', 'Salon', 'Roofing'];
const AREA_CODES = ['206', '312', '415', '512', '617', '720', '919'];
const LOCATIONS = ['Main Office', 'Annex'] as const;

const pick = (list: readonly string[], index: number): string =>
  list[index % list.length] ?? '';

/** The customer at `index` (0-based). */
export function soakCustomer(index: number): SoakCustomer {
  const id = `S${String(index + 1).padStart(6, '0')}`;
  return {
    id,
    name: `Soak ${pick(TRADES, index)} ${index + 1}`,
    ownerExternalId: `${id}-owner`,
    userExternalId: `${id}-u1`,
    locationNames: LOCATIONS,
  };
}

/** The two rows of one customer: row j carries location j; the first also the user. */
function rowsOf(index: number): string[][] {
  const customer = soakCustomer(index);
  const tag = String(index + 1);
  const head = [
    customer.id,
    customer.name,
    '',
    customer.ownerExternalId,
    `owner.${tag}@example.com`,
    `Owner ${tag}`,
  ];
  const user = [
    customer.userExternalId,
    `user.${tag}@example.com`,
    `User ${tag}`,
    'user',
  ];
  return customer.locationNames.map((name, j) => [
    ...head,
    name,
    `${100 + j} Main St Springfield`,
    pick(AREA_CODES, index + j),
    '',
    ...(j === 0 ? user : ['', '', '', '']),
  ]);
}

/** Writes the export of `customers` customers to `path` (no cell needs quoting). */
export function writeSoakExport(path: string, customers: number): void {
  const lines = [CANONICAL_FIELDS.join(',')];
  for (let index = 0; index < customers; index += 1) {
    for (const row of rowsOf(index)) lines.push(row.join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
