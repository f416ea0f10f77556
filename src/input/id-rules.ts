/**
 * Rules of the identifier fields (customer_id and the external ids): what
 * would make an id read as another, or address another resource in a URL
 * path. Exports: `checkInvisible`, `checkExternalId`.
 */
import { quoteValue } from './problem-text.js';
import type { ValueRule } from './value-rule.js';
import { codePointName, problemAt } from './value-rule.js';

/**
 * A tab, an invisible format character (zero-width space, byte-order mark,
 * bidirectional override) or a space other than U+0020 (no-break, thin...).
 */
const INVISIBLE_IN_ID = /[\t\p{Cf}\p{Zs}]/u;
const ORDINARY_SPACE = ' ';

/**
 * Rejects identifiers holding a character a person cannot see or tell from
 * a space: ids are compared exactly, so `o\u200b1` would be a second customer
 * or owner that reads as `o1`, and external ids go into URL paths.
 */
export const checkInvisible: ValueRule = (at) => {
  const id = at.value.value;
  let index = 0;
  for (const char of id) {
    if (char !== ORDINARY_SPACE && INVISIBLE_IN_ID.test(char)) {
      const name = codePointName(char.codePointAt(0) ?? 0);
      return problemAt(
        at,
        'invisible-character',
        `${at.field} holds the invisible character ${name} at character ${index + 1}; ` +
          'ids are compared exactly, so it would read as another id',
        'Remove the character (often pasted from a web page or a word processor).',
      );
    }
    index += 1;
  }
  return undefined;
};

/** Rejects external ids that would change the URL path `/users/{external_id}`. */
export const checkExternalId: ValueRule = (at) => {
  const id = at.value.value;
  let why: string | undefined;
  if (id.includes('/')) why = 'holds a slash';
  else if (id === '.' || id === '..') why = `is only ${quoteValue(id)}`;
  if (why === undefined) return undefined;
  return problemAt(
    at,
    'external-id',
    `${at.field} ${why}; external ids go into the Partner API's URL paths, where it would address another resource`,
    'Use an external id without a slash that is not "." or "..".',
  );
};
