/**
 * Input records as CSV rows again, for rejected.csv and failed.csv: a CSV
 * record as its header and cells were written; a JSON or NDJSON record as rows
 * of the canonical columns. Several headers share one union header.
 */
import { CANONICAL_FIELDS } from '../input/fields.js';
import type { RecordSource } from '../input/records.js';
import { jsonRecordRows } from './model-json-cells.js';

/** The header JSON records are written under (the canonical fields, in order). */
export const CANONICAL_HEADER: readonly string[] = CANONICAL_FIELDS;

/** One CSV row of a record: its header and its cells, in that header's order. */
export interface RecordRow {
  header: readonly string[];
  cells: readonly string[];
  /**
   * What the record held that no column of `header` holds, one `path: JSON
   * text` line each; on the first row of a JSON record only, empty otherwise.
   */
  unplaced: string;
}

/**
 * The rows a record is written as: a CSV record one, with its cells exactly
 * as decoded; a JSON record one per part (organization and owner, then each
 * user, then each location), as the JSON readers flatten it, values trimmed.
 * A JSON value that is not a string is written as its JSON text, and what has
 * no canonical column goes to `unplaced` (see model-json-cells.ts): the error
 * column says what was wrong with them.
 */
export function recordRows(source: RecordSource): RecordRow[] {
  const { raw } = source;
  if (raw.kind === 'csv') return [{ header: raw.header, cells: raw.cells, unplaced: '' }];
  const { rows, unplaced } = jsonRecordRows(source, raw.text);
  return rows.map((row, index) => ({
    header: CANONICAL_HEADER,
    cells: CANONICAL_FIELDS.map((field) => row.values[field]?.value ?? ''),
    unplaced: index === 0 ? unplaced.join('\n') : '',
  }));
}

/**
 * The union of several headers in first-seen order. A name that a header
 * holds twice is two columns (its first and second occurrence), and cells past
 * the end of a header fill columns with an empty name, so that no cell is lost.
 */
export class UnionHeader {
  readonly names: string[] = [];
  readonly #columns = new Map<string, number>();
  /** Positions already worked out, per header array (a file's records share one). */
  readonly #positions = new Map<readonly string[], number[]>();

  /** The union position of each cell of `row`, adding columns as needed. */
  place(row: RecordRow): number[] {
    let positions = this.#positions.get(row.header);
    if (positions === undefined) {
      positions = this.#add(row.header, 0);
      this.#positions.set(row.header, positions);
    }
    if (row.cells.length <= positions.length) return positions;
    const extra = Array.from({ length: row.cells.length - positions.length }, () => '');
    return [...positions, ...this.#add(extra, countOf(row.header, ''))];
  }

  #add(names: readonly string[], firstBlank: number): number[] {
    const seen = new Map<string, number>();
    if (firstBlank > 0) seen.set('', firstBlank);
    return names.map((name) => {
      const occurrence = seen.get(name) ?? 0;
      seen.set(name, occurrence + 1);
      const key = `${occurrence}\u0000${name}`;
      let position = this.#columns.get(key);
      if (position === undefined) {
        position = this.names.length;
        this.names.push(name);
        this.#columns.set(key, position);
      }
      return position;
    });
  }
}

function countOf(names: readonly string[], wanted: string): number {
  return names.reduce((count, name) => count + (name === wanted ? 1 : 0), 0);
}
