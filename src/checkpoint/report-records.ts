/**
 * The input records of a report in `report_records`: written in one pass (the
 * rejected entries, then the records of the customers with operations) and read
 * back as the same `RejectedCustomer[]` and sources map. A rejected entry's first
 * record carries the entry's problems, its further records none, which is how
 * entries with the same key (or none) are told apart. Called inside the
 * checkpoint's transactions. Exports: `writeRecords`, `readRecords`.
 */
import type { RejectedCustomer } from '../input/assemble.js';
import type { RecordSource, RowProblem } from '../input/records.js';
import type { ReportInput } from '../report/report-types.js';
import type { Checkpoint } from './database.js';
import {
  HeaderNumbers,
  REPORT_SQL as SQL,
  rawColumns,
  toRecordSource,
} from './report-rows.js';
import type { RecordRow } from './report-rows.js';
import type { ReportSources } from './report-store.js';

/**
 * Inserts one record. `entry` marks a rejected one; its `problems` (JSON) are
 * given with the entry's first record and null with the others.
 */
type RecordInserter = (
  record: RecordSource,
  key: string | null,
  entry?: { problems: string | null },
) => void;

/** Replaces the report's records and CSV headers; inside a write transaction. */
export function writeRecords(
  checkpoint: Checkpoint,
  reportId: string,
  { rejected, sources, tenants }: ReportSources,
): void {
  checkpoint.statement(SQL.deleteRecords).run(reportId);
  checkpoint.statement(SQL.deleteHeaders).run(reportId);
  const insertHeader = checkpoint.statement(SQL.insertHeader);
  const headers = new HeaderNumbers((headerNo, text) => {
    insertHeader.run(reportId, headerNo, text);
  });
  const insertRecord = checkpoint.statement(SQL.insertRecord);
  let seq = 0;
  const insert: RecordInserter = (record, key, entry) => {
    const [headerNo, raw] = rawColumns(record.raw, headers);
    insertRecord.run(
      reportId,
      seq++,
      key,
      entry === undefined ? 0 : 1,
      record.file,
      record.format,
      record.line,
      record.endLine,
      headerNo,
      raw,
      entry?.problems ?? null,
    );
  };
  for (const entry of rejected) insertRejected(reportId, entry, insert);
  for (const [key, records] of sources) {
    if (tenants.has(key)) for (const record of records) insert(record, key);
  }
}

function insertRejected(
  reportId: string,
  entry: RejectedCustomer,
  insert: RecordInserter,
): void {
  // An entry is read back from its first record: one without records would vanish.
  if (entry.records.length === 0) {
    throw new RangeError(
      `rejected customer ${JSON.stringify(entry.key)} of report ${reportId} has no record`,
    );
  }
  const problems = JSON.stringify(entry.problems);
  entry.records.forEach((record, index) => {
    insert(record, entry.key, { problems: index === 0 ? problems : null });
  });
}

/** The report's records as they were written; inside a read transaction. */
export function readRecords(
  checkpoint: Checkpoint,
  reportId: string,
): Pick<ReportInput, 'rejected' | 'sources'> {
  const where = `checkpoint ${checkpoint.path} (report ${reportId})`;
  const headers = readHeaders(checkpoint, reportId);
  const rejected: RejectedCustomer[] = [];
  const sources = new Map<string, RecordSource[]>();
  const rows = checkpoint
    .statement<[string], RecordRow>(SQL.loadRecords)
    .iterate(reportId);
  for (const row of rows) {
    const record = toRecordSource(row, headers, where);
    if (row.rejected === 1) addRejected(rejected, row, record, where);
    else addSource(sources, row, record, where);
  }
  return { rejected, sources };
}

function readHeaders(
  checkpoint: Checkpoint,
  reportId: string,
): Map<number, readonly string[]> {
  const rows = checkpoint
    .statement<[string], { header_no: number; header: string }>(SQL.loadHeaders)
    .all(reportId);
  return new Map(rows.map((row) => [row.header_no, JSON.parse(row.header) as string[]]));
}

function addRejected(
  rejected: RejectedCustomer[],
  row: RecordRow,
  record: RecordSource,
  where: string,
): void {
  if (row.problems !== null) {
    const problems = JSON.parse(row.problems) as RowProblem[];
    rejected.push({ key: row.customer_key, records: [record], problems });
    return;
  }
  const entry = rejected.at(-1);
  if (entry === undefined) throw damaged(where, row, 'is not part of a rejected entry');
  entry.records.push(record);
}

function addSource(
  sources: Map<string, RecordSource[]>,
  row: RecordRow,
  record: RecordSource,
  where: string,
): void {
  // The table's CHECK keeps a key on every accepted record.
  const key = row.customer_key;
  if (key === null) throw damaged(where, row, 'names no customer');
  const records = sources.get(key);
  if (records === undefined) sources.set(key, [record]);
  else records.push(record);
}

function damaged(where: string, row: RecordRow, what: string): Error {
  return new Error(`${where} holds a record of ${row.file}:${row.line} that ${what}`);
}
