/**
 * What a value rule is given and how it reports: the shared shape of the
 * rules in `rules.ts` and `id-rules.ts`. Exports: `ValueAt`, `ValueRule`,
 * `problemAt`, `codePointName`.
 */
import type { FieldValue, RowProblem } from './records.js';
import type { CanonicalField } from './fields.js';

/** One value to check, with the file it was read from. */
export interface ValueAt {
  file: string;
  field: CanonicalField;
  value: FieldValue;
}

export type ValueRule = (at: ValueAt) => RowProblem | undefined;

export function problemAt(
  at: ValueAt,
  code: string,
  reason: string,
  hint: string,
): RowProblem {
  const { line, column, value } = at.value;
  return { code, file: at.file, line, column, value, reason, hint };
}

/** A character's Unicode name as people write it: U+200B. */
export const codePointName = (codePoint: number): string =>
  `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
