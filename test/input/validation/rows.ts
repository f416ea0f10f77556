/** Builds FlatRows the way the CSV reader gives them, for the validation tests. */
import type { CanonicalField } from '../../../src/input/fields.js';
import { CANONICAL_FIELDS } from '../../../src/input/fields.js';
import type {
  FieldValue,
  FlatRow,
  RecordSource,
  RowProblem,
} from '../../../src/input/records.js';

export type Values = Partial<Record<CanonicalField, string>>;

/** The column text the CSV reader gives a canonical header at its position. */
export function columnOf(field: CanonicalField): string {
  return `${field} (column ${CANONICAL_FIELDS.indexOf(field) + 1})`;
}

export function csvSource(file: string, line: number, values: Values): RecordSource {
  const cells = CANONICAL_FIELDS.map((field) => values[field] ?? '');
  return {
    file,
    format: 'csv',
    line,
    endLine: line,
    raw: { kind: 'csv', header: CANONICAL_FIELDS, cells },
  };
}

/** One CSV row at `file:line` with the given non-empty values. */
export function row(
  file: string,
  line: number,
  values: Values,
  problems: RowProblem[] = [],
): FlatRow {
  const fieldValues: Partial<Record<CanonicalField, FieldValue>> = {};
  for (const field of CANONICAL_FIELDS) {
    const value = values[field];
    if (value !== undefined)
      fieldValues[field] = { value, line, column: columnOf(field) };
  }
  return { source: csvSource(file, line, values), values: fieldValues, problems };
}

/** The organization and owner columns of a customer, as a flat export repeats them. */
export function customer(id: string, owner: string, org = `Org ${id}`): Values {
  return {
    customer_id: id,
    org_name: org,
    owner_external_id: owner,
    owner_email: `${owner}@example.com`,
  };
}

/** Values for `file:line` of a problem about one value. */
export function at(file: string, line: number, field: CanonicalField, value: string) {
  return { file, line, column: columnOf(field), value };
}
