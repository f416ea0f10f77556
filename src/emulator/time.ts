/**
 * Timestamps as the API writes them (U22): UTC, second precision, `Z` suffix.
 * Exports: `toTimestamp`, `laterTimestamp`.
 */
import { UNKNOWNS } from './unknowns.js';

/** Formats a clock reading in ms as `YYYY-MM-DDTHH:MM:SSZ`. */
export function toTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, UNKNOWNS.U22.timestampLength)}Z`;
}

/** The later of two timestamps; the fixed-width format orders like text. */
export function laterTimestamp(a: string, b: string): string {
  return a >= b ? a : b;
}
