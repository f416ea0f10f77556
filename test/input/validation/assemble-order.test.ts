import { describe, expect, it } from 'vitest';
import { assembleCustomers } from '../../../src/input/assemble.js';
import type { FlatRow, RecordSource } from '../../../src/input/records.js';
import { customer, row } from './rows.js';

const FILE = 'export.csv';
function jsonRows(file: string, line: number, text: string, rows: FlatRow[]): FlatRow[] {
  const source: RecordSource = {
    file,
    format: 'json',
    line,
    endLine: line + 5,
    raw: { kind: 'json', text },
  };
  return rows.map((r) => ({ ...r, source }));
}

async function* streamed(rows: FlatRow[]): AsyncGenerator<FlatRow> {
  for (const r of rows) {
    await Promise.resolve();
    yield r;
  }
}

describe('assembleCustomers keys, records and order', () => {
  it('makes a record without customer_id and owner_external_id its own rejected entry', async () => {
    const keyless = row(FILE, 3, { org_name: 'Nobody Inc', location_name: 'A' });
    const readerOnly = row(FILE, 5, {}, [
      {
        code: 'cell-count',
        file: FILE,
        line: 5,
        reason: 'the row has 2 cells and the header 14',
      },
    ]);
    const assembly = await assembleCustomers([
      row(FILE, 2, customer('c1', 'o1')),
      keyless,
      readerOnly,
    ]);

    expect(assembly.rejected).toStrictEqual([
      {
        key: null,
        records: [keyless.source],
        problems: [
          {
            code: 'no-key',
            file: FILE,
            line: 3,
            reason:
              'the record has neither customer_id nor owner_external_id, so it belongs to no customer',
            hint: "Give every row its customer's customer_id, or its owner's external id.",
          },
        ],
      },
      { key: null, records: [readerOnly.source], problems: readerOnly.problems },
    ]);
    expect(assembly.counts).toStrictEqual({
      records: 3,
      rows: 3,
      customers: 3,
      accepted: 1,
      rejected: 2,
      rejectedRecords: 2,
    });
  });

  it('skips a row of empty cells without a problem', async () => {
    const assembly = await assembleCustomers([
      row(FILE, 2, customer('c1', 'o1')),
      row(FILE, 3, {}),
    ]);

    expect(assembly.problems).toStrictEqual([]);
    expect(assembly.counts).toStrictEqual({
      records: 2,
      rows: 2,
      customers: 1,
      accepted: 1,
      rejected: 0,
      rejectedRecords: 0,
    });
  });

  it('counts the rows of one JSON record as one record, and lists it once', async () => {
    const rows = jsonRows('c.json', 2, '{"name":"Org"}', [
      row('c.json', 3, customer('c1', 'o1')),
      row('c.json', 6, { customer_id: 'c1', user_external_id: 'u1', user_email: 'bad' }),
      row('c.json', 7, {
        customer_id: 'c1',
        location_name: 'A',
        location_area_code: '800',
      }),
    ]);
    const assembly = await assembleCustomers(streamed(rows));

    expect(assembly.counts).toStrictEqual({
      records: 1,
      rows: 3,
      customers: 1,
      accepted: 0,
      rejected: 1,
      rejectedRecords: 1,
    });
    expect(assembly.rejected[0]?.records).toStrictEqual([rows[0]?.source]);
    expect(assembly.problems.map((p) => [p.code, p.line])).toStrictEqual([
      ['email', 6],
      ['area-code', 7],
    ]);
  });

  it('gives a keyless JSON record of several rows one entry and one no-key problem', async () => {
    const rows = jsonRows('c.json', 4, '{"name":"Org"}', [
      row('c.json', 4, { org_name: 'Org' }),
      row('c.json', 6, { location_name: 'A', location_area_code: '61' }),
    ]);
    const assembly = await assembleCustomers(rows);

    expect(assembly.rejected.map((r) => [r.key, r.records.length])).toStrictEqual([
      [null, 1],
    ]);
    expect(assembly.problems.map((p) => [p.code, p.line])).toStrictEqual([
      ['no-key', 4],
      ['area-code', 6],
    ]);
  });

  it('gives the same assembly whatever the order of the rows', async () => {
    const rows = [
      row('b.csv', 2, {
        ...customer('c2', 'o2'),
        location_name: 'Z',
        location_area_code: '415',
      }),
      row('b.csv', 3, { ...customer('c2', 'o2'), location_name: 'Y' }),
      row('a.csv', 4, {
        ...customer('c1', 'o1'),
        user_external_id: 'u9',
        user_email: 'a@b.co',
      }),
      row('a.csv', 2, {
        ...customer('c1', 'o1'),
        user_external_id: 'u3',
        user_email: 'c@d.co',
      }),
      row('a.csv', 3, { ...customer('c3', 'o3'), org_name: 'X', user_role: 'boss' }),
      row('b.csv', 9, { ...customer('c3', 'o3'), org_name: 'X' }),
      row('a.csv', 8, { ...customer('c0', 'o0'), org_name: 'First' }),
      row('b.csv', 1, { ...customer('c0', 'o0'), org_name: 'Second' }),
      row('a.csv', 9, { org_name: 'keyless' }),
    ];
    const forward = await assembleCustomers(rows);
    const backward = await assembleCustomers([...rows].reverse());
    const shuffled = await assembleCustomers(
      [4, 7, 0, 8, 2, 6, 1, 5, 3].map((i) => rows[i]!),
    );

    expect(backward).toStrictEqual(forward);
    expect(shuffled).toStrictEqual(forward);
    expect(forward.customers.map((c) => c.key)).toStrictEqual(['c1', 'c2']);
    expect(forward.customers[0]?.organization.source).toStrictEqual({
      file: 'a.csv',
      line: 2,
    });
    expect(
      forward.rejected.map((r) => [r.key, r.records.map((s) => `${s.file}:${s.line}`)]),
    ).toStrictEqual([
      ['c0', ['a.csv:8', 'b.csv:1']],
      ['c3', ['a.csv:3', 'b.csv:9']],
      [null, ['a.csv:9']],
    ]);
    expect(forward.problems.map((p) => [p.code, `${p.file}:${p.line}`])).toStrictEqual([
      ['role', 'a.csv:3'],
      ['required', 'a.csv:3'],
      ['required', 'a.csv:3'],
      ['no-key', 'a.csv:9'],
      ['conflicting-value', 'b.csv:1'],
    ]);
    expect(forward.problems[4]?.reason).toBe(
      'org_name "Second" (b.csv:1) differs from "First" (a.csv:8) for the same customer "c0"',
    );
  });

  it('stops reading when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('interrupted'));

    await expect(
      assembleCustomers([row(FILE, 2, customer('c1', 'o1'))], {
        signal: controller.signal,
      }),
    ).rejects.toThrow('interrupted');
  });
});
