import { describe, expect, it } from 'vitest';
import { MAX_FIELD_CHARS, MAX_RECORD_CHARS } from '../../../src/input/csv-reader.js';
import { InputError } from '../../../src/input/input-error.js';
import { parseDelimiter } from '../../../src/input/read-inputs.js';
import { failure, fixture, readFile, valuesOf } from './support.js';

const HEADER = 'customer_id,org_name,owner_external_id,owner_email';

describe('CSV reader', () => {
  it('maps header cells to canonical fields and keeps provenance', async () => {
    const file = await fixture('a.csv', `${HEADER}\nc1, Acme ,u1,a@x.io\n`);
    const [row] = await readFile(file);
    expect(row).toEqual({
      source: {
        file,
        format: 'csv',
        line: 2,
        endLine: 2,
        raw: {
          kind: 'csv',
          header: ['customer_id', 'org_name', 'owner_external_id', 'owner_email'],
          cells: ['c1', ' Acme ', 'u1', 'a@x.io'],
        },
      },
      values: {
        customer_id: { value: 'c1', line: 2, column: 'customer_id (column 1)' },
        org_name: { value: 'Acme', line: 2, column: 'org_name (column 2)' },
        owner_external_id: {
          value: 'u1',
          line: 2,
          column: 'owner_external_id (column 3)',
        },
        owner_email: { value: 'a@x.io', line: 2, column: 'owner_email (column 4)' },
      },
      problems: [],
    });
  });

  it.each([
    ['semicolons', ';'],
    ['tabs', '\t'],
    ['pipes', '|'],
  ])('detects %s as the delimiter', async (_name, delimiter) => {
    const text = `${HEADER.replaceAll(',', delimiter)}\nc1${delimiter}Acme, Inc.${delimiter}u1${delimiter}a@x.io\n`;
    const rows = await readFile(await fixture('a.csv', text));
    expect(rows.map(valuesOf)).toEqual([
      {
        customer_id: 'c1',
        org_name: 'Acme, Inc.',
        owner_external_id: 'u1',
        owner_email: 'a@x.io',
      },
    ]);
  });

  it('uses --delimiter when given instead of guessing', async () => {
    const file = await fixture('a.txt', 'org_name;x\nA,B;C\n');
    const rows = await readFile(file, { delimiter: 'semicolon' });
    expect(rows.map(valuesOf)).toEqual([{ org_name: 'A,B' }]);
  });

  it('counts physical lines across quoted newlines, CRLF and blank lines', async () => {
    const text = [
      'org_name,org_description',
      'A,"first line',
      'second line"',
      '',
      'B,"x ""quoted"", y"',
      'C,"a\r\nb\r\nc"',
      'D,plain',
      '',
      '',
    ].join('\r\n');
    const rows = await readFile(await fixture('a.csv', text));
    expect(
      rows.map((row) => [row.source.line, row.source.endLine, valuesOf(row)]),
    ).toEqual([
      [2, 3, { org_name: 'A', org_description: 'first line\r\nsecond line' }],
      [5, 5, { org_name: 'B', org_description: 'x "quoted", y' }],
      [6, 8, { org_name: 'C', org_description: 'a\r\nb\r\nc' }],
      [9, 9, { org_name: 'D', org_description: 'plain' }],
    ]);
  });

  it('gives each value the line its cell starts on', async () => {
    const text = 'org_description,org_name\n"one\ntwo",Acme\nx,y\n';
    const [first, second] = await readFile(await fixture('a.csv', text));
    expect(first?.values.org_name).toEqual({
      value: 'Acme',
      line: 3,
      column: 'org_name (column 2)',
    });
    expect(first?.values.org_description?.line).toBe(2);
    expect(second?.source.line).toBe(4);
  });

  it('keeps line numbers right when records straddle small reads', async () => {
    const text = 'org_name,org_description\n"A","1\n2\n3"\nB,x\n\nC,"y\r\nz"\nD,w\n';
    const rows = await readFile(await fixture('a.csv', text), { chunkBytes: 3 });
    expect(rows.map((row) => [row.source.line, valuesOf(row).org_name])).toEqual([
      [2, 'A'],
      [5, 'B'],
      [7, 'C'],
      [9, 'D'],
    ]);
  });

  it('never turns values into numbers: leading zeros and long ids stay', async () => {
    const text = 'customer_id,location_area_code\n02132,007\n12345678901234567890,1e5\n';
    const rows = await readFile(await fixture('a.csv', text));
    expect(rows.map(valuesOf)).toEqual([
      { customer_id: '02132', location_area_code: '007' },
      { customer_id: '12345678901234567890', location_area_code: '1e5' },
    ]);
  });

  it('leaves empty and blank values out of the row but keeps them in the raw cells', async () => {
    const rows = await readFile(await fixture('a.csv', 'org_name,owner_email\n  ,\n'));
    expect(valuesOf(rows[0])).toEqual({});
    expect(rows[0]?.source.raw).toEqual({
      kind: 'csv',
      header: ['org_name', 'owner_email'],
      cells: ['  ', ''],
    });
  });

  it('gives zero rows for a file with only a header (after leading blank lines)', async () => {
    expect(
      await readFile(await fixture('a.csv', '\n\norg_name,owner_email\n\n')),
    ).toEqual([]);
  });

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n  \r\n\n'],
  ])('refuses %s: no header row', async (_name, text) => {
    const file = await fixture('a.csv', text);
    const error = await failure(readFile(file));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `${file}:1: no header row: the file is empty or holds only blank lines. ` +
        'Export the file again with a header row naming the columns.',
    );
  });

  it('reports a record with the wrong number of cells and keeps its values', async () => {
    const text = 'org_name,owner_email,owner_name\nA,a@x.io\nB,b@x.io,Bo,extra\nC\n';
    const file = await fixture('a.csv', text);
    const rows = await readFile(file);
    expect(rows.map(valuesOf)).toEqual([
      { org_name: 'A', owner_email: 'a@x.io' },
      { org_name: 'B', owner_email: 'b@x.io', owner_name: 'Bo' },
      { org_name: 'C' },
    ]);
    expect(rows.map((row) => row.problems)).toEqual([
      [cellCount(file, 2, 3, 2)],
      [cellCount(file, 3, 3, 4)],
      [
        {
          ...cellCount(file, 4, 3, 1),
          reason: 'the header has 3 columns but this record has 1 cell',
        },
      ],
    ]);
  });

  it('refuses two columns that map to the same field, naming both', async () => {
    const file = await fixture('a.csv', 'org_name,Owner Email,x,owner_email\n');
    const error = await failure(readFile(file));
    expect(error.message).toBe(
      `${file}:1: column B "Owner Email" and column D "owner_email" both map to ` +
        'owner_email. Remove or rename one of them, or say which to use with --map ' +
        `('{ "owner_email": "<header>" }').`,
    );
  });

  it('accepts repeated headers that map to no field', async () => {
    const rows = await readFile(
      await fixture('a.csv', 'notes,org_name,notes\nn1,A,n2\n'),
    );
    expect(rows.map(valuesOf)).toEqual([{ org_name: 'A' }]);
    expect(rows[0]?.source.raw).toMatchObject({ cells: ['n1', 'A', 'n2'] });
  });

  it('names the line where an unterminated quote opened', async () => {
    const file = await fixture(
      'a.csv',
      'org_name,org_description\nA,ok\nB,"never\nclosed\nC,x\n',
    );
    const error = await failure(readFile(file));
    expect(error).toMatchObject({ exitCode: 3, line: 3 });
    expect(error.message).toBe(
      `${file}:3: a quoted value opened on this line is never closed. ` +
        'Add the closing quote ("), or double the quotes inside the value ("").',
    );
  });

  it('stops at a record over the size limit instead of holding the file in memory', async () => {
    const text = `org_name\nA\n"${'x'.repeat(MAX_RECORD_CHARS + 10)}\n`;
    const file = await fixture('a.csv', text);
    const error = await failure(readFile(file));
    expect(error.message).toBe(
      `${file}:3: a record starting on this line is longer than 4 MiB. Look for an ` +
        'opening quote (") without its closing quote on this line, or split the value.',
    );
  });

  it('stops at a single value over 1 MiB', async () => {
    const text = `org_name,x\nA,b\nB,${'y'.repeat(MAX_FIELD_CHARS + 1)}\n`;
    const error = await failure(readFile(await fixture('a.csv', text)));
    expect(error).toMatchObject({ line: 3 });
    expect(error.message).toContain('a value starting on this line is longer than 1 MiB');
  });

  it('flags text after a closing quote as a malformed quote on that row', async () => {
    const file = await fixture('a.csv', 'org_name,x\n"A"B,"c"\nD,e\n');
    const rows = await readFile(file);
    expect(rows.map((row) => [row.source.line, valuesOf(row).org_name])).toEqual([
      [2, 'A"B,"c'],
      [3, 'D'],
    ]);
    expect(rows[0]?.problems.map((problem) => [problem.code, problem.line])).toEqual([
      ['cell-count', 2],
      ['malformed-quote', 2],
    ]);
    expect(rows[1]?.problems).toEqual([]);
  });

  it('matches headers case-insensitively, with spaces or hyphens, and by common aliases', async () => {
    const header =
      ' Customer ID ,Company,Owner-Email,Site,Area Code,Google Place ID,ROLE';
    const file = await fixture(
      'a.csv',
      `${header}\nc1,Acme,a@x.io,Main,617,p1,manager\n`,
    );
    const [row] = await readFile(file);
    expect(valuesOf(row)).toEqual({
      customer_id: 'c1',
      org_name: 'Acme',
      owner_email: 'a@x.io',
      location_name: 'Main',
      location_area_code: '617',
      location_google_place_id: 'p1',
      user_role: 'manager',
    });
    expect(row?.values.customer_id?.column).toBe('Customer ID (column 1)');
  });
});

describe('parseDelimiter', () => {
  it('accepts one character or a name, and refuses quotes and longer text', () => {
    expect(['tab', '\\t', ';', 'PIPE'].map(parseDelimiter)).toEqual([
      '\t',
      '\t',
      ';',
      '|',
    ]);
    expect(() => parseDelimiter('::')).toThrow(
      '--delimiter must be one character (or comma, semicolon, tab, pipe), not a quote or line break; got "::"',
    );
    expect(() => parseDelimiter('"')).toThrow('--delimiter must be one character');
  });
});

function cellCount(file: string, line: number, expected: number, got: number) {
  return {
    code: 'cell-count',
    file,
    line,
    reason: `the header has ${expected} columns but this record has ${got} cells`,
    hint: 'Quote values that contain the delimiter, and check for a missing or extra delimiter',
  };
}
