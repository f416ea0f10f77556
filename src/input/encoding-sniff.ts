/** Telling a file's encoding from its first bytes. */

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** Which decoder a byte order mark asks for, and how many bytes it takes. */
export function sniffBom(
  head: Uint8Array,
): { label: string; length: number } | undefined {
  if (UTF8_BOM.every((byte, index) => head[index] === byte)) {
    return { label: 'utf-8', length: UTF8_BOM.length };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { label: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { label: 'utf-16be', length: 2 };
  return undefined;
}

/** Bytes looked at to tell UTF-16 without a byte order mark. */
const UTF16_SNIFF_BYTES = 1024;

/**
 * `utf-16le` or `utf-16be` when the start of the file is text with a zero in
 * every other byte, as ASCII is in UTF-16; undefined otherwise.
 */
export function utf16Guess(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(Math.min(head.length, UTF16_SNIFF_BYTES) / 2);
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let pair = 0; pair < pairs; pair += 1) {
    if (head[2 * pair] === 0) evenZeros += 1;
    if (head[2 * pair + 1] === 0) oddZeros += 1;
  }
  // Mostly zeros on one side and almost none on the other: not a binary file.
  const mostly = pairs * 0.9;
  const hardly = pairs * 0.1;
  if (oddZeros >= mostly && evenZeros <= hardly) return 'utf-16le';
  if (evenZeros >= mostly && oddZeros <= hardly) return 'utf-16be';
  return undefined;
}
