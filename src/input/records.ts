import type { CanonicalField } from './fields.js';

/** The formats aa-sync reads. */
export const INPUT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/**
 * A record as the partner wrote it, kept so that rejected and failed records can
 * be written back in their original shape (issue: reports).
 */
export type RawRecord =
  | {
      kind: 'csv';
      /** The file's header cells, in order; shared by every record of the file. */
      header: readonly string[];
      /** The record's cells, in order, exactly as decoded (not trimmed). */
      cells: readonly string[];
    }
  | {
      kind: 'json';
      /** The record's JSON text as it appears in the file. */
      text: string;
    };

/** Where a record came from. */
export interface RecordSource {
  /** The path as given on the command line. */
  file: string;
  format: InputFormat;
  /** First physical line of the record, 1-based (quoted newlines counted). */
  line: number;
  /** Last physical line of the record. */
  endLine: number;
  raw: RawRecord;
}

/**
 * One value of a row, with the place it was read from. `column` is what a person
 * looks for in the file: for CSV the header as written and its 1-based position
 * (`owner_email (column 5)`), for JSON the path (`locations[1].area_code`).
 */
export interface FieldValue {
  /** The value as written, trimmed of surrounding whitespace; never a number. */
  value: string;
  line: number;
  column: string;
  /**
   * The cell as the file holds it, when `value` is read from it rather than taken
   * as is (a `--map` areaCodeFrom phone): problems show this, which a person can
   * find. Equal to `value` when no area code could be read from the phone.
   */
  written?: string;
}

/**
 * A record flattened to canonical fields. A field that is missing, or present but
 * empty after trimming, is absent from `values`.
 */
export interface FlatRow {
  source: RecordSource;
  values: Partial<Record<CanonicalField, FieldValue>>;
  /**
   * Problems the reader found in this record that do not stop the file (a CSV row
   * with more or fewer cells than the header, a JSON value that is not a string).
   */
  problems: RowProblem[];
}

/** What is wrong with one value or record; a customer with any is rejected. */
export interface RowProblem {
  /** A stable, short identifier (`required`, `email`, `area-code`, ...). */
  code: string;
  file: string;
  line: number;
  /** The column or JSON path, when the problem is about one value. */
  column?: string;
  /** The value as written, when there is one. */
  value?: string;
  /** What is wrong, in a sentence. */
  reason: string;
  /** What to do about it. */
  hint?: string;
}
