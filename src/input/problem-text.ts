import type { RowProblem } from './records.js';

/** How many characters of a value a message shows, quotes and escapes excluded. */
export const MAX_SHOWN_VALUE_LENGTH = 80;
const ELLIPSIS = '…';

/**
 * Characters JSON.stringify leaves as they are but a terminal would act on or hide:
 * DEL, the C1 controls (0x9B starts an escape sequence on some terminals), the line
 * and paragraph separators, and the bidirectional overrides that can make a value
 * read differently from what it holds.
 */
function isHiddenCharacter(codePoint: number): boolean {
  return (
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

function escapeCodePoint(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  if (isHiddenCharacter(codePoint)) {
    return `\\u${codePoint.toString(16).padStart(4, '0')}`;
  }
  // Drops JSON's surrounding quotes; escapes quotes, backslashes and C0 controls.
  return JSON.stringify(character).slice(1, -1);
}

/**
 * Text from the export (a header, a JSON key, a stray character) as a message
 * may show it without quotes: every character a terminal would act on or hide
 * is escaped as in `quoteValue`, everything else, quotes included, is kept,
 * and the text is cut as `quoteValue` cuts it.
 */
export function visibleText(text: string): string {
  return cutShown(text, (character) => {
    const codePoint = character.codePointAt(0) ?? 0;
    // A lone surrogate (JSON can write one as \ud800) is no character at all.
    const hidden =
      codePoint < 0x20 ||
      isHiddenCharacter(codePoint) ||
      (codePoint >= 0xd800 && codePoint <= 0xdfff);
    return hidden ? escapeCodePoint(character) : character;
  });
}

/**
 * Renders a value read from the export for a message: in double quotes, escaped as
 * in JSON so that control characters and quotes are visible, and cut after
 * MAX_SHOWN_VALUE_LENGTH characters of the escaped text with an ellipsis. The cut
 * never splits an escape sequence or a surrogate pair.
 */
export function quoteValue(value: string): string {
  return `"${cutShown(value, escapeCodePoint)}"`;
}

/** `text` with each character as `show` renders it, cut with an ellipsis past the limit. */
function cutShown(text: string, show: (character: string) => string): string {
  let shown = '';
  for (const character of text) {
    const rendered = show(character);
    if (shown.length + rendered.length > MAX_SHOWN_VALUE_LENGTH)
      return `${shown}${ELLIPSIS}`;
    shown += rendered;
  }
  return shown;
}

/**
 * Formats a problem as one terminal line:
 * `<file>:<line> <column>: <reason> (value "<value>"). <hint>`; the column, the
 * value and the hint are left out when the problem has none.
 */
export function formatProblem(problem: RowProblem): string {
  const place = `${problem.file}:${problem.line}`;
  const where = problem.column === undefined ? place : `${place} ${problem.column}`;
  const reason = problem.reason.replace(/\.$/u, '');
  const value =
    problem.value === undefined ? '' : ` (value ${quoteValue(problem.value)})`;
  const hint = problem.hint === undefined ? '' : ` ${problem.hint}`;
  return `${where}: ${reason}${value}.${hint}`;
}
