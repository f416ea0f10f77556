import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/input/input-error.js';
import { failure, fixture, readFile, valuesOf } from './support.js';

const CUSTOMER = `[
  {
    "customer_id": "c-1",
    "name": " Acme ",
    "description": null,
    "owner": { "external_id": "u-1", "email": "ann@acme.io", "name": "Ann" },
    "users": [
      { "external_id": "u-2", "email": "bo@acme.io", "role": "manager" }
    ],
    "locations": [
      { "name": "Main", "area_code": "617" },
      { "name": "Annex", "address": "2 Elm St", "google_place_id": "p-9" }
    ]
  },
  {"name": "Solo", "owner": {"external_id": "u-9", "email": "s@solo.io"}}
]
`;

describe('JSON reader', () => {
  it('flattens each customer into an organization row, user rows and location rows', async () => {
    const rows = await readFile(await fixture('a.json', CUSTOMER));
    const link = { customer_id: 'c-1', org_name: 'Acme', owner_external_id: 'u-1' };
    expect(rows.map(valuesOf)).toEqual([
      { ...link, owner_email: 'ann@acme.io', owner_name: 'Ann' },
      {
        ...link,
        user_external_id: 'u-2',
        user_email: 'bo@acme.io',
        user_role: 'manager',
      },
      { ...link, location_name: 'Main', location_area_code: '617' },
      {
        ...link,
        location_name: 'Annex',
        location_address: '2 Elm St',
        location_google_place_id: 'p-9',
      },
      { org_name: 'Solo', owner_external_id: 'u-9', owner_email: 's@solo.io' },
    ]);
    expect(rows.map((row) => row.problems)).toEqual([[], [], [], [], []]);
  });

  it('gives values the line they are written on and their path as the column', async () => {
    const rows = await readFile(await fixture('a.json', CUSTOMER));
    expect(rows[0]?.values.owner_email).toEqual({
      value: 'ann@acme.io',
      line: 6,
      column: '[0].owner.email',
    });
    expect(rows[3]?.values.location_google_place_id).toEqual({
      value: 'p-9',
      line: 12,
      column: '[0].locations[1].google_place_id',
    });
    expect(rows[2]?.values.customer_id).toEqual({
      value: 'c-1',
      line: 3,
      column: '[0].customer_id',
    });
  });

  it('shares one source per customer, holding the element exactly as written', async () => {
    const file = await fixture('a.json', CUSTOMER);
    const rows = await readFile(file);
    expect(rows[0]?.source).toBe(rows[3]?.source);
    expect(rows[0]?.source).toMatchObject({ file, format: 'json', line: 2, endLine: 14 });
    expect(rows[4]?.source).toEqual({
      file,
      format: 'json',
      line: 15,
      endLine: 15,
      raw: {
        kind: 'json',
        text: '{"name": "Solo", "owner": {"external_id": "u-9", "email": "s@solo.io"}}',
      },
    });
  });

  it('reads the same rows when the text arrives a few bytes at a time', async () => {
    const file = await fixture('a.json', CUSTOMER);
    const whole = await readFile(file);
    expect(await readFile(file, { chunkBytes: 3 })).toEqual(whole);
  });

  it('reports numbers, booleans and objects where strings belong, without converting them', async () => {
    const text =
      '[{"customer_id": 2132, "name": true, "owner": {"external_id": "u", "email": ["a"]}}]';
    const file = await fixture('a.json', text);
    const [row] = await readFile(file);
    expect(valuesOf(row)).toEqual({ owner_external_id: 'u' });
    expect(row?.problems).toEqual([
      {
        code: 'not-a-string',
        file,
        line: 1,
        column: '[0].customer_id',
        value: '2132',
        reason: '[0].customer_id is a number (2132), not a string',
        hint: 'Write it in quotes ("2132") so that leading zeros and long ids are kept',
      },
      {
        code: 'not-a-string',
        file,
        line: 1,
        column: '[0].name',
        value: 'true',
        reason: '[0].name is a boolean (true), not a string',
        hint: 'Write it in quotes ("true") so that leading zeros and long ids are kept',
      },
      {
        code: 'not-a-string',
        file,
        line: 1,
        column: '[0].owner.email',
        value: '["a"]',
        reason: '[0].owner.email is an array (["a"]), not a string',
        hint: 'Write a string here (see the shape in the aa-sync documentation)',
      },
    ]);
  });

  it('reports unknown keys at every level so that typos are caught', async () => {
    const text =
      '[{"name": "A", "nmae": "B", "owner": {"emial": "x"}, "users": [{"rol": "user"}]}]';
    const rows = await readFile(await fixture('a.json', text));
    expect(
      rows.flatMap((row) =>
        row.problems.map((problem) => [problem.code, problem.column]),
      ),
    ).toEqual([
      ['unknown-field', '[0].nmae'],
      ['unknown-field', '[0].owner.emial'],
      ['unknown-field', '[0].users[0].rol'],
    ]);
    expect(rows[0]?.problems[1]?.hint).toBe(
      'Check the spelling; the fields here are external_id, email, name',
    );
  });

  it('reports an element that is not an object and goes on', async () => {
    const file = await fixture('a.json', '[\n  "c-1",\n  {"name": "B"}\n]');
    const rows = await readFile(file);
    expect(rows.map((row) => [row.source.line, valuesOf(row)])).toEqual([
      [2, {}],
      [3, { org_name: 'B' }],
    ]);
    expect(rows[0]?.problems).toEqual([
      {
        code: 'not-an-object',
        file,
        line: 2,
        column: '[0]',
        value: '"c-1"',
        reason: '[0] is a string ("c-1"), not an object',
        hint: 'Each record must be a customer object: {"name": ..., "owner": {"external_id": ..., "email": ...}}',
      },
    ]);
  });

  it('decodes escapes in strings, including escaped quotes and brackets', async () => {
    const text = String.raw`[{"name": "Caf\u00e9 \"Q\" ]", "description": "a\\b\n"}]`;
    const [row] = await readFile(await fixture('a.json', text));
    expect(valuesOf(row)).toEqual({ org_name: 'Café "Q" ]', org_description: 'a\\b' });
  });

  it('gives zero rows for an empty array', async () => {
    expect(await readFile(await fixture('a.json', ' [ ] \n'))).toEqual([]);
  });

  it.each([
    [
      'a missing comma',
      '[\n  {"name": "A"}\n  {"name": "B"}\n]',
      3,
      3,
      "expected ',' or ']' after an element of the array, found '{'",
    ],
    [
      'a missing colon',
      '[{"name" "A"}]',
      1,
      10,
      `expected ':' after the key "name", found '"'`,
    ],
    [
      'a trailing comma',
      '[{"name": "A"},\n]',
      2,
      1,
      "expected a value after ',', found ']'",
    ],
    [
      'a bad literal',
      '[{"name": nul}]',
      1,
      11,
      "expected a value (a string in quotes, number, object, array, true, false or null), found 'n'",
    ],
    [
      'a raw line break in a string',
      '[{"name": "A\nB"}]',
      1,
      13,
      'a string holds a raw line break or control character; write it as \\n, found a line break',
    ],
    [
      'a mismatched bracket',
      '[{"users": [}]',
      1,
      13,
      "expected ']' or a value, found '}'",
    ],
    [
      'text after the array',
      '[]\nx',
      2,
      1,
      "expected nothing after the array's closing ']', found 'x'",
    ],
    [
      'an unclosed array',
      '[{"name": "A"}',
      1,
      15,
      "the file ends before the array is closed with ']'",
    ],
    ['an empty file', '', 1, 1, 'the file is empty: expected a JSON array of customers'],
    [
      'a bad escape',
      '[{"name": "a\\x"}]',
      1,
      13,
      "invalid escape \\x in a string, found '\\'",
    ],
  ])(
    'stops at %s with its line and column',
    async (_name, text, line, column, problem) => {
      const file = await fixture('a.json', text);
      const error = await failure(readFile(file));
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ line, column });
      expect(error.message).toBe(
        `${file}:${line}:${column}: invalid JSON: ${problem}. Correct the file at this place and run again.`,
      );
    },
  );

  it('refuses a file whose top level is not an array and suggests NDJSON', async () => {
    const file = await fixture('a.json', '{"name": "A"}\n{"name": "B"}\n');
    const error = await failure(readFile(file));
    expect(error.message).toBe(
      `${file}:1:1: the file must hold a JSON array of customers ([{...}, ...]); found '{'. ` +
        'If the file holds one customer object per line, pass --format ndjson.',
    );
  });

  it('stops at nesting deeper than 32 levels without overflowing the stack', async () => {
    const file = await fixture('a.json', `[{"name": ${'['.repeat(100_000)}`);
    const error = await failure(readFile(file));
    expect(error.message).toBe(
      `${file}:1:41: invalid JSON: arrays and objects nest deeper than 32 levels, found '['. ` +
        'Correct the file at this place and run again.',
    );
  });

  it('accepts nesting of exactly 32 levels and reports the value as not a string', async () => {
    const inner = `${'['.repeat(30)}${']'.repeat(30)}`;
    const [row] = await readFile(await fixture('a.json', `[{"name": ${inner}}]`));
    expect(row?.problems.map((problem) => problem.code)).toEqual(['not-a-string']);
  });
});
