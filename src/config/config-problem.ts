/**
 * Problems found in a config file and the usage error (exit 64) that lists
 * them: each line names the file, the line and column, the field's path, the
 * value and what is allowed.
 */
import { KEY_SHAPED, isKeyShaped } from '../util/describe-value.js';
import type { ExitError } from '../cli/errors.js';
import { usageError } from '../cli/errors.js';
import type { ConfigSource, Position } from './settings-types.js';

export interface ConfigProblem {
  /** Where in the file; undefined when the file has no such place (a missing field). */
  position: Position | undefined;
  /** Starts with the field's path when there is one: `profiles.production.rate must be ...`. */
  text: string;
}

/** The error listing every problem of `source`, one per line. */
export function configError(
  source: ConfigSource,
  problems: readonly ConfigProblem[],
): ExitError {
  const lines = [...problems]
    .sort(byPlace)
    .map((problem) => `${placeOf(source, problem.position)}: ${problem.text}`);
  if (lines.length === 1) return usageError(lines[0] ?? '');
  return usageError(
    [`the config file ${source.shown} has ${lines.length} problems:`, ...lines].join(
      '\n  ',
    ),
  );
}

/** In the order of the file; problems with no place (a missing field) last. */
function byPlace(a: ConfigProblem, b: ConfigProblem): number {
  const rank = (problem: ConfigProblem): [number, number] =>
    problem.position === undefined
      ? [Infinity, 0]
      : [problem.position.line, problem.position.column];
  const [lineA, columnA] = rank(a);
  const [lineB, columnB] = rank(b);
  return lineA === lineB ? columnA - columnB : lineA - lineB;
}

/** `file:line:column`, or the file alone. */
export function placeOf(source: ConfigSource, position: Position | undefined): string {
  return position === undefined
    ? source.shown
    : `${source.shown}:${position.line}:${position.column}`;
}

/** `file:line`, for the source of a setting: `aa-sync.config.yaml:4`. */
export function lineOf(source: ConfigSource, position: Position | undefined): string {
  return position === undefined ? source.shown : `${source.shown}:${position.line}`;
}

/** `profiles.production.rate`; a name that is not a plain word is quoted. */
export function pathText(path: readonly string[]): string {
  return path
    .map((part, index) => {
      if (isKeyShaped(part)) return `[${KEY_SHAPED}]`;
      if (/^[A-Za-z_][\w-]*$/.test(part)) return index === 0 ? part : `.${part}`;
      return `[${JSON.stringify(part)}]`;
    })
    .join('');
}
