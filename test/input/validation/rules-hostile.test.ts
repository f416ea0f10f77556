/**
 * Values a hostile export can hold that no reader refuses and the Partner API
 * must never receive: C1 controls (0x9B starts a terminal escape sequence) and
 * lone surrogates, which JSON can write as `\ud800`. Found by the hostile-input
 * torture part (bench/torture/hostile.ts).
 */
import { describe, expect, it } from 'vitest';
import type { CanonicalField } from '../../../src/input/fields.js';
import { checkValue } from '../../../src/input/rules.js';
import { columnOf } from './rows.js';

function check(field: CanonicalField, value: string) {
  return checkValue({
    file: 'export.json',
    field,
    value: { value, line: 4, column: columnOf(field) },
  });
}

describe('values with hidden or broken characters', () => {
  it.each([
    ['U+009B', '\u009b', 4],
    ['U+007F', '\u007f', 4],
    ['U+0085', '\u0085', 4],
  ])('rejects %s, a DEL or C1 control, in a name', (name, char, position) => {
    expect(check('org_name', `Bay${char}31m`)).toEqual({
      code: 'control-characters',
      file: 'export.json',
      line: 4,
      column: columnOf('org_name'),
      value: `Bay${char}31m`,
      reason: `org_name holds the control character ${name} at character ${position}`,
      hint: 'Remove the control character (often a stray line break or a NUL from the export tool).',
    });
  });

  it.each([
    ['a lone high surrogate', 'Caf\ud800', 'U+D800', 4],
    ['a lone low surrogate', '\udc00Cafe', 'U+DC00', 1],
    ['a high surrogate followed by another', '\ud83d\ud83d\ude00', 'U+D83D', 1],
  ])('rejects %s', (_, value, name, position) => {
    expect(check('location_name', value)).toEqual({
      code: 'lone-surrogate',
      file: 'export.json',
      line: 4,
      column: columnOf('location_name'),
      value,
      reason: `location_name holds ${name} at character ${position}, half of a surrogate pair whose other half is missing`,
      hint: 'Correct the \\u escape in the file: \\ud800-\\udbff must be followed by \\udc00-\\udfff, as in "\\ud83d\\ude00".',
    });
  });

  it.each([
    ['an emoji (a whole surrogate pair)', 'Caf\ud83d\ude00'],
    ['Windows-1252 letters decoded', 'Café “Olé” €'],
  ])('accepts %s', (_, value) => {
    expect(check('org_name', value)).toBeUndefined();
  });
});

// Found by the fresh-user review of the torture campaign: these reached the API.
describe('identifiers with characters a person cannot see', () => {
  it.each([
    ['owner_external_id', 'a tab', 'o\t1', 'U+0009', 2],
    ['owner_external_id', 'a zero-width space', 'o\u200b1', 'U+200B', 2],
    ['user_external_id', 'a no-break space', 'u\u00a07', 'U+00A0', 2],
    ['customer_id', 'a byte-order mark', '\ufeffC-1', 'U+FEFF', 1],
    ['customer_id', 'a right-to-left override', 'C-\u202e1', 'U+202E', 3],
  ] as const)('rejects %s holding %s', (field, _, value, name, position) => {
    expect(check(field, value)).toEqual({
      code: 'invisible-character',
      file: 'export.json',
      line: 4,
      column: columnOf(field),
      value,
      reason:
        `${field} holds the invisible character ${name} at character ${position}; ` +
        'ids are compared exactly, so it would read as another id',
      hint: 'Remove the character (often pasted from a web page or a word processor).',
    });
  });

  it('accepts an ordinary space in an id, and a no-break space in a name', () => {
    expect(check('customer_id', 'C 1')).toBeUndefined();
    expect(check('org_name', 'Caf\u00e9\u00a0Ol\u00e9')).toBeUndefined();
  });
});
