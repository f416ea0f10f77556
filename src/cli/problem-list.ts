/**
 * The list of input problems that validate, plan and apply print, cut short by
 * `--max-problems`: an export with hundreds of known bad rows must not bury a
 * nightly log or a terminal. What is cut is counted, never dropped silently,
 * and the reports still hold every rejected record.
 */
import type { RowProblem } from '../input/records.js';
import { formatProblem } from '../input/problem-text.js';
import { checkNumber } from './option-checks.js';

/** The most problems a command prints, from `--max-problems` (default: all). */
export function maxProblemsOf(raw: string | undefined): number {
  if (raw === undefined) return Number.POSITIVE_INFINITY;
  return checkNumber('max-problems', raw, { min: 0, integer: true });
}

/**
 * The problem lines to print, at most `limit` of them, then one line that
 * counts the rest and says where to find them (`whereAll`).
 */
export function problemLines(
  problems: readonly RowProblem[],
  limit: number,
  whereAll: string,
): string[] {
  const lines = problems.slice(0, limit).map(formatProblem);
  const hidden = problems.length - lines.length;
  if (hidden > 0) {
    const more =
      hidden === 1 ? '1 more problem' : `${hidden.toLocaleString('en-US')} more problems`;
    lines.push(`… ${more} not shown (--max-problems ${limit}); ${whereAll}.`);
  }
  return lines;
}
