import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELDS } from '../../src/input/fields.js';
import type { RecordSource } from '../../src/input/records.js';
import { renderRejectedCsv } from '../../src/report/feedback-csv.js';
import { assembleFiles, writeText } from './support/model-export.js';

/** The rows of a written file, parsed independently of the writer. */
function parsed(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true })
    .data;
}

function ndjsonRecord(line: number, text: string): RecordSource {
  return {
    file: 'bad.ndjson',
    format: 'ndjson',
    line,
    endLine: line,
    raw: { kind: 'json', text },
  };
}

/** rejected.csv of one customer of `record`, rejected for `reason`. */
function rejectedCsvOf(record: RecordSource, reason = 'bad'): string {
  const problem = { code: 'x', file: record.file, line: record.line, reason };
  return renderRejectedCsv({
    rejected: [{ key: 'c-j', records: [record], problems: [problem] }],
  });
}

/** A canonical row: empty but for `cells`, then the error and the source. */
function row(cells: Partial<Record<string, string>>, ...tail: string[]): string[] {
  return [...CANONICAL_FIELDS.map((field) => cells[field] ?? ''), ...tail];
}

const LINK = { customer_id: 'c-j', org_name: 'Jay Co', owner_external_id: 'c-j-owner' };

describe('rejected.csv of JSON records', () => {
  it('writes a value that is not a string as its JSON text, byte for byte', () => {
    const record = ndjsonRecord(
      4,
      '{"customer_id": "c-j", "name": "Jay Co", "description": 42, ' +
        '"owner": {"external_id": "c-j-owner", "email": "j@x.io", "name": null}, ' +
        '"users": [{"external_id": 7, "email": "u@x.io", "role": ["manager"]}], ' +
        '"locations": [{"name": "Main", "area_code": 617, "google_place_id": true, ' +
        '"address": {"street": "1 Main St"}}]}',
    );

    const text = rejectedCsvOf(
      record,
      'locations[0].area_code is a number, not a string',
    );

    const error = '"locations[0].area_code is a number, not a string.",bad.ndjson:4';
    expect(text).toBe(
      `\uFEFF${CANONICAL_FIELDS.join(',')},aa_sync_error,aa_sync_source\r\n` +
        `c-j,Jay Co,42,c-j-owner,j@x.io,,,,,,,,,,${error}\r\n` +
        `c-j,Jay Co,,c-j-owner,,,,,,,7,u@x.io,,"[""manager""]",${error}\r\n` +
        `c-j,Jay Co,,c-j-owner,,,Main,"{""street"": ""1 Main St""}",617,true,,,,,${error}\r\n`,
    );
  });

  it('keeps numbers as written, and leaves null and blank values empty', () => {
    const record = ndjsonRecord(
      2,
      '{"customer_id": "c-j", "name": "Jay Co", "description": false, ' +
        '"owner": {"external_id": "c-j-owner", "email": " ", "name": 1.50e1}, ' +
        '"locations": [{"name": "Main", "area_code": 617.0, "address": null}]}',
    );

    const rows = parsed(rejectedCsvOf(record));

    expect(rows.slice(1)).toEqual([
      row(
        { ...LINK, org_description: 'false', owner_name: '1.50e1' },
        'bad.',
        'bad.ndjson:2',
      ),
      row(
        { ...LINK, location_name: 'Main', location_area_code: '617.0' },
        'bad.',
        'bad.ndjson:2',
      ),
    ]);
  });

  it('lists what no column holds in aa_sync_unplaced, path by path, in written order', () => {
    const record = ndjsonRecord(
      3,
      '{"customer_id": "c-j", "name": "Jay Co", "area code": "617", ' +
        '"owner": "c-j-owner", "name": "Jay Company", ' +
        '"users": {"external_id": "u-1"}, ' +
        '"locations": ["Main", null, {"name": "North", "phone": 5085550100}]}',
    );

    const rows = parsed(rejectedCsvOf(record));

    expect(rows[0]!.slice(-3)).toEqual([
      'aa_sync_unplaced',
      'aa_sync_error',
      'aa_sync_source',
    ]);
    const unplaced = [
      // The readers keep the last of a key written twice.
      'name: "Jay Co"',
      'area code: "617"',
      'owner: "c-j-owner"',
      'users: {"external_id": "u-1"}',
      'locations[0]: "Main"',
      'locations[2].phone: 5085550100',
    ].join('\n');
    expect(rows.slice(1)).toEqual([
      row(
        { customer_id: 'c-j', org_name: 'Jay Company' },
        unplaced,
        'bad.',
        'bad.ndjson:3',
      ),
      row(
        { customer_id: 'c-j', org_name: 'Jay Company', location_name: 'North' },
        '',
        'bad.',
        'bad.ndjson:3',
      ),
    ]);
  });

  it('keeps a record that is not an object, or not JSON, whole in aa_sync_unplaced', () => {
    const rows = parsed(
      renderRejectedCsv({
        rejected: [
          {
            key: null,
            records: [
              ndjsonRecord(5, '["c-j", 617]'),
              ndjsonRecord(6, '{"customer_id": '),
            ],
            problems: [{ code: 'x', file: 'bad.ndjson', line: 5, reason: 'bad' }],
          },
        ],
      }),
    );

    const blank = CANONICAL_FIELDS.map(() => '');
    expect(rows.slice(1)).toEqual([
      [...blank, '(the record): ["c-j", 617]', 'bad.', 'bad.ndjson:5'],
      [
        ...blank,
        '(the record): {"customer_id": ',
        'rejected with its customer: another record of the customer has a problem',
        'bad.ndjson:6',
      ],
    ]);
  });

  it('reads back with the number it held: fed back, it plans the location with 617', async () => {
    const customer = {
      customer_id: 'c-j',
      name: 'Jay Co',
      owner: { external_id: 'c-j-owner', email: 'j@example.com' },
      locations: [{ name: 'Main', area_code: 617 }],
    };
    const first = await assembleFiles([
      await writeText('export.ndjson', `${JSON.stringify(customer)}\n`),
    ]);
    expect(first.rejected.map((entry) => entry.key)).toEqual(['c-j']);

    const file = await writeText('rejected.csv', renderRejectedCsv(first));
    const again = await assembleFiles([file]);

    expect(again.rejected).toEqual([]);
    expect(
      again.customers.map((c) => [c.key, c.locations.map((l) => [l.name, l.areaCode])]),
    ).toEqual([['c-j', [['Main', '617']]]]);
  });
});
