import { describe, expect, it } from 'vitest';
import { failure, fixture, readFile, valuesOf } from './support.js';

describe('NDJSON reader', () => {
  it('reads one customer per line, skipping blank lines, with CRLF or LF', async () => {
    const text =
      '{"customer_id": "c-1", "name": "A", "users": [{"external_id": "u-2"}]}\r\n' +
      '\r\n' +
      '   \n' +
      '{"name": "B"}';
    const file = await fixture('a.ndjson', text);
    const rows = await readFile(file, { chunkBytes: 5 });
    expect(rows.map((row) => [row.source.line, valuesOf(row)])).toEqual([
      [1, { customer_id: 'c-1', org_name: 'A' }],
      [1, { customer_id: 'c-1', org_name: 'A', user_external_id: 'u-2' }],
      [4, { org_name: 'B' }],
    ]);
    expect(rows[0]?.source).toEqual({
      file,
      format: 'ndjson',
      line: 1,
      endLine: 1,
      raw: {
        kind: 'json',
        text: '{"customer_id": "c-1", "name": "A", "users": [{"external_id": "u-2"}]}',
      },
    });
    expect(rows[1]?.values.user_external_id).toEqual({
      value: 'u-2',
      line: 1,
      column: 'users[0].external_id',
    });
  });

  it('turns a malformed line into a json-syntax problem and reads on', async () => {
    const file = await fixture(
      'a.jsonl',
      '{"name": "A"}\n{"name": "B",}\n{"name": "C"}\n',
    );
    const rows = await readFile(file);
    expect(rows.map((row) => [row.source.line, valuesOf(row)])).toEqual([
      [1, { org_name: 'A' }],
      [2, {}],
      [3, { org_name: 'C' }],
    ]);
    expect(rows[1]?.problems).toEqual([
      {
        code: 'json-syntax',
        file,
        line: 2,
        reason:
          "this line is not valid JSON: at column 14, expected a key in quotes, found '}'",
        hint: 'Each line must hold one complete JSON object; correct or remove the line',
      },
    ]);
  });

  it('reports too deep nesting on a line as that line problem', async () => {
    const file = await fixture('a.ndjson', `{"name": ${'['.repeat(50)}\n{"name": "B"}\n`);
    const rows = await readFile(file);
    expect(rows.map((row) => row.problems.map((problem) => problem.reason))).toEqual([
      [
        "this line is not valid JSON: at column 41, arrays and objects nest deeper than 32 levels, found '['",
      ],
      [],
    ]);
  });

  it('reports unknown keys and non-strings with the same flattening as JSON', async () => {
    const file = await fixture('a.ndjson', '{"name": 7, "zip": "02132"}\n');
    const [row] = await readFile(file);
    expect(
      row?.problems.map((problem) => [problem.code, problem.column, problem.value]),
    ).toEqual([
      ['not-a-string', 'name', '7'],
      ['unknown-field', 'zip', undefined],
    ]);
  });

  it('refuses a line over the size limit', async () => {
    const file = await fixture(
      'a.ndjson',
      `{"name": "A"}\n{"name": "${'x'.repeat(5 * 1024 * 1024)}`,
    );
    const error = await failure(readFile(file));
    expect(error.message).toBe(
      `${file}:2: this line is longer than 4 MiB. Check that the file holds one JSON object per line.`,
    );
  });
});
