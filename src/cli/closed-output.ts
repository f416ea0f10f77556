/**
 * Output piped to a reader that stops early (`aa-sync apply ... | head -1`):
 * the next write to the closed pipe fails with EPIPE, which Node raises as an
 * uncaught error and which would end a run halfway, with its reports unwritten
 * and its lock held. What the reader did not want is dropped instead; the run,
 * its checkpoint, reports and log file go on as usual.
 */

/** Drops writes to standard output and error once their reader has gone. */
export function ignoreClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') return;
      throw error;
    });
  }
}
