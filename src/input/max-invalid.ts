/**
 * `--max-invalid`: how many rejected customers a run tolerates before it stops,
 * as a count (`5`) or as a percentage of the customers (`2.5%`).
 */
import { ExitError, usageError } from '../cli/errors.js';
import { EXIT } from '../cli/exit-codes.js';
import { describeValue } from '../util/describe-value.js';
import type { AssemblyCounts } from './assemble.js';

export const MAX_INVALID_OPTION = '--max-invalid';
const MAX_PERCENT = 100;

/** A parsed `--max-invalid`: a count of rejected customers, or a share of all. */
export type MaxInvalid =
  | { kind: 'count'; count: number }
  | {
      kind: 'percent';
      percent: number;
      /** The number as written (`2.5`), for an exact comparison. */
      written: string;
    };

const COUNT_FORM = /^[0-9]+$/u;
const PERCENT_FORM = /^([0-9]+(?:\.[0-9]+)?)%$/u;

function badValue(text: string): ExitError {
  return usageError(
    `${MAX_INVALID_OPTION} takes a whole number of rejected customers (for example 5) ` +
      `or a percentage of the customers from 0% to ${MAX_PERCENT}% (for example 10% ` +
      `or 2.5%); got ${describeValue(text)}.`,
  );
}

/** Parses the option's value; a usage error names the accepted forms and the value. */
export function parseMaxInvalid(text: string): MaxInvalid {
  if (COUNT_FORM.test(text)) {
    const count = Number(text);
    if (!Number.isSafeInteger(count)) throw badValue(text);
    return { kind: 'count', count };
  }
  const written = PERCENT_FORM.exec(text)?.[1];
  if (written === undefined) throw badValue(text);
  const percent = Number(written);
  if (percent > MAX_PERCENT) throw badValue(text);
  return { kind: 'percent', percent, written };
}

/**
 * Whether `rejected` of `customers` is more than `written` percent, computed
 * on integers: `2.5` is 25/10, and floating point cannot round a case that is
 * exactly at the limit to either side.
 */
function exceedsPercent(rejected: number, customers: number, written: string): boolean {
  const [whole = '0', fraction = ''] = written.split('.');
  const scale = 10n ** BigInt(fraction.length);
  const limit = BigInt(whole + fraction);
  return BigInt(rejected) * 100n * scale > limit * BigInt(customers);
}

function exceeds(limit: MaxInvalid, rejected: number, customers: number): boolean {
  if (limit.kind === 'count') return rejected > limit.count;
  return exceedsPercent(rejected, customers, limit.written);
}

function describeLimit(limit: MaxInvalid): string {
  return limit.kind === 'count' ? String(limit.count) : `${limit.written}%`;
}

/** A share as a person reads it: at most two decimals, none when whole. */
function formatPercent(part: number, whole: number): string {
  const percent = whole === 0 ? 0 : (part * 100) / whole;
  return `${Number(percent.toFixed(2))}%`;
}

/** The smallest limit, at two decimals, that lets the run go on. */
function neededLimit(limit: MaxInvalid, rejected: number, customers: number): string {
  if (limit.kind === 'count') return String(rejected);
  const hundredths = customers === 0 ? 0 : Math.ceil((rejected * 10_000) / customers);
  return `${hundredths / 100}%`;
}

/**
 * Checks the rejected customers of an assembly against the limit: undefined when
 * the run may go on, else the error to stop it with (EXIT.invalidInput).
 */
export function checkMaxInvalid(
  limit: MaxInvalid,
  counts: Pick<AssemblyCounts, 'customers' | 'rejected'>,
): ExitError | undefined {
  const { customers, rejected } = counts;
  if (!exceeds(limit, rejected, customers)) return undefined;
  const share = formatPercent(rejected, customers);
  const needed = neededLimit(limit, rejected, customers);
  return new ExitError(
    EXIT.invalidInput,
    `${rejected} of ${customers} customers were rejected (${share}), more than ` +
      `${MAX_INVALID_OPTION} ${describeLimit(limit)} allows. Fix the rows listed above ` +
      `and run again, or raise ${MAX_INVALID_OPTION} (to ${needed} or more) to go on ` +
      'without the rejected customers.',
  );
}
