/**
 * Signals during a command that only reads (validate, plan): there is nothing
 * to flush, so the first SIGINT or SIGTERM ends the process at once with the
 * "interrupted" code and says that nothing was changed.
 */
import { EXIT } from './exit-codes.js';

export function exitOnSignal(command: string): void {
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(
      `aa-sync: ${command} interrupted by ${signal}; it only reads, so nothing was changed\n`,
    );
    process.exit(EXIT.interrupted);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
