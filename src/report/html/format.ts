/** How figures, times and sizes read on the page (English, UTC, fixed locale). */

const COUNT_FORMAT = new Intl.NumberFormat('en-US');
const RATE_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const MS_PER_SECOND = 1000;
const SECONDS_PER_MINUTE = 60;
const SECONDS_PER_HOUR = 3600;
const BYTES_PER_KIB = 1024;
/** Hex digits of a SHA-256 shown in the header; enough to tell two files apart. */
export const SHORT_HASH_LENGTH = 12;

/** `12,345`. */
export function formatCount(value: number): string {
  return COUNT_FORMAT.format(value);
}

/** `12.5`: requests per second. */
export function formatRate(value: number): string {
  return RATE_FORMAT.format(value);
}

/** `850 ms`, `12.3 s`, `4 min 05 s`, `2 h 03 min 09 s`. */
export function formatDuration(ms: number): string {
  if (ms < MS_PER_SECOND) return `${Math.round(ms)} ms`;
  const seconds = ms / MS_PER_SECOND;
  if (seconds < SECONDS_PER_MINUTE) return `${RATE_FORMAT.format(seconds)} s`;
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / SECONDS_PER_HOUR);
  const minutes = Math.floor((whole % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE);
  const rest = String(whole % SECONDS_PER_MINUTE).padStart(2, '0');
  if (hours === 0) return `${minutes} min ${rest} s`;
  return `${hours} h ${String(minutes).padStart(2, '0')} min ${rest} s`;
}

/** `2025-03-02 09:15:00 UTC`; a value that is not a date is shown as written. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `512 bytes`, `123,456 bytes (120.6 KiB)`, `12,345,678 bytes (11.8 MiB)`. */
export function formatBytes(bytes: number): string {
  const exact = `${formatCount(bytes)} bytes`;
  if (bytes < BYTES_PER_KIB) return exact;
  const kib = bytes / BYTES_PER_KIB;
  if (kib < BYTES_PER_KIB) return `${exact} (${RATE_FORMAT.format(kib)} KiB)`;
  return `${exact} (${RATE_FORMAT.format(kib / BYTES_PER_KIB)} MiB)`;
}

/** `file:line`, the file alone, or null when the row has no source. */
export function formatSource(file: string | null, line: number | null): string | null {
  if (file === null) return null;
  return line === null ? file : `${file}:${line}`;
}

/** An epoch-ms instant as `formatTime` writes it; `unknown` when it is not a time. */
export function formatEpoch(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? 'unknown' : formatTime(date.toISOString());
}
