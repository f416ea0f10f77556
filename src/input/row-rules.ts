/**
 * The `required` rules: what a row of each kind must give, and what every
 * customer must give on at least one of its rows; and all checks of one row.
 *
 * A row with any location_* value is a location row, one with any user_* value a
 * user row, and a row may be both (flat exports put one location and one user on
 * a row). Organization and owner fields are required per customer, not per row:
 * a row may carry only customer_id and a user when another row of the customer
 * gives the organization and the owner.
 */
import type { CanonicalField } from './fields.js';
import { CANONICAL_FIELDS } from './fields.js';
import { quoteValue } from './problem-text.js';
import type { FieldValue, FlatRow, RowProblem } from './records.js';
import { checkValue } from './rules.js';

/** Fields every customer needs on at least one of its rows. */
export const CUSTOMER_REQUIRED_FIELDS = [
  'org_name',
  'owner_external_id',
  'owner_email',
] as const satisfies readonly CanonicalField[];

const LOCATION_PREFIX = 'location_';
const USER_PREFIX = 'user_';

/** Which entities a row describes; a flat export may give a location and a user. */
export interface RowKind {
  /** The first location_* field given, when any is (the row is a location row). */
  locationField?: CanonicalField;
  /** The first user_* field given, when any is (the row is a user row). */
  userField?: CanonicalField;
}

export function rowKind(row: FlatRow): RowKind {
  const kind: RowKind = {};
  for (const field of CANONICAL_FIELDS) {
    if (row.values[field] === undefined) continue;
    if (kind.locationField === undefined && field.startsWith(LOCATION_PREFIX)) {
      kind.locationField = field;
    } else if (kind.userField === undefined && field.startsWith(USER_PREFIX)) {
      kind.userField = field;
    }
  }
  return kind;
}

function missingOnRow(
  row: FlatRow,
  field: CanonicalField,
  kind: string,
  present: CanonicalField,
): RowProblem {
  return {
    code: 'required',
    file: row.source.file,
    line: row.source.line,
    column: field,
    reason: `${field} is required on a ${kind} row, and this row is one because it has ${present}`,
    hint: `Fill in ${field}, or leave every ${kind}_* column of this row empty.`,
  };
}

/** The fields each row kind needs. */
const KIND_NEEDS = [
  { kind: 'location', needs: ['location_name'] },
  { kind: 'user', needs: ['user_external_id', 'user_email'] },
] as const satisfies readonly { kind: string; needs: readonly CanonicalField[] }[];

/**
 * The fields a row's kind needs: a location row its name, a user row the user's
 * external id and email.
 */
export function checkRowRequired(row: FlatRow): RowProblem[] {
  const found = rowKind(row);
  const problems: RowProblem[] = [];
  for (const { kind, needs } of KIND_NEEDS) {
    const present = kind === 'location' ? found.locationField : found.userField;
    if (present === undefined) continue;
    for (const field of needs) {
      if (row.values[field] === undefined) {
        problems.push(missingOnRow(row, field, kind, present));
      }
    }
  }
  return problems;
}

/** A problem with a derived value shows the cell it came from, as the file holds it. */
function asWritten(problem: RowProblem, value: FieldValue): RowProblem {
  if (value.written === undefined || problem.value === undefined) return problem;
  return { ...problem, value: value.written };
}

/** Every problem of a row's own: its values, then what its kind needs. */
export function checkRow(row: FlatRow): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const field of CANONICAL_FIELDS) {
    const value = row.values[field];
    if (value === undefined) continue;
    const problem = checkValue({ file: row.source.file, field, value });
    if (problem !== undefined) problems.push(asWritten(problem, value));
  }
  const missing = checkRowRequired(row);
  return missing.length === 0 ? problems : problems.concat(missing);
}

/** The problem of a customer none of whose rows gives a field it needs. */
export function missingCustomerField(
  field: CanonicalField,
  key: string,
  at: { file: string; line: number },
): RowProblem {
  return {
    code: 'required',
    file: at.file,
    line: at.line,
    column: field,
    reason: `${field} is required for every customer, and no row of customer ${quoteValue(key)} gives it`,
    hint: `Fill in ${field} on at least one row of the customer.`,
  };
}
