/** Small helpers for the lines the commands print. */

/** `1 customer`, `2,410 customers`. */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
