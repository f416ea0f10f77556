/**
 * One customer while its rows stream in: the merged values it needs, the records
 * it came from and the problems found so far. Checks within one customer live
 * here; checks across customers in `cross-customer-checks.ts`.
 */
import type { CanonicalField } from './fields.js';
import type { DesiredCustomer } from './customer.js';
import { normaliseName } from './normalise.js';
import { quoteValue } from './problem-text.js';
import type { FieldValue, FlatRow, RecordSource, RowProblem } from './records.js';
import { parseRole } from './rules.js';

const CUSTOMER_FIELDS = [
  'org_name',
  'org_description',
  'owner_external_id',
  'owner_email',
  'owner_name',
] as const satisfies readonly CanonicalField[];
const LOCATION_FIELDS = [
  'location_name',
  'location_address',
  'location_area_code',
  'location_google_place_id',
] as const satisfies readonly CanonicalField[];
const USER_FIELDS = [
  'user_external_id',
  'user_email',
  'user_name',
  'user_role',
] as const satisfies readonly CanonicalField[];

/** A value of the export with the file it was read from. */
export interface Given extends FieldValue {
  file: string;
}

/** Some fields of one entity (the customer, a location, a user), as given. */
export type Entity<F extends CanonicalField> = Partial<Record<F, Given>>;
export type LocationEntity = Entity<(typeof LOCATION_FIELDS)[number]>;
export type UserEntity = Entity<(typeof USER_FIELDS)[number]>;

export interface CustomerDraft {
  key: string;
  keySource: DesiredCustomer['keySource'];
  /** Each record once: in the order read, then by place once finished. */
  records: RecordSource[];
  problems: RowProblem[];
  fields: Entity<(typeof CUSTOMER_FIELDS)[number]>;
  /** By normalised name; made for the first location (most customers have few). */
  locations?: Map<string, LocationEntity>;
  /** By external id; the owner is taken out by `finishDraft`. */
  users?: Map<string, UserEntity>;
}

export function newDraft(
  key: string,
  keySource: CustomerDraft['keySource'],
): CustomerDraft {
  return {
    key,
    keySource,
    records: [],
    problems: [],
    fields: {},
  };
}

/**
 * Whether two rows come from one record. A reader gives the rows of one record
 * one after another, sharing its RecordSource; the field comparison covers a
 * reader that copies it.
 */
export function sameRecord(a: RecordSource | undefined, b: RecordSource): boolean {
  if (a === b) return true;
  if (a === undefined || a.file !== b.file || a.line !== b.line) return false;
  if (a.endLine !== b.endLine || a.raw.kind !== b.raw.kind) return false;
  return JSON.stringify(a.raw) === JSON.stringify(b.raw);
}

/** Where a value was given, as `file:line`. */
export function placeOf(given: { file: string; line: number }): string {
  return `${given.file}:${given.line}`;
}

/** Orders places by file, then line. */
export function byPlace(
  a: { file: string; line: number },
  b: { file: string; line: number },
) {
  return byText(a.file, b.file) || a.line - b.line;
}

function isBefore(value: FieldValue, row: FlatRow, stored: Given): boolean {
  const { file } = row.source;
  return file === stored.file ? value.line < stored.line : file < stored.file;
}

/**
 * Two values in the order of their places in the export, so that which one is
 * kept, and which one a problem is reported on, does not depend on row order.
 */
function inPlaceOrder<T extends { file: string; line: number }>(a: T, b: T): [T, T] {
  return byPlace(b, a) < 0 ? [b, a] : [a, b];
}

/** Orders strings by UTF-16 code units: the same on every machine and locale. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function givenOf(value: FieldValue, file: string): Given {
  return { value: value.value, line: value.line, column: value.column, file };
}

function pick<F extends CanonicalField>(row: FlatRow, fields: readonly F[]): Entity<F> {
  const entity: Entity<F> = {};
  for (const field of fields) {
    const value = row.values[field];
    if (value !== undefined) entity[field] = givenOf(value, row.source.file);
  }
  return entity;
}

/** A problem about a value given in the export. */
export function problemAt(
  given: Given,
  code: string,
  reason: string,
  hint: string,
): RowProblem {
  const { file, line, column, value } = given;
  return { code, file, line, column, value, reason, hint };
}

function conflict(field: string, later: Given, earlier: Given, key: string): RowProblem {
  return problemAt(
    later,
    'conflicting-value',
    `${field} ${quoteValue(later.value)} (${placeOf(later)}) differs from ` +
      `${quoteValue(earlier.value)} (${placeOf(earlier)}) for the same customer ${quoteValue(key)}`,
    'Write the same value on every row that gives it, or leave it empty on all rows but one.',
  );
}

function mergeCustomerFields(draft: CustomerDraft, row: FlatRow): void {
  for (const field of CUSTOMER_FIELDS) {
    const value = row.values[field];
    if (value === undefined) continue;
    const stored = draft.fields[field];
    // Flat exports repeat these fields on every row: a repeat met later costs nothing.
    if (
      stored !== undefined &&
      stored.value === value.value &&
      !isBefore(value, row, stored)
    ) {
      continue;
    }
    const given = givenOf(value, row.source.file);
    const [first, later] = stored === undefined ? [given] : inPlaceOrder(stored, given);
    draft.fields[field] = first;
    if (later !== undefined && later.value !== first.value) {
      draft.problems.push(conflict(field, later, first, draft.key));
    }
  }
}

/** The value two entities are compared by; an empty role means `user` (U12). */
function comparable(field: CanonicalField, given: Given | undefined): string | undefined {
  if (field !== 'user_role') return given?.value;
  if (given === undefined) return 'user';
  return parseRole(given.value) ?? given.value;
}

function describeGiven(given: Given | undefined): string {
  return given === undefined ? 'empty' : quoteValue(given.value);
}

/**
 * Merges an entity given again under the same identity: identical repeats are
 * how flat exports look; any difference is a problem on the later row.
 */
function mergeEntity<F extends CanonicalField>(
  draft: CustomerDraft,
  entities: Map<string, Entity<F>>,
  identity: { id: string; field: F; code: string; noun: string },
  entity: Entity<F>,
  fields: readonly F[],
): void {
  const stored = entities.get(identity.id);
  const storedId = stored?.[identity.field];
  const givenId = entity[identity.field];
  if (stored === undefined || storedId === undefined || givenId === undefined) {
    entities.set(identity.id, entity);
    return;
  }
  const [earlier, later] =
    byPlace(givenId, storedId) < 0 ? [entity, stored] : [stored, entity];
  entities.set(identity.id, earlier);
  const field = fields.find((f) => comparable(f, earlier[f]) !== comparable(f, later[f]));
  const [first, last] = inPlaceOrder(storedId, givenId);
  if (field === undefined) return;
  draft.problems.push(
    problemAt(
      last,
      identity.code,
      `${identity.noun} ${quoteValue(last.value)} is given twice for customer ` +
        `${quoteValue(draft.key)} with different ${field}: ${describeGiven(later[field])} ` +
        `(${placeOf(last)}) and ${describeGiven(earlier[field])} (${placeOf(first)})`,
      `Write identical values on every row that repeats the ${identity.noun}, or tell them apart by ${identity.field}.`,
    ),
  );
}

function mergeLocation(draft: CustomerDraft, row: FlatRow): void {
  const name = row.values.location_name;
  if (name === undefined) return;
  const identity = {
    id: normaliseName(name.value),
    field: 'location_name',
    code: 'duplicate-location',
    noun: 'location',
  } as const;
  mergeEntity(
    draft,
    (draft.locations ??= new Map<string, LocationEntity>()),
    identity,
    pick(row, LOCATION_FIELDS),
    LOCATION_FIELDS,
  );
}

function mergeUser(draft: CustomerDraft, row: FlatRow): void {
  const externalId = row.values.user_external_id;
  if (externalId === undefined) return;
  const identity = {
    id: externalId.value,
    field: 'user_external_id',
    code: 'duplicate-user',
    noun: 'user',
  } as const;
  mergeEntity(
    draft,
    (draft.users ??= new Map<string, UserEntity>()),
    identity,
    pick(row, USER_FIELDS),
    USER_FIELDS,
  );
}

/** Adds one row: its record, its problems (the reader's and the rules'), its values. */
export function addRow(draft: CustomerDraft, row: FlatRow, problems: RowProblem[]): void {
  if (!sameRecord(draft.records.at(-1), row.source)) draft.records.push(row.source);
  if (row.problems.length > 0) draft.problems.push(...row.problems);
  if (problems.length > 0) draft.problems.push(...problems);
  mergeCustomerFields(draft, row);
  mergeLocation(draft, row);
  mergeUser(draft, row);
}
