/**
 * Checks of a CSV header as a whole: a header without a key column stops the
 * file (its rows could belong to no customer), and the required customer fields
 * it has no column for are noted once per file rather than once per customer.
 */
import type { CsvHeader } from './csv-reader.js';
import type { CanonicalField } from './fields.js';
import { InputError } from './input-error.js';
import { quoteValue } from './problem-text.js';
import { CUSTOMER_REQUIRED_FIELDS } from './row-rules.js';

/**
 * Columns whose header starts with this are aa-sync's own (`aa_sync_error` in
 * rejected.csv and failed.csv): a file fed back is read as if they were absent.
 */
export const REPORT_COLUMN_PREFIX = 'aa_sync_';

/** The 0-based indexes of a header's aa-sync columns; empty for most files. */
export function reportColumnIndexes(header: readonly string[]): ReadonlySet<number> {
  const indexes = new Set<number>();
  header.forEach((cell, index) => {
    if (cell.trim().toLowerCase().startsWith(REPORT_COLUMN_PREFIX)) indexes.add(index);
  });
  return indexes;
}

/** `cells` without the cells at `indexes` (the same array when there are none). */
export function omitColumns<T>(cells: T[], indexes: ReadonlySet<number>): T[] {
  if (indexes.size === 0) return cells;
  return cells.filter((_, index) => !indexes.has(index));
}

/** The fields a row's customer key is read from (see `customerKeyOf`). */
export const KEY_FIELDS: readonly CanonicalField[] = ['customer_id', 'owner_external_id'];
/** How many header cells a message lists before "and N more". */
const LISTED_HEADERS = 5;

/** A CSV file's header that has no column for some required customer fields. */
export interface HeaderGap {
  /** The path as given on the command line. */
  file: string;
  /** The header's physical line. */
  line: number;
  /** The required customer fields no column of the header feeds. */
  fields: readonly CanonicalField[];
}

/** Delimiters a one-cell header may reveal, with the `--delimiter` value to pass. */
const DELIMITER_HINTS: readonly { char: string; shown: string; flag: string }[] = [
  { char: ';', shown: '";"', flag: 'semicolon' },
  { char: '\t', shown: 'a tab', flag: 'tab' },
  { char: '|', shown: '"|"', flag: 'pipe' },
  { char: ',', shown: '","', flag: 'comma' },
];

/** `"a", "b", "c"` for the first few cells, then `and N more`. */
export function listHeaders(header: readonly string[]): string {
  const shown = header.slice(0, LISTED_HEADERS).map((cell) => quoteValue(cell.trim()));
  const rest = header.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** What to do about a header without a key: depends on whether it is one cell. */
function keyAction(header: readonly string[]): string {
  const only = header.length === 1 ? (header[0] ?? '') : '';
  const hint = DELIMITER_HINTS.find(({ char }) => only.includes(char));
  const rename =
    'Rename a column to customer_id or owner_external_id, or name the column that ' +
    `holds the key with --map ('{ "customer_id": "<header>" }')`;
  if (hint === undefined) return `${rename}; check --delimiter too`;
  return (
    `The whole header is one cell: the delimiter looks like ${hint.shown}, so pass ` +
    `--delimiter ${hint.flag}. Otherwise: ${rename.charAt(0).toLowerCase()}${rename.slice(1)}`
  );
}

/**
 * Checks a CSV header: throws an InputError at it when no column feeds a key
 * field (every row would belong to no customer), unless `keyOptional`; returns the required customer
 * fields no column feeds, if any.
 */
export function checkCsvHeader(
  header: CsvHeader,
  keyOptional = false,
): HeaderGap | undefined {
  const fed = new Set(header.columns.map((use) => use.field));
  if (!keyOptional && !KEY_FIELDS.some((field) => fed.has(field))) {
    throw new InputError({
      file: header.file,
      line: header.line,
      problem:
        'the header has no key column: neither customer_id nor owner_external_id ' +
        `(headers found: ${listHeaders(header.cells)})`,
      action: keyAction(header.cells),
    });
  }
  const fields = CUSTOMER_REQUIRED_FIELDS.filter((field) => !fed.has(field));
  if (fields.length === 0) return undefined;
  return { file: header.file, line: header.line, fields };
}
