/**
 * Where a JSON text stops being JSON. Node 20's JSON.parse names no position
 * for some errors, and its message quotes the text around the error, which
 * could be a key pasted into the file: so the place is found by parsing
 * prefixes, and only the one offending character is shown.
 */
import type { ConfigProblem } from './config-problem.js';
import type { Position } from './settings-types.js';

/** The syntax error of `text`, or undefined when it is valid JSON. */
export function jsonSyntaxProblem(text: string): ConfigProblem | undefined {
  if (parses(text)) return undefined;
  const offset = errorOffset(text);
  const found = text[offset];
  return {
    position: positionAt(text, offset),
    text:
      found === undefined
        ? 'not valid JSON: the file ends before the JSON does (a missing }, ] or ")'
        : `not valid JSON: unexpected ${JSON.stringify(found)}`,
  };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A prefix that could still grow into JSON fails only at its very end ("Unexpected
 * end", or an unterminated string or number); such prefixes are closed under
 * shortening, so the first character that makes every longer prefix wrong is
 * found by bisection.
 */
function errorOffset(text: string): number {
  let viable = 0; // text.slice(0, viable) could still become JSON
  let broken = text.length + 1; // text.slice(0, broken) never can
  while (broken - viable > 1) {
    const middle = Math.floor((viable + broken) / 2);
    if (couldContinue(text.slice(0, middle))) viable = middle;
    else broken = middle;
  }
  return broken - 1;
}

function couldContinue(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message)?.[1];
    return /Unexpected end of JSON input/.test(message) || Number(at) === prefix.length;
  }
}

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
