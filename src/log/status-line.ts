/**
 * Log lines and a live status line (the progress bar) share standard error. A
 * line logged while the bar is drawn would be glued to the end of the bar, so
 * while a status line is active each log line first clears it; the bar
 * redraws itself on its next tick.
 */
import { Writable } from 'node:stream';

/** Carriage return, then erase the whole line (ECMA-48 EL 2). */
const CLEAR_LINE = '\r\u001b[2K';

let activeOn: NodeJS.WritableStream | null = null;

/** Marks `stream` as showing a status line (or none, with null). */
export function setStatusLine(stream: NodeJS.WritableStream | null): void {
  activeOn = stream;
}

/** A stream for log lines to `target` that steps around an active status line. */
export function besideStatusLine(target: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      if (activeOn === target) target.write(CLEAR_LINE);
      target.write(chunk, done);
    },
  });
}
