/** `1 customer`, `2,410 customers`: a count with its noun, for messages. */
export function countOf(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
