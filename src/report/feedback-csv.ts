/**
 * rejected.csv and failed.csv: input records written back so that a person can
 * fix them in a spreadsheet and feed the file to aa-sync again. Exports:
 * `ERROR_COLUMN`, `SOURCE_COLUMN`, `UNPLACED_COLUMN`, `renderRejectedCsv`,
 * `renderFailedCsv`.
 *
 * Each record keeps its original columns in their original order (the CSV
 * header as written, the cells as decoded); a JSON or NDJSON record becomes
 * rows of the canonical columns, a value that is not a string written as its
 * JSON text. Files with different headers share one union header in
 * first-seen order. Two columns end every row: `aa_sync_error` (what is wrong
 * with the record) and `aa_sync_source` (`file:line`). Before them, only when
 * some JSON record held what no canonical column holds (an unknown key, say),
 * `aa_sync_unplaced` lists it, `path: JSON text` a line, so that nothing the
 * record held disappears. The CSV reader ignores every `aa_sync_*` column, so
 * the file reads back as the records did.
 */
import { REPORT_COLUMN_PREFIX } from '../input/header-check.js';
import { quoteValue } from '../input/problem-text.js';
import type { RecordSource, RowProblem } from '../input/records.js';
import { renderCsv } from './csv-cells.js';
import { CANONICAL_HEADER, recordRows, UnionHeader } from './model-record-cells.js';
import type { RecordRow } from './model-record-cells.js';
import { problemsByRecord, recordLocator, WITH_ITS_CUSTOMER } from './model-tables.js';
import type { OperationRow, ReportInput, ReportModel } from './report-types.js';

/** What is wrong with the record (its problems, or its operations' errors). */
export const ERROR_COLUMN = `${REPORT_COLUMN_PREFIX}error`;
/** Where the record was read: `file:line` of its first line. */
export const SOURCE_COLUMN = `${REPORT_COLUMN_PREFIX}source`;
/** What a JSON record held that no column holds (see the file comment). */
export const UNPLACED_COLUMN = `${REPORT_COLUMN_PREFIX}unplaced`;

/** Several problems or failures of one record share its error cell. */
const JOINER = ' | ';
const NOT_FAILED_ITSELF =
  'nothing failed on this record: written so that planning again sees the whole customer';

/** A record to write back, with what went wrong with it. */
interface FeedbackRecord {
  source: RecordSource;
  error: string;
}

/** rejected.csv: every record of every customer validation rejected. */
export function renderRejectedCsv(input: Pick<ReportInput, 'rejected'>): string {
  const records: FeedbackRecord[] = [];
  for (const entry of input.rejected) {
    const problems = problemsByRecord(entry);
    entry.records.forEach((source, index) => {
      const own = problems[index] ?? [];
      const error =
        own.length > 0 ? own.map(describeProblem).join(JOINER) : WITH_ITS_CUSTOMER;
      records.push({ source, error });
    });
  }
  return feedbackCsv(records);
}

/**
 * failed.csv: ALL the records of every customer with a failed or skipped
 * operation in `model` (planning sees a customer whole, so a part would plan a
 * different customer), customers in plan order. Empty for a plan.
 */
export function renderFailedCsv(
  input: Pick<ReportInput, 'sources'>,
  model: Pick<ReportModel, 'operations'>,
): string {
  const failing = new Map<string, OperationRow[]>();
  for (const row of model.operations) {
    if (row.outcome !== 'failed' && row.outcome !== 'skipped') continue;
    const list = failing.get(row.tenant);
    if (list === undefined) failing.set(row.tenant, [row]);
    else list.push(row);
  }
  const records: FeedbackRecord[] = [];
  for (const [key, operations] of failing) {
    const sources = input.sources.get(key) ?? [];
    const errors = failuresByRecord(sources, operations);
    sources.forEach((source, index) => {
      const own = errors[index] ?? [];
      records.push({
        source,
        error: own.length > 0 ? own.join(JOINER) : NOT_FAILED_ITSELF,
      });
    });
  }
  return feedbackCsv(records);
}

/** Each operation's error on the record it was planned from (else the first). */
function failuresByRecord(
  sources: readonly RecordSource[],
  operations: readonly OperationRow[],
): string[][] {
  const errors: string[][] = sources.map(() => []);
  const locate = recordLocator(sources);
  for (const row of operations) {
    const index =
      row.file === null || row.line === null ? undefined : locate(row.file, row.line);
    errors[index ?? 0]?.push(`${row.id}: ${row.error ?? row.status}`);
  }
  return errors;
}

/** `<column>: <reason> (value "<value>"). <hint>`, the parts it has. */
function describeProblem(problem: RowProblem): string {
  const column = problem.column === undefined ? '' : `${problem.column}: `;
  const reason = problem.reason.replace(/\.$/u, '');
  const value =
    problem.value === undefined ? '' : ` (value ${quoteValue(problem.value)})`;
  const hint = problem.hint === undefined ? '' : ` ${problem.hint}`;
  return `${column}${reason}${value}.${hint}`;
}

interface PlacedRow {
  positions: number[];
  row: RecordRow;
  tail: string[];
}

function feedbackCsv(records: readonly FeedbackRecord[]): string {
  const union = new UnionHeader();
  const placed: PlacedRow[] = [];
  for (const { source, error } of records) {
    const tail = [error, `${source.file}:${source.line}`];
    for (const row of recordRows(source)) {
      placed.push({ positions: union.place(row), row, tail });
    }
  }
  // Nothing to write back: the header aa-sync reads without a map.
  const names = placed.length === 0 ? [...CANONICAL_HEADER] : union.names;
  const unplaced = placed.some(({ row }) => row.unplaced !== '');
  const rows = placed.map(({ positions, row, tail }) => {
    const cells = names.map(() => '');
    row.cells.forEach((cell, index) => {
      const position = positions[index];
      if (position !== undefined) cells[position] = cell;
    });
    return [...cells, ...(unplaced ? [row.unplaced] : []), ...tail];
  });
  const extra = unplaced ? [UNPLACED_COLUMN] : [];
  return renderCsv([...names, ...extra, ERROR_COLUMN, SOURCE_COLUMN], rows);
}
