/**
 * Writes a deterministic flat CSV customer export of any size for benchmarks,
 * and optionally an emulator seed holding the first part of it as existing
 * organizations, with a few deliberate differences, so that a plan against it
 * shows creates, updates and unchanged customers. Both files are streamed: a
 * million customers never sit in memory. Exports: `generateExport`,
 * `customerAt`, `parseCommandLine`, `GenerateOptions`, `GenerateResult`,
 * `GeneratedCustomer`, `GeneratedPerson`.
 *
 *   node --import tsx bench/generate-export.ts --customers 100000 --out FILE
 *     [--seed S] [--emulator-seed FILE --seed-fraction 0.5]
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CANONICAL_FIELDS } from '../src/input/fields.js';

/** One location per row at most; 3 per customer keeps phone numbers unique (below). */
const MAX_LOCATIONS = 3;
const MAX_USERS = 2;
/** 792 exchanges (200-999 less N11) × 10,000 lines, shared by 3 locations per customer. */
const MAX_CUSTOMERS = 2_000_000;
const LINES_PER_EXCHANGE = 10_000;
/** Characters gathered before a chunk goes to the stream. */
const CHUNK_CHARS = 64 * 1024;
/** Every DIFFERENCE_PERIOD-th seeded customer is renamed, another one re-addressed. */
const DIFFERENCE_PERIOD = 20;
const RENAMED_AT = 3;
const READDRESSED_AT = 11;
const DEMO_PARTNER = { id: 'demo', keys: ['sk_test_demo'] };

/** A word list written as one line: entries separated by `|`. */
const list = (text: string): readonly string[] => text.split('|');

// Accents, apostrophes, commas and quotes on purpose: they exercise CSV quoting.
const FIRST_NAMES = list(
  'Dana|Lee|María|José|Zoë|François|Amara|Chen|Priya|Søren|Noah|Olivia|Mateo|Aisha|Renée',
);
const LAST_NAMES = list(
  "Ruiz|Park|Müller|O'Brien|Nguyen|García|Okafor|Smith|Kowalski|Dubois|Patel|Rossi|Kim",
);
const KINDS = list(
  'Dental|Veterinary Clinic|Plumbing|Law Office|Bakery|Café|Auto Repair|Salon|Roofing',
);
const CITIES = list('Springfield|Portland|Austin|San José|Québec Heights|Miami');
const STREETS = list('Harbor Rd|Main St|Oak Ave|Pine St|Maple Dr|Market St');
const PLACES = list('Main Office|Annex|Downtown|Uptown|North Branch|Westside');
/** Geographic area codes only: no N11, no toll-free 8XX, no premium 900. */
const AREA_CODES = list(
  '201|206|212|213|303|312|404|415|503|512|602|617|702|713|720|919',
);
const PLACE_ID_ALPHABET = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
];
/** Exchanges (the 3 digits after the area code) that a subscriber can have. */
const EXCHANGES = Array.from({ length: 800 }, (_, i) => 200 + i).filter(
  (exchange) => exchange % 100 !== 11,
);

export interface GeneratedPerson {
  externalId: string;
  email: string;
  name: string;
}

export interface GeneratedCustomer {
  id: string;
  name: string;
  description: string | null;
  owner: GeneratedPerson;
  users: (GeneratedPerson & { role: 'manager' | 'user' })[];
  locations: { name: string; address: string; areaCode: string; placeId: string }[];
}

export interface GenerateOptions {
  customers: number;
  /** PRNG seed, an integer; the same seed gives the same bytes. */
  seed: number;
  /** CSV file to write. */
  out: string;
  /** Also write an emulator seed holding the first `fraction` of the customers. */
  emulatorSeed?: { path: string; fraction: number };
}

export interface GenerateResult {
  customers: number;
  rows: number;
  /** Customers in the emulator seed, and how many of them differ on purpose. */
  seeded: number;
  renamed: number;
  readdressed: number;
}

/** mulberry32: a 32-bit state PRNG, fast and good enough for test data. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Each customer has its own PRNG stream, so the seed file can regenerate the
 * first customers without replaying (or keeping) the whole export.
 */
function customerRandom(seed: number, index: number): () => number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (index + 1), 0xc2b2ae35);
  return mulberry32(h ^ (h >>> 16));
}

/** Draws from one customer's PRNG stream. */
interface Draw {
  int(n: number): number;
  pick(list: readonly string[]): string;
}

function drawFrom(random: () => number): Draw {
  const int = (n: number): number => Math.floor(random() * n);
  return { int, pick: (list) => list[int(list.length)] ?? '' };
}

/** A person with an ASCII email made unique by `tag`. */
function personOf(draw: Draw, externalId: string, tag: string): GeneratedPerson {
  const [first, last] = [draw.pick(FIRST_NAMES), draw.pick(LAST_NAMES)];
  const ascii = `${first}.${last}`.replaceAll('ø', 'o').normalize('NFD');
  const local = `${ascii.replace(/[^\w.]/g, '')}.${tag}`;
  const domain = draw.int(2) === 0 ? 'example.com' : 'example.org';
  const email = `${local.toLowerCase()}@${domain}`;
  return { externalId, email, name: `${first} ${last}` };
}

function organizationNameOf(draw: Draw, owner: GeneratedPerson, kind: string): string {
  const [last, other] = [draw.pick(LAST_NAMES), draw.pick(LAST_NAMES)];
  const names = [
    `${last} ${kind}`,
    `${last} & ${other} ${kind}`,
    `${last}, ${other} & Partners`,
    `The "Friendly" ${kind}`,
    `${owner.name.split(' ')[0] ?? ''}'s ${kind}`,
  ];
  return draw.pick(names);
}

/** A Google place id's shape: `ChIJ` and 23 URL-safe base64 characters; 3 in 5 have one. */
function placeIdOf(draw: Draw): string {
  if (draw.int(5) >= 3) return '';
  const tail = Array.from({ length: 23 }, () => draw.pick(PLACE_ID_ALPHABET));
  return `ChIJ${tail.join('')}`;
}

/** 1 to 3 locations with distinct names in one city. */
function locationsOf(draw: Draw, city: string): GeneratedCustomer['locations'] {
  const offset = draw.int(PLACES.length);
  return Array.from({ length: 1 + draw.int(MAX_LOCATIONS) }, (_, j) => ({
    name: PLACES[(offset + j) % PLACES.length] ?? '',
    address: `${100 + draw.int(9900)} ${draw.pick(STREETS)}, ${city}`,
    areaCode: draw.pick(AREA_CODES),
    placeId: placeIdOf(draw),
  }));
}

/** The customer at `index` (0-based) of the export made from `seed`. */
export function customerAt(seed: number, index: number): GeneratedCustomer {
  const draw = drawFrom(customerRandom(seed, index));
  const id = `C${String(index + 1).padStart(7, '0')}`;
  const owner = personOf(draw, `${id}-owner`, String(index + 1));
  const [kind, city] = [draw.pick(KINDS), draw.pick(CITIES)];
  const name = organizationNameOf(draw, owner, kind);
  const since = 1950 + draw.int(70);
  const descriptions = [
    `${kind} in ${city} since ${since}`,
    `Family-owned, since ${since}`,
  ];
  const description = draw.int(3) === 0 ? null : draw.pick(descriptions);
  const locations = locationsOf(draw, city);
  const users = Array.from({ length: draw.int(MAX_USERS + 1) }, (_, k) => ({
    ...personOf(draw, `${id}-u${k + 1}`, `${index + 1}u${k + 1}`),
    role: draw.int(2) === 0 ? ('manager' as const) : ('user' as const),
  }));
  return { id, name, description, owner, users, locations };
}

/** A CSV cell, quoted when it holds a comma, a quote, a line break or edge spaces. */
function cell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A flat export repeats the organization on every row; row j carries location j and user j. */
function csvRows(customer: GeneratedCustomer): string[] {
  const { owner } = customer;
  const head = [customer.id, customer.name, customer.description ?? ''];
  const rowCount = Math.max(customer.locations.length, customer.users.length);
  return Array.from({ length: rowCount }, (_, j) => {
    const location = customer.locations[j];
    const user = customer.users[j];
    return [
      ...head,
      ...[owner.externalId, owner.email, owner.name],
      ...(location === undefined
        ? ['', '', '', '']
        : [location.name, location.address, location.areaCode, location.placeId]),
      ...(user === undefined
        ? ['', '', '', '']
        : [user.externalId, user.email, user.name, user.role]),
    ]
      .map(cell)
      .join(',');
  });
}

/** Joins small strings into chunks of about CHUNK_CHARS for the write stream. */
function* chunked(parts: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const part of parts) {
    chunk += part;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

function* csvLines(options: GenerateOptions, result: GenerateResult): Generator<string> {
  yield `${CANONICAL_FIELDS.join(',')}\n`;
  for (let index = 0; index < options.customers; index += 1) {
    const rows = csvRows(customerAt(options.seed, index));
    result.rows += rows.length;
    yield `${rows.join('\n')}\n`;
  }
}

/** A unique number per location: its ordinal picks the exchange and the line. */
function phoneNumber(areaCode: string, index: number, j: number): string {
  const ordinal = index * MAX_LOCATIONS + j;
  const exchange = EXCHANGES[Math.floor(ordinal / LINES_PER_EXCHANGE)] ?? 0;
  const line = String(ordinal % LINES_PER_EXCHANGE).padStart(4, '0');
  return `+1${areaCode}${exchange}${line}`;
}

function seedOrganization(
  customer: GeneratedCustomer,
  index: number,
  result: GenerateResult,
) {
  const difference = index % DIFFERENCE_PERIOD;
  if (difference === RENAMED_AT) result.renamed += 1;
  if (difference === READDRESSED_AT) result.readdressed += 1;
  const person = (p: GeneratedPerson) => ({
    external_id: p.externalId,
    email: p.email,
    name: p.name,
  });
  return {
    name: difference === RENAMED_AT ? `${customer.name} (old name)` : customer.name,
    ...(customer.description === null ? {} : { description: customer.description }),
    owner: person(customer.owner),
    users: customer.users.map((user) => ({ ...person(user), role: user.role })),
    locations: customer.locations.map((location, j) => ({
      name: location.name,
      address:
        difference === READDRESSED_AT && j === 0
          ? '1 Old Mill Rd, Springfield'
          : location.address,
      phone_number: phoneNumber(location.areaCode, index, j),
      ...(location.placeId === '' ? {} : { google_place_id: location.placeId }),
    })),
  };
}

function* seedLines(options: GenerateOptions, result: GenerateResult): Generator<string> {
  yield `{"partners":[${JSON.stringify(DEMO_PARTNER)}],"organizations":[\n`;
  for (let index = 0; index < result.seeded; index += 1) {
    const org = seedOrganization(customerAt(options.seed, index), index, result);
    yield `${index === 0 ? '' : ',\n'}${JSON.stringify(org)}`;
  }
  yield '\n]}\n';
}

/** Throws a RangeError naming the option, the allowed range and the value. */
function checkOptions(options: GenerateOptions): GenerateOptions {
  const { customers } = options;
  if (!Number.isSafeInteger(customers) || customers < 1 || customers > MAX_CUSTOMERS) {
    throw new RangeError(
      `customers must be from 1 to ${MAX_CUSTOMERS}, got ${customers}`,
    );
  }
  const fraction = options.emulatorSeed?.fraction ?? 0;
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(`the seed fraction must be from 0 to 1, got ${fraction}`);
  }
  return options;
}

/** Writes the export (and the emulator seed, when asked); resolves with the counts. */
export async function generateExport(options: GenerateOptions): Promise<GenerateResult> {
  checkOptions(options);
  const fraction = options.emulatorSeed?.fraction ?? 0;
  const result: GenerateResult = {
    customers: options.customers,
    rows: 0,
    seeded: Math.floor(options.customers * fraction),
    renamed: 0,
    readdressed: 0,
  };
  await pipeline(
    Readable.from(chunked(csvLines(options, result))),
    createWriteStream(options.out),
  );
  if (options.emulatorSeed !== undefined) {
    const lines = chunked(seedLines(options, result));
    await pipeline(Readable.from(lines), createWriteStream(options.emulatorSeed.path));
  }
  return result;
}

const USAGE =
  'usage: node --import tsx bench/generate-export.ts --customers N --out FILE ' +
  '[--seed S] [--emulator-seed FILE [--seed-fraction F]]';

function integerFlag(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (value === undefined || !/^\d+$/.test(value)) {
    throw new RangeError(`--${name} must be a whole number, got ${value ?? 'nothing'}`);
  }
  return Number(value);
}

/** Reads the command line into options; throws a RangeError naming the bad flag. */
export function parseCommandLine(args: string[]): GenerateOptions {
  const { values } = parseArgs({
    args,
    options: {
      customers: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      'emulator-seed': { type: 'string' },
      'seed-fraction': { type: 'string' },
    },
  });
  if (values.out === undefined) throw new RangeError('--out FILE is required');
  const seedPath = values['emulator-seed'];
  const fractionText = values['seed-fraction'];
  if (seedPath === undefined && fractionText !== undefined) {
    throw new RangeError('--seed-fraction needs --emulator-seed FILE');
  }
  const fraction = fractionText === undefined ? 0.5 : Number(fractionText);
  return checkOptions({
    customers: integerFlag(values.customers, 'customers'),
    seed: integerFlag(values.seed, 'seed', 1) >>> 0,
    out: values.out,
    ...(seedPath === undefined ? {} : { emulatorSeed: { path: seedPath, fraction } }),
  });
}

async function main(): Promise<void> {
  let options: GenerateOptions;
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 64;
    return;
  }
  const result = await generateExport(options);
  process.stdout.write(
    `wrote ${result.customers} customers (${result.rows} rows) to ${options.out}` +
      (options.emulatorSeed === undefined
        ? '\n'
        : `; ${result.seeded} organizations (${result.renamed} renamed, ` +
          `${result.readdressed} with another address) to ${options.emulatorSeed.path}\n`),
  );
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  await main();
}
