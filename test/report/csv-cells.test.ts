import { describe, expect, it } from 'vitest';
import {
  neutraliseCell,
  renderCsv,
  restoreCell,
  restoreCells,
} from '../../src/report/csv-cells.js';

/** Cells a spreadsheet would run, and what they are written as. */
const DANGEROUS: [string, string][] = [
  [
    '=HYPERLINK("http://evil.example","click")',
    `'=HYPERLINK("http://evil.example","click")`,
  ],
  ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
  ['+cmd|/C calc', `'+cmd|/C calc`],
  ['-2+3', `'-2+3`],
  ['\t=1', `'\t=1`],
  ['\r=1', `'\r=1`],
  ['=1\n=2', `'=1\n=2`],
  ["'=x", `''=x`],
  ["''@x", `'''@x`],
  ['-', `'-`],
  ['+1 617 555 0100', `'+1 617 555 0100`],
];

/** Cells written as they are. */
const PLAIN = [
  '+16175550100',
  '-12.50',
  '+.5',
  '12',
  "'+16175550100",
  "'plain",
  'Nuñez & Sons',
  'say "hi"',
  'two\nlines',
  ' =not first',
  'a=b',
  '',
];

describe('formula neutralisation', () => {
  it.each(DANGEROUS)('writes %j with one more apostrophe', (cell, written) => {
    expect(neutraliseCell(cell)).toBe(written);
  });

  it.each(PLAIN)('writes %j as it is', (cell) => {
    expect(neutraliseCell(cell)).toBe(cell);
  });

  it.each([...DANGEROUS.map(([cell]) => cell), ...PLAIN])(
    'reads %j back exactly after writing it',
    (cell) => {
      expect(restoreCell(neutraliseCell(cell))).toBe(cell);
    },
  );

  it("reads a partner's own '=x as =x, the value a spreadsheet shows", () => {
    expect(restoreCell("'=x")).toBe('=x');
  });

  it('restores every cell of a row in place', () => {
    const cells = ["'=1", "'+16175550100", 'x', "''@y"];

    restoreCells(cells);

    expect(cells).toEqual(['=1', "'+16175550100", 'x', "'@y"]);
  });
});

describe('renderCsv', () => {
  it('writes a BOM, CRLF line ends, quotes only where needed and no formula', () => {
    const text = renderCsv(
      ['name', 'phone', 'note'],
      [
        ['=1+1', '+16175550100', null],
        ['Nuñez, "A"', '-12.50', 'two\nlines'],
        [' padded', 7, undefined],
      ],
    );

    expect(text).toBe(
      '\uFEFFname,phone,note\r\n' +
        `"'=1+1",+16175550100,\r\n` +
        '"Nuñez, ""A""",-12.50,"two\nlines"\r\n' +
        '" padded",7,\r\n',
    );
    expect([...Buffer.from(text, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes the header alone when there is no row', () => {
    expect(renderCsv(['a', 'b'], [])).toBe('\uFEFFa,b\r\n');
  });
});
