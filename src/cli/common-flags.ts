/**
 * Flags shared by the commands that read inputs and state: logging and the
 * state directory.
 */
import type { Argv } from 'yargs';
import type { LogFormat, LogLevel, Logger } from '../log/logger.js';
import { LOG_FORMATS, LOG_LEVELS, createLogger } from '../log/logger.js';
import { addRunLog } from '../log/run-log.js';

/** Where aa-sync keeps its checkpoint unless `--state-dir` says otherwise. */
export const DEFAULT_STATE_DIR = '.aa-sync';

export interface LogFlags {
  logLevel: LogLevel;
  logFormat?: LogFormat;
}

export interface StateFlags {
  stateDir: string;
}

export function withLogFlags<T>(argv: Argv<T>): Argv<T & LogFlags> {
  return argv
    .option('log-level', {
      choices: LOG_LEVELS,
      default: 'info',
      describe: 'Least important log lines to show (on standard error)',
    })
    .option('log-format', {
      choices: LOG_FORMATS,
      describe: 'text for people, json lines for machines (default: text on a terminal)',
    }) as unknown as Argv<T & LogFlags>;
}

export function withStateFlags<T>(argv: Argv<T>): Argv<T & StateFlags> {
  return argv.option('state-dir', {
    type: 'string',
    default: DEFAULT_STATE_DIR,
    requiresArg: true,
    describe: 'Directory of the checkpoint (owner-only); one per environment is simplest',
  }) as unknown as Argv<T & StateFlags>;
}

/**
 * The logger of one command; `secrets` are masked in every line. With
 * `runLog`, it also holds every line for the log file that `openRunLog` starts
 * once the run has an id.
 */
export function loggerFor(
  flags: LogFlags,
  secrets: readonly string[] = [],
  runLog = false,
): Logger {
  const format = flags.logFormat ?? (process.stderr.isTTY ? 'text' : 'json');
  const logger = createLogger({ format, level: flags.logLevel, secrets });
  if (runLog) addRunLog(logger);
  return logger;
}
