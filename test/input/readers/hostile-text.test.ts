/**
 * Text from a hostile export that reaches a message: headers, JSON keys and
 * stray characters are shown escaped, so that an escape sequence or a line
 * break in the file never acts on the terminal that prints the message.
 * Found by the hostile-input torture part (bench/torture/hostile.ts).
 */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/input/problem-text.js';
import { failure, fixture, readFile } from './support.js';

/** C0 controls but the line feed, DEL, C1 controls, the line separators, bidi overrides. */
function hasRawControl(text: string): boolean {
  return [...text].some((char) => {
    const code = char.codePointAt(0) ?? 0;
    const control = (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
    return control || (code >= 0x2028 && code <= 0x202e);
  });
}

async function problemLines(name: string, text: string): Promise<string[]> {
  const rows = await readFile(await fixture(name, text), { keyColumnOptional: false });
  return rows.flatMap((row) => row.problems.map(formatProblem));
}

describe('messages about hostile text show it escaped', () => {
  it('escapes an escape character found where a JSON array should start', async () => {
    const file = await fixture('esc.json', '\u001b[2J[]');
    const error = await failure(readFile(file));
    expect(error.message).toBe(
      `${file}:1:1: the file must hold a JSON array of customers ([{...}, ...]); ` +
        "found '\\u001b'. If the file holds one customer object per line, pass --format ndjson.",
    );
  });

  it('escapes a JSON key that holds an escape sequence, in the syntax error', async () => {
    const file = await fixture('key.json', '[{"\\u001b[31m" 1}]');
    const error = await failure(readFile(file));
    expect(error.message).toBe(
      `${file}:1:16: invalid JSON: expected ':' after the key "\\u001b[31m", found '1'. ` +
        'Correct the file at this place and run again.',
    );
  });

  it('escapes an unknown JSON key in the path of its problem', async () => {
    const lines = await problemLines('key.ndjson', '{"\\u009b31mred": "x"}\n');
    expect(lines).toEqual([
      expect.stringContaining('.ndjson:1 \\u009b31mred: \\u009b31mred is not a field'),
    ]);
    expect(hasRawControl(lines.join('\n'))).toBe(false);
  });

  it('cuts an enormous unknown JSON key to 80 characters in its path', async () => {
    const lines = await problemLines('long.ndjson', `{"${'k'.repeat(50_000)}": "x"}\n`);
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`:1 ${'k'.repeat(80)}…: ${'k'.repeat(80)}… is not a field`, 'u'),
      ),
    ]);
  });

  it('escapes a C1 control written raw inside an object given for a string', async () => {
    const lines = await problemLines('c1.ndjson', '{"name": {"a": "\u009b31m"}}\n');
    expect(lines[0]).toContain('name is an object ({"a": "\\u009b31m"}), not a string');
    expect(hasRawControl(lines.join('\n'))).toBe(false);
  });

  it('escapes a line break inside a quoted CSV header in the column of each problem', async () => {
    const text = 'customer_id,"owner\nemail"\nc1,a@b.co\n';
    const rows = await readFile(await fixture('header.csv', text));
    expect(rows[0]?.values.owner_email?.column).toBe('owner\\nemail (column 2)');
  });

  it('escapes headers listed by a missing-key error', async () => {
    const file = await fixture('nokey.csv', 'name\u001b]0;x\u0007,\u202eemail\nx,y\n');
    const error = await failure(readFile(file, { keyColumnOptional: false }));
    expect(error.message).toContain(
      '(headers found: "name\\u001b]0;x\\u0007", "\\u202eemail")',
    );
  });

  it('escapes both headers named by a duplicate-column error', async () => {
    const file = await fixture('dup.csv', 'customer_id,"customer\u2028id"\nc1,c2\n');
    const error = await failure(readFile(file));
    expect(error.message).toBe(
      `${file}:1: column A "customer_id" and column B "customer\\u2028id" both map to ` +
        `customer_id. Remove or rename one of them, or say which to use with --map ('{ "customer_id": "<header>" }').`,
    );
  });
});
