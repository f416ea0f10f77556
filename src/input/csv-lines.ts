/** Physical line counting for CSV records whose quoted cells hold line breaks. */

/**
 * For each cell the number of line breaks before it in the record, and at index
 * `cells.length` the record's total. CRLF counts as one break.
 */
export function lineOffsets(cells: string[]): number[] | undefined {
  let breaks = 0;
  let offsets: number[] | undefined;
  cells.forEach((cell, index) => {
    if (offsets !== undefined) offsets[index] = breaks;
    if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) return;
    offsets ??= cells.slice(0, index + 1).map(() => breaks);
    breaks += countLineBreaks(cell);
  });
  if (offsets !== undefined) offsets[cells.length] = breaks;
  return offsets;
}

/** Line breaks in `text`: LF, CR and CRLF each count once. */
export function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1))
    count += 1;
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== 10) count += 1;
  }
  return count;
}
