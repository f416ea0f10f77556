import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadHeaderMap, parseHeaderMap } from '../../../src/input/header-map.js';
import { formatOf, readInputs } from '../../../src/input/read-inputs.js';
import { collect, failure as rejection, fixture, readFile, valuesOf } from './support.js';

/** What `run` throws; fails the test when it returns. */
function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a throw');
}

const BOSTON = fileURLToPath(
  new URL(
    '../../../fixtures/source/boston-food-establishments-2015.csv',
    import.meta.url,
  ),
);

describe('readInputs', () => {
  it('reads several files in order and gives each digest once read', async () => {
    const csv = await fixture('a.csv', 'org_name\nA\n');
    const ndjson = await fixture('b.jsonl', '{"name":"B"}\n');
    const json = await fixture('c.json', '[{"name":"C"}]');
    const reading = readInputs([csv, ndjson, json], { keyColumnOptional: true });
    const rows = await collect(reading);
    expect(rows.map((row) => [row.source.format, valuesOf(row).org_name])).toEqual([
      ['csv', 'A'],
      ['ndjson', 'B'],
      ['json', 'C'],
    ]);
    expect(reading.digests.map((digest) => [digest.file, digest.bytes])).toEqual([
      [csv, 11],
      [ndjson, 13],
      [json, 14],
    ]);
    // sha256sum of "org_name\nA\n"
    expect(reading.digests[0]?.sha256).toBe(
      '554816ee3bfd014dd3957d0511c105f3ac2540fce8953237f005b9a2947d78bf',
    );
  });

  it('reads a UTF-16LE CSV export with its byte order mark', async () => {
    const body = Buffer.from('org_name;owner_name\r\nCafé Zoë;Zoë\r\n', 'utf16le');
    const file = await fixture('a.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    const rows = await readFile(file, { chunkBytes: 5 });
    expect(rows.map((row) => [row.source.line, valuesOf(row)])).toEqual([
      [2, { org_name: 'Café Zoë', owner_name: 'Zoë' }],
    ]);
  });

  it('reads Latin-1 bytes as Windows-1252 under --encoding, and refuses them as UTF-8', async () => {
    const bytes = Buffer.from('org_name\nCaf\xe9\n', 'latin1');
    const file = await fixture('a.csv', bytes);
    expect((await readFile(file, { encoding: 'windows-1252' })).map(valuesOf)).toEqual([
      { org_name: 'Café' },
    ]);
    const error = await rejection(readFile(file));
    expect(error).toMatchObject({ exitCode: 3, line: 2, byteOffset: 12, value: 'E9' });
  });

  it('takes the format from the extension, or from --format', () => {
    expect(
      ['a.CSV', 'b.tsv', 'c.txt', 'd.json', 'e.ndjson', 'f.jsonl'].map((f) =>
        formatOf(f, undefined),
      ),
    ).toEqual(['csv', 'csv', 'csv', 'json', 'ndjson', 'ndjson']);
    expect(formatOf('export.dat', 'ndjson')).toBe('ndjson');
  });

  it('asks for --format when the extension says nothing', async () => {
    const file = await fixture('export.dat', 'customer_id\n1\n');
    expect(() => readInputs([file])).toThrow(
      `cannot tell the format of ${file} from its extension; pass --format csv|json|ndjson`,
    );
  });

  it('refuses a directory given as input as an I/O error (9), before asking for its format', async () => {
    const file = await fixture('a.csv', 'customer_id\n1\n');
    const dir = file.slice(0, -'/a.csv'.length);
    expect(() => readInputs([dir])).toThrow(
      expect.objectContaining({
        exitCode: 9,
        message: `${dir}: is a directory, not an input file. Name the export files inside it.`,
      }),
    );
  });

  it('refuses a missing extensionless path as an I/O error (9)', () => {
    expect(() => readInputs(['no-such-export'])).toThrow(
      expect.objectContaining({
        exitCode: 9,
        message:
          'no-such-export: cannot read the input file (ENOENT: no such file or directory). Check the path and its permissions.',
      }),
    );
  });

  it('names the --map file, not an input file, when the map cannot be read', async () => {
    const error = await rejection(loadHeaderMap('no-such-map.json'));
    expect(error.message).toBe(
      'no-such-map.json: cannot read the --map file (ENOENT: no such file or directory). Check the path and its permissions.',
    );
  });

  it('checks --encoding and --delimiter before reading anything', () => {
    expect(() => readInputs(['a.csv'], { encoding: 'utf-32' })).toThrow(
      /^--encoding must be one of/,
    );
    expect(() => readInputs(['a.csv'], { delimiter: '""' })).toThrow(
      /^--delimiter must be one character/,
    );
  });

  it('stops with an I/O error naming a missing file, before reading any file', () => {
    const error = failure(() => readInputs(['/nonexistent/aa-sync/export.csv']));
    expect(error).toMatchObject({
      exitCode: 9,
      message:
        '/nonexistent/aa-sync/export.csv: cannot read the input file (ENOENT: no such file ' +
        'or directory). Check the path and its permissions.',
    });
  });

  it('reads the Boston food establishments export through a --map', async () => {
    const map = parseHeaderMap('boston-map.json', {
      customer_id: 'Property_ID',
      org_name: 'BusinessName',
      location_name: 'BusinessName',
      location_address: 'Address',
      location_area_code: { areaCodeFrom: 'DAYPHN' },
    });
    const reading = readInputs([BOSTON], { map });
    const rows = await collect(reading);
    expect(rows.length).toBe(2891);
    expect(rows.filter((row) => row.problems.length > 0)).toEqual([]);
    const pizza = rows.find((row) => row.source.line === 1500);
    expect(valuesOf(pizza)).toEqual({
      customer_id: '157795',
      org_name: 'Supreme House of Pizza',
      location_name: 'Supreme House of Pizza',
      location_address: '313 Old Colony',
      location_area_code: '617',
    });
    expect(pizza?.source.raw).toMatchObject({
      kind: 'csv',
      cells: expect.arrayContaining(['02127']),
    });
    expect(rows[0]?.source.raw).toMatchObject({
      cells: [
        '# 7 RESTAURANT',
        '',
        '225 Grove',
        'West Roxbury',
        'MA',
        '02132',
        'Active',
        'FT',
        'Eating & Drinking w/ Take Out',
        '03/23/2007 03:20:59 PM',
        '+10000000000',
        '156965',
        '(42.261873, -71.15741)',
      ],
    });
    const areaCodes = new Map<string, number>();
    for (const row of rows) {
      const code = row.values.location_area_code?.value ?? '';
      const key = /^\d{3}$/.test(code) ? code : 'unreadable';
      areaCodes.set(key, (areaCodes.get(key) ?? 0) + 1);
    }
    expect([
      areaCodes.get('617'),
      areaCodes.get('781'),
      areaCodes.get('unreadable'),
    ]).toEqual([2074, 109, 432]);
    expect(rows.at(-1)?.source).toMatchObject({ line: 2892, endLine: 2892 });
    expect(reading.digests).toEqual([
      {
        file: BOSTON,
        sha256: 'f2b4911dccc77c2caf8b62d49ad0bbe5e3f1d96e8fd81634ac7d6b8bc5eef0e3',
        bytes: 426766,
      },
    ]);
  });
});

describe('readInputs: the CSV header as a whole', () => {
  it('refuses a header that names no known column, listing the first headers', async () => {
    const file = await fixture('a.csv', 'a,b,c,d,e,f,g\n1,2,3,4,5,6,7\n');
    const error = await rejection(collect(readInputs([file])));
    expect(error).toMatchObject({ exitCode: 3, line: 1 });
    expect(error.message).toBe(
      `${file}:1: the header has no key column: neither customer_id nor owner_external_id ` +
        '(headers found: "a", "b", "c", "d", "e" and 2 more). Rename a column to ' +
        'customer_id or owner_external_id, or name the column that holds the key with ' +
        `--map ('{ "customer_id": "<header>" }'); check --delimiter too.`,
    );
  });

  it('suggests the delimiter when the whole header is one cell holding a semicolon', async () => {
    const file = await fixture('a.csv', 'customer_id;org_name\n1;A\n');
    const error = await rejection(collect(readInputs([file], { delimiter: ',' })));
    expect(error.message).toBe(
      `${file}:1: the header has no key column: neither customer_id nor owner_external_id ` +
        '(headers found: "customer_id;org_name"). The whole header is one cell: the ' +
        'delimiter looks like ";", so pass --delimiter semicolon. Otherwise: rename a ' +
        'column to customer_id or owner_external_id, or name the column that holds the ' +
        `key with --map ('{ "customer_id": "<header>" }').`,
    );
  });

  it('notes the required customer fields a keyed header has no column for', async () => {
    const file = await fixture('a.csv', '\ncustomer_id,location_name\n1,Main\n');
    const reading = readInputs([file]);
    expect((await collect(reading)).length).toBe(1);
    expect(reading.headerGaps).toEqual([
      { file, line: 2, fields: ['org_name', 'owner_external_id', 'owner_email'] },
    ]);
  });
});
