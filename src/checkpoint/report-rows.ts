/**
 * The SQL of the report store, the rows it reads, and the conversion of input
 * records to rows and back, apart from the store's logic. Tables are created by
 * migration 3 in `schema.ts`. Exports: `REPORT_SQL`, `PlanRunRow`, `RecordRow`,
 * `TrafficRow`, `ReportListRow`, `HeaderNumbers`, `rawColumns`, `toRecordSource`,
 * `toTrafficSample`.
 */
import type { InputFormat, RawRecord, RecordSource } from '../input/records.js';
import type { TrafficSample } from '../report/report-types.js';

const PLAN_RUN_HEAD =
  'id, command, environment, base_url, inputs, started_at, finished_at, exit_code';

const RECORD_COLUMNS =
  'customer_key, rejected, file, format, line, end_line, header_no, raw, problems';

const TRAFFIC_COLUMNS = 'at_ms, requests, rate_limited, held_ms, paced_rate';

export const REPORT_SQL = {
  // seq as in runs: one more than the largest, read in the same transaction.
  insertPlanRun:
    `INSERT INTO plan_runs (id, seq, command, environment, base_url, inputs, plan, ` +
    'started_at, finished_at, exit_code) VALUES ' +
    '(?, (SELECT coalesce(max(seq), 0) + 1 FROM plan_runs), ?, ?, ?, ?, ?, ?, ?, ?)',
  finishPlanRun: 'UPDATE plan_runs SET finished_at = ?, exit_code = ? WHERE id = ?',
  // The plan's text, which may run to tens of megabytes, is read on its own.
  getPlanRun: `SELECT ${PLAN_RUN_HEAD} FROM plan_runs WHERE id = ?`,
  getPlanText: 'SELECT plan FROM plan_runs WHERE id = ?',
  // Newest first, so the first match is usually the first row looked at: each
  // comparison parses that row's plan.
  findPlanRun:
    'SELECT id FROM plan_runs WHERE environment = ? ' +
    "AND json_extract(plan, '$.fingerprints.live') = ? " +
    "AND json_extract(plan, '$.fingerprints.options') = ? " +
    "AND json_extract(plan, '$.fingerprints.inputs') = json(?) ORDER BY seq DESC LIMIT 1",
  deleteRecords: 'DELETE FROM report_records WHERE report_id = ?',
  deleteHeaders: 'DELETE FROM report_headers WHERE report_id = ?',
  insertHeader:
    'INSERT INTO report_headers (report_id, header_no, header) VALUES (?, ?, ?)',
  insertRecord:
    `INSERT INTO report_records (report_id, seq, ${RECORD_COLUMNS}) ` +
    'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  loadHeaders: 'SELECT header_no, header FROM report_headers WHERE report_id = ?',
  loadRecords: `SELECT ${RECORD_COLUMNS} FROM report_records WHERE report_id = ? ORDER BY seq`,
  // A second recorded twice (a resumed run, a final partial flush) adds up.
  upsertTraffic:
    `INSERT INTO run_traffic (report_id, ${TRAFFIC_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) ` +
    'ON CONFLICT (report_id, at_ms) DO UPDATE SET ' +
    'requests = requests + excluded.requests, ' +
    'rate_limited = rate_limited + excluded.rate_limited, ' +
    'held_ms = held_ms + excluded.held_ms, paced_rate = excluded.paced_rate',
  loadTraffic: `SELECT ${TRAFFIC_COLUMNS} FROM run_traffic WHERE report_id = ? ORDER BY at_ms`,
  // The two sequences are independent, so runs and plans interleave by start;
  // within one kind seq breaks a tie, across kinds (the same ms) the run comes first.
  listReports:
    "SELECT id, kind, started_at FROM (SELECT id, 'run' AS kind, 0 AS rank, seq, " +
    "started_at FROM runs UNION ALL SELECT id, 'plan', 1, seq, started_at FROM " +
    'plan_runs) ORDER BY started_at DESC, rank, seq DESC LIMIT ?',
} as const;

export interface PlanRunRow {
  id: string;
  command: string;
  environment: string;
  base_url: string;
  inputs: string;
  started_at: string;
  finished_at: string | null;
  exit_code: number | null;
}

export interface RecordRow {
  customer_key: string | null;
  rejected: 0 | 1;
  file: string;
  format: InputFormat;
  line: number;
  end_line: number;
  header_no: number | null;
  raw: string;
  /** JSON of a rejected entry's problems, on its first record only. */
  problems: string | null;
}

export interface TrafficRow {
  at_ms: number;
  requests: number;
  rate_limited: number;
  held_ms: number;
  paced_rate: number;
}

export interface ReportListRow {
  id: string;
  kind: 'run' | 'plan';
  started_at: string;
}

/**
 * Numbers the CSV headers of one report, so that each is stored once and its
 * records refer to it. A reader shares one header array among the records of a
 * file, so the array itself is looked up first and its text made only once.
 */
export class HeaderNumbers {
  readonly #byArray = new Map<readonly string[], number>();
  readonly #byText = new Map<string, number>();
  readonly #store: (headerNo: number, text: string) => void;

  /** `store` is called once for each new header, with its number and JSON text. */
  constructor(store: (headerNo: number, text: string) => void) {
    this.#store = store;
  }

  numberOf(header: readonly string[]): number {
    const known = this.#byArray.get(header);
    if (known !== undefined) return known;
    const text = JSON.stringify(header);
    let headerNo = this.#byText.get(text);
    if (headerNo === undefined) {
      headerNo = this.#byText.size;
      this.#byText.set(text, headerNo);
      this.#store(headerNo, text);
    }
    this.#byArray.set(header, headerNo);
    return headerNo;
  }
}

/** The `header_no` and `raw` columns of a record. */
export function rawColumns(
  raw: RawRecord,
  headers: HeaderNumbers,
): [headerNo: number | null, raw: string] {
  if (raw.kind === 'json') return [null, raw.text];
  return [headers.numberOf(raw.header), JSON.stringify(raw.cells)];
}

/**
 * The record a row holds. `headers` are the report's CSV headers by number;
 * records of one header share its array, as the reader gave them.
 */
export function toRecordSource(
  row: RecordRow,
  headers: ReadonlyMap<number, readonly string[]>,
  where: string,
): RecordSource {
  return {
    file: row.file,
    format: row.format,
    line: row.line,
    endLine: row.end_line,
    raw: toRawRecord(row, headers, where),
  };
}

function toRawRecord(
  row: RecordRow,
  headers: ReadonlyMap<number, readonly string[]>,
  where: string,
): RawRecord {
  if (row.header_no === null) return { kind: 'json', text: row.raw };
  const header = headers.get(row.header_no);
  if (header === undefined) {
    throw new Error(
      `${where} holds a CSV record of ${row.file}:${row.line} whose header ` +
        `${row.header_no} is missing`,
    );
  }
  return { kind: 'csv', header, cells: JSON.parse(row.raw) as string[] };
}

export function toTrafficSample(row: TrafficRow): TrafficSample {
  return {
    atMs: row.at_ms,
    requests: row.requests,
    rateLimited: row.rate_limited,
    heldMs: row.held_ms,
    pacedRate: row.paced_rate,
  };
}
