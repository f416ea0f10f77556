/**
 * Writing CSV for spreadsheets, and the one rule that keeps a cell from being
 * run as a formula there while leaving its value readable back unchanged.
 * Exports: `FORMULA_CELL`, `neutraliseCell`, `restoreCell`, `restoreCells`,
 * `renderCsv`.
 *
 * The rule, in both directions (the CSV reader applies `restoreCell`):
 * - core = the cell without its leading apostrophes; the core is dangerous when
 *   it starts with `=`, `+`, `-`, `@`, a tab or a carriage return and is not a
 *   plain signed decimal number (`+16175550100` and `-12.50` are data, not
 *   formulas, and stay as they are);
 * - writing: a cell whose core is dangerous gets one more leading `'`;
 * - reading: a cell whose core is dangerous and that starts with `'` loses one.
 * Writing then reading gives back every value exactly, apostrophes included
 * (`'=x` is written `''=x`). The price: a partner's own cell `'=x` in an export
 * reads as `=x`, the value a spreadsheet shows for it anyway.
 */
import Papa from 'papaparse';

/**
 * Matches a cell whose core is dangerous (see the file comment). Anchored at the
 * start only and without the `m` flag, so a multi-line cell is judged by its
 * first character, as a spreadsheet does; `$` in the lookahead is the end of
 * the whole cell.
 */
export const FORMULA_CELL = /^'*(?![+-]?(?:\d+(?:\.\d*)?|\.\d+)$)[=+\-@\t\r]/;

const APOSTROPHE = "'";
const APOSTROPHE_CODE = 0x27;
/** Spreadsheets open a UTF-8 CSV with accents intact only when it starts with a BOM. */
const BOM = '\uFEFF';
const CRLF = '\r\n';

/** The cell as it must be written so that no spreadsheet runs it. */
export function neutraliseCell(cell: string): string {
  return FORMULA_CELL.test(cell) ? APOSTROPHE + cell : cell;
}

/** The value a cell written by `neutraliseCell` (or by a person) stands for. */
export function restoreCell(cell: string): string {
  return cell.startsWith(APOSTROPHE) && FORMULA_CELL.test(cell) ? cell.slice(1) : cell;
}

/** `restoreCell` on every cell, in place; most cells need no look at all. */
export function restoreCells(cells: string[]): void {
  for (let index = 0; index < cells.length; index += 1) {
    const cell = cells[index];
    if (cell !== undefined && cell.charCodeAt(0) === APOSTROPHE_CODE) {
      cells[index] = restoreCell(cell);
    }
  }
}

/** A cell value: null and undefined are written as empty cells. */
export type CsvValue = string | number | null | undefined;

/**
 * A whole CSV file: a BOM, the header, one line per row, CRLF after every line
 * (the last included), quotes only where needed and formulas neutralised by
 * papaparse with `FORMULA_CELL`. Rows shorter than the header get empty cells.
 */
export function renderCsv(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
): string {
  const lines = [[...header], ...rows.map((row) => header.map((_, i) => textOf(row[i])))];
  // The header goes in as the first row: given as `fields` with no data,
  // papaparse writes an extra empty line.
  const text = Papa.unparse(lines, {
    escapeFormulae: FORMULA_CELL,
    newline: CRLF,
    quotes: false,
  });
  return BOM + text + CRLF;
}

/** Numbers as text too, so that `-5` is judged by the same rule as any cell. */
function textOf(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : value;
}
