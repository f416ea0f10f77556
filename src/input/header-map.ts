import { readFile } from 'node:fs/promises';
import { usageError } from '../cli/errors.js';
import { isPlainObject } from '../util/is-plain-object.js';
import { describeValue } from '../util/describe-value.js';
import type { CanonicalField } from './fields.js';
import { CANONICAL_FIELDS } from './fields.js';
import { asIoError, InputError } from './input-error.js';
import { quoteValue, visibleText } from './problem-text.js';

/**
 * A `--map` file: which export header feeds which canonical field. In JSON,
 * `{ "<canonical field>": "<header>", "location_area_code": { "areaCodeFrom":
 * "<phone header>" } }`.
 */
export interface HeaderMap {
  /** The map file's path, named in every error about it. */
  file: string;
  fields: Partial<Record<CanonicalField, MapTarget>>;
}

/** One entry of a map: a header read as is, or a phone header to take an area code from. */
export interface MapTarget {
  header: string;
  areaCodeFrom: boolean;
}

/** How one column of a CSV file feeds a canonical field. */
export interface ColumnUse {
  field: CanonicalField;
  /** 0-based cell index. */
  index: number;
  /** `<header as written> (column <n>)`, for messages. */
  label: string;
  /** Take the area code out of a phone number instead of the cell itself. */
  areaCodeFrom: boolean;
}

/**
 * Other names exports commonly give the canonical fields, normalised (see
 * `normalizeHeader`). Each name maps to one field only; a name that could mean two
 * (a bare "email", "name" or "id") is deliberately absent.
 */
const ALIASES: Readonly<Record<CanonicalField, readonly string[]>> = {
  customer_id: ['customer', 'accountid'],
  org_name: [
    'organization',
    'organizationname',
    'company',
    'companyname',
    'businessname',
  ],
  org_description: ['description', 'organizationdescription'],
  owner_external_id: ['ownerid'],
  owner_email: [],
  owner_name: [],
  location_name: ['location', 'site', 'sitename'],
  location_address: ['address', 'streetaddress'],
  location_area_code: ['areacode'],
  location_google_place_id: ['placeid', 'googleplaceid'],
  user_external_id: ['userid'],
  user_email: [],
  user_name: [],
  user_role: ['role'],
};

/**
 * Lower-cases a header and drops spaces, underscores and hyphens, so that
 * `Owner Email`, `owner-email` and `OWNER_EMAIL` are one name.
 */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

function buildAutomaticNames(): ReadonlyMap<string, CanonicalField> {
  const names = new Map<string, CanonicalField>();
  for (const field of CANONICAL_FIELDS) {
    for (const name of [normalizeHeader(field), ...ALIASES[field]]) {
      const taken = names.get(name);
      if (taken !== undefined) {
        throw new Error(`header alias "${name}" names both ${taken} and ${field}`);
      }
      names.set(name, field);
    }
  }
  return names;
}

/** Every name a header may have to be matched without a map, to its field. */
export const AUTOMATIC_NAMES = buildAutomaticNames();

/** The canonical field a header matches without a map, if any. */
export function automaticField(header: string): CanonicalField | undefined {
  return AUTOMATIC_NAMES.get(normalizeHeader(header));
}

/** `<header> (column <n>)` for a 0-based index. */
export function columnLabel(header: string, index: number): string {
  // Shown in every problem of the column: a header can hold a line break or an escape.
  return `${visibleText(header.trim())} (column ${index + 1})`;
}

/** Reads and checks a `--map` file. */
export async function loadHeaderMap(file: string): Promise<HeaderMap> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw asIoError(file, error, 'the --map file');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw usageError(`--map ${file}: not valid JSON (${reason})`);
  }
  return parseHeaderMap(file, json);
}

/** Checks the shape of a parsed `--map` file. */
export function parseHeaderMap(file: string, json: unknown): HeaderMap {
  const shape = `{ "<canonical field>": "<header in the export>", ... }`;
  if (!isPlainObject(json)) {
    throw usageError(
      `--map ${file}: must be a JSON object ${shape}; got ${describeValue(json)}`,
    );
  }
  const fields: HeaderMap['fields'] = {};
  for (const [key, value] of Object.entries(json)) {
    if (!(CANONICAL_FIELDS as readonly string[]).includes(key)) {
      throw usageError(
        `--map ${file}: "${key}" is not a canonical field; use one of ${CANONICAL_FIELDS.join(', ')}`,
      );
    }
    fields[key as CanonicalField] = mapTarget(file, key, value);
  }
  return { file, fields };
}

function mapTarget(file: string, key: string, value: unknown): MapTarget {
  if (typeof value === 'string' && value.trim() !== '') {
    return { header: value, areaCodeFrom: false };
  }
  const from = isPlainObject(value) ? value.areaCodeFrom : undefined;
  const onlyKey = isPlainObject(value) && Object.keys(value).length === 1;
  if (
    key === 'location_area_code' &&
    onlyKey &&
    typeof from === 'string' &&
    from.trim()
  ) {
    return { header: from, areaCodeFrom: true };
  }
  const allowed =
    key === 'location_area_code'
      ? 'a header name or { "areaCodeFrom": "<phone header>" }'
      : 'a header name';
  throw usageError(
    `--map ${file}: "${key}" must be ${allowed}; got ${describeValue(value)}`,
  );
}

/**
 * Decides which column feeds each canonical field: the map's entries first, then
 * automatic matching for the fields and columns the map leaves out. Throws an
 * InputError for a mapped header the export lacks or for two columns feeding
 * one field.
 */
export function resolveColumns(
  place: { file: string; line: number },
  header: readonly string[],
  map: HeaderMap | undefined,
): ColumnUse[] {
  const uses: ColumnUse[] = [];
  const mappedFields = new Set<string>();
  const mappedColumns = new Set<number>();
  for (const [field, target] of Object.entries(map?.fields ?? {})) {
    const index = findMappedHeader(place, header, target.header, map?.file ?? '');
    const label = columnLabel(header[index] ?? '', index);
    uses.push({
      field: field as CanonicalField,
      index,
      label,
      areaCodeFrom: target.areaCodeFrom,
    });
    mappedFields.add(field);
    mappedColumns.add(index);
  }
  const automatic = new Map<CanonicalField, number>();
  header.forEach((cell, index) => {
    const field = automaticField(cell);
    if (field === undefined || mappedFields.has(field) || mappedColumns.has(index))
      return;
    const earlier = automatic.get(field);
    if (earlier !== undefined)
      throw duplicateColumns(place, header, field, earlier, index);
    automatic.set(field, index);
    uses.push({ field, index, label: columnLabel(cell, index), areaCodeFrom: false });
  });
  return uses;
}

function findMappedHeader(
  place: { file: string; line: number },
  header: readonly string[],
  wanted: string,
  mapFile: string,
): number {
  const key = wanted.trim().toLowerCase();
  const found: number[] = [];
  header.forEach((cell, index) => {
    if (cell.trim().toLowerCase() === key) found.push(index);
  });
  const listed = header.map((cell) => quoteValue(cell.trim())).join(', ');
  if (found.length === 0) {
    throw new InputError({
      ...place,
      value: wanted,
      problem: `the map ${mapFile} names the header ${quoteValue(wanted)}, which this file does not have (its headers: ${listed})`,
      action: `Correct the header name in ${mapFile}`,
    });
  }
  if (found.length > 1) {
    const where = found
      .map((index) => columnLabel(header[index] ?? '', index))
      .join(' and ');
    throw new InputError({
      ...place,
      value: wanted,
      problem: `the map ${mapFile} names the header ${quoteValue(wanted)}, which appears twice: ${where}`,
      action: 'Rename one of the columns in the export',
    });
  }
  return found[0] ?? 0;
}

function duplicateColumns(
  place: { file: string; line: number },
  header: readonly string[],
  field: CanonicalField,
  first: number,
  second: number,
): InputError {
  const name = (index: number) =>
    `column ${columnLetters(index)} ${quoteValue((header[index] ?? '').trim())}`;
  return new InputError({
    ...place,
    problem: `${name(first)} and ${name(second)} both map to ${field}`,
    action: `Remove or rename one of them, or say which to use with --map ('{ "${field}": "<header>" }')`,
  });
}

/** Spreadsheet column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** Characters a phone number may hold besides digits and one leading `+`. */
const PHONE_PUNCTUATION = new Set([' ', '-', '.', '(', ')']);
const NANP_DIGITS = 10;

/**
 * The area code of a North American phone number written as `617-555-0100`,
 * `(617) 555-0100`, `+1 617 555 0100`, `16175550100` or `6175550100`; undefined
 * for anything else, including area codes that cannot exist (starting 0 or 1).
 */
export function areaCodeOf(phone: string): string | undefined {
  let digits = '';
  for (let index = 0; index < phone.length; index += 1) {
    const char = phone.charAt(index);
    if (char >= '0' && char <= '9') digits += char;
    else if (!(PHONE_PUNCTUATION.has(char) || (char === '+' && index === 0)))
      return undefined;
  }
  if (phone.startsWith('+') && !digits.startsWith('1')) return undefined;
  if (digits.length === NANP_DIGITS + 1 && digits.startsWith('1'))
    digits = digits.slice(1);
  const first = digits.charAt(0);
  if (digits.length !== NANP_DIGITS || first === '0' || first === '1') return undefined;
  return digits.slice(0, 3);
}
