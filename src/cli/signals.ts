/**
 * Signals while a command has changed nothing yet (validate, plan, and apply
 * before its first write): there is nothing to flush, so the first SIGINT or
 * SIGTERM ends the process at once with the "interrupted" code and says that
 * nothing was changed. Returns a function that removes the handlers.
 */
import { EXIT } from './exit-codes.js';

/** The signals that stop a command; SIGHUP too: a closed terminal or ssh session. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function exitOnSignal(command: string, why = 'it only reads'): () => void {
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(
      `aa-sync: ${command} interrupted by ${signal}; ${why}, so nothing was changed\n`,
    );
    process.exit(EXIT.interrupted);
  };
  for (const signal of STOP_SIGNALS) process.once(signal, stop);
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, stop);
  };
}
