import { describeValue } from '../util/describe-value.js';
import { usageError } from './errors.js';

/** Plain decimal notation only: hex, exponents and padding are typos, not numbers. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export interface NumberRange {
  min: number;
  max?: number;
  integer?: boolean;
}

/**
 * Checks a numeric flag and returns it; the error names the flag, the allowed
 * range and the value received, so the user can fix the command line at once.
 */
export function checkNumber(flag: string, raw: unknown, range: NumberRange): number {
  if (Array.isArray(raw)) {
    throw usageError(`--${flag} was given ${raw.length} times; give it once`);
  }
  const value = typeof raw === 'string' && DECIMAL.test(raw) ? Number(raw) : raw;
  const problem = rangeProblem(value, range);
  if (problem !== undefined) {
    throw usageError(`--${flag} ${problem}; got ${describeValue(raw)}`);
  }
  return value as number;
}

/**
 * `must be a whole number from 1 to 256` when `value` is not a number in
 * `range`, else undefined; flags and config file fields share the wording.
 */
export function rangeProblem(value: unknown, range: NumberRange): string | undefined {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= range.min &&
    (range.max === undefined || value <= range.max) &&
    (range.integer !== true || Number.isInteger(value));
  if (ok) return undefined;
  const kind = range.integer === true ? 'a whole number' : 'a number';
  const span =
    range.max === undefined
      ? `of ${range.min} or more`
      : `from ${range.min} to ${range.max}`;
  return `must be ${kind} ${span}`;
}
