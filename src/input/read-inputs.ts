import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { ExitError, usageError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import type { CsvHeader } from './csv-reader.js';
import { readCsv } from './csv-reader.js';
import type { FileDigest } from './encoding.js';
import { decodeFile, decoderLabel } from './encoding.js';
import type { HeaderGap } from './header-check.js';
import { checkCsvHeader } from './header-check.js';
import { asIoError } from './input-error.js';
import type { HeaderMap } from './header-map.js';
import { readJson } from './json-reader.js';
import { readNdjson } from './ndjson-reader.js';
import type { FlatRow, InputFormat } from './records.js';
import { INPUT_FORMATS } from './records.js';

export type { FileDigest } from './encoding.js';
export type { HeaderMap } from './header-map.js';
export type { HeaderGap } from './header-check.js';
export { loadHeaderMap } from './header-map.js';

/** The input flags: `--format`, `--encoding`, `--delimiter` and a loaded `--map`. */
export interface ReadOptions {
  /** Overrides the format the file extension implies (for every file). */
  format?: InputFormat;
  /** Default `utf-8`; a byte order mark in a file wins. */
  encoding?: string;
  /** CSV only; guessed from the file when absent. */
  delimiter?: string;
  /** CSV only: which headers feed which fields (see `loadHeaderMap`). */
  map?: HeaderMap;
  /**
   * Reads a CSV whose header has neither customer_id nor owner_external_id
   * instead of refusing it: for reading an export's columns without assembling
   * customers from them (the reader's own tests).
   */
  keyColumnOptional?: boolean;
  /** Bytes per read (tests use small reads to split characters across them). */
  chunkBytes?: number;
}

/** The rows of several input files, in order, and their fingerprints once read. */
export interface InputReading extends AsyncIterable<FlatRow> {
  /** `{file, sha256, bytes}` of each file read to its end so far, in order. */
  readonly digests: readonly FileDigest[];
  /** The CSV headers read so far that lack a column for a required customer field. */
  readonly headerGaps: readonly HeaderGap[];
}

const EXTENSION_FORMATS: Readonly<Record<string, InputFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

/**
 * Reads the rows of `files` one file after another. Flags are checked before
 * anything is read (a usage error); a file that cannot be opened is an I/O error
 * (exit 9) when its turn comes.
 */
export function readInputs(
  files: readonly string[],
  options: ReadOptions = {},
): InputReading {
  decoderLabel(options.encoding);
  const delimiter =
    options.delimiter === undefined ? undefined : parseDelimiter(options.delimiter);
  checkInputFiles(files);
  const formats = files.map((file) => formatOf(file, options.format));
  if (options.map !== undefined && !formats.includes('csv')) {
    throw usageError(
      '--map renames CSV headers, and none of the inputs is CSV; JSON and NDJSON ' +
        'inputs use the API field names (see fixtures/examples/customers.json)',
    );
  }
  const digests: FileDigest[] = [];
  const headerGaps: HeaderGap[] = [];
  const onHeader = (header: CsvHeader): void => {
    const gap = checkCsvHeader(header, options.keyColumnOptional === true);
    if (gap !== undefined) headerGaps.push(gap);
  };
  async function* rows(): AsyncGenerator<FlatRow> {
    for (const [index, file] of files.entries()) {
      const decoded = decodeFile(file, options);
      const format = formats[index] ?? 'csv';
      if (format === 'csv')
        yield* readCsv(decoded, { file, delimiter, map: options.map, onHeader });
      else if (format === 'json') yield* readJson(decoded, { file });
      else yield* readNdjson(decoded, { file });
      if (decoded.digest !== undefined) digests.push(decoded.digest);
    }
  }
  return { digests, headerGaps, [Symbol.asyncIterator]: rows };
}

/**
 * Checks that every input is a file before its format is guessed from its name:
 * a directory or a missing path is an I/O error (exit 9), not a format question.
 */
export function checkInputFiles(files: readonly string[]): void {
  for (const file of files) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(file).isDirectory();
    } catch (error) {
      throw asIoError(file, error);
    }
    if (isDirectory) {
      throw new ExitError(
        EXIT.io,
        `${file}: is a directory, not an input file. Name the export files inside it.`,
      );
    }
  }
}

/** The format of `file`: `--format` when given, else from its extension. */
export function formatOf(file: string, format: InputFormat | undefined): InputFormat {
  if (format !== undefined) {
    if (!INPUT_FORMATS.includes(format)) {
      throw usageError(
        `--format must be one of ${INPUT_FORMATS.join(', ')}; got "${format}"`,
      );
    }
    return format;
  }
  const found = EXTENSION_FORMATS[extname(file).toLowerCase()];
  if (found === undefined) {
    throw usageError(
      `cannot tell the format of ${file} from its extension; pass --format ${INPUT_FORMATS.join('|')}`,
    );
  }
  return found;
}

/** Names `--delimiter` accepts for characters awkward to type in a shell. */
const NAMED_DELIMITERS: Readonly<Record<string, string>> = {
  comma: ',',
  semicolon: ';',
  tab: '\t',
  '\\t': '\t',
  pipe: '|',
};
/** Characters that cannot separate values: they quote values or end records. */
const FORBIDDEN_DELIMITERS = new Set(['"', '\n', '\r']);

/** Checks a `--delimiter` value: one character, or comma/semicolon/tab/pipe. */
export function parseDelimiter(value: string): string {
  const delimiter = NAMED_DELIMITERS[value.toLowerCase()] ?? value;
  if (delimiter.length !== 1 || FORBIDDEN_DELIMITERS.has(delimiter)) {
    throw usageError(
      `--delimiter must be one character (or comma, semicolon, tab, pipe), not a quote or line break; got "${value}"`,
    );
  }
  return delimiter;
}
