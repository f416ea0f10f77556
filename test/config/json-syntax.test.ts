import { describe, expect, it } from 'vitest';
import { jsonSyntaxProblem } from '../../src/config/json-syntax.js';

describe('where a JSON text stops being JSON', () => {
  it('finds nothing wrong with valid JSON', () => {
    expect(jsonSyntaxProblem('{"a": [1, 2.5, "x\\u0041"]}\n')).toBeUndefined();
  });

  it.each([
    ['{"a": 1,}', 1, 9, '"}"'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, '"\\""'],
    ['{"a": tru }', 1, 10, '" "'],
    ['{"a": "x\ny"}', 1, 9, '"\\n"'],
    ['{"a": 01}', 1, 8, '"1"'],
  ])('places the error in %j at line %i, column %i', (text, line, column, shown) => {
    expect(jsonSyntaxProblem(text)).toEqual({
      position: { line, column },
      text: `not valid JSON: unexpected ${shown}`,
    });
  });

  it('places an unterminated string at the end of the file', () => {
    expect(jsonSyntaxProblem('{"a": "abc')).toEqual({
      position: { line: 1, column: 11 },
      text: 'not valid JSON: the file ends before the JSON does (a missing }, ] or ")',
    });
  });
});
