import { describe, expect, it } from 'vitest';
import { formatProblem, quoteValue } from '../../../src/input/problem-text.js';

describe('formatProblem', () => {
  it('gives file, line, column, reason, the quoted value and the hint', () => {
    const line = formatProblem({
      code: 'area-code',
      file: 'export.csv',
      line: 12,
      column: 'area code (column 9)',
      value: '911',
      reason: 'location_area_code is not a usable area code: it is an N11 service code',
      hint: 'Give the 3-digit area code, such as 617.',
    });

    expect(line).toBe(
      'export.csv:12 area code (column 9): location_area_code is not a usable area code: ' +
        'it is an N11 service code (value "911"). Give the 3-digit area code, such as 617.',
    );
  });

  it('leaves out what the problem does not have and never doubles the full stop', () => {
    const line = formatProblem({
      code: 'no-key',
      file: 'customers.json',
      line: 3,
      reason: 'the record names no customer.',
    });

    expect(line).toBe('customers.json:3: the record names no customer.');
  });

  it('shows control characters, quotes and backslashes escaped', () => {
    const line = formatProblem({
      code: 'control-characters',
      file: 'a.csv',
      line: 2,
      column: 'org_name (column 2)',
      value: 'Bay\u0000side "Dental"\\\n',
      reason: 'org_name holds the control character U+0000 at character 4',
    });

    expect(line).toBe(
      'a.csv:2 org_name (column 2): org_name holds the control character U+0000 at ' +
        'character 4 (value "Bay\\u0000side \\"Dental\\"\\\\\\n").',
    );
  });
});

describe('quoteValue', () => {
  it('shows a value of 80 characters whole', () => {
    expect(quoteValue('x'.repeat(80))).toBe(`"${'x'.repeat(80)}"`);
  });

  it('cuts a longer value to 80 characters with an ellipsis', () => {
    expect(quoteValue('y'.repeat(81))).toBe(`"${'y'.repeat(80)}…"`);
  });

  it('never cuts inside an escape sequence or a surrogate pair', () => {
    expect(quoteValue(`${'x'.repeat(76)}\u0001`)).toBe(`"${'x'.repeat(76)}…"`);
    expect(quoteValue(`${'x'.repeat(79)}😀`)).toBe(`"${'x'.repeat(79)}…"`);
  });

  it('escapes DEL, C1 controls, line separators and bidirectional overrides', () => {
    expect(quoteValue('a\u007fb\u009bc\u2028d\u202ee\u2066')).toBe(
      '"a\\u007fb\\u009bc\\u2028d\\u202ee\\u2066"',
    );
  });

  it('keeps other non-ASCII text readable', () => {
    expect(quoteValue('Café Zürich 東京')).toBe('"Café Zürich 東京"');
  });
});
