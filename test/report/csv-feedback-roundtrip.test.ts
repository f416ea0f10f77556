import { describe, expect, it } from 'vitest';
import type { RecordSource } from '../../src/input/records.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { buildReportModel } from '../../src/report/build-model.js';
import { renderFailedCsv, renderRejectedCsv } from '../../src/report/feedback-csv.js';
import { memory, options } from '../plan/support.js';
import {
  assembleFiles,
  EXPORT_HEADER,
  EXPORT_ROWS,
  readRows,
  recordsOf,
  writeExport,
  writeText,
} from './support/model-export.js';
import { recordsOf as runRecordsOf, sampleInput } from './support/model-fixture.js';

const cellsOf = (records: readonly RecordSource[]) =>
  records.map((record) =>
    record.raw.kind === 'csv' ? record.raw.cells : record.raw.text,
  );

const headersOf = (records: readonly RecordSource[]) =>
  new Set(
    records.map((record) => (record.raw.kind === 'csv' ? record.raw.header : null)),
  );

describe('rejected.csv and failed.csv read back through the CSV reader', () => {
  it('gives back exactly the cells of the rejected records, formulas and all', async () => {
    const assembly = await assembleFiles([await writeExport()]);
    const original = assembly.rejected.flatMap((entry) => entry.records);

    const file = await writeText('rejected.csv', renderRejectedCsv(assembly));
    const rows = await readRows([file]);

    expect(cellsOf(recordsOf(rows))).toEqual(cellsOf(original));
    expect(cellsOf(original)).toEqual([
      // A partner's own '=x reads as =x (see csv-cells.ts).
      [...(EXPORT_ROWS[3] ?? []).slice(0, 9), '=x'],
      EXPORT_ROWS[4],
    ]);
    expect(headersOf(recordsOf(rows))).toEqual(new Set([EXPORT_HEADER]));
    expect(rows.flatMap((row) => row.problems)).toEqual([]);
  });

  it('gives back exactly the cells of every record of a customer that failed', async () => {
    const assembly = await assembleFiles([await writeExport()]);
    const plan = buildPlan({
      customers: assembly.customers,
      live: [],
      memory: memory(),
      options: options(),
      inputs: [],
      rejected: assembly.rejected.map((entry) => entry.key),
    });
    const failing = (id: string) => id.startsWith('c2/') || id.startsWith('c4/');
    const operations = runRecordsOf(plan).map((record) =>
      failing(record.id)
        ? { ...record, status: 'failed' as const, lastError: 'HTTP 500.' }
        : record,
    );
    const input = sampleInput({ plan, operations, sources: assembly.sources });

    const text = renderFailedCsv(input, buildReportModel(input));
    const rows = await readRows([await writeText('failed.csv', text)]);

    expect(cellsOf(recordsOf(rows))).toEqual([
      EXPORT_ROWS[1],
      EXPORT_ROWS[2],
      EXPORT_ROWS[5],
    ]);
    expect(rows.flatMap((row) => row.problems)).toEqual([]);
  });
});

describe('the CSV reader and aa-sync columns', () => {
  it('ignores aa_sync_* columns wherever they are, without a problem', async () => {
    const file = await writeText(
      'fed-back.csv',
      'customer_id,aa_sync_note,org_name,AA_SYNC_error\nc1,anything,Acme,"=bad"\n',
    );

    const [row, ...rest] = await readRows([file]);

    expect(rest).toEqual([]);
    expect(row?.source.raw).toEqual({
      kind: 'csv',
      header: ['customer_id', 'org_name'],
      cells: ['c1', 'Acme'],
    });
    expect(row?.values).toEqual({
      customer_id: { value: 'c1', line: 2, column: 'customer_id (column 1)' },
      org_name: { value: 'Acme', line: 2, column: 'org_name (column 3)' },
    });
    expect(row?.problems).toEqual([]);
  });

  it('drops the apostrophe that neutralised a formula, and only that one', async () => {
    const file = await writeText(
      'fed-back.csv',
      `customer_id,org_name,org_description\nc1,"'=1+1",'+16175550100\n`,
    );

    const [row] = await readRows([file]);

    expect(row?.source.raw).toMatchObject({ cells: ['c1', '=1+1', "'+16175550100"] });
    expect(row?.values.org_name?.value).toBe('=1+1');
  });
});
