/**
 * A CSV file whose line endings are guessed as CR but also hold CRLF (an
 * export converted twice writes CR CR LF): each CRLF is one line ending, so
 * problems name the lines an editor shows. Found by the hostile-input torture
 * part (bench/torture/hostile.ts).
 */
import { describe, expect, it } from 'vitest';
import { fixture, readFile } from './support.js';

describe('CSV with CR and CRLF line endings', () => {
  it('counts CR CR LF as two line endings and keeps the LF out of the first value', async () => {
    const text = 'customer_id,owner_email\r\r\nc1,a@b.co\r\r\nc2,c@d.co\r\r\n';
    const rows = await readFile(await fixture('crcrlf.csv', text));
    expect(
      rows.map((row) => ({
        line: row.source.line,
        endLine: row.source.endLine,
        cells: row.source.raw.kind === 'csv' ? row.source.raw.cells : [],
        emailLine: row.values.owner_email?.line,
      })),
    ).toEqual([
      { line: 3, endLine: 3, cells: ['c1', 'a@b.co'], emailLine: 3 },
      { line: 5, endLine: 5, cells: ['c2', 'c@d.co'], emailLine: 5 },
    ]);
  });
});
