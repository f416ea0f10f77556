/**
 * Turns the rows of the export into customers: each value checked, rows merged by
 * customer key, then the checks across customers. A customer with any problem in
 * any of its records is rejected as a whole; the others are accepted.
 *
 * The customer key is `customer_id ?? owner_external_id`, row by row, with no
 * further matching: a customer whose rows give customer_id on some rows and only
 * the owner on others becomes two customers claiming one owner (`owner-claimed`),
 * and both are rejected rather than merged on a guess.
 */
import type { DesiredCustomer } from './customer.js';
import type { CustomerDraft } from './customer-draft.js';
import { addRow, byPlace, byText, newDraft, sameRecord } from './customer-draft.js';
import { finishDraft, toDesiredCustomer } from './finish-draft.js';
import { checkAcrossCustomers } from './cross-customer-checks.js';
import type { HeaderGap } from './header-check.js';
import { HeaderGapTally, MISSING_COLUMN_REF } from './header-gaps.js';
import type { FlatRow, RecordSource, RowProblem } from './records.js';
import { checkRow } from './row-rules.js';

/** A customer left out, with every record it came from and every problem found. */
export interface RejectedCustomer {
  /** `null` for a record that gives no key at all: it is an entry of its own. */
  key: string | null;
  records: RecordSource[];
  /** In file and line order. */
  problems: RowProblem[];
}

export interface AssemblyCounts {
  /** Records read (a JSON customer object is one record of several rows). */
  records: number;
  rows: number;
  /** Accepted plus rejected entries (a keyless record counts as one). */
  customers: number;
  accepted: number;
  rejected: number;
  /** Records of the rejected entries. */
  rejectedRecords: number;
}

export interface Assembly {
  /** Sorted by key. */
  customers: DesiredCustomer[];
  /** Sorted by key (keyless entries last), then by the first record's file and line. */
  rejected: RejectedCustomer[];
  /**
   * Every problem, sorted by file then line; a header without a column for a
   * required field is one problem here, where its customers each keep a pointer.
   */
  problems: RowProblem[];
  /**
   * The records of each accepted customer, by key (in key order), each in file
   * and line order: the reports write a failed customer's records back as they
   * were written. The arrays are the ones the drafts collected, not copies.
   */
  sources: Map<string, RecordSource[]>;
  counts: AssemblyCounts;
}

export interface AssembleOptions {
  /** Stops reading between two rows (the reason is thrown). */
  signal?: AbortSignal;
  /**
   * The CSV headers without a column for a required customer field (see
   * `InputReading.headerGaps`), read once every row is in: each becomes one
   * problem in `Assembly.problems` instead of one per customer.
   */
  headerGaps?: readonly HeaderGap[];
}

interface State {
  drafts: Map<string, CustomerDraft>;
  keyless: RejectedCustomer[];
  rows: number;
  records: number;
  lastSource: RecordSource | undefined;
}

/** The key of a row and where it comes from, or undefined when it has none. */
export function customerKeyOf(
  row: FlatRow,
): { key: string; keySource: CustomerDraft['keySource'] } | undefined {
  const customerId = row.values.customer_id;
  if (customerId !== undefined) {
    return { key: customerId.value, keySource: 'customer_id' };
  }
  const ownerId = row.values.owner_external_id;
  if (ownerId !== undefined) {
    return { key: ownerId.value, keySource: 'owner_external_id' };
  }
  return undefined;
}

const NO_KEY = 'no-key';

function noKeyProblem(source: RecordSource): RowProblem {
  return {
    code: NO_KEY,
    file: source.file,
    line: source.line,
    reason:
      'the record has neither customer_id nor owner_external_id, so it belongs to no customer',
    hint: "Give every row its customer's customer_id, or its owner's external id.",
  };
}

/**
 * Keeps a record that names no customer as an entry of its own. Its rows are
 * consecutive, so they join the last entry while the record is the same.
 */
function addKeyless(state: State, row: FlatRow, problems: RowProblem[]): void {
  const last = state.keyless.at(-1);
  const entry: RejectedCustomer =
    last !== undefined && sameRecord(last.records.at(-1), row.source)
      ? last
      : { key: null, records: [row.source], problems: [] };
  if (entry !== last) state.keyless.push(entry);
  // A row without values (a reader problem) needs no second reason.
  if (hasValues(row) && !entry.problems.some((problem) => problem.code === NO_KEY)) {
    entry.problems.push(noKeyProblem(row.source));
  }
  entry.problems.push(...row.problems, ...problems);
}

function hasValues(row: FlatRow): boolean {
  for (const _ in row.values) return true;
  return false;
}

function isBlank(row: FlatRow): boolean {
  return row.problems.length === 0 && !hasValues(row);
}

function addToState(state: State, row: FlatRow): void {
  state.rows += 1;
  if (!sameRecord(state.lastSource, row.source)) state.records += 1;
  state.lastSource = row.source;
  // A row of empty cells (spreadsheets append them) says nothing about any customer.
  if (isBlank(row)) return;
  const problems = checkRow(row);
  const key = customerKeyOf(row);
  if (key === undefined) {
    addKeyless(state, row, problems);
    return;
  }
  let draft = state.drafts.get(key.key);
  if (draft === undefined) {
    draft = newDraft(key.key, key.keySource);
    state.drafts.set(key.key, draft);
  } else if (key.keySource === 'customer_id') {
    draft.keySource = 'customer_id';
  }
  addRow(draft, row, problems);
}

function byKeyThenFirstLine(a: RejectedCustomer, b: RejectedCustomer): number {
  if (a.key !== b.key) {
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    return byText(a.key, b.key);
  }
  const [first, second] = [a.records[0], b.records[0]];
  return first === undefined || second === undefined ? 0 : byPlace(first, second);
}

function countRecords(rejected: readonly RejectedCustomer[]): number {
  return rejected.reduce((sum, entry) => sum + entry.records.length, 0);
}

function finish(state: State, headerGaps: readonly HeaderGap[]): Assembly {
  const drafts = [...state.drafts.values()].sort((a, b) => byText(a.key, b.key));
  const gaps = new HeaderGapTally(headerGaps);
  for (const draft of drafts) finishDraft(draft, gaps);
  checkAcrossCustomers(drafts);
  const customers: DesiredCustomer[] = [];
  const sources = new Map<string, RecordSource[]>();
  const rejected: RejectedCustomer[] = [...state.keyless];
  for (const draft of drafts) {
    if (draft.problems.length === 0) {
      customers.push(toDesiredCustomer(draft));
      sources.set(draft.key, draft.records);
    } else {
      rejected.push({ key: draft.key, records: draft.records, problems: draft.problems });
    }
  }
  for (const entry of rejected) entry.problems.sort(byPlace);
  rejected.sort(byKeyThenFirstLine);
  const counts = {
    records: state.records,
    rows: state.rows,
    customers: customers.length + rejected.length,
    accepted: customers.length,
    rejected: rejected.length,
    rejectedRecords: countRecords(rejected),
  };
  // The short pointers to a header problem are listed with their customer only.
  const problems = rejected
    .flatMap((entry) => entry.problems)
    .filter((problem) => problem.code !== MISSING_COLUMN_REF);
  problems.push(...gaps.problems());
  problems.sort(byPlace);
  return { customers, rejected, problems, sources, counts };
}

/**
 * Validates and merges the rows of one run (from one file or several) into the
 * customers to sync and the customers rejected. Rows stream through: only what a
 * DesiredCustomer needs and the record sources are kept.
 */
export async function assembleCustomers(
  rows: AsyncIterable<FlatRow> | Iterable<FlatRow>,
  options: AssembleOptions = {},
): Promise<Assembly> {
  const state: State = {
    drafts: new Map(),
    keyless: [],
    rows: 0,
    records: 0,
    lastSource: undefined,
  };
  const add = (row: FlatRow): void => {
    options.signal?.throwIfAborted();
    addToState(state, row);
  };
  // An array needs no promise per row: that is most of the time of a large input.
  if (Symbol.iterator in rows) for (const row of rows) add(row);
  else for await (const row of rows) add(row);
  return finish(state, options.headerGaps ?? []);
}
