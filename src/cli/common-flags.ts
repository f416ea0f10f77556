/**
 * Flags shared by the commands that read inputs and state: logging and the
 * state directory.
 */
import type { Argv } from 'yargs';
import type { LogFormat, LogLevel, Logger } from '../log/logger.js';
import { LOG_FORMATS, LOG_LEVELS, createLogger } from '../log/logger.js';
import { DEFAULT_STATE_DIR } from '../config/defaults.js';
import type { SettingsFlags } from '../config/settings-flags.js';
import { withSettingsFlags } from '../config/settings-flags.js';
import { addRunLog } from '../log/run-log.js';

export { DEFAULT_STATE_DIR } from '../config/defaults.js';

export interface LogFlags {
  logLevel: LogLevel;
  logFormat?: LogFormat;
}

export interface StateFlags extends SettingsFlags {
  /** Resolved: `--state-dir`, else the profile's, else the default. */
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

/**
 * `--state-dir`, with `--config` and `--profile`: every command that keeps
 * state also takes its settings from the config file, resolved in one step
 * before it runs (see src/config).
 */
export function withStateFlags<T>(argv: Argv<T>): Argv<T & StateFlags> {
  // No yargs default: resolution must see whether the flag was given.
  return withSettingsFlags(
    argv.option('state-dir', {
      type: 'string',
      requiresArg: true,
      describe: `Directory of the checkpoint (owner-only); one per environment is simplest (default: the profile's stateDir, else ${DEFAULT_STATE_DIR})`,
    }),
  ) as unknown as Argv<T & StateFlags>;
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
