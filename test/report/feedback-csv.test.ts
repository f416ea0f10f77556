import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELDS } from '../../src/input/fields.js';
import type { RecordSource } from '../../src/input/records.js';
import { buildReportModel } from '../../src/report/build-model.js';
import { renderFailedCsv, renderRejectedCsv } from '../../src/report/feedback-csv.js';
import { csvRecord, sampleInput, sampleRejected } from './support/model-fixture.js';

/** The rows of a written file, parsed independently of the writer. */
function parsed(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true })
    .data;
}

const C_NEW_HEADER = ['customer_id', 'org_name', 'user_external_id', 'location_name'];

const C_UPD_JSON = JSON.stringify({
  customer_id: 'c-upd',
  name: 'New Name',
  owner: { external_id: 'c-upd-owner', email: 'o@x.io' },
  users: [{ external_id: 'c-upd-u2', email: 'u2@x.io', role: 'manager' }],
  locations: [{ name: 'North' }],
});

function failingSources(): Map<string, RecordSource[]> {
  const cNew = (line: number, cells: string[]) => csvRecord(line, cells, C_NEW_HEADER);
  return new Map([
    [
      'c-new',
      [
        cNew(2, ['c-new', 'c-new Inc', '', '']),
        cNew(3, ['c-new', '', 'c-new-u1', '']),
        cNew(4, ['c-new', '', '', 'Main']),
      ],
    ],
    [
      'c-upd',
      [
        {
          file: 'more.ndjson',
          format: 'ndjson',
          line: 1,
          endLine: 1,
          raw: { kind: 'json', text: C_UPD_JSON },
        },
      ],
    ],
  ]);
}

describe('rejected.csv', () => {
  it('writes the rejected records with their problems and places, byte for byte', () => {
    const text = renderRejectedCsv({ rejected: sampleRejected() });

    expect(text).toBe(
      '\uFEFFcustomer_id,org_name,owner_external_id,owner_email,aa_sync_error,aa_sync_source\r\n' +
        'c-bad,Bad Inc,c-bad-owner,not-an-email,"owner_email (column 4): owner_email is not ' +
        'an email address (value ""not-an-email""). Write it as name@example.com.",customers.csv:8\r\n' +
        'c-bad,Bad Inc,c-bad-owner,,rejected with its customer: another record of the customer ' +
        'has a problem,customers.csv:9\r\n' +
        ',Nobody Inc,,x@example.com,the record has neither customer_id nor owner_external_id.,' +
        'customers.csv:10\r\n',
    );
  });

  it('writes the canonical header alone when nothing was rejected', () => {
    const text = renderRejectedCsv({ rejected: [] });

    expect(text).toBe(
      `\uFEFF${[...CANONICAL_FIELDS, 'aa_sync_error', 'aa_sync_source'].join(',')}\r\n`,
    );
  });

  it('keeps a header name given twice as two columns and cells past the header', () => {
    const first = csvRecord(2, ['c1', 'a', 'b'], ['customer_id', 'note', 'note']);
    const second = {
      ...csvRecord(2, ['c2', 'x', 'extra'], ['customer_id', 'note']),
      file: 'other.csv',
    };
    const problem = (file: string) => ({ code: 'x', file, line: 2, reason: 'bad' });

    const rows = parsed(
      renderRejectedCsv({
        rejected: [
          { key: 'c1', records: [first], problems: [problem('customers.csv')] },
          { key: 'c2', records: [second], problems: [problem('other.csv')] },
        ],
      }),
    );

    expect(rows).toEqual([
      ['customer_id', 'note', 'note', '', 'aa_sync_error', 'aa_sync_source'],
      ['c1', 'a', 'b', '', 'bad.', 'customers.csv:2'],
      ['c2', 'x', '', 'extra', 'bad.', 'other.csv:2'],
    ]);
  });
});

describe('failed.csv', () => {
  it('writes every record of each customer with a failed or skipped operation', () => {
    const input = sampleInput({ sources: failingSources() });

    const rows = parsed(renderFailedCsv(input, buildReportModel(input)));

    const userError =
      'c-new/user:create:c-new-u1: HTTP 422: the email is invalid. The API rejected the ' +
      'data: correct the record in the export, then run `aa-sync apply` again.';
    const notFailed =
      'nothing failed on this record: written so that planning again sees the whole customer';
    const skipped = 'c-upd/organization:update: skipped: c-x/organization:create failed';
    expect(rows).toEqual([
      [
        'customer_id',
        'org_name',
        'user_external_id',
        'location_name',
        'org_description',
        'owner_external_id',
        'owner_email',
        'owner_name',
        'location_address',
        'location_area_code',
        'location_google_place_id',
        'user_email',
        'user_name',
        'user_role',
        'aa_sync_error',
        'aa_sync_source',
      ],
      [
        'c-new',
        'c-new Inc',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        notFailed,
        'customers.csv:2',
      ],
      [
        'c-new',
        '',
        'c-new-u1',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        userError,
        'customers.csv:3',
      ],
      [
        'c-new',
        '',
        '',
        'Main',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        notFailed,
        'customers.csv:4',
      ],
      // A JSON record: one row per part; its operations' lines are in another file.
      [
        'c-upd',
        'New Name',
        '',
        '',
        '',
        'c-upd-owner',
        'o@x.io',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        skipped,
        'more.ndjson:1',
      ],
      [
        'c-upd',
        'New Name',
        'c-upd-u2',
        '',
        '',
        'c-upd-owner',
        '',
        '',
        '',
        '',
        '',
        'u2@x.io',
        '',
        'manager',
        skipped,
        'more.ndjson:1',
      ],
      [
        'c-upd',
        'New Name',
        '',
        'North',
        '',
        'c-upd-owner',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        skipped,
        'more.ndjson:1',
      ],
    ]);
  });

  it('writes a JSON record that does not parse as one empty row with its text unplaced', () => {
    const broken: RecordSource = {
      file: 'more.ndjson',
      format: 'ndjson',
      line: 7,
      endLine: 7,
      raw: { kind: 'json', text: '{"customer_id": "c-upd", ' },
    };
    const input = sampleInput({ sources: new Map([['c-upd', [broken]]]) });

    const rows = parsed(renderFailedCsv(input, buildReportModel(input)));

    expect(rows[0]!.slice(-3)).toEqual([
      'aa_sync_unplaced',
      'aa_sync_error',
      'aa_sync_source',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        ...CANONICAL_FIELDS.map(() => ''),
        '(the record): {"customer_id": "c-upd", ',
        'c-upd/organization:update: skipped: c-x/organization:create failed',
        'more.ndjson:7',
      ],
    ]);
  });

  it('writes the header alone for a plan, where nothing failed', () => {
    const input = sampleInput({ operations: null, sources: failingSources() });

    const text = renderFailedCsv(input, buildReportModel(input));

    expect(parsed(text)).toEqual([
      [...CANONICAL_FIELDS, 'aa_sync_error', 'aa_sync_source'],
    ]);
  });
});
