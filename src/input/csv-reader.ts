import { countOf } from '../util/count-of.js';
import { countLineBreaks, lineOffsets } from './csv-lines.js';
import Papa from 'papaparse';
import { restoreCells } from '../report/csv-cells.js';
import { omitColumns, reportColumnIndexes } from './header-check.js';
import type { ColumnUse, HeaderMap } from './header-map.js';
import { areaCodeOf, resolveColumns } from './header-map.js';
import { InputError } from './input-error.js';
import type { FieldValue, FlatRow, RowProblem } from './records.js';

/** A single value longer than this (in characters) stops the file. */
export const MAX_FIELD_CHARS = 1024 * 1024;
/**
 * A record longer than this stops the file: a stray opening quote otherwise makes
 * the rest of the file one value held in memory.
 */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;
/** How much text the delimiter and line break are guessed from. */
const SNIFF_CHARS = 64 * 1024;
/** Rows papaparse compares when guessing the delimiter. */
const SNIFF_ROWS = 10;
/** The delimiters guessed between when `--delimiter` is not given. */
export const DETECTED_DELIMITERS = [',', ';', '\t', '|'];
const QUOTE = '"';

export interface CsvReadOptions {
  /** The path as given on the command line. */
  file: string;
  /** `--delimiter`, already checked (see `parseDelimiter`); guessed when absent. */
  delimiter?: string;
  map?: HeaderMap;
  /** Told the header once read, with the columns it feeds; may throw to stop the file. */
  onHeader?: (header: CsvHeader) => void;
}

/** A CSV file's header row and the fields its columns feed. */
export interface CsvHeader {
  file: string;
  /** The header's physical line. */
  line: number;
  cells: readonly string[];
  columns: readonly ColumnUse[];
}

/**
 * The shape of the result of papaparse's core parser (untyped upstream). The
 * reader drives `Papa.Parser` chunk by chunk itself, as papaparse's own streamers
 * do, rather than through `NODE_STREAM_INPUT`: that stream passes on rows only,
 * dropping the parse errors (an unterminated quote) and the cursor that tells
 * how long the unfinished record is, which the size limits need.
 */
interface CoreResult {
  data: string[][];
  errors: { code: string; row?: number; index?: number }[];
  meta: { cursor: number };
}

/**
 * Reads CSV text into rows, record by record. The header row (the first line
 * that is not blank) picks the columns; a record's line is its first physical
 * line, counting line breaks inside quoted values. So that aa-sync's own
 * rejected.csv and failed.csv read back as the records they were written from:
 * every cell loses the apostrophe that neutralised a formula (`restoreCell`),
 * and the `aa_sync_*` columns are left out of the rows and their raw records.
 */
export async function* readCsv(
  text: AsyncIterable<string>,
  options: CsvReadOptions,
): AsyncGenerator<FlatRow> {
  let reader: CsvRecords | undefined;
  let sample = '';
  for await (const chunk of text) {
    if (reader !== undefined) {
      yield* reader.feed(chunk);
      continue;
    }
    sample += chunk;
    if (sample.length >= SNIFF_CHARS) {
      reader = new CsvRecords(options, sniff(sample, options.delimiter));
      yield* reader.feed(sample);
    }
  }
  if (reader === undefined) {
    reader = new CsvRecords(options, sniff(sample, options.delimiter));
    yield* reader.feed(sample);
  }
  yield* reader.end();
}

interface Dialect {
  delimiter: string;
  newline: '\n' | '\r' | '\r\n';
}

function sniff(sample: string, delimiter: string | undefined): Dialect {
  const guess = Papa.parse<string[]>(sample, {
    preview: SNIFF_ROWS,
    skipEmptyLines: true,
    delimitersToGuess: DETECTED_DELIMITERS,
    ...(delimiter === undefined ? {} : { delimiter }),
  });
  const newline = guess.meta.linebreak;
  return {
    delimiter: guess.meta.delimiter,
    newline: newline === '\r\n' || newline === '\r' ? newline : '\n',
  };
}

/** Parses complete records out of the text fed so far and turns them into rows. */
class CsvRecords {
  private pending = '';
  /** First physical line of the next record. */
  private line = 1;
  private header: readonly string[] | undefined;
  private columns: ColumnUse[] = [];
  /** The aa-sync columns of the header, left out of raw records. */
  private ignored: ReadonlySet<number> = new Set();
  /** The header without them, shared by every raw record. */
  private rawHeader: readonly string[] = [];

  constructor(
    private readonly options: CsvReadOptions,
    private readonly dialect: Dialect,
  ) {}

  feed(chunk: string): FlatRow[] {
    this.pending = this.pending.length === 0 ? chunk : this.pending + chunk;
    const rows = this.parse(true);
    if (this.pending.length > MAX_RECORD_CHARS) throw this.tooLong('record', this.line);
    return rows;
  }

  end(): FlatRow[] {
    const rows = this.parse(false);
    if (this.header === undefined) {
      throw new InputError({
        file: this.options.file,
        line: 1,
        problem: 'no header row: the file is empty or holds only blank lines',
        action: 'Export the file again with a header row naming the columns',
      });
    }
    return rows;
  }

  /** Parses `pending`; keeps the unfinished last record unless at the end. */
  private parse(partial: boolean): FlatRow[] {
    const input = this.pending;
    const parser = new Papa.Parser({
      delimiter: this.dialect.delimiter,
      newline: this.dialect.newline,
      quoteChar: QUOTE,
    });
    const result = parser.parse(input, 0, partial) as CoreResult;
    if (!partial) this.throwOnMissingQuote(result, input);
    this.pending = partial ? input.slice(result.meta.cursor) : '';
    // Line breaks inside a value need quotes, or line endings other than the file's.
    const scan = this.dialect.newline !== '\n' || input.includes(QUOTE);
    const checkSizes = (partial ? result.meta.cursor : input.length) > MAX_FIELD_CHARS;
    const quoteErrors = new Set<number>();
    for (const error of result.errors) {
      if (error.code === 'InvalidQuotes' && error.row !== undefined)
        quoteErrors.add(error.row);
    }
    const rows: FlatRow[] = [];
    result.data.forEach((cells, index) => {
      const row = this.record(cells, scan, checkSizes, quoteErrors.has(index));
      if (row !== undefined) rows.push(row);
    });
    return rows;
  }

  private record(
    cells: string[],
    scan: boolean,
    checkSizes: boolean,
    badQuote: boolean,
  ): FlatRow | undefined {
    const line = this.line;
    // Read with CR line endings, a CRLF leaves its LF at the start of the next record.
    if (this.dialect.newline === '\r' && cells[0]?.startsWith('\n'))
      cells[0] = cells[0].slice(1);
    const cellLines = scan ? lineOffsets(cells) : undefined;
    const breaks = cellLines?.[cells.length] ?? 0;
    this.line = line + breaks + 1;
    if (checkSizes) this.checkSizes(cells, line);
    restoreCells(cells);
    if (cells.length === 1 && (cells[0] ?? '').trim() === '') return undefined;
    if (this.header === undefined) {
      this.readHeader(cells, line);
      return undefined;
    }
    return this.row(cells, line, line + breaks, cellLines, badQuote);
  }

  private readHeader(cells: string[], line: number): void {
    const place = { file: this.options.file, line };
    this.header = cells;
    this.ignored = reportColumnIndexes(cells);
    this.rawHeader = omitColumns(cells, this.ignored);
    this.columns = resolveColumns(place, cells, this.options.map).filter(
      (use) => !this.ignored.has(use.index),
    );
    this.options.onHeader?.({ ...place, cells, columns: this.columns });
  }

  private row(
    cells: string[],
    line: number,
    endLine: number,
    cellLines: number[] | undefined,
    badQuote: boolean,
  ): FlatRow {
    const header = this.header ?? [];
    const file = this.options.file;
    const values: FlatRow['values'] = {};
    for (const use of this.columns) {
      const value = fieldValue(
        cells[use.index],
        use,
        line + (cellLines?.[use.index] ?? 0),
      );
      if (value !== undefined) values[use.field] = value;
    }
    const problems: RowProblem[] = [];
    if (cells.length !== header.length) {
      problems.push({
        code: 'cell-count',
        file,
        line,
        reason: `the header has ${countOf(header.length, 'column')} but this record has ${countOf(cells.length, 'cell')}`,
        hint: 'Quote values that contain the delimiter, and check for a missing or extra delimiter',
      });
    }
    if (badQuote) problems.push(malformedQuote(file, line));
    const raw = {
      kind: 'csv' as const,
      header: this.rawHeader,
      cells: omitColumns(cells, this.ignored),
    };
    return { source: { file, format: 'csv', line, endLine, raw }, values, problems };
  }

  private checkSizes(cells: string[], line: number): void {
    let total = 0;
    for (const cell of cells) {
      if (cell.length > MAX_FIELD_CHARS) throw this.tooLong('value', line);
      total += cell.length;
    }
    if (total > MAX_RECORD_CHARS) throw this.tooLong('record', line);
  }

  private tooLong(what: 'value' | 'record', line: number): InputError {
    const limit = what === 'value' ? MAX_FIELD_CHARS : MAX_RECORD_CHARS;
    return new InputError({
      file: this.options.file,
      line,
      problem: `a ${what} starting on this line is longer than ${limit / (1024 * 1024)} MiB`,
      action:
        'Look for an opening quote (") without its closing quote on this line, or split the value',
    });
  }

  private throwOnMissingQuote(result: CoreResult, input: string): void {
    const missing = result.errors.find((error) => error.code === 'MissingQuotes');
    if (missing === undefined) return;
    // The error's index is just past the opening quote of the unfinished value.
    const opened = Math.max(0, (missing.index ?? 1) - 1);
    throw new InputError({
      file: this.options.file,
      line: this.line + countLineBreaks(input.slice(0, opened)),
      problem: 'a quoted value opened on this line is never closed',
      action: 'Add the closing quote ("), or double the quotes inside the value ("")',
    });
  }
}

function fieldValue(
  cell: string | undefined,
  use: ColumnUse,
  line: number,
): FieldValue | undefined {
  if (cell === undefined) return undefined;
  const value = cell.trim();
  if (value.length === 0) return undefined;
  if (!use.areaCodeFrom) return { value, line, column: use.label };
  // An unreadable phone stays in the row as written so validation shows it.
  return { value: areaCodeOf(value) ?? value, line, column: use.label, written: value };
}

function malformedQuote(file: string, line: number): RowProblem {
  return {
    code: 'malformed-quote',
    file,
    line,
    reason: 'a quoted value has text after its closing quote',
    hint: 'Inside a quoted value, write a quote as two quotes ("")',
  };
}
